import CoopCore
import CoopStore
import Fluent
import Foundation

/// A member's statement page (and its CSV): shares, capital account and its history, and each
/// fiscal period's patronage and dividend.
enum StatementShow {
    struct Model {
        let statement: Statement
        /// When the page is shown: a period past its end is "ended", not "open".
        var now = Date()
        /// What the member may ask to be paid, their request waiting, and past payouts.
        var payouts: PayoutsPart?
    }

    /// The "Getting paid" part of the statement.
    struct PayoutsPart {
        let owed: Payout.Amounts
        let waiting: PayoutRecord?
        let history: [PayoutRecord]
    }

    /// The member's payouts: what is owed now, the request that waits, and every request.
    static func payouts(of m: MembershipRecord, currency: Currency, on db: any Database) async throws -> PayoutsPart {
        let id = try m.requireID()
        return PayoutsPart(
            owed: try await Payouts.owed(m, currency: currency, on: db), waiting: try await PayoutStore.waiting(of: id, on: db),
            history: try await PayoutStore.history(of: id, on: db))
    }

    static func load(membership m: MembershipRecord, bylaws: Bylaws, on db: any Database, at now: Date = Date()) async throws -> Model {
        Model(statement: try await Statement.of(m, bylaws: bylaws, on: db), now: now)
    }
}
