import CoopCore
import FluentKit
import Foundation
import SQLKit

/// The ledger over a fiscal period: sums of postings in its window (`posted_ms` from its start,
/// before its end), and the payments recorded in it that still wait for a steward.
public enum PeriodLedger {
    /// The sum of every posting in the period, per currency. One pass without grouping; per
    /// currency only when the period holds more than one.
    public static func sums(in p: FiscalPeriodRecord, on db: any Database) async throws -> [(currency: String, total: Int64)] {
        let sql = try db.sql()
        let window = SQLQueryString("posted_ms >= \(bind: p.startsAt.millis) AND posted_ms < \(bind: p.endsAt.millis)")
        guard
            let all = try await sql.raw(
                """
                SELECT CAST(COALESCE(SUM(amount), 0) AS BIGINT) AS total, MIN(currency) AS low, MAX(currency) AS high \
                FROM ledger_postings WHERE \(window)
                """
            ).first()
        else { return [] }
        let low = try all.decode(column: "low", as: String?.self)
        if low == (try all.decode(column: "high", as: String?.self)) {
            return [(low ?? "", try all.decode(column: "total", as: Int64.self))]
        }
        return try await sql.raw(
            "SELECT currency, CAST(SUM(amount) AS BIGINT) AS total FROM ledger_postings WHERE \(window) GROUP BY currency"
        ).all().map { (try $0.decode(column: "currency", as: String.self), try $0.decode(column: "total", as: Int64.self)) }
    }

    /// The sum of the postings to a family of accounts in the period, in one currency (debits positive).
    public static func sum(of family: Account.Family, in p: FiscalPeriodRecord, currency: Currency, on db: any Database)
        async throws -> Int64
    {
        let sql = try db.sql()
        // A range on the account reads the covering index, not the table.
        return try await sql.raw(
            """
            SELECT CAST(COALESCE(SUM(amount), 0) AS BIGINT) AS total FROM ledger_postings \
            WHERE account >= \(bind: family.prefix) AND account < \(bind: family.end) \
            AND posted_ms >= \(bind: p.startsAt.millis) AND posted_ms < \(bind: p.endsAt.millis) AND currency = \(bind: currency.code)
            """
        ).first()?.decode(column: "total", as: Int64.self) ?? 0
    }

    /// The postings to a family of accounts by UTC day, in one currency (debits positive): days
    /// since 1970 and the day's sum, oldest first, only the days that have any.
    public static func sumsByDay(of family: Account.Family, currency: Currency, on db: any Database) async throws
        -> [(day: Int64, total: Int64)]
    {
        let sql = try db.sql()
        // Integer division rounds toward zero on both databases; posted_ms is never negative here.
        return try await sql.raw(
            """
            SELECT posted_ms / 86400000 AS day, CAST(SUM(amount) AS BIGINT) AS total FROM ledger_postings \
            WHERE account >= \(bind: family.prefix) AND account < \(bind: family.end) AND currency = \(bind: currency.code) \
            GROUP BY posted_ms / 86400000 ORDER BY day
            """
        ).all().map { (try $0.decode(column: "day", as: Int64.self), try $0.decode(column: "total", as: Int64.self)) }
    }

    /// The sum of one account's postings in the period, in one currency (debits positive).
    public static func sum(of account: Account, in p: FiscalPeriodRecord, currency: Currency, on db: any Database) async throws -> Int64 {
        let sql = try db.sql()
        return try await sql.raw(
            """
            SELECT CAST(COALESCE(SUM(amount), 0) AS BIGINT) AS total FROM ledger_postings WHERE account = \(bind: account.code) \
            AND posted_ms >= \(bind: p.startsAt.millis) AND posted_ms < \(bind: p.endsAt.millis) AND currency = \(bind: currency.code)
            """
        ).first()?.decode(column: "total", as: Int64.self) ?? 0
    }

    /// A payment recorded before a period's end that still waits for a steward.
    public struct PendingPayment: Sendable, Equatable {
        /// The payment.
        public let payment: UUID
        /// The number of the order it pays for, or nil for a share payment.
        public let order: Int?
        /// Its amount (minor units).
        public let amountMinor: Int64
        /// How it is paid (`bank_transfer`...).
        public let method: String
        /// The payer's reference (share payments only).
        public let reference: String
        /// When it was recorded.
        public let createdAt: Date
    }

    /// The payments recorded before the period's end that still wait for a steward: order
    /// payments first, then share payments.
    public static func pendingPayments(before p: FiscalPeriodRecord, on db: any Database) async throws -> [PendingPayment] {
        var out: [PendingPayment] = []
        let orders = try await OrderPaymentRecord.query(on: db).filter(\.$status == .pending).filter(\.$createdAt < p.endsAt).all()
        let numbers = Dictionary(
            uniqueKeysWithValues: try await OrderRecord.query(on: db).filter(\.$id ~~ orders.map(\.orderID)).all().map {
                (try $0.requireID(), $0.number)
            })
        for pay in orders {
            out.append(
                PendingPayment(
                    payment: try pay.requireID(), order: numbers[pay.orderID] ?? 0, amountMinor: pay.amountMinor, method: pay.method,
                    reference: pay.reference, createdAt: pay.createdAt))
        }
        for pay in try await PaymentRecord.query(on: db).filter(\.$status == .pending).filter(\.$createdAt < p.endsAt).all() {
            out.append(
                PendingPayment(
                    payment: try pay.requireID(), order: nil, amountMinor: pay.amount, method: pay.method, reference: pay.reference,
                    createdAt: pay.createdAt))
        }
        return out
    }
}
