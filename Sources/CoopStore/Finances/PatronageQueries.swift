import CoopCore
import FluentKit
import Foundation
import SQLKit

/// Each admitted member's patronage in a fiscal period. The database fetches the figures (earnings
/// credited, orders completed with their listing's unit, estimate and quantity, what customers
/// paid); what counts as patronage by each measure is the core's ``PatronageActivity``.
public enum PatronageQueries {
    /// An admitted member's patronage in the period, by their class's measure in the locked formula.
    /// `membership` is the id as the database stores it (text), so no id is parsed on the way.
    public struct MemberPatronage: Sendable {
        /// The membership id as the database stores it.
        public let membership: String
        /// The member's patronage, keyed by the lowercased id.
        public let patronage: Patronage
    }

    /// Every admitted member with patronage in the period, in order of member number.
    public static func patronage(_ p: FiscalPeriodRecord, formula: SurplusFormula, currency: Currency, on db: any Database)
        async throws -> [MemberPatronage]
    {
        let sql = try db.sql()
        let measures = PatronageActivity.measures(of: formula)
        var earnings: [String: Int64] = [:]
        if measures.contains(.earnings) {
            // Earnings credited to a worker for orders in the period (credits are negative): a range
            // of the covering index, one row per worker.
            let rows = try await sql.raw(
                """
                SELECT account, CAST(SUM(amount) AS BIGINT) AS total FROM ledger_postings \
                WHERE account >= \(bind: Account.members.prefix) AND account < \(bind: Account.members.end) \
                AND account LIKE \(bind: Account.everyEarningsPayable.code) AND amount < 0 \
                AND posted_ms >= \(bind: p.startsAt.millis) AND posted_ms < \(bind: p.endsAt.millis) AND currency = \(bind: currency.code) \
                GROUP BY account
                """
            ).all()
            earnings.reserveCapacity(rows.count)
            for row in rows {
                let account = Account(code: try row.decode(column: "account", as: String.self))
                if let member = account.member { earnings[member] = -(try row.decode(column: "total", as: Int64.self)) }
            }
        }
        var asWorker: [String: (orders: Int64, minutes: Int64)] = [:]
        var asCustomer: [String: (orders: Int64, spent: Int64)] = [:]
        if !measures.isDisjoint(with: [.hours, .orders]) {
            // Orders completed in the period, by worker and by listing: how many, and their
            // quantities, which the core turns into minutes worked.
            let rows = try await sql.raw(
                """
                SELECT CAST(o.worker_id AS TEXT) AS who, o.unit AS unit, l.estimated_minutes AS estimate, COUNT(*) AS n, \
                CAST(SUM(o.quantity) AS BIGINT) AS quantity \
                FROM order_events e JOIN orders o ON o.id = e.order_id JOIN listings l ON l.id = o.listing_id \
                WHERE e.action = \(bind: OrderAction.complete.rawValue) AND e.at >= \(bind: p.startsAt) AND e.at < \(bind: p.endsAt) \
                GROUP BY o.worker_id, o.unit, l.estimated_minutes
                """
            ).all()
            for row in rows {
                let who = try row.decode(column: "who", as: String.self)
                let minutes = PatronageActivity.minutesWorked(
                    unit: PriceUnit(rawValue: try row.decode(column: "unit", as: String.self)),
                    quantity: try row.decode(column: "quantity", as: Int64.self),
                    estimatedMinutes: try row.decode(column: "estimate", as: Int64?.self))
                let sofar = asWorker[who] ?? (0, 0)
                asWorker[who] = (sofar.orders + (try row.decode(column: "n", as: Int64.self)), sofar.minutes + minutes)
            }
        }
        if !measures.isDisjoint(with: [.spending, .orders]) {
            // Orders completed in the period, by customer: how many, and what they paid.
            let rows = try await sql.raw(
                """
                SELECT CAST(o.customer_id AS TEXT) AS who, COUNT(*) AS n, CAST(SUM(o.price_minor) AS BIGINT) AS spent \
                FROM order_events e JOIN orders o ON o.id = e.order_id \
                WHERE e.action = \(bind: OrderAction.complete.rawValue) AND e.at >= \(bind: p.startsAt) AND e.at < \(bind: p.endsAt) \
                GROUP BY o.customer_id
                """
            ).all()
            for row in rows {
                asCustomer[try row.decode(column: "who", as: String.self)] = (
                    try row.decode(column: "n", as: Int64.self), try row.decode(column: "spent", as: Int64.self)
                )
            }
        }
        let rows = try await sql.raw(
            """
            SELECT CAST(id AS TEXT) AS id, CAST(user_id AS TEXT) AS user_id, class_id FROM memberships \
            WHERE status = \(bind: MembershipStatus.admitted.rawValue) ORDER BY member_number
            """
        ).all()
        var result: [MemberPatronage] = []
        result.reserveCapacity(rows.count)
        for row in rows {
            let id = try row.decode(column: "id", as: String.self)
            let user = try row.decode(column: "user_id", as: String.self)
            let key = id.lowercased()
            let worked = asWorker[id]
            let bought = asCustomer[user]
            let activity = PatronageActivity(
                earnings: earnings[key] ?? 0, minutesWorked: worked?.minutes ?? 0, ordersWorked: worked?.orders ?? 0,
                ordersBought: bought?.orders ?? 0, spent: bought?.spent ?? 0)
            let cls = try row.decode(column: "class_id", as: String.self)
            guard let patronage = activity.patronage(member: key, classID: cls, formula: formula) else { continue }
            result.append(MemberPatronage(membership: id, patronage: patronage))
        }
        return result
    }
}
