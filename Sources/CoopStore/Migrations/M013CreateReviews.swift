import FluentKit
import SQLKit

/// Reviews: after completion, each party of an order reviews the other once.
public struct M013CreateReviews: AsyncMigration {
    /// The name databases recorded when this migration ran in `CoopServer`: kept, so they do not run it again.
    public var name: String { "CoopServer.M013CreateReviews" }

    /// Creates `reviews`, unique on order and author's role, indexed by worker.
    public func prepare(on db: any Database) async throws {
        try await db.schema("reviews")
            .id()
            .field("order_id", .uuid, .required, .references("orders", "id"))
            .field("author_role", .string, .required)
            .field("worker_id", .uuid, .required, .references("memberships", "id"))
            .field("rating", .int, .required)
            .field("body", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "order_id", "author_role")
            .create()
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX reviews_worker_id ON reviews (worker_id, author_role)").run()
    }

    /// Drops `reviews`.
    public func revert(on db: any Database) async throws { try await db.schema("reviews").delete() }
}
