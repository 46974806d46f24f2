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
        /// Budgets the members approved, with what was paid against each.
        var budgets: [Budgets.Line] = []
    }

    /// How many expenses the list reads at most.
    static let flowLimit = 500

    static func load(bylaws: Bylaws, on db: any Database, at now: Date) async throws -> Model {
        let periods = try await Finances.periods(bylaws, on: db)
        let expenses = try await FinanceQueries.expenses(limit: flowLimit + 1, kinds: ["expense", "budget"], on: db)
        // Money in by calendar month (UTC), dated at the month's end (or now, for this month).
        var months: [String: (end: Date, total: Int64)] = [:]
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        for (day, total) in try await PeriodLedger.sumsByDay(of: Account.revenue, currency: bylaws.currency, on: db) {
            let date = Date(timeIntervalSince1970: Double(day) * 86_400)
            let key = String(Layout.day(date).prefix(7))
            let start = utc.date(from: utc.dateComponents([.year, .month], from: date)) ?? date
            let end = min(utc.date(byAdding: .month, value: 1, to: start)?.addingTimeInterval(-1) ?? date, now)
            months[key] = (end, (months[key]?.total ?? 0) - total)  // revenue is a credit: its sums are negative
        }
        var movements = months.sorted { $0.key < $1.key }.filter { $0.value.total != 0 }.map { key, month in
            MoneyFlow.Movement(
                date: month.end,
                what: month.end == now ? t("Platform fees and other income, %s so far", key) : t("Platform fees and other income, %s", key),
                category: "income", amount: month.total)
        }
        movements += expenses.prefix(flowLimit).map { e in
            MoneyFlow.Movement(
                date: e.postedAt, what: e.memo, category: String(e.account.split(separator: ":").last ?? ""), amount: -e.amount)
        }
        return Model(
            currency: bylaws.currency, periods: periods, fees: try await Finances.feeHistory(bylaws, on: db), now: now,
            flow: MoneyFlow.lines(movements), flowTruncated: expenses.count > flowLimit, budgets: try await Budgets.lines(on: db))
    }
}
