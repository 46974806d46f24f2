import FluentKit
import SQLKit

/// The ledger's tables, and triggers that make posted rows immutable on both databases.
public struct M004CreateLedger: AsyncMigration {
    /// The name databases recorded when this migration ran in `CoopServer`: kept, so they do not run it again.
    public var name: String { "CoopServer.M004CreateLedger" }

    /// Creates `ledger_transactions` and `ledger_postings`, the postings' indexes, and the triggers
    /// that refuse UPDATE and DELETE.
    public func prepare(on db: any Database) async throws {
        try await db.schema("ledger_transactions")
            .id()
            .field("kind", .string, .required)
            .field("memo", .string, .required)
            .field("posted_at", .datetime, .required)
            .field("reverses_id", .uuid, .references("ledger_transactions", "id"))
            .create()
        try await db.schema("ledger_postings")
            .id()
            .field("transaction_id", .uuid, .required, .references("ledger_transactions", "id"))
            .field("account", .string, .required)
            .field("amount", .int64, .required)
            .field("currency", .string, .required)
            .create()
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX ledger_postings_account ON ledger_postings (account)").run()
        try await sql.raw("CREATE INDEX ledger_postings_transaction ON ledger_postings (transaction_id)").run()
        for table in ["ledger_transactions", "ledger_postings"] {
            if sql.dialect.name == "postgresql" {
                try await sql.raw(
                    """
                    CREATE OR REPLACE FUNCTION coop_ledger_immutable() RETURNS trigger AS $$
                    BEGIN RAISE EXCEPTION 'posted ledger rows are never changed; post a reversal'; END;
                    $$ LANGUAGE plpgsql
                    """
                ).run()
                try await sql.raw(
                    "CREATE TRIGGER \(unsafeRaw: table)_immutable BEFORE UPDATE OR DELETE ON \(unsafeRaw: table) FOR EACH ROW EXECUTE FUNCTION coop_ledger_immutable()"
                ).run()
            } else {
                for op in ["UPDATE", "DELETE"] {
                    try await sql.raw(
                        """
                        CREATE TRIGGER \(unsafeRaw: table)_no_\(unsafeRaw: op.lowercased()) BEFORE \(unsafeRaw: op) ON \(unsafeRaw: table)
                        BEGIN SELECT RAISE(ABORT, 'posted ledger rows are never changed; post a reversal'); END
                        """
                    ).run()
                }
            }
        }
    }

    /// Drops both tables (and, on PostgreSQL, the trigger function).
    public func revert(on db: any Database) async throws {
        try await db.schema("ledger_postings").delete()
        try await db.schema("ledger_transactions").delete()
        if let sql = db as? any SQLDatabase, sql.dialect.name == "postgresql" {
            try await sql.raw("DROP FUNCTION IF EXISTS coop_ledger_immutable()").run()
        }
    }
}
