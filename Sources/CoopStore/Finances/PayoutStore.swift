import CoopCore
import FluentKit
import Foundation

/// Payout requests: asked for by members, paid and recorded by stewards.
public enum PayoutStore {
    /// A request waiting for a steward, with who asked.
    public struct Waiting: Sendable {
        /// The request.
        public let payout: PayoutRecord
        /// The member's name, if known.
        public let name: String?
        /// The member's user, who may not record their own payout.
        public let userID: UUID?
    }

    /// Stores a new request.
    public static func create(
        membership: UUID, _ amounts: Payout.Amounts, currency: Currency, on db: any Database, at now: Date
    ) async throws -> PayoutRecord {
        let p = PayoutRecord()
        p.id = UUID()
        p.membershipID = membership
        p.earningsMinor = amounts.earnings
        p.dividendsMinor = amounts.dividends
        p.currency = currency.code
        p.status = .requested
        p.requestedAt = now
        try await p.create(on: db)
        return p
    }

    /// The member's request that waits to be paid, if any.
    public static func waiting(of membership: UUID, on db: any Database) async throws -> PayoutRecord? {
        try await PayoutRecord.query(on: db).filter(\.$membershipID == membership).filter(\.$status == .requested).first()
    }

    /// Every request of the member, newest first.
    public static func history(of membership: UUID, on db: any Database) async throws -> [PayoutRecord] {
        try await PayoutRecord.query(on: db).filter(\.$membershipID == membership).sort(\.$requestedAt, .descending).all()
    }

    /// Every request that waits for a steward, oldest first, with who asked.
    public static func allWaiting(on db: any Database) async throws -> [Waiting] {
        let rows = try await PayoutRecord.query(on: db).filter(\.$status == .requested).sort(\.$requestedAt).all()
        guard !rows.isEmpty else { return [] }
        let memberships = try await MembershipRecord.query(on: db).filter(\.$id ~~ rows.map(\.membershipID)).all()
        let users = Dictionary(memberships.compactMap { m in m.id.map { ($0, m.userID) } }, uniquingKeysWith: { a, _ in a })
        let names = try await MembershipQueries.names(of: rows.map(\.membershipID), on: db)
        return rows.map { Waiting(payout: $0, name: names[$0.membershipID], userID: users[$0.membershipID]) }
    }

    /// A request by its id.
    public static func find(_ id: UUID, on db: any Database) async throws -> PayoutRecord? {
        try await PayoutRecord.find(id, on: db)
    }

    /// Records a request as paid by `steward`, through the ledger transaction `transaction`.
    public static func markPaid(
        _ p: PayoutRecord, by steward: UUID, method: String, reference: String, transaction: UUID, on db: any Database, at now: Date
    ) async throws {
        p.status = .paid
        p.paidAt = now
        p.paidBy = steward
        p.method = method
        p.reference = reference
        p.ledgerTransactionID = transaction
        try await p.save(on: db)
    }

    /// Withdraws a request before it is paid.
    public static func cancel(_ p: PayoutRecord, on db: any Database) async throws {
        p.status = .cancelled
        try await p.save(on: db)
    }
}
