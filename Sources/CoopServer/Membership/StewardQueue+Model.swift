import CoopCore
import CoopStore
import FluentKit
import Foundation

/// The steward's queue: payments to confirm, applications to decide, and the co-op's accounts.
enum StewardQueue {
    struct Model {
        let bylaws: Bylaws
        let rows: [QueueRow]
        /// The co-op's own accounts, each in its normal direction.
        let balances: [(account: Account, balance: Int64)]
    }

    /// The queue under `bylaws`.
    static func load(bylaws: Bylaws, on db: any Database) async throws -> Model {
        Model(
            bylaws: bylaws, rows: try await MembershipQueries.queue(bylaws: bylaws, on: db),
            balances: try await LedgerStore.coopBalances(currency: bylaws.currency, on: db))
    }
}
