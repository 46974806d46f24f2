import CoopCore
import FluentKit
import Foundation

/// Reading orders and what hangs on them: their events, reviews and messages, and who is who.
public enum OrderQueries {
    /// The order numbered `number`, if any.
    public static func order(number: Int, on db: any Database) async throws -> OrderRecord? {
        try await OrderRecord.query(on: db).filter(\.$number == number).first()
    }

    /// The order with this id, if any (re-read under the write lock).
    public static func order(id: UUID, on db: any Database) async throws -> OrderRecord? {
        try await OrderRecord.find(id, on: db)
    }

    /// Orders' numbers by id, in one query.
    public static func numbers(of ids: [UUID], on db: any Database) async throws -> [UUID: Int] {
        guard !ids.isEmpty else { return [:] }
        var out: [UUID: Int] = [:]
        for o in try await OrderRecord.query(on: db).filter(\.$id ~~ ids).all() { out[o.id!] = o.number }
        return out
    }

    /// The role of `user` on an order (see ``OrderParties/role(user:customer:membership:worker:steward:status:)``).
    public static func role(of user: UUID, on o: OrderRecord, db: any Database) async throws -> OrderRole? {
        if o.customerID == user { return .customer }
        let m = try await MembershipRecord.query(on: db).filter(\.$userID == user).first()
        return OrderParties.role(
            user: user.uuidString, customer: o.customerID.uuidString, membership: try m?.requireID().uuidString,
            worker: o.workerID.uuidString, steward: m?.steward ?? false, status: m?.status)
    }

    /// A user's orders, as customer and as worker, newest first (at most 200).
    public static func mine(user: UUID, on db: any Database) async throws -> [OrderRecord] {
        let membership = try await MembershipRecord.query(on: db).filter(\.$userID == user).first()?.requireID()
        return try await OrderRecord.query(on: db).group(.or) { or in
            or.filter(\.$customerID == user)
            if let membership { or.filter(\.$workerID == membership) }
        }.sort(\.$number, .descending).limit(200).all()
    }

    /// An order's parties and what hangs on it, as its page and the API show it.
    public struct Details: Sendable {
        /// What was ordered: the listing's title when the order was placed ("" if unknown).
        public let title: String
        /// The customer's name ("" if the account is gone).
        public let customerName: String
        /// The worker's name ("" if the membership or account is gone).
        public let workerName: String
        /// Oldest first.
        public let events: [OrderEventRecord]
        /// Oldest first.
        public let reviews: [ReviewRecord]
        /// Oldest first.
        public let messages: [OrderMessageRecord]
    }

    /// The listing's title, the parties' names, and the order's events, reviews and messages.
    public static func details(of o: OrderRecord, on db: any Database) async throws -> Details {
        let id = try o.requireID()
        var title = o.title
        if title == nil { title = try await ListingRecord.find(o.listingID, on: db)?.title }
        let customer = try await UserRecord.find(o.customerID, on: db)?.name ?? ""
        var worker = ""
        if let m = try await MembershipRecord.find(o.workerID, on: db) {
            worker = try await UserRecord.find(m.userID, on: db)?.name ?? ""
        }
        return Details(
            title: title ?? "", customerName: customer, workerName: worker,
            events: try await OrderEventRecord.query(on: db).filter(\.$orderID == id).sort(\.$at).all(),
            reviews: try await ReviewRecord.query(on: db).filter(\.$orderID == id).sort(\.$createdAt).all(),
            messages: try await OrderMessageRecord.query(on: db).filter(\.$orderID == id).sort(\.$createdAt).all())
    }

    /// Listings' titles by id, in one query.
    public static func listingTitles(_ ids: Set<UUID>, on db: any Database) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        var titles: [UUID: String] = [:]
        for l in try await ListingRecord.query(on: db).filter(\.$id ~~ ids).all() { titles[l.id!] = l.title }
        return titles
    }

    /// The orders delivered and not yet completed, for completion by the platform.
    public static func delivered(on db: any Database) async throws -> [OrderRecord] {
        try await OrderRecord.query(on: db).filter(\.$state == .delivered).all()
    }

    /// When the order was last delivered, if it was.
    public static func deliveredAt(_ order: UUID, on db: any Database) async throws -> Date? {
        try await OrderEventRecord.query(on: db).filter(\.$orderID == order).filter(\.$action == OrderAction.deliver.rawValue)
            .sort(\.$at, .descending).first()?.at
    }
}
