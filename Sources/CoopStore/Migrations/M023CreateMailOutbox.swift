import FluentKit
import SQLKit

/// The mail to send: one row per notification and recipient (or per member's daily digest),
/// written in the transaction of the event that caused it and sent by the scheduler.
public struct M023CreateMailOutbox: AsyncMigration {
    /// Creates `mail_outbox`, unique by message key (the Message-ID's stable part), with the due
    /// rows indexed by when they are due.
    public func prepare(on db: any Database) async throws {
        try await db.schema("mail_outbox")
            .id()
            .field("recipient_id", .uuid, .required, .references("users", "id"))
            .field("notification_id", .uuid)
            .field("kind", .string)
            .field("digest_day", .string)
            .field("message_key", .string, .required)
            .field("status", .string, .required)
            .field("attempts", .int, .required)
            .field("next_attempt_ms", .int64, .required)
            .field("claimed_until_ms", .int64)
            .field("sent_ms", .int64)
            .field("last_error", .string)
            .field("created_ms", .int64, .required)
            .unique(on: "message_key")
            .create()
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX mail_outbox_due ON mail_outbox (status, next_attempt_ms)").run()
    }

    /// Drops `mail_outbox`.
    public func revert(on db: any Database) async throws { try await db.schema("mail_outbox").delete() }
}
