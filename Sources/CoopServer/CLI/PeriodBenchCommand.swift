import ArgumentParser
import CoopCore
import CoopStore
import Fluent
import Foundation
import SQLKit
import Vapor

/// `coop period-bench --data-dir DIR --members N --postings N`: founds the demo co-op on an empty
/// database, fills fiscal period 1 (a year that has ended) with N members and N ledger postings
/// shaped like order money, inside SQLite, then times closing the period and posting its
/// allocation, with the same code the server uses, and prints one JSON line. Hidden: it is for
/// `bench/periods.sh`.
public struct PeriodBenchCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "period-bench", abstract: "Time closing a fiscal period over a large ledger (for bench/periods.sh).",
        shouldDisplay: false)

    @ArgumentParser.Option(help: "Folder for the SQLite database (it should be empty).")
    var dataDir = "coop-period-bench"

    @ArgumentParser.Option(help: "Members to add, half worker-members (earnings), half user-members (spending).")
    var members = 100_000

    @ArgumentParser.Option(help: "Ledger postings to add in the period: 5 per order paid and completed, 2 per expense.")
    var postings = 10_000_000

    @ArgumentParser.Option(help: "Of the ledger's orders, how many are also stored as completed orders (the spending measure).")
    var orders = 100_000

    @ArgumentParser.Flag(help: "Instead, on a data dir filled by an earlier run, time each step of a close and a post, rolled back.")
    var breakdown = false

    @ArgumentParser.Flag(help: "Instead, on a data dir filled by an earlier run, reopen period 1 and time its close again.")
    var reclose = false

    @ArgumentParser.Option(help: "With --breakdown: SQLite's page cache for the connection, in MiB (0: SQLite's default, 2 MB).")
    var cacheMb = 0

    public init() {}

    /// A random version-4 UUID as SQLite text, upper case as Fluent stores them.
    static let uuid = """
        (hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || \
        substr('89AB', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))
        """

    public func run() async throws {
        guard members >= 2, postings >= 34, orders >= 0 else {
            throw CLIError("--members must be 2 or more, --postings 34 or more and --orders 0 or more")
        }
        // 5 postings per order (payment 2, release 3) and 2 per expense: 12 to 16 expenses make the total exact.
        guard let expenses = (12..<17).first(where: { (postings - 2 * $0) % 5 == 0 }) else { throw CLIError("no expense count fits") }
        let ledgerOrders = (postings - 2 * expenses) / 5
        var env = Environment(name: "production", arguments: ["coop"])
        try LoggingSystem.bootstrap(from: &env)
        let app = try await Application.make(env)
        app.logger.logLevel = .warning
        do {
            try await configure(
                app, config: AppConfig(dataDirectory: dataDir, databaseURL: ProcessInfo.processInfo.environment["DATABASE_URL"]))
            guard let sql = app.db as? any SQLDatabase, sql.dialect.name == "sqlite" else {
                throw CLIError("period-bench runs on SQLite only (unset DATABASE_URL)")
            }
            if try await app.coop.bylaws(on: app.db) == nil { _ = try await DemoCoop.found(app: app) }
            guard let bylaws = try await app.coop.bylaws(on: app.db) else { throw CLIError("the demo co-op was not founded") }
            guard let workerClass = bylaws.surplus.measures.first(where: { $0.value == .earnings })?.key,
                let userClass = bylaws.surplus.measures.first(where: { $0.value == .spending })?.key
            else { throw CLIError("the bylaws need a class measured by earnings and one by spending") }
            let already =
                try await sql.raw("SELECT COUNT(*) AS n FROM users WHERE email LIKE '%@period-bench.invalid'").first()?
                .decode(column: "n", as: Int.self) ?? 0
            if breakdown {
                guard already > 0 else { throw CLIError("--breakdown needs a data dir filled by an earlier run") }
                try await Self.breakdown(app: app, bylaws: bylaws, cacheMiB: cacheMb)
                try await app.asyncShutdown()
                return
            }
            if reclose {
                guard already > 0 else { throw CLIError("--reclose needs a data dir filled by an earlier run") }
                // Period 1 as it was before its close: its lines, result and proposal gone. (The
                // allocation posted by the earlier run lies outside period 1, so its sums are unchanged.)
                try await sql.raw("DELETE FROM period_dividends").run()
                try await sql.raw("DELETE FROM proposals WHERE kind = 'budget'").run()
                try await sql.raw(
                    """
                    UPDATE fiscal_periods SET status = 'open', result = NULL, allocation = NULL, proposal_id = NULL, \
                    closed_at = NULL, closed_by = NULL, posted_tx = NULL, allocated_at = NULL WHERE number = 1
                    """
                ).run()
                let now = app.coop.config.now()
                let before = Self.memory()
                let started = ContinuousClock.now
                let closed = try await app.coop.write(on: app.db) { db in
                    try await FiscalPeriods.close(1, by: .schedule, bylaws: bylaws, on: db, at: now).status
                }
                let seconds = Self.seconds(ContinuousClock.now - started)
                print(
                    "{\"reclose_s\": \(String(format: "%.2f", seconds)), \"status\": \"\(closed)\", "
                        + "\"hwm_before_close_mb\": \(before.hwm / 1024), \"hwm_close_mb\": \(Self.memory().hwm / 1024)}")
                try await app.asyncShutdown()
                return
            }
            guard already == 0 else { throw CLIError("\(dataDir) was filled by an earlier run: use a fresh --data-dir") }

            // Period 1 becomes the year that ended an hour ago.
            let now = app.coop.config.now()
            let period = try await app.coop.write(on: app.db) { db in
                try await FiscalPeriods.ensureCurrent(bylaws: bylaws, on: db, at: now)
                let p = try await FiscalPeriods.period(1, on: db)
                p.endsAt = now.addingTimeInterval(-3_600)
                p.startsAt = FiscalPeriods.end(of: p.endsAt, months: -12)
                try await p.save(on: db)
                return Window(id: try p.requireID(), start: p.startsAt.millis, end: p.endsAt.millis)
            }

            let seedStarted = ContinuousClock.now
            let stored = min(orders, ledgerOrders)
            try await seed(
                sql: sql, app: app, window: period, workerClass: workerClass, userClass: userClass, category: bylaws.categories[0],
                ledgerOrders: ledgerOrders, expenses: expenses, storedOrders: stored, now: now)
            // The seed is one bulk write of gigabytes, whose write-ahead log SQLite would otherwise
            // fold into the database during the first timed commit. A ledger built over a year has
            // been checkpointed all along: so is this one, before the timing starts.
            try await sql.raw("PRAGMA wal_checkpoint(TRUNCATE)").run()
            let seedSeconds = Self.seconds(ContinuousClock.now - seedStarted)
            print(
                "period-bench: \(members) members, \(postings) postings (\(ledgerOrders) orders paid and completed, \(expenses) expenses), "
                    + "\(stored) completed orders stored, seeded in \(String(format: "%.1f", seedSeconds)) s")

            let before = Self.memory()
            let peakReset = Self.resetPeak()
            let closeStarted = ContinuousClock.now
            let closed = try await app.coop.write(on: app.db) { db in
                try await FiscalPeriods.close(1, by: .schedule, bylaws: bylaws, on: db, at: now).status
            }
            let closeSeconds = Self.seconds(ContinuousClock.now - closeStarted)
            let afterClose = Self.memory()
            guard closed == FiscalPeriods.Status.proposed.rawValue else { throw CLIError("period 1 closed as \(closed), not proposed") }

            // The stored lines against the period's result and totals.
            let p = try await FiscalPeriods.period(1, on: app.db)
            guard let result = try FiscalPeriods.result(of: p), let totals = try FiscalPeriods.totals(of: p) else {
                throw CLIError("period 1 has no result")
            }
            guard
                let row = try await sql.raw(
                    """
                    SELECT COUNT(*) AS n, CAST(COALESCE(SUM(dividend), 0) AS BIGINT) AS dividends, \
                    CAST(COALESCE(SUM(cash + capital), 0) AS BIGINT) AS paid FROM period_dividends WHERE period_id = \(bind: period.id)
                    """
                ).first()
            else { throw CLIError("no lines") }
            let lines = try row.decode(column: "n", as: Int.self)
            let dividends = try row.decode(column: "dividends", as: Int64.self)
            let paid = try row.decode(column: "paid", as: Int64.self)
            let balanced = dividends + totals.reserve + totals.community == result.allocatable && paid == dividends
            print(
                "period-bench: \(lines) lines stored: dividends \(dividends) + reserve \(totals.reserve) + community \(totals.community) = "
                    + "\(dividends + totals.reserve + totals.community), allocatable \(result.allocatable) (revenue \(result.revenue), "
                    + "expenses \(result.expenses)): \(balanced ? "equal" : "NOT EQUAL")")
            guard balanced else { throw CLIError("the stored lines do not add up to the allocatable surplus") }

            let postStarted = ContinuousClock.now
            let summary = try await app.coop.write(on: app.db) { db in
                try await FiscalPeriods.post(1, proposal: 0, bylaws: bylaws, on: db, at: now)
            }
            let postSeconds = Self.seconds(ContinuousClock.now - postStarted)
            let afterPost = Self.memory()
            print("period-bench: posted: \(summary)")

            func f(_ x: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", x) }
            let mb = { (kb: Int) in f(Double(kb) / 1024, 1) }
            print(
                "{\"members\": \(members), \"postings\": \(postings), \"orders_stored\": \(stored), \"seed_s\": \(f(seedSeconds, 1)), "
                    + "\"close_s\": \(f(closeSeconds, 2)), \"post_s\": \(f(postSeconds, 2)), \"lines\": \(lines), "
                    + "\"allocatable\": \(result.allocatable), \"rss_before_close_mb\": \(mb(before.rss)), "
                    + "\"hwm_before_close_mb\": \(mb(before.hwm)), \"hwm_close_mb\": \(mb(afterClose.hwm)), "
                    + "\"hwm_post_mb\": \(mb(afterPost.hwm)), \"peak_reset\": \(peakReset)}")
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }

    /// Each step of closing period 1 and posting its allocation, timed on its own in one transaction that is rolled back.
    static func breakdown(app: Application, bylaws: Bylaws, cacheMiB: Int) async throws {
        let line = try await app.db.withConnection { conn in
            let sql = conn as! any SQLDatabase
            var steps: [String] = []
            var clock = ContinuousClock.now
            func lap(_ name: String) {
                steps.append("\"\(name)\": \(String(format: "%.3f", seconds(ContinuousClock.now - clock)))")
                clock = ContinuousClock.now
            }
            if cacheMiB > 0 { try await sql.raw("PRAGMA cache_size = \(literal: -1024 * cacheMiB)").run() }
            try await sql.raw("BEGIN IMMEDIATE").run()
            do {
                let p = try await FiscalPeriods.period(1, on: conn)
                let cur = bylaws.currency
                lap("period")
                try await FiscalPeriods.checkPosted(p, currency: cur, on: conn)
                lap("check_posted")
                let (revenue, expenses) = try await FiscalPeriods.revenueAndExpenses(p, currency: cur, on: conn)
                lap("revenue_expenses")
                let outcome = Surplus.result(revenue: revenue, expenses: expenses, carriedLoss: 0)
                let formula = try FiscalPeriods.formula(of: p)
                let members = try await FiscalPeriods.patronage(p, formula: formula, currency: cur, on: conn)
                lap("patronage")
                let allocation = try Surplus.allocate(formula, surplus: outcome.allocatable, patronage: members.map(\.patronage))
                lap("allocate")
                try await sql.raw("DELETE FROM period_dividends WHERE period_id = \(bind: try p.requireID())").run()
                lap("delete_lines")
                try await FiscalPeriods.storeLines(
                    allocation.lines, members: members.map(\.membership), period: try p.requireID(), on: conn)
                lap("store_lines")
                let lines = try await PeriodDividendRecord.query(on: conn).filter(\.$periodID == p.requireID()).all()
                lap("post_read_lines")
                func money(_ m: Int64) -> Money { Money(minorUnits: m, currency: cur) }
                var postings = [Posting(account: .surplusAllocated, amount: money(outcome.allocatable))]
                postings.append(Posting(account: .reserve, amount: money(-outcome.allocatable)))
                for l in lines.sorted(by: { $0.membershipID.uuidString < $1.membershipID.uuidString }) {
                    let key = l.membershipID.uuidString.lowercased()
                    if l.cash > 0 { postings.append(Posting(account: .dividendPayable(member: key), amount: money(-l.cash))) }
                    if l.capital > 0 { postings.append(Posting(account: .capitalAccount(member: key), amount: money(-l.capital))) }
                    postings.append(Posting(account: .reserve, amount: money(l.dividend)))
                }
                let tx = try LedgerTransaction(kind: "surplus-allocation", memo: "breakdown", postings: postings)
                lap("post_build")
                _ = try await LedgerStore.post(tx, on: conn, at: Date())
                lap("post_ledger")
            } catch {
                try? await sql.raw("ROLLBACK").run()
                throw error
            }
            try await sql.raw("ROLLBACK").run()
            return "{\"breakdown_s\": {" + steps.joined(separator: ", ") + "}}"
        }
        print(line)
    }

    struct Window: Sendable {
        let id: UUID
        let start: Int64
        let end: Int64
    }

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
                    'bench service ' || i || ' a service of the period bench. centre', abs(random()) % \(literal: Listings.rotationModulus) \
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

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    /// The process's resident and peak resident memory, in KiB (Linux; zeros elsewhere).
    static func memory() -> (rss: Int, hwm: Int) {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return (0, 0) }
        func field(_ name: String) -> Int {
            guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(name + ":") }) else { return 0 }
            return Int(line.split(whereSeparator: { $0 == " " || $0 == "\t" })[1]) ?? 0
        }
        return (field("VmRSS"), field("VmHWM"))
    }

    /// Resets the peak resident memory to the current (Linux 4.0 and later), so that the peak
    /// measured next is the close's, not the seeding's.
    static func resetPeak() -> Bool {
        guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
        defer { try? handle.close() }
        do {
            try handle.write(contentsOf: Data("5".utf8))
            return true
        } catch {
            return false
        }
    }
}
