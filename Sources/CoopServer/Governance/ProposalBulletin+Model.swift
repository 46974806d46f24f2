import CoopCore
import CoopStore
import FluentKit
import Foundation

/// A closed vote's bulletin board: every counted ballot with its receipt hash.
enum ProposalBulletin {
    struct Model {
        let proposal: ProposalRecord
        let frozen: FrozenRules
        /// The counted ballots as stored, sorted by receipt hash (random, and the same on every
        /// reading), never in the order they were cast.
        let ballots: [BallotRecord]

        /// Each ballot's receipt hash ("open ballot" for a named one) and its content, in that order.
        let rows: [(String, BallotContent)]
    }

    /// The board of the proposal numbered `number`; a conflict before its vote closes.
    static func load(number: Int, on db: any Database) async throws -> Model {
        let p = try await ProposalQueries.require(number: number, on: db)
        guard p.closedAt != nil else { throw CoopError.conflict(t("The bulletin board opens when voting closes.")) }
        let frozen = try Governance.frozenRules(p)
        let ballots = try await ProposalQueries.currentBallots(of: try p.requireID(), on: db).sorted {
            ($0.receiptHash ?? "", $0.content) < ($1.receiptHash ?? "", $1.content)
        }
        let rows = try ballots.map { ($0.receiptHash ?? "open ballot", try Governance.decode(BallotContent.self, $0.content)) }
        return Model(proposal: p, frozen: frozen, ballots: ballots, rows: rows)
    }
}
