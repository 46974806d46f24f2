import FluentKit
import SQLKit

/// Fiscal periods and their dividends; and each ledger posting's time, so that a period's totals
/// are read from one covering index without joining every posting to its transaction.
public struct M017CreateFiscalPeriods: AsyncMigration {
    /// The name databases recorded when this migration ran in `CoopServer`: kept, so they do not run it again.
    public var name: String { "CoopServer.M017CreateFiscalPeriods" }

    /// Adds `ledger_postings.posted_ms` (filled from each transaction), its indexes, and creates
    /// `fiscal_periods` and `period_dividends`.
    public func prepare(on db: any Database) async throws {
        try await db.schema("ledger_postings").field("posted_ms", .int64).update()
        if let sql = db as? any SQLDatabase {
            // Posted rows are immutable: the guard is lifted only to fill the new column, then restored.
            if sql.dialect.name == "postgresql" {
                try await sql.raw("DROP TRIGGER ledger_postings_immutable ON ledger_postings").run()
                try await sql.raw(
                    """
                    UPDATE ledger_postings p SET posted_ms = CAST(FLOOR(EXTRACT(EPOCH FROM t.posted_at) * 1000) AS BIGINT) \
                    FROM ledger_transactions t WHERE t.id = p.transaction_id
                    """
                ).run()
                try await sql.raw(
                    "CREATE TRIGGER ledger_postings_immutable BEFORE UPDATE OR DELETE ON ledger_postings FOR EACH ROW EXECUTE FUNCTION coop_ledger_immutable()"
                ).run()
            } else {
                try await sql.raw("DROP TRIGGER ledger_postings_no_update").run()
                try await sql.raw(
                    """
                    UPDATE ledger_postings SET posted_ms = (SELECT CAST(t.posted_at * 1000 AS INTEGER) \
                    FROM ledger_transactions t WHERE t.id = ledger_postings.transaction_id)
                    """
                ).run()
                try await sql.raw(
                    """
                    CREATE TRIGGER ledger_postings_no_update BEFORE UPDATE ON ledger_postings
                    BEGIN SELECT RAISE(ABORT, 'posted ledger rows are never changed; post a reversal'); END
                    """
                ).run()
            }
            try await sql.raw("CREATE INDEX ledger_postings_period ON ledger_postings (account, posted_ms, amount, currency)").run()
            try await sql.raw("CREATE INDEX ledger_postings_time ON ledger_postings (posted_ms, currency, amount)").run()
        }
        try await db.schema("fiscal_periods")
            .id()
            .field("number", .int, .required)
            .field("starts_at", .datetime, .required)
            .field("ends_at", .datetime, .required)
            .field("formula", .string, .required)
            .field("bylaws_version", .int, .required)
            .field("status", .string, .required)
            .field("carried_in", .int64, .required)
            .field("closed_at", .datetime)
            .field("closed_by", .string)
            .field("result", .string)
            .field("allocation", .string)
            .field("proposal_id", .uuid)
            .field("posted_tx", .uuid)
            .field("allocated_at", .datetime)
            .unique(on: "number")
            .create()
        try await db.schema("period_dividends")
            .id()
            .field("period_id", .uuid, .required, .references("fiscal_periods", "id"))
            .field("membership_id", .uuid, .required, .references("memberships", "id"))
            .field("class_id", .string, .required)
            .field("patronage", .int64, .required)
            .field("dividend", .int64, .required)
            .field("cash", .int64, .required)
            .field("capital", .int64, .required)
            .unique(on: "period_id", "membership_id")
            .create()
        if let sql = db as? any SQLDatabase {
            try await sql.raw("CREATE INDEX period_dividends_member ON period_dividends (membership_id)").run()
        }
    }

    /// Drops `period_dividends` and `fiscal_periods` (`posted_ms` and its indexes stay).
    public func revert(on db: any Database) async throws {
        try await db.schema("period_dividends").delete()
        try await db.schema("fiscal_periods").delete()
    }
}
