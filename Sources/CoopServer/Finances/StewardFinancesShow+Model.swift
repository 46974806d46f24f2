import CoopCore
import CoopStore
import Fluent
import Foundation

/// The steward's finances page: the periods that have ended unclosed, the form to record an
/// expense, and the recent expenses.
enum StewardFinancesShow {
    struct Model {
        let currency: Currency
        /// Open periods that have ended, waiting to be closed.
        let due: [Finances.Period]
        let expenses: [LedgerEntryView]
        /// Members' requests to be paid, oldest first.
        var payouts: [PayoutStore.Waiting] = []
        /// Approved budgets with something left to pay.
        var budgets: [Budgets.Line] = []
    }

    static func load(bylaws: Bylaws, on db: any Database, at now: Date) async throws -> Model {
        let periods = try await Finances.periods(bylaws, on: db)
        return Model(
            currency: bylaws.currency, due: periods.filter { $0.status == FiscalPeriodStatus.open.rawValue && $0.endsAt <= now },
            expenses: try await Finances.expenses(on: db), payouts: try await PayoutStore.allWaiting(on: db),
            budgets: try await Budgets.lines(on: db).filter { $0.left > 0 })
    }
}
