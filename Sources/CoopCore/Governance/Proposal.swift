/// Where a proposal stands.
public enum ProposalStatus: String, Sendable, Codable, CaseIterable {
    /// Members discuss it; voting has not opened.
    case discussion
    /// Voting is open.
    case voting
    /// Counted and passed; waits for its timelock before it is enacted.
    case passed
    /// Counted and not passed (quorum or threshold not met).
    case failed
    /// Passed and carried out on the platform.
    case enacted
    /// Passed, but could not be carried out when its time came (for example a policy value now out
    /// of bounds after a bylaw change); the reason is recorded.
    case notEnacted = "not_enacted"
}

/// What a proposal asks for. Executable kinds change the platform when enacted.
public enum ProposalPayload: Sendable, Equatable, Codable {
    /// Set a governed policy to a new value (written as in the bylaws: `8%`, `16.00`, an option).
    case policyChange(policy: String, value: String)
    /// A non-binding decision or co-design idea; with a method other than majority, the options.
    case general(options: [String])
    /// Board election: seats and the members standing (by membership id).
    case election(seats: Int, candidates: [String])
    /// Admit an applicant to a class whose admission rule is a member vote.
    case admission(membership: String)
    /// Pay an amount from the co-op's cash to a payee, posted to the ledger on enactment.
    case budget(amountMinorUnits: Int64, payee: String, memo: String)
    /// Replace the bylaws with a new version (the whole text, validated as a bylaws file).
    case bylawAmendment(text: String)
    /// Approve a closed fiscal period's surplus allocation (by number), posted to the ledger on
    /// enactment. Decided under the budget rules: it spends the surplus.
    case surplusAllocation(period: Int)

    /// The kind of proposal this payload is.
    public var kind: ProposalKind {
        switch self {
        case .policyChange: .policyChange
        case .general: .general
        case .election: .election
        case .admission: .admission
        case .budget: .budget
        case .bylawAmendment: .bylawAmendment
        case .surplusAllocation: .budget
        }
    }
}

/// What a ballot says, by method.
public enum BallotContent: Sendable, Equatable, Codable {
    /// yes, no or abstain.
    case choice(String)
    /// The approved options.
    case approvals([String])
    /// A score per option.
    case scores([String: Int64])
    /// Options in order of preference (IRV, STV, Schulze).
    case ranking([String])

    /// Checks the ballot against the proposal's method and options; the reason when it is invalid.
    public func problem(method: VotingMethod, options: [String], maxScore: Int64) -> String? {
        problemWords(method: method, options: options, maxScore: maxScore)?.english
    }

    /// The reason the ballot is invalid, as words to write in the voter's language; nil when it is valid.
    public func problemWords(method: VotingMethod, options: [String], maxScore: Int64) -> Words? {
        let known = Set(options)
        switch (method, self) {
        case (.majority, .choice(let c)):
            return ["yes", "no", "abstain"].contains(c) ? nil : Words("'%s' is not yes, no or abstain", .text(c))
        case (.approval, .approvals(let a)):
            if let bad = a.first(where: { !known.contains($0) }) { return Words("'%s' is not an option", .text(bad)) }
            return Set(a).count == a.count ? nil : Words("an option is approved twice")
        case (.score, .scores(let s)):
            if let bad = s.keys.first(where: { !known.contains($0) }) { return Words("'%s' is not an option", .text(bad)) }
            if let (o, v) = s.first(where: { !(0...maxScore).contains($0.value) }) {
                return Words("the score %1$s for '%2$s' is outside 0..%3$s", .text("\(v)"), .text(o), .text("\(maxScore)"))
            }
            return nil
        case (.irv, .ranking(let r)), (.stv, .ranking(let r)), (.schulze, .ranking(let r)):
            if let bad = r.first(where: { !known.contains($0) }) { return Words("'%s' is not an option", .text(bad)) }
            return Set(r).count == r.count ? nil : Words("an option is ranked twice")
        default:
            return Words("this ballot does not fit the %s method", .notice(method.words))
        }
    }
}

/// The rules of a vote, frozen into the proposal when voting opens.
public struct FrozenRules: Sendable, Equatable, Codable {
    /// The kind's rules as they stood when voting opened: method, quorum, threshold, timings, ballot.
    public let rules: ProposalRules
    /// The options (majority: yes, no, abstain; elections: the candidates' names).
    public let options: [String]
    /// Seats to fill (elections), else 1.
    public let seats: Int
    /// Members eligible to vote when it opened.
    public let eligible: Int64
    /// The seed of the lot that breaks remaining ties (the proposal's id).
    public let seed: String
    /// Highest score (score method).
    public let maxScore: Int64
    /// Seats reserved for groups of candidates (a board's seats reserved per class).
    public let reservations: [Reservation]?

    /// Freezes rules and the vote's facts; `maxScore` is 5 and there are no reservations unless given.
    public init(
        rules: ProposalRules, options: [String], seats: Int, eligible: Int64, seed: String, maxScore: Int64 = 5,
        reservations: [Reservation]? = nil
    ) {
        self.reservations = reservations
        self.rules = rules
        self.options = options
        self.seats = seats
        self.eligible = eligible
        self.seed = seed
        self.maxScore = maxScore
    }
}

/// A proposal's counted result.
public struct ProposalOutcome: Sendable, Equatable, Codable {
    /// The count: winners, totals, rounds and ties broken.
    public let result: TallyResult
    /// Ballots counted (after changes: one per voter).
    public let participation: Int64
    /// Members eligible to vote, frozen when voting opened.
    public let eligible: Int64
    /// Whether the ballots cast reached the quorum's share of the eligible members.
    public let quorumMet: Bool
    /// Whether the threshold was met (majority); for other methods, whether anyone won.
    public let thresholdMet: Bool

    /// Whether the proposal passed: quorum and threshold both met.
    public var passed: Bool { quorumMet && thresholdMet }
}

/// Counts a proposal's ballots under its frozen rules, with the same code `coop tally` uses.
public func countProposal(_ ballots: [BallotContent], rules frozen: FrozenRules) throws(TallyError) -> ProposalOutcome {
    let r = frozen.rules
    try TallyLimits.check(candidates: frozen.options)
    let lot = TieBreaker(seed: frozen.seed)
    let cast = Int64(ballots.count)
    let quorumMet = product(cast, 10_000, atLeast: r.quorum.basisPoints, frozen.eligible)
    switch r.method {
    case .majority:
        var counts: [String: Int64] = ["yes": 0, "no": 0, "abstain": 0]
        for case .choice(let c) in ballots { counts[c, default: 0] += 1 }
        let m = MajorityOutcome(
            yes: counts["yes"]!, no: counts["no"]!, abstain: counts["abstain"]!, eligible: frozen.eligible, quorum: r.quorum,
            threshold: r.threshold)
        return ProposalOutcome(
            result: m.result, participation: cast, eligible: frozen.eligible, quorumMet: m.quorumMet, thresholdMet: m.thresholdMet)
    case .score:
        let index = Dictionary(uniqueKeysWithValues: frozen.options.enumerated().map { ($1, $0) })
        let scoreBallots = ballots.compactMap { b -> ScoreBallot? in
            guard case .scores(let s) = b else { return nil }
            return ScoreBallot(scores: Dictionary(s.compactMap { k, v in index[k].map { ($0, v) } }, uniquingKeysWith: max))
        }
        let result = try reserving(
            score(scoreBallots, candidates: frozen.options, maxScore: frozen.maxScore, seats: frozen.seats, tieBreaker: lot),
            STVOptions(seats: frozen.seats, reservations: frozen.reservations ?? []), frozen.options)
        return ProposalOutcome(result: result, participation: cast, eligible: frozen.eligible, quorumMet: quorumMet, thresholdMet: cast > 0)
    default:
        var set = BallotSet(candidates: frozen.options)
        for b in ballots {
            switch b {
            case .approvals(let names), .ranking(let names): try set.append(names: names)
            default: continue
            }
        }
        let result = try countBallots(
            set, method: r.method, options: STVOptions(seats: frozen.seats, reservations: frozen.reservations ?? []), tieBreaker: lot)
        return ProposalOutcome(result: result, participation: cast, eligible: frozen.eligible, quorumMet: quorumMet, thresholdMet: cast > 0)
    }
}

/// Counts ranked or approval ballots by approval, IRV, STV or Schulze, filling `options.seats`
/// under `options.reservations`: the one path the server and `coop tally` share.
///
/// Reserved seats: STV applies them during the count (``singleTransferableVote(_:options:tieBreaker:)``);
/// approval and Schulze fill the seats down their full order, skipping a candidate whose election
/// would leave too few seats for the reservations not yet filled; instant-runoff (one seat) keeps on
/// the ballots only the candidates who can fill a reserved seat.
public func countBallots(_ set: BallotSet, method: VotingMethod, options: STVOptions, tieBreaker lot: TieBreaker) throws(TallyError)
    -> TallyResult
{
    switch method {
    case .approval: return try reserving(approval(set, seats: options.seats, tieBreaker: lot), options, set.candidates)
    case .irv:
        let state = try SeatReservations(options.reservations, candidates: set.candidates, seats: 1)
        if state.isEmpty { return try instantRunoff(set, tieBreaker: lot) }
        return try instantRunoff(set.keeping(set.candidates.indices.filter(state.fillsReserved)), tieBreaker: lot)
    case .stv: return try singleTransferableVote(set, options: options, tieBreaker: lot)
    case .schulze: return try reserving(schulze(set, tieBreaker: lot), options, set.candidates)
    case .majority, .score: throw .unsupported(Words("%s ballots are not ranked", .notice(method.words)))
    }
}

/// Fills the seats from a method's full order under the reserved seats.
private func reserving(_ result: TallyResult, _ options: STVOptions, _ candidates: [String]) throws(TallyError) -> TallyResult {
    guard !options.reservations.isEmpty, let order = result.ranking else { return result }
    var reserved = result
    reserved.winners = try SeatReservations.fill(order, seats: options.seats, options.reservations, candidates: candidates)
    return reserved
}
