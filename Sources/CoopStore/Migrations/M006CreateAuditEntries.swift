import FluentKit

/// The audit chain: each entry holds the previous entry's hash and its own.
public struct M006CreateAuditEntries: AsyncMigration {
    /// The name databases recorded when this migration ran in `CoopServer`: kept, so they do not run it again.
    public var name: String { "CoopServer.M006CreateAuditEntries" }

    /// Creates `audit_entries`, keyed by sequence number.
    public func prepare(on db: any Database) async throws {
        try await db.schema("audit_entries")
            .field("sequence", .int64, .identifier(auto: false))
            .field("at_millis", .int64, .required)
            .field("kind", .string, .required)
            .field("payload", .string, .required)
            .field("previous_hash", .string, .required)
            .field("hash", .string, .required)
            .create()
    }

    /// Drops `audit_entries`.
    public func revert(on db: any Database) async throws { try await db.schema("audit_entries").delete() }
}
