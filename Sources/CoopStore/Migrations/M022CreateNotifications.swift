import FluentKit
import SQLKit

/// Notifications shown in the app, one per event and recipient, with how each goes by mail.
public struct M022CreateNotifications: AsyncMigration {
    /// Creates `notifications` (unique per event and recipient; the unread ones indexed by
    /// recipient, for the count the navigation shows on every page) and `notification_events`
    /// (scheduled notices already made, such as a vote's closing reminder).
    public func prepare(on db: any Database) async throws {
        try await db.schema("notifications")
            .id()
            .field("recipient_id", .uuid, .required, .references("users", "id"))
            .field("kind", .string, .required)
            .field("event_key", .string, .required)
            .field("subject", .string, .required)
            .field("body", .string, .required)
            .field("target", .string, .required)
            .field("mail", .string, .required)
            .field("digest_id", .uuid)
            .field("created_ms", .int64, .required)
            .field("read_ms", .int64)
            .unique(on: "event_key", "recipient_id")
            .create()
        try await db.schema("notification_events")
            .field("event_key", .string, .identifier(auto: false))
            .field("created_ms", .int64, .required)
            .create()
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX notifications_recipient ON notifications (recipient_id, created_ms)").run()
        try await sql.raw("CREATE INDEX notifications_unread ON notifications (recipient_id) WHERE read_ms IS NULL").run()
        try await sql.raw("CREATE INDEX notifications_digest ON notifications (mail, digest_id)").run()
    }

    /// Drops both tables.
    public func revert(on db: any Database) async throws {
        try await db.schema("notification_events").delete()
        try await db.schema("notifications").delete()
    }
}
