import FluentKit
import SQLKit

/// What was ordered, frozen on the order as its price is: a listing edited later (or repurposed)
/// does not change what its past orders say they were for. Orders by listing are indexed too: a
/// listing's page reads the reviews of the orders placed from it.
public struct M027FreezeOrderTitles: AsyncMigration {
    /// Creates the migration.
    public init() {}

    /// Adds `orders.title`, filled from the listings (never edited before this migration), and
    /// creates `orders_listing_id`.
    public func prepare(on db: any Database) async throws {
        try await db.schema("orders").field("title", .string).update()
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("UPDATE orders SET title = (SELECT l.title FROM listings l WHERE l.id = orders.listing_id)").run()
        try await sql.raw("CREATE INDEX orders_listing_id ON orders (listing_id)").run()
    }

    /// Drops the index and the column.
    public func revert(on db: any Database) async throws {
        // Raw: Fluent's SQLite driver does not drop columns; SQLite (3.35 on) and PostgreSQL both do.
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("DROP INDEX orders_listing_id").run()
        try await sql.raw("ALTER TABLE orders DROP COLUMN title").run()
    }
}
