import FluentKit

/// A payment a steward marks as not received (or that fails with its order) keeps the reason and
/// who decided: order payments and share payments alike.
public struct M019AddPaymentFailures: AsyncMigration {
    /// The name databases recorded when this migration ran in `CoopServer`: kept, so they do not run it again.
    public var name: String { "CoopServer.M019AddPaymentFailures" }

    /// Adds `failure_reason` and `failed_by` to `order_payments` and `payments`.
    public func prepare(on db: any Database) async throws {
        // One column at a time: SQLite adds one per statement.
        for table in ["order_payments", "payments"] {
            try await db.schema(table).field("failure_reason", .string).update()
            try await db.schema(table).field("failed_by", .uuid).update()
        }
    }

    /// Drops those columns.
    public func revert(on db: any Database) async throws {
        for table in ["order_payments", "payments"] {
            try await db.schema(table).deleteField("failed_by").update()
            try await db.schema(table).deleteField("failure_reason").update()
        }
    }
}
