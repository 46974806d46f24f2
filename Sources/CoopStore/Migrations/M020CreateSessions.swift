import FluentKit
import SQLKit

/// Sessions with their times, so that they expire on the server (``CoopSessions``).
public struct M020CreateSessions: AsyncMigration {
    /// The name databases recorded when this migration ran in `CoopServer`: kept, so they do not run it again.
    public var name: String { "CoopServer.M020CreateSessions" }

    /// Creates `sessions`, keyed by session key, indexed by last-seen time.
    public func prepare(on db: any Database) async throws {
        try await db.schema("sessions")
            .field("key", .string, .identifier(auto: false))
            .field("data", .string, .required)
            .field("logged_in", .bool, .required)
            .field("created_ms", .int64, .required)
            .field("seen_ms", .int64, .required)
            .create()
        if let sql = db as? any SQLDatabase {
            try await sql.raw("CREATE INDEX sessions_seen ON sessions (seen_ms)").run()
        }
    }

    /// Drops `sessions`.
    public func revert(on db: any Database) async throws { try await db.schema("sessions").delete() }
}
