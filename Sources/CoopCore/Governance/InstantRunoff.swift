/// Instant-runoff voting (single winner).
///
/// Each round counts every ballot for its highest-ranked continuing candidate. A candidate with
/// more than half of the continuing (non-exhausted) ballots wins; otherwise the candidate with the
/// fewest votes is eliminated, one per round, and their ballots move to their next continuing
/// preference. Ties for elimination go to the candidate with fewer votes at the earliest round
/// where the tied candidates differed, then to the lot (``TieBreaker``). When one candidate is
/// left, they win.
public func instantRunoff(_ ballots: BallotSet, tieBreaker: TieBreaker) throws(TallyError) -> TallyResult {
    try ballots.check()
    let n = ballots.candidates.count
    var continuing = [Bool](repeating: true, count: n)
    var remaining = n
    // piles[c]: the ballots currently counting for c; position[b]: index into b's ranking.
    var piles = [[Int32]](repeating: [], count: n)
    var position = [Int32](repeating: 0, count: ballots.count)
    var tally = [Int64](repeating: 0, count: n)
    var exhausted: Int64 = 0
    let prefs = ballots.preferences
    let starts = ballots.starts
    let weights = ballots.weights

    /// Moves ballot b to its next continuing preference at or after its position.
    func place(_ b: Int, _ piles: inout [[Int32]], _ tally: inout [Int64], _ exhausted: inout Int64) {
        var p = starts[b] + Int(position[b])
        let end = starts[b + 1]
        while p < end {
            let c = Int(prefs[p])
            if continuing[c] {
                position[b] = Int32(p - starts[b])
                piles[c].append(Int32(b))
                tally[c] += weights[b]
                return
            }
            p += 1
        }
        position[b] = Int32(end - starts[b])
        exhausted += weights[b]
    }

    for b in 0..<ballots.count { place(b, &piles, &tally, &exhausted) }
    var result = TallyResult(method: "irv", winners: [])
    result.ballots = ballots.totalWeight
    var history: [[Int64]] = []
    var ties: [TieBreak] = []
    var round = 0
    while true {
        round += 1
        var r = TallyRound(tally: [:], exhausted: String(exhausted))
        for c in 0..<n where continuing[c] { r.tally[ballots.candidates[c]] = String(tally[c]) }
        let active = tally.indices.filter { continuing[$0] }.reduce(Int64(0)) { $0 + tally[$1] }
        let top = (0..<n).filter { continuing[$0] }.max { tally[$0] < tally[$1] }!
        if remaining == 1 || (active > 0 && tally[top] * 2 > active) {
            r.elected = [ballots.candidates[top]]
            result.winners = [ballots.candidates[top]]
            result.rounds.append(r)
            break
        }
        let low = (0..<n).filter { continuing[$0] }.map { tally[$0] }.min()!
        let tied = (0..<n).filter { continuing[$0] && tally[$0] == low }
        let out = tieBreaker.pick(
            tied, history: history, lowest: true, names: ballots.candidates, round: round, decision: "eliminate", ties: &ties)
        r.eliminated = [ballots.candidates[out]]
        result.rounds.append(r)
        history.append(tally)
        continuing[out] = false
        remaining -= 1
        let moving = piles[out]
        piles[out] = []
        tally[out] = 0
        for b in moving {
            position[Int(b)] += 1
            place(Int(b), &piles, &tally, &exhausted)
        }
    }
    result.ties = ties
    return result
}
