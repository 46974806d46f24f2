import FluentKit
import SQLKit

/// The marketplace's listings: services and goods that worker-members offer.
public struct M010CreateListings: AsyncMigration {
    /// The name databases recorded when this migration ran in `CoopServer`: kept, so they do not run it again.
    public var name: String { "CoopServer.M010CreateListings" }

    /// Creates `listings`, indexed by category, creation time and worker.
    public func prepare(on db: any Database) async throws {
        try await db.schema("listings")
            .id()
            .field("worker_id", .uuid, .required, .references("memberships", "id"))
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("description", .string, .required)
            .field("category", .string, .required)
            .field("unit", .string, .required)
            .field("price_minor", .int64, .required)
            .field("estimated_minutes", .int64)
            .field("stock", .int64)
            .field("area", .string, .required)
            .field("lat_e6", .int64)
            .field("lon_e6", .int64)
            .field("active", .bool, .required)
            .field("created_at", .datetime, .required)
            // Lowercased title, description and area: what word search looks in.
            .field("search_text", .string, .required)
            // A random number fixed at listing: fair rotation orders by it, shifted every hour.
            .field("rotation_key", .int64, .required)
            .create()
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX listings_category ON listings (category, active)").run()
        try await sql.raw("CREATE INDEX listings_created_at ON listings (created_at)").run()
        try await sql.raw("CREATE INDEX listings_worker_id ON listings (worker_id)").run()
    }

    /// Drops `listings`.
    public func revert(on db: any Database) async throws { try await db.schema("listings").delete() }
}
