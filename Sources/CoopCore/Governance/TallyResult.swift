/// The outcome of a count, in the shape `coop tally` prints and the result page shows.
public struct TallyResult: Sendable, Equatable, Codable {
    /// The counting method (`irv`, `stv`, `schulze`...).
    public var method: String
    /// Winners in order of election.
    public var winners: [String]
    /// Round by round, for round-based methods (IRV, STV); empty otherwise.
    public var rounds: [TallyRound] = []
    /// Every tie that had to be broken, how, and what was chosen.
    public var ties: [TieBreak] = []
    /// The quota (STV), as a decimal.
    public var quota: String?
    /// Totals per candidate for single-round methods (approval, score), or per option (majority).
    public var totals: [String: Int64]?
    /// The number of voters counted.
    public var ballots: Int64 = 0
    /// Pairwise preferences (Schulze): `pairwise[a][b]` voters prefer a to b.
    public var pairwise: [String: [String: Int64]]?
    /// Strongest path strengths (Schulze).
    public var strongestPaths: [String: [String: Int64]]?
    /// The full order, best first, where the method gives one (Schulze, approval, score).
    public var ranking: [String]?

    /// A result with the method and winners only; the other fields empty or nil, `ballots` 0.
    public init(method: String, winners: [String]) {
        self.method = method
        self.winners = winners
    }
}

/// One round (stage) of a count.
public struct TallyRound: Sendable, Equatable, Codable {
    /// Votes of every candidate continuing at the start of the round, as decimals (whole numbers for IRV).
    public var tally: [String: String]
    /// Candidates elected in this round.
    public var elected: [String] = []
    /// Candidates eliminated (excluded) in this round.
    public var eliminated: [String] = []
    /// The candidate whose surplus is transferred after this round (STV).
    public var transferred: String?
    /// Votes no longer with any continuing or elected candidate, as a decimal.
    public var exhausted: String

    /// A round with its tally and exhausted votes; nobody elected, eliminated or transferred yet.
    public init(tally: [String: String], exhausted: String) {
        self.tally = tally
        self.exhausted = exhausted
    }
}

/// A tie and how it was broken.
public struct TieBreak: Sendable, Equatable, Codable {
    /// The round it happened in (1-based; 0 for single-round methods).
    public var round: Int
    /// What was being decided: `eliminate`, `elect`, `surplus-order`, `winner`.
    public var decision: String
    /// The tied candidates.
    public var among: [String]
    /// The one the rule chose.
    public var chosen: String
    /// The rule: `earlier-round` (totals at the earliest round where they differed) or `lot`.
    public var rule: String
}
