import FluentKit
import Foundation
import SQLKit

/// Each member's mail choice per kind, and the co-op's key that signs unsubscribe links.
public struct M024CreateMailPreferences: AsyncMigration {
    /// Creates `notification_preferences` (one row per user and kind they chose for) and
    /// `mail_keys` with one random 32-byte key.
    public func prepare(on db: any Database) async throws {
        try await db.schema("notification_preferences")
            .field("user_id", .uuid, .required, .references("users", "id"))
            .field("kind", .string, .required)
            .field("choice", .string, .required)
            .unique(on: "user_id", "kind")
            .create()
        try await db.schema("mail_keys")
            .field("id", .int, .identifier(auto: false))
            .field("key_hex", .string, .required)
            .create()
        var random = SystemRandomNumberGenerator()
        let key = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &random) }
        let hex = key.map { String(format: "%02x", $0) }.joined()
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("INSERT INTO mail_keys (id, key_hex) VALUES (1, \(bind: hex))").run()
    }

    /// Drops both tables.
    public func revert(on db: any Database) async throws {
        try await db.schema("mail_keys").delete()
        try await db.schema("notification_preferences").delete()
    }
}
