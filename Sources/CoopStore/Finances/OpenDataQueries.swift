import CoopCore
import FluentKit
import Foundation
import SQLKit

/// What open data aggregates, fetched row by row; grouping and withholding are the server's
/// (``OpenData``) and the threshold a governed policy.
public enum OpenDataQueries {
    /// One completed order: when it completed, its listing's category, who took part and the money.
    public struct CompletedOrder: Sendable, Equatable {
        /// When it completed.
        public let at: Date
        /// Its listing's category.
        public let category: String
        /// The worker's membership.
        public let worker: UUID
        /// The customer (a user).
        public let customer: UUID
        /// What the customer paid (minor units).
        public let price: Int64
        /// What the worker earned (minor units).
        public let earned: Int64
        /// The platform fee (minor units).
        public let fee: Int64
    }

    /// Every completed order, with its listing's category.
    public static func completedOrders(on db: any Database) async throws -> [CompletedOrder] {
        let sql = try db.sql()
        return try await sql.raw(
            """
            SELECT e.at AS at, l.category AS category, o.worker_id AS worker, o.customer_id AS customer, \
            o.price_minor AS price, o.worker_minor AS earned, o.fee_minor AS fee \
            FROM order_events e JOIN orders o ON o.id = e.order_id JOIN listings l ON l.id = o.listing_id \
            WHERE e.action = \(bind: OrderAction.complete.rawValue)
            """
        ).all().map { row in
            CompletedOrder(
                at: try row.decode(column: "at", as: Date.self), category: try row.decode(column: "category", as: String.self),
                worker: try row.decode(column: "worker", as: UUID.self), customer: try row.decode(column: "customer", as: UUID.self),
                price: try row.decode(column: "price", as: Int64.self), earned: try row.decode(column: "earned", as: Int64.self),
                fee: try row.decode(column: "fee", as: Int64.self))
        }
    }

    /// The proposals whose vote has closed (passed, failed, enacted or not enacted), in order of number.
    public static func closedProposals(on db: any Database) async throws -> [ProposalRecord] {
        let closed: [ProposalStatus] = [.passed, .failed, .enacted, .notEnacted]
        return try await ProposalRecord.query(on: db).filter(\.$status ~~ closed).sort(\.$number).all()
    }
}
