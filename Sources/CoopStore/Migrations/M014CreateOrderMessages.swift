import FluentKit
import SQLKit

/// Messages between the two parties of an order.
public struct M014CreateOrderMessages: AsyncMigration {
    /// The name databases recorded when this migration ran in `CoopServer`: kept, so they do not run it again.
    public var name: String { "CoopServer.M014CreateOrderMessages" }

    /// Creates `order_messages`, indexed by order.
    public func prepare(on db: any Database) async throws {
        try await db.schema("order_messages")
            .id()
            .field("order_id", .uuid, .required, .references("orders", "id"))
            .field("author_role", .string, .required)
            .field("body", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX order_messages_order_id ON order_messages (order_id)").run()
    }

    /// Drops `order_messages`.
    public func revert(on db: any Database) async throws { try await db.schema("order_messages").delete() }
}
