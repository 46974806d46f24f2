import FluentKit

/// A notification's words as a message id and its arguments (`NoticeMessage`, JSON), so that they
/// are written in the reader's language when shown or mailed. Null for notifications made before,
/// and for erased ones: their stored English `subject` and `body` are shown as they are.
struct M044AddNotificationMessage: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("notifications").field("message", .string).update()
    }

    func revert(on db: any Database) async throws { try await db.schema("notifications").deleteField("message").update() }
}
