import CoopCore
import FluentKit
import Foundation
import SQLKit

/// A worker's months through the platform, for their dashboard.
public enum WorkerMonths {
    /// One calendar month (UTC) of a worker's work.
    public struct Month: Sendable, Equatable {
        /// `YYYY-MM`.
        public let month: String
        /// Orders completed.
        public let completed: Int
        /// Their minutes of work (``WorkMinutes``).
        public let minutes: Int64
        /// Earnings as the ledger credited them, in minor units.
        public let earnedMinor: Int64
    }

    /// A worker's last 24 months with work or earnings, newest first: orders completed and their
    /// minutes, and earnings as the ledger credited them.
    public static func months(worker: UUID, currency: Currency, on db: any Database) async throws -> [Month] {
        let sql = try db.sql()
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        func month(_ d: Date) -> String {
            let c = calendar.dateComponents([.year, .month], from: d)
            return String(format: "%04d-%02d", c.year ?? 0, c.month ?? 0)
        }
        var completed: [String: (count: Int, minutes: Int64)] = [:]
        for row in try await sql.raw(
            """
            SELECT e.at AS at, o.unit AS unit, o.quantity AS quantity, l.estimated_minutes AS estimated \
            FROM orders o JOIN order_events e ON e.order_id = o.id JOIN listings l ON l.id = o.listing_id \
            WHERE o.worker_id = \(bind: worker) AND e.action = \(bind: OrderAction.complete.rawValue)
            """
        ).all() {
            let key = month(try row.decode(column: "at", as: Date.self))
            let minutes = WorkMinutes.of(
                unit: PriceUnit(rawValue: try row.decode(column: "unit", as: String.self)),
                quantity: try row.decode(column: "quantity", as: Int64.self),
                estimatedMinutes: try row.decode(column: "estimated", as: Int64?.self))
            completed[key, default: (0, 0)].count += 1
            completed[key, default: (0, 0)].minutes += minutes
        }
        var earned: [String: Int64] = [:]
        for row in try await sql.raw(
            """
            SELECT t.posted_at AS at, p.amount AS amount FROM ledger_postings p JOIN ledger_transactions t ON t.id = p.transaction_id \
            WHERE p.account = \(bind: Account.earningsPayable(member: worker.uuidString.lowercased()).code) AND p.currency = \(bind: currency.code)
            """
        ).all() {
            // Earnings are credits to what the co-op owes the worker: negative postings.
            earned[month(try row.decode(column: "at", as: Date.self)), default: 0] -= try row.decode(column: "amount", as: Int64.self)
        }
        return Set(completed.keys).union(earned.keys).sorted(by: >).prefix(24).map { key in
            Month(month: key, completed: completed[key]?.count ?? 0, minutes: completed[key]?.minutes ?? 0, earnedMinor: earned[key] ?? 0)
        }
    }
}
