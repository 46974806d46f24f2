import CoopCore
import CoopStore
import FluentKit

/// The form to make a proposal: the kinds with their rules, the policies, the bylaws' text to amend.
enum ProposalNew {
    struct Model {
        let bylaws: Bylaws
        let policies: [PolicyView]
        /// The text of the bylaws in force, to start an amendment from.
        let currentBylaws: String
    }

    /// The form's content under `bylaws`.
    static func load(bylaws: Bylaws, on db: any Database) async throws -> Model {
        Model(
            bylaws: bylaws, policies: try await PolicyStore.all(bylaws, on: db), currentBylaws: try await BylawsQueries.currentText(on: db))
    }
}
