/// Options of a single transferable vote count.
public struct STVOptions: Sendable, Equatable {
    /// Seats to fill.
    public var seats: Int
    /// Decimal places of vote values; transfer values are truncated to these (Scottish rules: 5).
    public var decimals: Int
    /// Meek's method instead of the Scottish weighted inclusive Gregory method.
    public var meek: Bool
    /// Seats reserved for groups of candidates (Scottish rules only).
    public var reservations: [Reservation]

    /// Options for `seats` seats; by default Scottish rules, 5 decimals, no reservations. `decimals` must be 0 to 9.
    public init(seats: Int, decimals: Int = 5, meek: Bool = false, reservations: [Reservation] = []) {
        self.seats = seats
        self.decimals = decimals
        self.meek = meek
        self.reservations = reservations
    }
}

/// Single transferable vote, by default under the Scottish STV rules (the Scottish Local
/// Government Elections Order 2007, rules 45-52):
///
/// - The quota is the Droop quota: ⌊valid ballots / (seats + 1)⌋ + 1.
/// - A candidate whose votes reach the quota is elected. Surpluses are transferred one per stage,
///   largest first: every ballot paper of the elected candidate passes to its next continuing
///   preference at its current value × surplus ÷ the candidate's total, truncated to `decimals`
///   places (weighted inclusive Gregory). Papers with no continuing preference are non-transferable.
/// - With no surplus to transfer, the candidate with the fewest votes is excluded and their papers
///   pass on at their current value.
/// - When the continuing candidates are as many as the seats left, they are elected.
/// - Ties (largest surplus, lowest candidate) go by the totals at the earliest stage where the tied
///   candidates differed, then by lot (``TieBreaker``).
///
/// Reserved seats (``Reservation``), when given, add two rules:
/// - *Doomed*: a candidate whose election would leave fewer seats than the reserved seats still
///   unfilled is not elected; when the seats left equal the reserved seats unfilled, every
///   continuing candidate outside a group still short of seats is excluded at once, and their
///   papers pass on at their current value.
/// - *Guarded*: a group's continuing candidates are not excluded while they are no more than the
///   seats the group still needs; the lowest candidate outside them is excluded instead.
public func singleTransferableVote(_ ballots: BallotSet, options: STVOptions, tieBreaker: TieBreaker) throws(TallyError)
    -> TallyResult
{
    try ballots.check()
    let n = ballots.candidates.count
    guard options.seats >= 1, options.seats <= n else { throw .badSeats(seats: options.seats, candidates: n) }
    guard (0...9).contains(options.decimals) else { throw .unsupported(Words("decimals must be 0..9")) }
    var reserved = try SeatReservations(options.reservations, candidates: ballots.candidates, seats: options.seats)
    if options.meek {
        guard reserved.isEmpty else { throw .unsupported(Words("reserved seats are counted under the Scottish rules, not Meek's")) }
        return try meekSTV(ballots, seats: options.seats, tieBreaker: tieBreaker)
    }
    var scale: Int64 = 1
    for _ in 0..<options.decimals { scale *= 10 }
    let names = ballots.candidates
    let valid = ballots.weights.indices.filter { ballots.starts[$0 + 1] > ballots.starts[$0] }.reduce(Int64(0)) {
        $0 + ballots.weights[$1]
    }
    let quota = (valid / Int64(options.seats + 1) + 1) * scale

    enum State { case continuing, elected, excluded }
    var state = [State](repeating: .continuing, count: n)
    // A parcel: ballot b, its position, and the value of each of its weight's papers.
    struct Parcel {
        var ballot: Int32
        var position: Int32
        var value: Int64
    }
    var piles = [[Parcel]](repeating: [], count: n)
    var tally = [Int64](repeating: 0, count: n)
    var exhausted: Int64 = 0
    let prefs = ballots.preferences
    let starts = ballots.starts
    let weights = ballots.weights

    func place(_ parcel: Parcel, _ piles: inout [[Parcel]], _ tally: inout [Int64], _ exhausted: inout Int64) {
        var parcel = parcel
        let b = Int(parcel.ballot)
        var p = starts[b] + Int(parcel.position)
        let end = starts[b + 1]
        while p < end {
            let c = Int(prefs[p])
            if state[c] == .continuing {
                parcel.position = Int32(p - starts[b])
                piles[c].append(parcel)
                tally[c] += parcel.value * weights[b]
                return
            }
            p += 1
        }
        exhausted += parcel.value * weights[b]
    }

    // An excluded candidate's papers pass on at their current value.
    func exclude(_ out: Int) {
        state[out] = .excluded
        let papers = piles[out]
        piles[out] = []
        tally[out] = 0
        for var parcel in papers {
            parcel.position += 1
            place(parcel, &piles, &tally, &exhausted)
        }
    }

    for b in 0..<ballots.count { place(Parcel(ballot: Int32(b), position: 0, value: scale), &piles, &tally, &exhausted) }
    var result = TallyResult(method: "stv", winners: [])
    result.ballots = ballots.totalWeight
    result.quota = Money.format(quota, digits: options.decimals)
    var ties: [TieBreak] = []
    var history: [[Int64]] = []
    var pendingSurplus: [Int] = []
    var round = 0
    func decimal(_ v: Int64) -> String { Money.format(v, digits: options.decimals) }

    while result.winners.count < options.seats {
        round += 1
        var r = TallyRound(tally: [:], exhausted: decimal(exhausted))
        for c in 0..<n where state[c] == .continuing { r.tally[names[c]] = decimal(tally[c]) }
        // Elect everyone at or over the quota, highest first.
        var reached = (0..<n).filter { state[$0] == .continuing && tally[$0] >= quota }
        while !reached.isEmpty {
            let high = reached.map { tally[$0] }.max()!
            let top = tieBreaker.pick(
                reached.filter { tally[$0] == high }, history: history, lowest: false, names: names, round: round,
                decision: "elect", ties: &ties)
            reached.removeAll { $0 == top }
            if reserved.blocked(top, seatsLeft: options.seats - result.winners.count) { continue }  // doomed, below
            reserved.elected(top)
            state[top] = .elected
            r.elected.append(names[top])
            result.winners.append(names[top])
            if tally[top] > quota { pendingSurplus.append(top) }
        }
        let continuing = (0..<n).filter { state[$0] == .continuing }
        if result.winners.count < options.seats && continuing.count <= options.seats - result.winners.count {
            // As many continuing candidates as seats left: they are elected, highest first.
            let order = continuing.sorted { tally[$0] > tally[$1] }
            for c in order {
                reserved.elected(c)
                state[c] = .elected
                r.elected.append(names[c])
                result.winners.append(names[c])
            }
        }
        if result.winners.count >= options.seats {
            result.rounds.append(r)
            break
        }
        let seatsLeft = options.seats - result.winners.count
        let doomed = reserved.isEmpty || seatsLeft > reserved.totalNeeded ? [] : continuing.filter { !reserved.fillsReserved($0) }
        if !doomed.isEmpty {
            // The seats left are all reserved: everyone who cannot fill one is excluded together.
            r.eliminated = doomed.map { names[$0] }
            result.rounds.append(r)
            history.append(tally)
            for out in doomed { exclude(out) }
        } else if !pendingSurplus.isEmpty {
            let surpluses = pendingSurplus.map { tally[$0] - quota }
            let largest = surpluses.max()!
            let from = tieBreaker.pick(
                pendingSurplus.filter { tally[$0] - quota == largest }, history: history, lowest: false, names: names,
                round: round, decision: "surplus-order", ties: &ties)
            pendingSurplus.removeAll { $0 == from }
            r.transferred = names[from]
            result.rounds.append(r)
            history.append(tally)
            let total = tally[from]
            let surplus = total - quota
            let papers = piles[from]
            piles[from] = []
            tally[from] = quota
            for var parcel in papers {
                // value × surplus ÷ total, truncated: full-width so large counts cannot overflow.
                let product = parcel.value.multipliedFullWidth(by: surplus)
                parcel.value = total.dividingFullWidth(product).quotient
                parcel.position += 1
                if parcel.value > 0 { place(parcel, &piles, &tally, &exhausted) }
            }
        } else {
            let guarded = reserved.guarded(continuing: continuing)
            let open = continuing.filter { !guarded.contains($0) }
            let low = open.map { tally[$0] }.min()!
            let out = tieBreaker.pick(
                open.filter { tally[$0] == low }, history: history, lowest: true, names: names, round: round,
                decision: "eliminate", ties: &ties)
            r.eliminated = [names[out]]
            result.rounds.append(r)
            history.append(tally)
            exclude(out)
        }
    }
    result.ties = ties
    return result
}
