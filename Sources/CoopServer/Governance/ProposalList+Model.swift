import CoopCore
import CoopStore
import FluentKit

/// The list of proposals, newest first.
enum ProposalList {
    struct Model {
        let proposals: [ProposalRecord]
    }

    /// Every proposal, newest first.
    static func load(on db: any Database) async throws -> Model {
        Model(proposals: try await ProposalQueries.all(on: db))
    }
}
