import FluentKit
import SQLKit

/// Orders of listings, and each order's history of actions.
public struct M011CreateOrders: AsyncMigration {
    /// The name databases recorded when this migration ran in `CoopServer`: kept, so they do not run it again.
    public var name: String { "CoopServer.M011CreateOrders" }

    /// Creates `orders` (unique on number, indexed by customer and worker) and `order_events`.
    public func prepare(on db: any Database) async throws {
        try await db.schema("orders")
            .id()
            .field("number", .int, .required)
            .field("listing_id", .uuid, .required, .references("listings", "id"))
            .field("customer_id", .uuid, .required, .references("users", "id"))
            .field("worker_id", .uuid, .required, .references("memberships", "id"))
            .field("quantity", .int64, .required)
            .field("unit", .string, .required)
            .field("unit_price_minor", .int64, .required)
            // The breakdown, frozen when the order is placed: the fee in force then.
            .field("price_minor", .int64, .required)
            .field("fee_bp", .int64, .required)
            .field("fee_minor", .int64, .required)
            .field("worker_minor", .int64, .required)
            .field("state", .string, .required)
            .field("customer_reviewed", .bool, .required)
            .field("worker_reviewed", .bool, .required)
            .field("scheduled_at", .datetime)
            .field("note", .string, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "number")
            .create()
        try await db.schema("order_events")
            .id()
            .field("order_id", .uuid, .required, .references("orders", "id"))
            .field("action", .string, .required)
            .field("role", .string, .required)
            .field("state", .string, .required)
            .field("at", .datetime, .required)
            .create()
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX orders_customer_id ON orders (customer_id)").run()
        try await sql.raw("CREATE INDEX orders_worker_id ON orders (worker_id)").run()
        try await sql.raw("CREATE INDEX order_events_order_id ON order_events (order_id)").run()
    }

    /// Drops both tables.
    public func revert(on db: any Database) async throws {
        try await db.schema("order_events").delete()
        try await db.schema("orders").delete()
    }
}
