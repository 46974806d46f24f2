// Raw SQL on purpose: this file writes the period bench's rows (up to 10 million ledger postings)
// with recursive CTEs and INSERT…SELECT inside SQLite, minutes where the models would take hours.
// It is a benchmark's fixture, not the product: the product writes through CoopStore's commands,
// and nothing here may be copied into CoopServer or CoopStore.

import CoopCore
import CoopStore
import Fluent
import Foundation
import SQLKit
import Vapor

extension PeriodBenchCommand {
    /// Members an earlier run added (0 on a fresh data directory).
    static func seededMembers(sql: any SQLDatabase) async throws -> Int {
        try await sql.raw("SELECT COUNT(*) AS n FROM users WHERE email LIKE '%@period-bench.invalid'").first()?
            .decode(column: "n", as: Int.self) ?? 0
    }

    /// Period 1 as it was before its close: its lines, result and proposal gone. (The allocation
    /// posted by the earlier run lies outside period 1, so its sums are unchanged.)
    static func reopenPeriod1(sql: any SQLDatabase) async throws {
        try await sql.raw("DELETE FROM period_dividends").run()
        try await sql.raw("DELETE FROM proposals WHERE kind = 'budget'").run()
        try await sql.raw(
            """
            UPDATE fiscal_periods SET status = 'open', result = NULL, allocation = NULL, proposal_id = NULL, \
            closed_at = NULL, closed_by = NULL, posted_tx = NULL, allocated_at = NULL WHERE number = 1
            """
        ).run()
    }

    /// A random version-4 UUID as SQLite text, upper case as Fluent stores them.
    static let uuid = """
        (hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || \
        substr('89AB', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))
        """

    /// Fills the period in one transaction, every row made by SQLite (recursive CTEs and INSERT…SELECT).
    /// The ledger's and orders' secondary indexes are dropped first and built again at the end.
    func seed(
        sql: any SQLDatabase, app: Application, window: Window, workerClass: String, userClass: String, category: String,
        ledgerOrders: Int, expenses: Int, storedOrders: Int, now: Date
    ) async throws {
        let workers = (members + 1) / 2
        let users = members / 2
        let firstNumber = (try await MembershipRecord.query(on: app.db).max(\.$memberNumber) ?? 0) + 1
        let uuid = Self.uuid
        let nowSeconds = now.timeIntervalSince1970
        // Payments spread evenly over the period; each order completes (is released) an hour later.
        let span = window.end - window.start - 2 * 3_600_000
        let members = self.members
        try await app.db.withConnection { conn in
            let db = conn as! any SQLDatabase
            try await db.raw("PRAGMA synchronous = OFF").run()
            try await db.raw("PRAGMA cache_size = -131072").run()
            try await db.raw("BEGIN IMMEDIATE").run()
            do {
                let indexes = try await db.raw(
                    """
                    SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL \
                    AND tbl_name IN ('ledger_postings', 'ledger_transactions', 'orders', 'order_events', 'listings')
                    """
                ).all().map { (try $0.decode(column: "name", as: String.self), try $0.decode(column: "sql", as: String.self)) }
                for (name, _) in indexes { try await db.raw("DROP INDEX \(ident: name)").run() }

                // Members: even numbers are workers (with one listing each), odd numbers users.
                try await db.raw(
                    """
                    CREATE TABLE bench_members (i INTEGER PRIMARY KEY, membership TEXT NOT NULL, user TEXT NOT NULL, \
                    listing TEXT NOT NULL, cls TEXT NOT NULL)
                    """
                ).run()
                try await db.raw(
                    """
                    WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i + 1 < \(literal: members)) \
                    INSERT INTO bench_members SELECT i, \(unsafeRaw: uuid), \(unsafeRaw: uuid), \(unsafeRaw: uuid), \
                    CASE WHEN i % 2 = 0 THEN \(bind: workerClass) ELSE \(bind: userClass) END FROM s
                    """
                ).run()
                try await db.raw(
                    """
                    INSERT INTO users (id, email, name, password_hash, created_at) \
                    SELECT user, 'member-' || i || '@period-bench.invalid', 'Member ' || i, '!', \(literal: nowSeconds) FROM bench_members
                    """
                ).run()
                try await db.raw(
                    """
                    INSERT INTO memberships (id, user_id, class_id, status, member_number, shares, steward, applied_at, admitted_at, ended_at) \
                    SELECT membership, user, cls, \(bind: MembershipStatus.admitted.rawValue), \(literal: firstNumber) + i, 1, 0, \
                    \(literal: nowSeconds), \(literal: nowSeconds), NULL FROM bench_members
                    """
                ).run()

                // The ledger's orders: price 15.00-74.99, the 10% fee half up, a worker and a customer each.
                try await db.raw(
                    """
                    CREATE TABLE bench_orders (k INTEGER PRIMARY KEY, pay TEXT NOT NULL, rel TEXT NOT NULL, ms INTEGER NOT NULL, \
                    price INTEGER NOT NULL, fee INTEGER NOT NULL, worker INTEGER NOT NULL, customer INTEGER NOT NULL)
                    """
                ).run()
                try await db.raw(
                    """
                    WITH RECURSIVE s(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM s WHERE k < \(literal: ledgerOrders)) \
                    INSERT INTO bench_orders SELECT k, \(unsafeRaw: uuid), \(unsafeRaw: uuid), \
                    \(literal: window.start) + (k - 1) * \(literal: span) / \(literal: ledgerOrders), price, (price + 5) / 10, \
                    2 * ((k * 7919) % \(literal: workers)), 2 * ((k * 104729) % \(literal: users)) + 1 \
                    FROM (SELECT k, 1500 + (k * 2654435761) % 6000 AS price FROM s)
                    """
                ).run()
                try await db.raw(
                    """
                    INSERT INTO ledger_transactions (id, kind, memo, posted_at, reverses_id) \
                    SELECT pay, 'order-payment', 'order #' || k || ' paid (card)', ms / 1000.0, NULL FROM bench_orders \
                    UNION ALL SELECT rel, 'order-completed', 'order #' || k || ' completed', (ms + 3600000) / 1000.0, NULL FROM bench_orders
                    """
                ).run()
                try await db.raw(
                    """
                    INSERT INTO ledger_postings (id, transaction_id, account, amount, currency, posted_ms) \
                    SELECT \(unsafeRaw: uuid), pay, 'coop:cash', price, 'EUR', ms FROM bench_orders \
                    UNION ALL SELECT \(unsafeRaw: uuid), pay, 'coop:payable:order-' || k, -price, 'EUR', ms FROM bench_orders \
                    UNION ALL SELECT \(unsafeRaw: uuid), rel, 'coop:payable:order-' || k, price, 'EUR', ms + 3600000 FROM bench_orders \
                    UNION ALL SELECT \(unsafeRaw: uuid), rel, 'member:' || lower(m.membership) || ':earnings-payable', fee - price, 'EUR', \
                    ms + 3600000 FROM bench_orders o JOIN bench_members m ON m.i = o.worker \
                    UNION ALL SELECT \(unsafeRaw: uuid), rel, 'coop:revenue:fees', -fee, 'EUR', ms + 3600000 FROM bench_orders
                    """
                ).run()

                // Hosting, spread over the period: 30% of the fees in all.
                let fees =
                    try await db.raw("SELECT CAST(SUM(fee) AS BIGINT) AS f FROM bench_orders").first()?.decode(column: "f", as: Int64.self)
                    ?? 0
                let expense = max(1, fees * 3 / 10 / Int64(expenses))
                try await db.raw("CREATE TABLE bench_expenses (e INTEGER PRIMARY KEY, tx TEXT NOT NULL, ms INTEGER NOT NULL)").run()
                try await db.raw(
                    """
                    WITH RECURSIVE s(e) AS (SELECT 0 UNION ALL SELECT e + 1 FROM s WHERE e + 1 < \(literal: expenses)) \
                    INSERT INTO bench_expenses SELECT e, \(unsafeRaw: uuid), \
                    \(literal: window.start) + (2 * e + 1) * \(literal: span) / \(literal: 2 * expenses) FROM s
                    """
                ).run()
                try await db.raw(
                    """
                    INSERT INTO ledger_transactions (id, kind, memo, posted_at, reverses_id) \
                    SELECT tx, 'expense', 'Server hosting ' || (e + 1) || ' (recorded by member #1)', ms / 1000.0, NULL FROM bench_expenses
                    """
                ).run()
                try await db.raw(
                    """
                    INSERT INTO ledger_postings (id, transaction_id, account, amount, currency, posted_ms) \
                    SELECT \(unsafeRaw: uuid), tx, 'coop:expense:hosting', \(literal: expense), 'EUR', ms FROM bench_expenses \
                    UNION ALL SELECT \(unsafeRaw: uuid), tx, 'coop:cash', \(literal: -expense), 'EUR', ms FROM bench_expenses
                    """
                ).run()

                // The first orders of the ledger also stored as orders completed (the spending measure),
                // with their history, each of a listing of its worker.
                try await db.raw(
                    """
                    INSERT INTO listings (id, worker_id, kind, title, description, category, unit, price_minor, estimated_minutes, stock, \
                    area, lat_e6, lon_e6, active, created_at, search_text, rotation_key) \
                    SELECT listing, membership, 'service', 'Bench service ' || i, 'A service of the period bench.', \(bind: category), \
                    'fixed', 3000, 60, NULL, 'Centre', NULL, NULL, 1, \(literal: nowSeconds), \
                    'bench service ' || i || ' a service of the period bench. centre', abs(random()) % \(literal: FairRotation.modulus) \
                    FROM bench_members WHERE i % 2 = 0
                    """
                ).run()
                try await db.raw(
                    """
                    CREATE TABLE bench_stored (k INTEGER PRIMARY KEY, id TEXT NOT NULL, ms INTEGER NOT NULL, price INTEGER NOT NULL, \
                    fee INTEGER NOT NULL, listing TEXT NOT NULL, worker TEXT NOT NULL, customer TEXT NOT NULL)
                    """
                ).run()
                try await db.raw(
                    """
                    INSERT INTO bench_stored SELECT o.k, \(unsafeRaw: uuid), o.ms, o.price, o.fee, w.listing, w.membership, c.user \
                    FROM bench_orders o JOIN bench_members w ON w.i = o.worker JOIN bench_members c ON c.i = o.customer \
                    WHERE o.k <= \(literal: storedOrders)
                    """
                ).run()
                try await db.raw(
                    """
                    INSERT INTO orders (id, number, listing_id, customer_id, worker_id, quantity, unit, unit_price_minor, price_minor, \
                    fee_bp, fee_minor, worker_minor, state, customer_reviewed, worker_reviewed, scheduled_at, note, created_at, updated_at) \
                    SELECT id, k, listing, customer, worker, 1, 'fixed', price, price, 1000, fee, price - fee, 'completed', 0, 0, NULL, '', \
                    ms / 1000.0, (ms + 3600000) / 1000.0 FROM bench_stored
                    """
                ).run()
                try await db.raw(
                    """
                    INSERT INTO order_events (id, order_id, action, role, state, at) \
                    SELECT \(unsafeRaw: uuid), id, 'accept', 'worker', 'accepted', (ms + 60000) / 1000.0 FROM bench_stored \
                    UNION ALL SELECT \(unsafeRaw: uuid), id, 'start', 'worker', 'in_progress', (ms + 120000) / 1000.0 FROM bench_stored \
                    UNION ALL SELECT \(unsafeRaw: uuid), id, 'deliver', 'worker', 'delivered', (ms + 1800000) / 1000.0 FROM bench_stored \
                    UNION ALL SELECT \(unsafeRaw: uuid), id, 'complete', 'customer', 'completed', (ms + 3600000) / 1000.0 FROM bench_stored
                    """
                ).run()

                for table in ["bench_members", "bench_orders", "bench_expenses", "bench_stored"] {
                    try await db.raw("DROP TABLE \(ident: table)").run()
                }
                for (_, create) in indexes { try await db.raw("\(unsafeRaw: create)").run() }
                try await db.raw("COMMIT").run()
            } catch {
                try? await db.raw("ROLLBACK").run()
                throw error
            }
            try await db.raw("PRAGMA wal_checkpoint(TRUNCATE)").run()
            try await db.raw("PRAGMA cache_size = -2000").run()
            try await db.raw("PRAGMA synchronous = FULL").run()
            try await db.raw("PRAGMA shrink_memory").run()
        }
    }
}
