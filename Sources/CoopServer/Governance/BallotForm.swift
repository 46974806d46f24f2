import CoopCore
import CoopStore
import Vapor

/// A ballot as a form or JSON sends it, for every method: `choice` (majority), `approve`
/// (approval), `score[i]` (score), `rank[i]` (ranked methods: the rank of option i, 0 or blank
/// for unranked). Options are addressed by index so any option text is safe in a form.
struct BallotInput: Content {
    var choice: String?
    var approve: [Int]?
    var score: [String: Int64]?
    var rank: [String: String]?
    var receipt: String?

    func content(method: VotingMethod, options: [String]) throws -> BallotContent {
        func option(_ i: Int) throws -> String {
            guard options.indices.contains(i) else { throw CoopError.invalid(t("There is no option %s.", String(i))) }
            return options[i]
        }
        switch method {
        case .majority:
            guard let choice else { throw CoopError.invalid(t("Choose yes, no or abstain.")) }
            return .choice(choice)
        case .approval:
            return .approvals(try (approve ?? []).map(option))
        case .score:
            var scores: [String: Int64] = [:]
            for (key, value) in score ?? [:] {
                guard let i = Int(key) else { throw CoopError.invalid(t("'%s' is not an option number.", key)) }
                scores[try option(i)] = value
            }
            return .scores(scores)
        case .irv, .stv, .schulze:
            var ranked: [(Int, String)] = []
            // "0" (or nothing) is "not ranked".
            for (key, value) in rank ?? [:] where !value.isEmpty && value != "0" {
                guard let i = Int(key), let r = Int(value), r >= 1 else {
                    throw CoopError.invalid(t("Ranks are whole numbers from 1 (got '%1$s' for option '%2$s').", value, key))
                }
                ranked.append((r, try option(i)))
            }
            let ranks = ranked.map(\.0)
            guard Set(ranks).count == ranks.count else {
                throw CoopError.invalid(t("Two options have the same rank; give each a different one."))
            }
            return .ranking(ranked.sorted { $0.0 < $1.0 }.map(\.1))
        }
    }
}
