/// How a member attends a general assembly.
public enum Presence: String, Sendable, Codable, CaseIterable {
    /// In the room, checked in by a steward or teller from the member's code.
    case inPerson = "in_person"
    /// Online, checked in by the member themselves while the assembly is open.
    case online

    /// The word members read.
    public var label: String {
        switch self {
        case .inPerson: "in person"
        case .online: "online"
        }
    }
}

/// The attendance and written proxies of one general assembly, and the rules that change them.
///
/// - A member attends in person or online, once.
/// - A member who is not present may give one written proxy to another member, who may hold at
///   most ``proxyCap`` of them. There are no chains: a member who gave a proxy cannot hold one,
///   and a member who holds one cannot give theirs.
/// - A proxy is revocable, and is cancelled when its giver checks in.
/// - Quorum counts the members present plus the absent members represented by a present holder;
///   nobody is counted twice (see ``count``).
/// - A member present may leave (``checkOut(_:through:proxyTo:)``): through the channel they came
///   by, at most once per arrival. They are no longer present, so an item opened later neither
///   counts them nor lets them vote, unless they give a written proxy to a present member as they
///   leave. The proxies they hold leave with them: their givers are no longer represented while the
///   holder is away. A member who left may check in again (see ``left``).
///
/// The store loads a roll, asks it to change, and writes what changed, so these rules live here
/// only. `Member` is the membership's identifier (a UUID in the store; anything hashable in tests).
public struct AssemblyRoll<Member: Hashable & Sendable>: Sendable, Equatable {
    /// The members who may attend, vote and give or hold proxies.
    public let eligible: Set<Member>
    /// The most proxies one member may hold (the governed policy, bounded by ``AssemblyRules``).
    public let proxyCap: Int
    /// Who is present, and how.
    public private(set) var present: [Member: Presence]
    /// The proxies in force: giver to holder.
    public private(set) var proxies: [Member: Member]
    /// The members who checked in and then left, and have not checked in again (the store keeps
    /// every arrival and departure; the rules need only the latest).
    public private(set) var left: Set<Member>

    /// A roll as stored (not checked: the store only ever wrote it through these rules).
    public init(
        eligible: Set<Member>, proxyCap: Int, present: [Member: Presence] = [:], proxies: [Member: Member] = [:],
        left: Set<Member> = []
    ) {
        self.eligible = eligible
        self.proxyCap = max(0, proxyCap)
        self.present = present
        self.proxies = proxies
        self.left = left.subtracting(present.keys)
    }

    /// The members whose proxies `holder` holds.
    public func givers(heldBy holder: Member) -> [Member] {
        proxies.compactMap { $0.value == holder ? $0.key : nil }
    }

    /// How many proxies `holder` holds.
    public func proxyCount(heldBy holder: Member) -> Int {
        proxies.values.reduce(0) { $1 == holder ? $0 + 1 : $0 }
    }

    /// Checks `member` in. A proxy they had given is cancelled; its holder is returned so that
    /// the store can say so.
    @discardableResult
    public mutating func checkIn(_ member: Member, as presence: Presence) throws(CoopError) -> Member? {
        guard eligible.contains(member) else {
            throw .forbidden("Only members with a vote at this assembly can be checked in.")
        }
        if let already = present[member] {
            throw .conflict(Words("This member is already checked in (%s).", .notice(already.words)))
        }
        present[member] = presence
        left.remove(member)
        return proxies.removeValue(forKey: member)
    }

    /// Records a written proxy from `giver` to `holder`.
    public mutating func giveProxy(from giver: Member, to holder: Member) throws(CoopError) {
        guard eligible.contains(giver) else {
            throw .forbidden("Only members with a vote at this assembly can give a proxy.")
        }
        guard eligible.contains(holder) else {
            throw .invalid("A proxy can only go to another member with a vote at this assembly.")
        }
        guard giver != holder else { throw .invalid("A proxy goes to another member, not to yourself.") }
        guard present[giver] == nil else {
            throw .conflict("You are checked in: vote yourself; a proxy is for a member who cannot attend.")
        }
        guard proxies[giver] == nil else {
            throw .conflict("You have already given your proxy; revoke it before giving it to someone else.")
        }
        guard proxyCount(heldBy: giver) == 0 else {
            throw .conflict("You hold proxies from other members, so you cannot give yours: proxies do not pass on.")
        }
        guard proxies[holder] == nil else {
            throw .conflict("That member has given their own proxy, so they cannot hold one: proxies do not pass on.")
        }
        guard proxyCount(heldBy: holder) < proxyCap else {
            throw .conflict(
                Words.count(
                    "That member already holds %d proxy, the most the co-op allows.",
                    "That member already holds %d proxies, the most the co-op allows.", proxyCap))
        }
        proxies[giver] = holder
    }

    /// Revokes the proxy `giver` gave; returns its holder.
    @discardableResult
    public mutating func revokeProxy(of giver: Member) throws(CoopError) -> Member {
        guard let holder = proxies.removeValue(forKey: giver) else {
            throw .conflict("There is no proxy of yours to revoke.")
        }
        return holder
    }

    /// Whose votes `member` casts on an item: their own if present, and those of the absent members
    /// whose proxies they hold. Empty if they are not present.
    public func votes(castBy member: Member) -> [Member] {
        guard present[member] != nil else { return [] }
        return [member] + givers(heldBy: member)
    }

    /// The attendance as quorum counts it now.
    public var count: AttendanceCount {
        var inPerson = 0
        var online = 0
        for p in present.values {
            if p == .inPerson { inPerson += 1 } else { online += 1 }
        }
        // A proxy counts when its holder is present and its giver is not (a giver who arrived has
        // no proxy any more; the check keeps a stored oddity from counting anyone twice).
        let represented = Set(proxies.compactMap { giver, holder in present[holder] != nil && present[giver] == nil ? giver : nil })
        return AttendanceCount(eligible: eligible.count, inPerson: inPerson, online: online, byProxy: represented.count)
    }
}

/// Attendance as quorum counts it, snapshotted when an agenda item opens for voting.
public struct AttendanceCount: Sendable, Equatable, Codable {
    /// Members with a vote at the assembly.
    public let eligible: Int
    /// Members checked in in person.
    public let inPerson: Int
    /// Members checked in online.
    public let online: Int
    /// Absent members represented by a present holder of their proxy.
    public let byProxy: Int

    /// Creates a count.
    public init(eligible: Int, inPerson: Int, online: Int, byProxy: Int) {
        self.eligible = eligible
        self.inPerson = inPerson
        self.online = online
        self.byProxy = byProxy
    }

    /// Members present, in person or online.
    public var present: Int { inPerson + online }
    /// Members counted toward quorum: present plus represented.
    public var counted: Int { present + byProxy }

    /// Whether the count reaches `quorum` of the eligible members, as votes count it:
    /// `counted × 10000 ≥ quorum × eligible`.
    public func meets(_ quorum: Fraction) -> Bool {
        product(Int64(counted), 10_000, atLeast: quorum.basisPoints, Int64(eligible))
    }
}

extension AssemblyRoll {
    /// The members whose votes count on an item opened now: every present member, and every
    /// absent member whose proxy a present member holds. Frozen with the count when the item opens.
    public var voters: Set<Member> { Set(present.keys.flatMap { votes(castBy: $0) }) }
}

extension AssemblyRoll {
    /// What leaving changed, for the store to write and say.
    public struct Departure: Sendable, Equatable {
        /// How the member had attended.
        public let presence: Presence
        /// The members whose proxies they hold and take away: no longer represented while they
        /// are away.
        public let carried: Set<Member>
        /// The present member they gave a written proxy to as they left, if any.
        public let proxyTo: Member?

        /// Creates a departure.
        public init(presence: Presence, carried: Set<Member>, proxyTo: Member?) {
            self.presence = presence
            self.carried = carried
            self.proxyTo = proxyTo
        }
    }

    /// Checks `member` out: they leave the assembly. `channel` is how the check-out came: at the
    /// desk (`.inPerson`: a steward or teller typed their code) or from their own page (`.online`);
    /// it must be how they attend. If `holder` is given, the member leaves a written proxy with
    /// that present member, by the rules of ``giveProxy(from:to:)`` (the cap, no chains), so
    /// their vote still counts on items opened later. A refused check-out changes nothing.
    @discardableResult
    public mutating func checkOut(_ member: Member, through channel: Presence, proxyTo holder: Member? = nil) throws(CoopError)
        -> Departure
    {
        guard eligible.contains(member) else {
            throw .forbidden("Only members with a vote at this assembly can be checked out.")
        }
        guard let presence = present[member] else {
            throw left.contains(member)
                ? .conflict("This member has already left the assembly; they can check in again if they come back.")
                : .conflict("This member is not checked in, so they cannot leave.")
        }
        guard presence == channel else {
            throw presence == .inPerson
                ? .conflict(
                    "This member is checked in in the room: they check out at the desk, where a steward or teller types their code.")
                : .conflict("This member is checked in online: they check out themselves, from the assembly's page.")
        }
        var next = self
        next.present[member] = nil
        next.left.insert(member)
        if let holder {
            guard present[holder] != nil, holder != member else {
                throw .conflict("A proxy given on leaving goes to another member who is present.")
            }
            try next.giveProxy(from: member, to: holder)
        }
        self = next
        return Departure(presence: presence, carried: Set(givers(heldBy: member)), proxyTo: holder)
    }

    /// Refuses unless `member` is in the room: a teller hands out and enters paper ballots only
    /// while checked in in person, so one who left (or came back online) cannot.
    public func checkInRoom(_ member: Member) throws(CoopError) {
        guard present[member] == .inPerson else {
            throw .forbidden("A teller hands out and enters paper ballots only while checked in in the room.")
        }
    }
}
