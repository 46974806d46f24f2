import FluentKit
import SQLKit

/// A listing's status (offered, paused, deleted, or made for one job), the area it was placed in,
/// and when it was last changed. `active` stays what search and orders read: true only while
/// the status is `active`.
public struct M025AddListingStatus: AsyncMigration {
    /// The columns whose change moves a listing's search revision on SQLite (``M016AddSearchRevision``), with the new ones.
    static let revisedColumns = """
        worker_id, kind, title, description, category, unit, price_minor, estimated_minutes, stock, area, lat_e6, lon_e6, \
        active, created_at, search_text, rotation_key, status, area_id, updated_at
        """

    /// Creates the migration.
    public init() {}

    /// Adds `status`, `area_id` and `updated_at`; a listing not offered before this is one made for a job.
    public func prepare(on db: any Database) async throws {
        // One column a statement: SQLite adds one column per ALTER TABLE.
        try await db.schema("listings").field("status", .string, .required, .sql(.default("active"))).update()
        try await db.schema("listings").field("area_id", .string).update()
        try await db.schema("listings").field("updated_at", .datetime).update()
        guard let sql = db as? any SQLDatabase else { return }
        // Until now the only listings not offered were the private ones accepted job requests make.
        try await sql.raw("UPDATE listings SET status = 'unlisted' WHERE active = \(bind: false)").run()
        if sql.dialect.name != "postgresql" {
            // SQLite's trigger names the columns whose update moves the revision: name the new ones too
            // (PostgreSQL's fires on every update already).
            try await sql.raw("DROP TRIGGER IF EXISTS listings_revision_update").run()
            try await sql.raw(
                """
                CREATE TRIGGER listings_revision_update AFTER UPDATE OF \(unsafeRaw: Self.revisedColumns) ON listings BEGIN \
                UPDATE search_revision SET v = v + 1 WHERE id = 1; \
                UPDATE listings SET revision = (SELECT v FROM search_revision WHERE id = 1) WHERE id = NEW.id; END
                """
            ).run()
        }
    }

    /// Drops the columns (and, on SQLite, restores the trigger's former column list).
    public func revert(on db: any Database) async throws {
        if let sql = db as? any SQLDatabase, sql.dialect.name != "postgresql" {
            try await sql.raw("DROP TRIGGER IF EXISTS listings_revision_update").run()
            let columns = """
                worker_id, kind, title, description, category, unit, price_minor, estimated_minutes, stock, area, lat_e6, lon_e6, \
                active, created_at, search_text, rotation_key
                """
            try await sql.raw(
                """
                CREATE TRIGGER listings_revision_update AFTER UPDATE OF \(unsafeRaw: columns) ON listings BEGIN \
                UPDATE search_revision SET v = v + 1 WHERE id = 1; \
                UPDATE listings SET revision = (SELECT v FROM search_revision WHERE id = 1) WHERE id = NEW.id; END
                """
            ).run()
        }
        // Raw: Fluent's SQLite driver does not drop columns; SQLite (3.35 on) and PostgreSQL both do.
        guard let sql = db as? any SQLDatabase else { return }
        for column in ["status", "area_id", "updated_at"] {
            try await sql.raw("ALTER TABLE listings DROP COLUMN \(unsafeRaw: column)").run()
        }
    }
}
