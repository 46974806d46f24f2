/// Meek's method of STV, in fixed point with 9 decimal places (as New Zealand's rules).
///
/// Every candidate has a keep factor: hopefuls 1, excluded 0, elected ones lowered until they
/// keep just the quota. Each ballot gives each candidate in turn the keep factor's share of what
/// is left of it (rounded up), so a ballot's value flows past elected candidates without being
/// fixed at one transfer. The quota is (valid votes − excess) ÷ (seats + 1), plus 10⁻⁹. Keep
/// factors are iterated until the elected candidates' surpluses total less than 10⁻⁵; then a
/// hopeful at the quota is elected, or the lowest hopeful excluded (ties: earlier rounds, then lot).
func meekSTV(_ ballots: BallotSet, seats: Int, tieBreaker: TieBreaker) throws(TallyError) -> TallyResult {
    let n = ballots.candidates.count
    let scale: Int64 = 1_000_000_000
    let names = ballots.candidates
    enum State { case hopeful, elected, excluded }
    var state = [State](repeating: .hopeful, count: n)
    var keep = [Int64](repeating: scale, count: n)
    var votes = [Int64](repeating: 0, count: n)
    var excess: Int64 = 0
    var quota: Int64 = 0
    let prefs = ballots.preferences

    func distribute() {
        for c in 0..<n { votes[c] = 0 }
        excess = 0
        for b in 0..<ballots.count {
            let w = ballots.weights[b]
            var remaining = scale
            var p = ballots.starts[b]
            let end = ballots.starts[b + 1]
            while p < end && remaining > 0 {
                let c = Int(prefs[p])
                p += 1
                let k = keep[c]
                guard k > 0 else { continue }
                let share = k == scale ? remaining : (remaining * k + scale - 1) / scale
                votes[c] += share * w
                remaining -= share
            }
            excess += remaining * w
        }
        let total = votes.reduce(0, +)
        quota = total / Int64(seats + 1) + 1
    }

    var result = TallyResult(method: "stv-meek", winners: [])
    result.ballots = ballots.totalWeight
    var ties: [TieBreak] = []
    var history: [[Int64]] = []
    var round = 0
    while result.winners.count < seats {
        round += 1
        // Converge the keep factors of the elected candidates.
        for _ in 0..<1000 {
            distribute()
            let surplus = (0..<n).filter { state[$0] == .elected }.reduce(Int64(0)) { $0 + max(votes[$1] - quota, 0) }
            if surplus < scale / 100_000 { break }
            for c in 0..<n where state[c] == .elected && votes[c] > 0 {
                // keep × quota ÷ votes, capped at 1: compared in full width first, so a quotient
                // that would not fit in 64 bits (votes far below the quota) cannot trap.
                let product = keep[c].multipliedFullWidth(by: quota)
                let cap = votes[c].multipliedFullWidth(by: scale)
                guard (product.high, product.low) < (cap.high, cap.low) else {
                    keep[c] = scale
                    continue
                }
                let (q, r) = votes[c].dividingFullWidth(product)
                keep[c] = min(scale, q + (r > 0 ? 1 : 0))
            }
        }
        var r = TallyRound(tally: [:], exhausted: Money.format(excess, digits: 9))
        for c in 0..<n where state[c] != .excluded { r.tally[names[c]] = Money.format(votes[c], digits: 9) }
        var reached = (0..<n).filter { state[$0] == .hopeful && votes[$0] >= quota }
        while !reached.isEmpty && result.winners.count < seats {
            let high = reached.map { votes[$0] }.max()!
            let top = tieBreaker.pick(
                reached.filter { votes[$0] == high }, history: history, lowest: false, names: names, round: round,
                decision: "elect", ties: &ties)
            reached.removeAll { $0 == top }
            state[top] = .elected
            r.elected.append(names[top])
            result.winners.append(names[top])
        }
        let hopeful = (0..<n).filter { state[$0] == .hopeful }
        if result.winners.count < seats && hopeful.count <= seats - result.winners.count {
            for c in hopeful.sorted(by: { votes[$0] > votes[$1] }) {
                state[c] = .elected
                r.elected.append(names[c])
                result.winners.append(names[c])
            }
        }
        if r.elected.isEmpty && result.winners.count < seats {
            let low = hopeful.map { votes[$0] }.min()!
            let out = tieBreaker.pick(
                hopeful.filter { votes[$0] == low }, history: history, lowest: true, names: names, round: round,
                decision: "eliminate", ties: &ties)
            state[out] = .excluded
            keep[out] = 0
            r.eliminated = [names[out]]
        }
        result.rounds.append(r)
        history.append(votes)
    }
    result.quota = Money.format(quota, digits: 9)
    result.ties = ties
    return result
}
