import FluentKit
import SQLKit

/// Payments of orders through a payment gateway.
public struct M012CreateOrderPayments: AsyncMigration {
    /// The name databases recorded when this migration ran in `CoopServer`: kept, so they do not run it again.
    public var name: String { "CoopServer.M012CreateOrderPayments" }

    /// Creates `order_payments`, indexed by order.
    public func prepare(on db: any Database) async throws {
        try await db.schema("order_payments")
            .id()
            .field("order_id", .uuid, .required, .references("orders", "id"))
            .field("gateway", .string, .required)
            .field("method", .string, .required)
            .field("reference", .string, .required)
            .field("amount_minor", .int64, .required)
            .field("status", .string, .required)
            .field("created_at", .datetime, .required)
            .field("settled_at", .datetime)
            .field("confirmed_by", .uuid)
            .create()
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX order_payments_order_id ON order_payments (order_id)").run()
    }

    /// Drops `order_payments`.
    public func revert(on db: any Database) async throws { try await db.schema("order_payments").delete() }
}
