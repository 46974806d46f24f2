import FluentKit
import FluentSQL
import SQLKit

/// A revision number for search: every change to a listing takes the next one (in the same
/// transaction, by trigger, so no way of writing a listing is missed), and any change to what
/// orders results (policies, bylaws, reviews) moves it on. Each server process keeps listings in
/// memory for search and reads only what changed since the revision it holds.
public struct M016AddSearchRevision: AsyncMigration {
    /// The name databases recorded when this migration ran in `CoopServer`: kept, so they do not run it again.
    public var name: String { "CoopServer.M016AddSearchRevision" }

    /// Adds `listings.revision`, creates the `search_revision` counter and the triggers that move it.
    public func prepare(on db: any Database) async throws {
        try await db.schema("listings").field("revision", .int64, .required, .sql(.default(0))).update()
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("CREATE TABLE search_revision (id INTEGER PRIMARY KEY, v BIGINT NOT NULL)").run()
        try await sql.raw("INSERT INTO search_revision (id, v) VALUES (1, 0)").run()
        try await sql.raw("CREATE INDEX listings_revision ON listings (revision)").run()
        if sql.dialect.name == "postgresql" {
            // Taking the next revision locks the counter's row until commit, so revisions commit in order.
            try await sql.raw(
                """
                CREATE FUNCTION coop_listing_revision() RETURNS trigger AS $$
                BEGIN
                    UPDATE search_revision SET v = v + 1 WHERE id = 1 RETURNING v INTO NEW.revision;
                    RETURN NEW;
                END $$ LANGUAGE plpgsql
                """
            ).run()
            try await sql.raw(
                "CREATE TRIGGER listings_revision BEFORE INSERT OR UPDATE ON listings FOR EACH ROW EXECUTE FUNCTION coop_listing_revision()"
            ).run()
            try await sql.raw(
                """
                CREATE FUNCTION coop_search_revision() RETURNS trigger AS $$
                BEGIN
                    UPDATE search_revision SET v = v + 1 WHERE id = 1;
                    RETURN NULL;
                END $$ LANGUAGE plpgsql
                """
            ).run()
            for table in ["reviews", "policies", "bylaws_versions"] {
                try await sql.raw(
                    "CREATE TRIGGER \(unsafeRaw: table)_search_revision AFTER INSERT OR UPDATE ON \(unsafeRaw: table) FOR EACH STATEMENT EXECUTE FUNCTION coop_search_revision()"
                ).run()
            }
        } else {
            // SQLite has one writer at a time, so revisions commit in order.
            let bump = "UPDATE search_revision SET v = v + 1 WHERE id = 1;"
            let stamp = "UPDATE listings SET revision = (SELECT v FROM search_revision WHERE id = 1) WHERE id = NEW.id;"
            let columns = """
                worker_id, kind, title, description, category, unit, price_minor, estimated_minutes, stock, area, lat_e6, lon_e6, \
                active, created_at, search_text, rotation_key
                """
            try await sql.raw(
                "CREATE TRIGGER listings_revision_insert AFTER INSERT ON listings BEGIN \(unsafeRaw: bump) \(unsafeRaw: stamp) END"
            )
            .run()
            try await sql.raw(
                "CREATE TRIGGER listings_revision_update AFTER UPDATE OF \(unsafeRaw: columns) ON listings BEGIN \(unsafeRaw: bump) \(unsafeRaw: stamp) END"
            ).run()
            for table in ["reviews", "policies", "bylaws_versions"] {
                for event in ["INSERT", "UPDATE"] {
                    try await sql.raw(
                        "CREATE TRIGGER \(unsafeRaw: table)_search_\(unsafeRaw: event.lowercased()) AFTER \(unsafeRaw: event) ON \(unsafeRaw: table) BEGIN \(unsafeRaw: bump) END"
                    ).run()
                }
            }
        }
    }

    /// Drops the triggers, their functions, the counter and `listings.revision`.
    public func revert(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        if sql.dialect.name == "postgresql" {
            try await sql.raw("DROP TRIGGER IF EXISTS listings_revision ON listings").run()
            for table in ["reviews", "policies", "bylaws_versions"] {
                try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: table)_search_revision ON \(unsafeRaw: table)").run()
            }
            try await sql.raw("DROP FUNCTION IF EXISTS coop_listing_revision()").run()
            try await sql.raw("DROP FUNCTION IF EXISTS coop_search_revision()").run()
        } else {
            for t in ["listings_revision_insert", "listings_revision_update"]
                + ["reviews", "policies", "bylaws_versions"].flatMap({
                    ["\($0)_search_insert", "\($0)_search_update"]
                })
            {
                try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: t)").run()
            }
        }
        try await sql.raw("DROP TABLE search_revision").run()
        try await db.schema("listings").deleteField("revision").update()
    }
}
