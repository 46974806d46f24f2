import CoopCore
import FluentKit
import Foundation

/// Share payments: reading and storing them.
public enum PaymentQueries {
    /// The payment with this id, if there is one.
    public static func payment(id: UUID, on db: any Database) async throws -> PaymentRecord? {
        try await PaymentRecord.find(id, on: db)
    }

    /// A membership's payments, newest first.
    public static func payments(of membership: UUID, on db: any Database) async throws -> [PaymentRecord] {
        try await PaymentRecord.query(on: db).filter(\.$membershipID == membership).sort(\.$createdAt, .descending).all()
    }

    /// How many of a membership's payments wait for a steward's confirmation.
    public static func pendingCount(of membership: UUID, on db: any Database) async throws -> Int {
        try await PaymentRecord.query(on: db).filter(\.$membershipID == membership).filter(\.$status == .pending).count()
    }

    /// Stores a new payment or a payment's changes.
    public static func save(_ p: PaymentRecord, on db: any Database) async throws {
        try await p.save(on: db)
    }
}

/// Writing memberships, in the caller's transaction.
public enum MembershipCommands {
    /// Stores a new membership or a membership's changes.
    public static func save(_ m: MembershipRecord, on db: any Database) async throws {
        try await m.save(on: db)
    }
}
