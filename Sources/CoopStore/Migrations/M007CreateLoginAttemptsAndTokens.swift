import FluentKit
import SQLKit

/// Login attempts, kept to throttle password guessing, and personal API tokens (only their hash stored).
public struct M007CreateLoginAttemptsAndTokens: AsyncMigration {
    /// The name databases recorded when this migration ran in `CoopServer`: kept, so they do not run it again.
    public var name: String { "CoopServer.M007CreateLoginAttemptsAndTokens" }

    /// Creates `login_attempts` (indexed by key and time) and `api_tokens` (unique on the token's hash).
    public func prepare(on db: any Database) async throws {
        try await db.schema("login_attempts")
            .id()
            .field("key", .string, .required)
            .field("at", .datetime, .required)
            .field("succeeded", .bool, .required)
            .create()
        try await db.schema("api_tokens")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id"))
            .field("label", .string, .required)
            .field("token_hash", .string, .required)
            .field("created_at", .datetime, .required)
            .field("last_used_at", .datetime)
            .unique(on: "token_hash")
            .create()
        if let sql = db as? any SQLDatabase {
            try await sql.raw("CREATE INDEX login_attempts_key_at ON login_attempts (key, at)").run()
        }
    }

    /// Drops both tables.
    public func revert(on db: any Database) async throws {
        try await db.schema("api_tokens").delete()
        try await db.schema("login_attempts").delete()
    }
}
