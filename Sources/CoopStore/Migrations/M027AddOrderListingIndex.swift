import FluentKit
import SQLKit

/// Orders by listing: a listing's page reads the reviews of the orders placed from it.
public struct M027AddOrderListingIndex: AsyncMigration {
    /// Creates the migration.
    public init() {}

    /// Creates `orders_listing_id`.
    public func prepare(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX orders_listing_id ON orders (listing_id)").run()
    }

    /// Drops it.
    public func revert(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("DROP INDEX orders_listing_id").run()
    }
}
