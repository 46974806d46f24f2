/// The Schulze method (Condorcet), with winning-votes strengths.
///
/// `d[a][b]` counts voters who rank a above b (a ranked candidate is above every unranked one;
/// two unranked candidates are level). A path's strength is its weakest link, a link a→b counting
/// `d[a][b]` when `d[a][b] > d[b][a]` and nothing otherwise. Candidates are ordered by how many
/// others they beat by strongest path; the winner is a candidate no one beats. Several potential
/// winners are ordered by lot (``TieBreaker``), reported in `ties`.
public func schulze(_ ballots: BallotSet, tieBreaker: TieBreaker) throws(TallyError) -> TallyResult {
    try ballots.check()
    let n = ballots.candidates.count
    var d = [Int64](repeating: 0, count: n * n)
    // For each ranked candidate a: a is above every candidate not ranked before it (the later
    // ranked and the unranked). Add w across a's row, then take it back from a itself and from
    // those ranked above it: n additions in a row (vectorizable) instead of a search per pair.
    d.withUnsafeMutableBufferPointer { d in
        ballots.preferences.withUnsafeBufferPointer { prefs in
            for b in 0..<ballots.count {
                let w = ballots.weights[b]
                let s = ballots.starts[b]
                let e = ballots.starts[b + 1]
                guard e > s else { continue }
                for i in s..<e {
                    let row = Int(prefs[i]) * n
                    for x in 0..<n { d[row + x] &+= w }
                    for j in s...i { d[row + Int(prefs[j])] &-= w }
                }
            }
        }
    }
    var p = [Int64](repeating: 0, count: n * n)
    for i in 0..<n {
        for j in 0..<n where i != j && d[i * n + j] > d[j * n + i] { p[i * n + j] = d[i * n + j] }
    }
    for i in 0..<n {
        for j in 0..<n where i != j {
            let pji = p[j * n + i]
            guard pji > 0 else { continue }
            for k in 0..<n where k != i && k != j {
                let via = min(pji, p[i * n + k])
                if via > p[j * n + k] { p[j * n + k] = via }
            }
        }
    }
    let names = ballots.candidates
    let wins = (0..<n).map { a in (0..<n).filter { b in a != b && p[a * n + b] > p[b * n + a] }.count }
    let unbeaten = (0..<n).filter { a in (0..<n).allSatisfy { b in a == b || p[a * n + b] >= p[b * n + a] } }
    var ties: [TieBreak] = []
    let lot = tieBreaker.order(names)
    let lotIndex = Dictionary(uniqueKeysWithValues: lot.enumerated().map { ($1, $0) })
    let order = (0..<n).sorted { a, b in wins[a] != wins[b] ? wins[a] > wins[b] : lotIndex[names[a]]! < lotIndex[names[b]]! }
    let winner = unbeaten.min { lotIndex[names[$0]]! < lotIndex[names[$1]]! } ?? order[0]
    if unbeaten.count > 1 {
        ties.append(TieBreak(round: 0, decision: "winner", among: unbeaten.map { names[$0] }, chosen: names[winner], rule: "lot"))
    }
    var result = TallyResult(method: "schulze", winners: [names[winner]])
    result.ballots = ballots.totalWeight
    result.ties = ties
    result.ranking = [names[winner]] + order.filter { $0 != winner }.map { names[$0] }
    var pairwise: [String: [String: Int64]] = [:]
    var paths: [String: [String: Int64]] = [:]
    for a in 0..<n {
        for b in 0..<n where a != b {
            pairwise[names[a], default: [:]][names[b]] = d[a * n + b]
            paths[names[a], default: [:]][names[b]] = p[a * n + b]
        }
    }
    result.pairwise = pairwise
    result.strongestPaths = paths
    return result
}
