import CoopCore
import CoopStore
import Fluent
import Foundation
import Vapor

/// Open data: aggregates anyone may download as CSV or JSON. A group that describes fewer people
/// than the governed privacy threshold (`open_data_privacy_threshold`) is published with its key
/// but with every figure withheld, and marked `suppressed`.
enum OpenData {
    struct Dataset {
        let id: String
        let title: String
        let description: String
        let columns: [String]
    }

    static let datasets = [
        Dataset(
            id: "orders-by-category-week", title: "Orders and earnings by category and week",
            description:
                "Orders completed each week (weeks start on Monday, UTC) in each category: how many, the workers and customers taking part, what customers paid, what workers earned and the fees. Withheld where fewer workers or fewer customers than the threshold took part.",
            columns: ["week", "category", "orders", "workers", "customers", "value", "earnings", "fees", "suppressed"]),
        Dataset(
            id: "fee-history", title: "Platform fee history",
            description: "Every value of the platform fee, from when it took effect, and the proposal that set it.",
            columns: ["from", "rate", "basis_points", "source", "proposal"]),
        Dataset(
            id: "votes", title: "Vote participation and results",
            description:
                "Every proposal that has been voted on: eligible members, ballots counted, turnout, and the result. Withheld where fewer members voted than the threshold.",
            columns: ["proposal", "kind", "title", "status", "closed", "eligible", "ballots", "turnout", "result", "suppressed"]),
        Dataset(
            id: "periods", title: "Fiscal periods",
            description:
                "Each fiscal period's revenue, fees, expenses, surplus, reserve and dividends in total. Dividends are withheld where fewer members than the threshold received one.",
            columns: [
                "period", "from", "to", "status", "revenue", "fees", "expenses", "net", "reserve", "community", "dividends",
                "members_paid", "suppressed",
            ]),
    ]

    /// A table of text cells (nil is an empty or null value), in a dataset's column order.
    typealias Rows = [[String?]]

    static func threshold(on db: any Database) async throws -> Int64 {
        try await PolicyStore.number(.openDataPrivacyThreshold, on: db)
    }

    static func rows(_ id: String, bylaws: Bylaws, on db: any Database) async throws -> Rows {
        let threshold = try await threshold(on: db)
        let cur = bylaws.currency
        func money(_ m: Int64) -> String { Money(minorUnits: m, currency: cur).decimalString }
        switch id {
        case "orders-by-category-week":
            return try await ordersByWeek(threshold: threshold, on: db).map { g in
                let shown = g.workers.count >= threshold && g.customers.count >= threshold
                let figures: [String?] =
                    shown
                    ? [
                        String(g.orders), String(g.workers.count), String(g.customers.count), money(g.value), money(g.earnings),
                        money(g.fees),
                    ] : Array(repeating: nil, count: 6)
                return [g.week, g.category] + figures + [shown ? "false" : "true"]
            }
        case "fee-history":
            return try await Finances.feeHistory(bylaws, on: db).map {
                [Layout.day($0.from), $0.rate, String($0.basisPoints), $0.source, $0.proposal.map(String.init)]
            }
        case "votes":
            return try await OpenDataQueries.closedProposals(on: db).map { p in
                let outcome = try p.outcome.map { try Governance.decode(ProposalOutcome.self, $0) }
                let ballots = outcome?.participation ?? 0
                let eligible = outcome?.eligible ?? 0
                let shown = ballots >= threshold
                let turnout = eligible > 0 ? Fraction(basisPoints: ballots * 10_000 / eligible).description : "0%"
                let result = outcome.map { $0.passed ? "passed" : "not passed" } ?? p.status.rawValue
                return [
                    String(p.number), p.kind.rawValue, p.title, p.status.rawValue, p.closedAt.map(Layout.day), String(eligible),
                    shown ? String(ballots) : nil, shown ? turnout : nil, shown ? result : nil, shown ? "false" : "true",
                ]
            }
        case "periods":
            return try await Finances.periods(bylaws, on: db).map { p in
                let shown = (p.members ?? 0) == 0 || Int64(p.members ?? 0) >= threshold
                return [
                    String(p.number), Layout.day(p.startsAt), Layout.day(p.endsAt), p.status, money(p.revenue), money(p.fees),
                    money(p.expenses),
                    money(p.net), p.reserve.map(money), p.community.map(money), shown ? p.dividends.map(money) : nil,
                    shown ? p.members.map(String.init) : nil, shown ? "false" : "true",
                ]
            }
        default:
            throw Abort(.notFound, reason: t("There is no open dataset '%s'.", id))
        }
    }

    struct WeekGroup {
        let week: String
        let category: String
        var orders: Int64 = 0
        var workers: Set<UUID> = []
        var customers: Set<UUID> = []
        var value: Int64 = 0
        var earnings: Int64 = 0
        var fees: Int64 = 0
    }

    /// Completed orders grouped by the week of completion and the listing's category.
    static func ordersByWeek(threshold: Int64, on db: any Database) async throws -> [WeekGroup] {
        let orders = try await OpenDataQueries.completedOrders(on: db)
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var groups: [String: WeekGroup] = [:]
        for o in orders {
            let start = calendar.dateInterval(of: .weekOfYear, for: o.at)?.start ?? o.at
            let week = Layout.day(start)
            let key = week + " " + o.category
            var g = groups[key] ?? WeekGroup(week: week, category: o.category)
            g.orders += 1
            g.workers.insert(o.worker)
            g.customers.insert(o.customer)
            g.value += o.price
            g.earnings += o.earned
            g.fees += o.fee
            groups[key] = g
        }
        return groups.values.sorted { ($0.week, $0.category) < ($1.week, $1.category) }
    }

    /// A dataset as JSON: its description, the threshold, and one object per row.
    static func json(_ d: Dataset, rows: Rows, threshold: Int64, generated: Date) -> String {
        var object: [String: CanonicalValue] = [
            "dataset": .string(d.id), "title": .string(d.title), "description": .string(d.description),
            "privacy_threshold": .int(threshold), "generated_at": .string(ISO8601DateFormatter().string(from: generated)),
        ]
        object["rows"] = .array(
            rows.map { row in
                var fields: [String: CanonicalValue] = [:]
                for (column, cell) in zip(d.columns, row) {
                    if let cell {
                        fields[column] = column == "suppressed" ? .bool(cell == "true") : .string(cell)
                    } else {
                        fields[column] = .null
                    }
                }
                return .object(fields)
            })
        return CanonicalValue.object(object).canonicalText
    }
}
