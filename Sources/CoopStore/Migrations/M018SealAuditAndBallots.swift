import FluentKit
import SQLKit

/// The audit chain made append-only in the database, its signing key and signed checkpoints, and
/// the nonce that lets a ballot's hiding commitment be checked (DESIGN §3).
public struct M018SealAuditAndBallots: AsyncMigration {
    /// The name databases recorded when this migration ran in `CoopServer`: kept, so they do not run it again.
    public var name: String { "CoopServer.M018SealAuditAndBallots" }

    /// Adds `ballots.nonce`, creates `coop_keys` and `audit_checkpoints`, and makes both audit
    /// tables refuse UPDATE and DELETE.
    public func prepare(on db: any Database) async throws {
        try await db.schema("ballots").field("nonce", .string).update()
        try await db.schema("coop_keys")
            .field("purpose", .string, .identifier(auto: false))
            .field("public_key", .string, .required)
            .field("private_key", .string, .required)
            .field("created_at_millis", .int64, .required)
            .create()
        try await db.schema("audit_checkpoints")
            .field("sequence", .int64, .identifier(auto: false))
            .field("hash", .string, .required)
            .field("signed_at_millis", .int64, .required)
            .field("public_key", .string, .required)
            .field("signature", .string, .required)
            .create()
        guard let sql = db as? any SQLDatabase else { return }
        for table in ["audit_entries", "audit_checkpoints"] {
            try await Self.refuseChanges(to: table, on: sql)
        }
    }

    /// Triggers that refuse UPDATE and DELETE of a table's rows, on SQLite and PostgreSQL.
    public static func refuseChanges(to table: String, on sql: any SQLDatabase) async throws {
        let message = "audit entries and checkpoints are never changed or deleted"
        if sql.dialect.name == "postgresql" {
            try await sql.raw(
                """
                CREATE OR REPLACE FUNCTION coop_audit_immutable() RETURNS trigger AS $$
                BEGIN RAISE EXCEPTION '\(unsafeRaw: message)'; END;
                $$ LANGUAGE plpgsql
                """
            ).run()
            try await sql.raw(
                "CREATE TRIGGER \(unsafeRaw: table)_immutable BEFORE UPDATE OR DELETE ON \(unsafeRaw: table) FOR EACH ROW EXECUTE FUNCTION coop_audit_immutable()"
            ).run()
            // TRUNCATE skips row triggers: refuse it too.
            try await sql.raw(
                "CREATE TRIGGER \(unsafeRaw: table)_no_truncate BEFORE TRUNCATE ON \(unsafeRaw: table) FOR EACH STATEMENT EXECUTE FUNCTION coop_audit_immutable()"
            ).run()
        } else {
            for op in ["UPDATE", "DELETE"] {
                try await sql.raw(
                    """
                    CREATE TRIGGER \(unsafeRaw: table)_no_\(unsafeRaw: op.lowercased()) BEFORE \(unsafeRaw: op) ON \(unsafeRaw: table)
                    BEGIN SELECT RAISE(ABORT, '\(unsafeRaw: message)'); END
                    """
                ).run()
            }
        }
    }

    /// Drops `audit_checkpoints`, `coop_keys`, `ballots.nonce` and the audit entries' triggers.
    public func revert(on db: any Database) async throws {
        try await db.schema("audit_checkpoints").delete()
        try await db.schema("coop_keys").delete()
        try await db.schema("ballots").deleteField("nonce").update()
        if let sql = db as? any SQLDatabase {
            if sql.dialect.name == "postgresql" {
                try await sql.raw("DROP TRIGGER IF EXISTS audit_entries_immutable ON audit_entries").run()
                try await sql.raw("DROP TRIGGER IF EXISTS audit_entries_no_truncate ON audit_entries").run()
                try await sql.raw("DROP FUNCTION IF EXISTS coop_audit_immutable() CASCADE").run()
            } else {
                try await sql.raw("DROP TRIGGER IF EXISTS audit_entries_no_update").run()
                try await sql.raw("DROP TRIGGER IF EXISTS audit_entries_no_delete").run()
            }
        }
    }
}
