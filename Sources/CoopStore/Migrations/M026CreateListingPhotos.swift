import FluentKit
import SQLKit

/// Listings' photos, their bytes in the database (a blob on SQLite, `bytea` on PostgreSQL), so
/// that backups hold them and every server process serves them.
public struct M026CreateListingPhotos: AsyncMigration {
    /// Creates the migration.
    public init() {}

    /// Creates `listing_photos`, indexed by listing and position.
    public func prepare(on db: any Database) async throws {
        try await db.schema("listing_photos")
            .id()
            .field("listing_id", .uuid, .required, .references("listings", "id"))
            .field("position", .int, .required)
            // The format read from the bytes (`jpeg`, `png`, `webp`), never the name or the type sent.
            .field("format", .string, .required)
            .field("width", .int)
            .field("height", .int)
            .field("byte_count", .int64, .required)
            // SHA-256 of the bytes, hex: part of the photo's URL, so a cached copy is never stale.
            .field("sha256", .string, .required)
            .field("alt", .string, .required)
            .field("bytes", .data, .required)
            .field("created_at", .datetime, .required)
            .create()
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX listing_photos_listing ON listing_photos (listing_id, position)").run()
    }

    /// Drops `listing_photos`.
    public func revert(on db: any Database) async throws { try await db.schema("listing_photos").delete() }
}
