import FluentKit

/// Members' requests to be paid what the co-op owes them (``PayoutRecord``). At most one waits per
/// member: a partial unique index where the database has them (both do), so two requests made at
/// once cannot both stand.
struct M031CreatePayouts: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("payouts")
            .id()
            .field("membership_id", .uuid, .required, .references("memberships", "id"))
            .field("earnings_minor", .int64, .required)
            .field("dividends_minor", .int64, .required)
            .field("currency", .string, .required)
            .field("status", .string, .required)
            .field("requested_at", .datetime, .required)
            .field("paid_at", .datetime)
            .field("paid_by", .uuid)
            .field("method", .string)
            .field("reference", .string)
            .field("ledger_transaction_id", .uuid)
            .create()
        let sql = try db.sql()
        try await sql.raw("CREATE INDEX payouts_by_member ON payouts (membership_id, requested_at)").run()
        try await sql.raw("CREATE UNIQUE INDEX payouts_one_waiting ON payouts (membership_id) WHERE status = 'requested'").run()
    }

    func revert(on db: any Database) async throws { try await db.schema("payouts").delete() }
}
