/// Yes / no / abstain with a quorum and a threshold.
///
/// - Quorum: the share of eligible members who cast a ballot, abstentions included, must reach
///   the quorum: `ballots × 10000 ≥ quorum × eligible`.
/// - Threshold: abstentions do not count toward it. The proposal passes when the quorum is met
///   and yes is strictly more than the threshold's share of yes + no:
///   `yes × 10000 > threshold × (yes + no)`. So 50% means a simple majority (a tie fails), and
///   66.66% means two thirds or more.
public struct MajorityOutcome: Sendable, Equatable, Codable {
    /// Yes votes.
    public let yes: Int64
    /// No votes.
    public let no: Int64
    /// Abstentions: they count toward the quorum, not the threshold.
    public let abstain: Int64
    /// Members eligible to vote.
    public let eligible: Int64
    /// Whether `(yes + no + abstain) × 10000 ≥ quorum × eligible`.
    public let quorumMet: Bool
    /// Whether `yes × 10000 > threshold × (yes + no)`; false when nobody voted yes or no.
    public let thresholdMet: Bool

    /// Whether the proposal passed: quorum and threshold both met.
    public var passed: Bool { quorumMet && thresholdMet }

    /// Counts the votes against the quorum and threshold (in basis points); sums that overflow count as `Int64.max`.
    public init(yes: Int64, no: Int64, abstain: Int64, eligible: Int64, quorum: Fraction, threshold: Fraction) {
        self.yes = yes
        self.no = no
        self.abstain = abstain
        self.eligible = eligible
        let (cast, o1) = yes.addingReportingOverflow(no)
        let (all, o2) = cast.addingReportingOverflow(abstain)
        let counted = o1 || o2 ? Int64.max : all
        let decided = o1 ? Int64.max : cast
        quorumMet = product(counted, 10_000, atLeast: quorum.basisPoints, eligible)
        thresholdMet = decided > 0 && !product(threshold.basisPoints, decided, atLeast: yes, 10_000)
    }

    /// As a tally result (`winners` is `["yes"]` when passed, `["no"]` otherwise).
    public var result: TallyResult {
        var r = TallyResult(method: "majority", winners: [passed ? "yes" : "no"])
        r.totals = ["yes": yes, "no": no, "abstain": abstain]
        r.ballots = yes + no + abstain
        return r
    }
}

/// Whether a × b ≥ c × d, in 128 bits: no count, share or number of members can overflow it.
func product(_ a: Int64, _ b: Int64, atLeast c: Int64, _ d: Int64) -> Bool {
    let left = a.multipliedFullWidth(by: b)
    let right = c.multipliedFullWidth(by: d)
    return (left.high, left.low) >= (right.high, right.low)
}

/// Approval voting: each ballot approves any number of candidates; the most approved win.
/// Ties for the last seat are broken by lot.
public func approval(_ ballots: BallotSet, seats: Int = 1, tieBreaker: TieBreaker) throws(TallyError) -> TallyResult {
    try ballots.check()
    let n = ballots.candidates.count
    guard seats >= 1, seats <= n else { throw .badSeats(seats: seats, candidates: n) }
    var totals = [Int64](repeating: 0, count: n)
    for b in 0..<ballots.count {
        for c in ballots.ranking(b) { totals[Int(c)] += ballots.weights[b] }
    }
    return ranked(totals, method: "approval", seats: seats, names: ballots.candidates, ballots: ballots.totalWeight, tieBreaker: tieBreaker)
}

/// Score voting: each ballot gives each candidate a score from 0 to `maxScore` (unscored: 0);
/// the highest totals win. Ties for the last seat are broken by lot.
public func score(_ ballots: [ScoreBallot], candidates: [String], maxScore: Int64, seats: Int = 1, tieBreaker: TieBreaker)
    throws(TallyError) -> TallyResult
{
    try TallyLimits.check(candidates: candidates)
    let n = candidates.count
    guard seats >= 1, seats <= n else { throw .badSeats(seats: seats, candidates: n) }
    guard maxScore >= 1 else { throw .badScore(Words("the highest score must be at least 1, not %s", .text(String(maxScore)))) }
    let voters = try TallyLimits.total(weights: ballots.lazy.map(\.weight))
    var totals = [Int64](repeating: 0, count: n)
    for ballot in ballots {
        for (c, s) in ballot.scores {
            guard c >= 0, c < n else { throw .badScore(Words("candidate index %s", .text(String(c)))) }
            guard (0...maxScore).contains(s) else {
                throw .badScore(Words("%1$s is outside 0..%2$s", .text(String(s)), .text(String(maxScore))))
            }
            let (points, o1) = s.multipliedReportingOverflow(by: ballot.weight)
            let (sum, o2) = totals[c].addingReportingOverflow(points)
            guard !o1, !o2 else { throw .badScore(Words("the scores' total passes what a count can hold")) }
            totals[c] = sum
        }
    }
    return ranked(totals, method: "score", seats: seats, names: candidates, ballots: voters, tieBreaker: tieBreaker)
}

/// One score ballot: candidate index to score, and how many voters cast it.
public struct ScoreBallot: Sendable, Equatable {
    /// Score per candidate index, 0 to the highest score; an index left out scores 0.
    public var scores: [Int: Int64]
    /// How many voters cast this ballot, 1 by default.
    public var weight: Int64

    /// Creates a score ballot standing for `weight` voters.
    public init(scores: [Int: Int64], weight: Int64 = 1) {
        self.scores = scores
        self.weight = weight
    }
}

private func ranked(_ totals: [Int64], method: String, seats: Int, names: [String], ballots: Int64, tieBreaker: TieBreaker)
    -> TallyResult
{
    let lot = Dictionary(uniqueKeysWithValues: tieBreaker.order(names).enumerated().map { ($1, $0) })
    let order = names.indices.sorted { a, b in totals[a] != totals[b] ? totals[a] > totals[b] : lot[names[a]]! < lot[names[b]]! }
    var result = TallyResult(method: method, winners: order.prefix(seats).map { names[$0] })
    result.totals = Dictionary(uniqueKeysWithValues: names.indices.map { (names[$0], totals[$0]) })
    result.ranking = order.map { names[$0] }
    result.ballots = ballots
    // A tie that straddles the last seat was decided by lot.
    if seats < names.count {
        let edge = totals[order[seats - 1]]
        let tied = order.filter { totals[$0] == edge }
        if tied.count > 1 && totals[order[seats]] == edge {
            result.ties.append(
                TieBreak(round: 0, decision: "winner", among: tied.map { names[$0] }, chosen: names[order[seats - 1]], rule: "lot"))
        }
    }
    return result
}
