import CoopCore
import CoopStore
import Fluent
import Foundation

/// The public finances page: every fiscal period in totals, where each closed period's surplus
/// went, and the platform fee over time.
enum FinancesShow {
    struct Model {
        let currency: Currency
        let periods: [Finances.Period]
        let fees: [Finances.FeeChange]
        /// When the page is read: an open period that has ended reads as waiting to be closed.
        let now: Date
    }

    static func load(bylaws: Bylaws, on db: any Database, at now: Date) async throws -> Model {
        Model(
            currency: bylaws.currency, periods: try await Finances.periods(bylaws, on: db),
            fees: try await Finances.feeHistory(bylaws, on: db), now: now)
    }
}
