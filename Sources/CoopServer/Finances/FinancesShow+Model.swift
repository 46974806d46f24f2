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
        /// The co-op's own money in and out, newest first, with the balance after each line.
        var flow: [MoneyFlow.Line] = []
        /// Whether older expenses than the list holds were left out.
        var flowTruncated = false
    }

    /// How many expenses the list reads at most.
    static let flowLimit = 500

    static func load(bylaws: Bylaws, on db: any Database, at now: Date) async throws -> Model {
        let periods = try await Finances.periods(bylaws, on: db)
        let expenses = try await FinanceQueries.expenses(limit: flowLimit + 1, kinds: ["expense", "budget"], on: db)
        var movements = periods.filter { $0.revenue != 0 }.map { p in
            MoneyFlow.Movement(
                date: min(p.endsAt, now),
                what: "Platform fees and other income, fiscal period \(p.number)"
                    + (p.endsAt > now ? " so far" : ""), category: "income", amount: p.revenue)
        }
        movements += expenses.prefix(flowLimit).map { e in
            MoneyFlow.Movement(
                date: e.postedAt, what: e.memo, category: String(e.account.split(separator: ":").last ?? ""), amount: -e.amount)
        }
        return Model(
            currency: bylaws.currency, periods: periods, fees: try await Finances.feeHistory(bylaws, on: db), now: now,
            flow: MoneyFlow.lines(movements), flowTruncated: expenses.count > flowLimit)
    }
}
