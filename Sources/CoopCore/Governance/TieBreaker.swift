import Crypto

/// Deterministic "lot": candidates are ordered by SHA-256 of a public seed and their name, so a
/// tie broken by lot comes out the same for everyone who recounts with the same seed.
///
/// `coop tally` uses the SHA-256 of the ballot file as the seed; the server uses the proposal id.
/// The lot chooses the candidate whose hash is smallest.
public struct TieBreaker: Sendable {
    /// The public seed every recount uses: the ballot file's SHA-256 (`coop tally`) or the proposal id (server).
    public let seed: String

    /// A lot drawn from this seed.
    public init(seed: String) { self.seed = seed }

    /// Each candidate's place in the lot, smallest first chosen.
    public func order(_ names: [String]) -> [String] {
        names.map { ($0, key($0)) }.sorted { $0.1.lexicographicallyPrecedes($1.1) }.map(\.0)
    }

    private func key(_ name: String) -> [UInt8] {
        Array(SHA256.hash(data: Array("coop-lot-v1\n\(seed)\n\(name)".utf8)))
    }

    /// Picks one of several tied candidates. First by history: at the earliest round where their
    /// totals differed, the one with the least (`lowest: true`, for eliminations) or most; then by lot.
    func pick(
        _ tied: [Int], history: [[Int64]], lowest: Bool, names: [String], round: Int, decision: String,
        ties: inout [TieBreak]
    ) -> Int {
        precondition(!tied.isEmpty)
        if tied.count == 1 { return tied[0] }
        var remaining = tied
        for totals in history {
            let values = remaining.map { totals[$0] }
            guard let target = lowest ? values.min() : values.max(), Set(values).count > 1 else { continue }
            remaining = remaining.filter { totals[$0] == target }
            if remaining.count == 1 {
                ties.append(
                    TieBreak(
                        round: round, decision: decision, among: tied.map { names[$0] }, chosen: names[remaining[0]], rule: "earlier-round")
                )
                return remaining[0]
            }
        }
        let chosenName = order(remaining.map { names[$0] })[0]
        let chosen = remaining.first { names[$0] == chosenName }!
        ties.append(TieBreak(round: round, decision: decision, among: tied.map { names[$0] }, chosen: chosenName, rule: "lot"))
        return chosen
    }
}
