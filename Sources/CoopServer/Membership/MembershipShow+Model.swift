import CoopCore
import CoopStore
import FluentKit
import Foundation

/// A person's own membership page: status, shares, capital, payments to make, ledger entries.
enum MembershipShow {
    struct Model {
        let bylaws: Bylaws
        /// Nil when the person has not applied.
        let summary: MembershipSummary?
        let ledger: [LedgerEntryView]
        /// The learning modules the member completed.
        var completions: [ModuleStore.Completion] = []
    }

    /// The page of `user`'s membership.
    static func load(user: UUID, bylaws: Bylaws, on db: any Database) async throws -> Model {
        guard let m = try await MembershipQueries.membership(ofUser: user, on: db) else {
            return Model(bylaws: bylaws, summary: nil, ledger: [])
        }
        return Model(
            bylaws: bylaws, summary: try await MembershipQueries.summary(of: m, bylaws: bylaws, on: db),
            ledger: try await MembershipQueries.ledger(of: m, on: db),
            completions: try await ModuleStore.completions(of: [try m.requireID()], on: db))
    }
}
