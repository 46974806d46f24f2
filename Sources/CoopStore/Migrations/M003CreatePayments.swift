import FluentKit

/// Share payments recorded through the offline path, pending until a steward confirms them, then
/// linked to the ledger transaction that posted them.
public struct M003CreatePayments: AsyncMigration {
    /// The name databases recorded when this migration ran in `CoopServer`: kept, so they do not run it again.
    public var name: String { "CoopServer.M003CreatePayments" }

    /// Creates `payments`.
    public func prepare(on db: any Database) async throws {
        try await db.schema("payments")
            .id()
            .field("membership_id", .uuid, .required, .references("memberships", "id"))
            .field("amount", .int64, .required)
            .field("currency", .string, .required)
            .field("shares", .int, .required)
            .field("method", .string, .required)
            .field("reference", .string, .required)
            .field("status", .string, .required)
            .field("created_at", .datetime, .required)
            .field("confirmed_at", .datetime)
            .field("confirmed_by", .uuid)
            .field("transaction_id", .uuid)
            .create()
    }

    /// Drops `payments`.
    public func revert(on db: any Database) async throws { try await db.schema("payments").delete() }
}
