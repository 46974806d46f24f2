import CoopCore
import FluentKit
import Foundation

/// Changing orders, in the caller's write transaction: moving one through its state machine with
/// the money and stock that move with it, and writing to the other party.
public enum OrderCommands {
    /// A review an order's action carries: 1 to 5 stars and a comment, checked by the caller.
    public struct Review: Sendable {
        /// Stars, 1 to 5.
        public let rating: Int
        /// The review's text.
        public let comment: String

        /// A review of `rating` stars with `comment`.
        public init(rating: Int, comment: String) {
            self.rating = rating
            self.comment = comment
        }
    }

    /// Moves order `id` by `action` of `user`, if it is theirs and the state machine allows it.
    public static func act(
        order id: UUID, _ action: OrderAction, user: UUID, refund: Int64?, review: Review?, currency: Currency, on db: any Database,
        at now: Date
    ) async throws -> OrderRecord {
        guard let o = try await OrderRecord.find(id, on: db) else { throw CoopError.notFound("Not Found") }
        // Only the two parties (and a steward, to settle) may see or touch an order.
        guard let role = try await OrderQueries.role(of: user, on: o, db: db) else {
            throw CoopError.forbidden("This is not your order.")
        }
        try await move(o, action, by: role, refund: refund, review: review, currency: currency, on: db, at: now)
        return o
    }

    /// Moves an order by one action of `role`: the state machine's check, the review it carries,
    /// the money (``PaymentStore/release(_:after:role:previous:refund:currency:on:at:)``) and the
    /// stock (``OrderStock``) that move with it, and the record.
    public static func move(
        _ o: OrderRecord, _ action: OrderAction, by role: OrderRole, refund: Int64?, review: Review?, currency: Currency,
        on db: any Database, at now: Date
    ) async throws {
        var flow = o.flow
        let previous = flow.state
        do { try flow.apply(action, by: role) } catch { throw CoopError.conflict(error.words) }
        if action == .review, let review {
            let r = ReviewRecord()
            r.orderID = try o.requireID()
            r.authorRole = role
            r.workerID = o.workerID
            r.rating = review.rating
            r.body = review.comment
            r.createdAt = now
            try await r.create(on: db)
        }
        // The order's money moves with it, in the same transaction.
        try await PaymentStore.release(
            o, after: action, role: role, previous: previous, refund: refund, currency: currency, on: db, at: now)
        if OrderStock.mayReturn(after: action), let l = try await ListingRecord.find(o.listingID, on: db) {
            let back = OrderStock.returned(after: action, kind: l.kind, quantity: o.quantity)
            if back > 0 {
                l.stock = (l.stock ?? 0) + back
                try await l.save(on: db)
            }
        }
        o.state = flow.state
        o.customerReviewed = flow.customerReviewed
        o.workerReviewed = flow.workerReviewed
        o.updatedAt = now
        try await o.save(on: db)
        try await record(o, action: action.rawValue, role: role, on: db, at: now)
        if flow.state.isFinal {
            try await PaymentStore.failPending(of: o, on: db, at: now)
        }
    }

    /// Records an order's step: its event and its audit entry.
    public static func record(_ o: OrderRecord, action: String, role: OrderRole, on db: any Database, at now: Date) async throws {
        let e = OrderEventRecord()
        e.id = UUID()
        e.orderID = try o.requireID()
        e.action = action
        e.role = role
        e.state = o.state
        e.at = now
        try await e.create(on: db)
        let event = AuditEvent(
            kind: "order.\(action)",
            [
                "order": .int(Int64(o.number)), "state": .string(o.state.rawValue), "role": .string(role.rawValue),
                "price_minor": .int(o.priceMinor), "fee_minor": .int(o.feeMinor),
            ])
        try await AuditLog.append(event, on: db, at: now)
    }

    /// One party of order `id` writes `body` to the other; returns the order.
    public static func message(order id: UUID, user: UUID, body: String, on db: any Database, at now: Date) async throws -> OrderRecord {
        guard let o = try await OrderRecord.find(id, on: db) else { throw CoopError.notFound("Not Found") }
        guard let role = try await OrderQueries.role(of: user, on: o, db: db), role == .customer || role == .worker else {
            throw CoopError.forbidden("Only the two parties of an order write to each other on it.")
        }
        let m = OrderMessageRecord()
        m.orderID = id
        m.authorRole = role
        m.body = body
        m.createdAt = now
        try await m.create(on: db)
        try await Notices.message(try m.requireID(), on: o, from: role, body: body, on: db, at: now)
        return o
    }

    /// Completes, as the platform, order `id` if it is still delivered (re-read under the write lock).
    public static func completeIfDelivered(order id: UUID, currency: Currency, on db: any Database, at now: Date) async throws {
        guard let o = try await OrderRecord.find(id, on: db), o.state == .delivered else { return }
        try await move(o, .complete, by: .system, refund: nil, review: nil, currency: currency, on: db, at: now)
    }
}

extension OrderRecord {
    /// The order's place in the state machine, as stored.
    public var flow: OrderFlow {
        OrderFlow(state: state, customerReviewed: customerReviewed, workerReviewed: workerReviewed)
    }
}
