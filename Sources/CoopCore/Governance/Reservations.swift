/// Seats reserved for a group of candidates: at least `seats` of the winners must come from
/// `candidates` (a board's seats reserved for a stakeholder class).
public struct Reservation: Sendable, Equatable, Codable {
    /// The group's name (a class id), for messages.
    public var group: String
    /// Seats the group is guaranteed.
    public var seats: Int
    /// The candidates of the group, by name.
    public var candidates: [String]

    /// Reserves `seats` of the winners for the group's candidates.
    public init(group: String, seats: Int, candidates: [String]) {
        self.group = group
        self.seats = seats
        self.candidates = candidates
    }
}

/// The reservations during a count: which group each candidate is in and how many seats each
/// group still needs.
///
/// A reservation larger than the number of the group's candidates is cut to that number: a seat
/// nobody of the class stands for is an open seat.
struct SeatReservations {
    /// Each candidate's group, or nil.
    let group: [Int?]
    /// Seats each group still needs.
    private(set) var needed: [Int]

    init(_ reservations: [Reservation], candidates names: [String], seats: Int) throws(TallyError) {
        var group = [Int?](repeating: nil, count: names.count)
        var needed: [Int] = []
        for (g, r) in reservations.enumerated() {
            guard r.seats >= 0 else { throw .unsupported(Words("reservation for %s is negative", .text(r.group))) }
            var members = 0
            for name in Set(r.candidates) {
                guard let c = names.firstIndex(of: name) else { throw .unknownCandidate(name) }
                guard group[c] == nil else { throw .unsupported(Words("candidate '%s' is in two reserved groups", .text(name))) }
                group[c] = g
                members += 1
            }
            needed.append(min(r.seats, members))
        }
        guard needed.reduce(0, +) <= seats else {
            throw .unsupported(
                Words("%1$s reserved seats are more than the %2$s to fill", .text(String(needed.reduce(0, +))), .text(String(seats))))
        }
        self.group = group
        self.needed = needed
    }

    var isEmpty: Bool { needed.allSatisfy { $0 == 0 } }
    var totalNeeded: Int { needed.reduce(0, +) }

    /// Whether candidate `c` still fills a seat its group needs.
    func fillsReserved(_ c: Int) -> Bool { group[c].map { needed[$0] > 0 } ?? false }

    /// Whether electing `c` with `seatsLeft` seats to fill would leave too few for the reservations.
    func blocked(_ c: Int, seatsLeft: Int) -> Bool { !fillsReserved(c) && seatsLeft <= totalNeeded }

    mutating func elected(_ c: Int) {
        if let g = group[c], needed[g] > 0 { needed[g] -= 1 }
    }

    /// Candidates who cannot be excluded: the continuing candidates of a group that has no more
    /// continuing candidates than the seats it still needs.
    func guarded(continuing: [Int]) -> Set<Int> {
        var left = [Int](repeating: 0, count: needed.count)
        for c in continuing { if let g = group[c] { left[g] += 1 } }
        return Set(continuing.filter { c in group[c].map { left[$0] <= needed[$0] } ?? false })
    }

    /// Fills `seats` from a full order, best first: each candidate in turn unless electing them
    /// would leave too few seats for the reservations not yet filled.
    static func fill(_ order: [String], seats: Int, _ reservations: [Reservation], candidates names: [String]) throws(TallyError)
        -> [String]
    {
        var state = try SeatReservations(reservations, candidates: names, seats: seats)
        var winners: [String] = []
        for name in order where winners.count < seats {
            guard let c = names.firstIndex(of: name) else { continue }
            if state.blocked(c, seatsLeft: seats - winners.count) { continue }
            state.elected(c)
            winners.append(name)
        }
        return winners
    }
}
