import ArgumentParser
import CoopCore
import CoopServer
import CoopStore
import Fluent
import Foundation
import SQLKit
import Vapor

/// `coop-bench period --data-dir DIR --members N --postings N`: founds the demo co-op on an empty
/// SQLite database, fills fiscal period 1 (a year that has ended) with N members and N ledger
/// postings shaped like order money, then times closing the period and posting its allocation,
/// with the same code the server uses, and prints one JSON line. For `bench/periods.sh`.
/// SQLite only: it refuses to start while `DATABASE_URL` is set, before it opens any database.
struct PeriodBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "period", abstract: "Time closing a fiscal period over a large ledger (for bench/periods.sh).")

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

    func run() async throws {
        guard members >= 2, postings >= 34, orders >= 0 else {
            throw CLIError("--members must be 2 or more, --postings 34 or more and --orders 0 or more")
        }
        // 5 postings per order (payment 2, release 3) and 2 per expense: 12 to 16 expenses make the total exact.
        guard let expenses = (12..<17).first(where: { (postings - 2 * $0) % 5 == 0 }) else { throw CLIError("no expense count fits") }
        let ledgerOrders = (postings - 2 * expenses) / 5
        // Before any database is opened: configuring the app migrates the database it is given.
        guard ProcessInfo.processInfo.environment["DATABASE_URL"] == nil else {
            throw CLIError("coop-bench period runs on SQLite only and would migrate the DATABASE_URL database: unset DATABASE_URL")
        }
        var env = Environment(name: "production", arguments: ["coop-bench"])
        try LoggingSystem.bootstrap(from: &env)
        let app = try await Application.make(env)
        app.logger.logLevel = .warning
        do {
            try await configure(app, config: AppConfig(dataDirectory: dataDir, databaseURL: nil))
            guard let sql = app.db as? any SQLDatabase else { throw CLIError("the SQLite database does not speak SQL") }
            if try await app.coop.bylaws(on: app.db) == nil { _ = try await DemoCoop.found(app: app) }
            guard let bylaws = try await app.coop.bylaws(on: app.db) else { throw CLIError("the demo co-op was not founded") }
            guard let workerClass = bylaws.surplus.measures.first(where: { $0.value == .earnings })?.key,
                let userClass = bylaws.surplus.measures.first(where: { $0.value == .spending })?.key
            else { throw CLIError("the bylaws need a class measured by earnings and one by spending") }
            let already = try await Self.seededMembers(sql: sql)
            if breakdown {
                guard already > 0 else { throw CLIError("--breakdown needs a data dir filled by an earlier run") }
                try await Self.breakdown(app: app, bylaws: bylaws, cacheMiB: cacheMb)
                try await app.asyncShutdown()
                return
            }
            if reclose {
                guard already > 0 else { throw CLIError("--reclose needs a data dir filled by an earlier run") }
                try await Self.reopenPeriod1(sql: sql)
                let now = app.coop.config.now()
                let before = Measure.memory()
                let started = ContinuousClock.now
                let closed = try await app.coop.write(on: app.db) { db in
                    try await FiscalPeriods.close(1, by: .schedule, bylaws: bylaws, on: db, at: now).status
                }
                let seconds = Measure.seconds(ContinuousClock.now - started)
                print(
                    "{\"reclose_s\": \(String(format: "%.2f", seconds)), \"status\": \"\(closed)\", "
                        + "\"hwm_before_close_mb\": \(before.hwm / 1024), \"hwm_close_mb\": \(Measure.memory().hwm / 1024)}")
                try await app.asyncShutdown()
                return
            }
            guard already == 0 else { throw CLIError("\(dataDir) was filled by an earlier run: use a fresh --data-dir") }

            // Period 1 becomes the year that ended an hour ago.
            let now = app.coop.config.now()
            let period = try await app.coop.write(on: app.db) { db in
                try await FiscalPeriodStore.ensureCurrent(bylaws: bylaws, on: db, at: now)
                let p = try await FiscalPeriodStore.period(1, on: db)
                p.endsAt = now.addingTimeInterval(-3_600)
                p.startsAt = FiscalCalendar.end(of: p.endsAt, months: -12)
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
            let seedSeconds = Measure.seconds(ContinuousClock.now - seedStarted)
            print(
                "coop-bench period: \(members) members, \(postings) postings (\(ledgerOrders) orders paid and completed, \(expenses) expenses), "
                    + "\(stored) completed orders stored, seeded in \(String(format: "%.1f", seedSeconds)) s")

            let before = Measure.memory()
            let peakReset = Measure.resetPeak()
            let closeStarted = ContinuousClock.now
            let closed = try await app.coop.write(on: app.db) { db in
                try await FiscalPeriods.close(1, by: .schedule, bylaws: bylaws, on: db, at: now).status
            }
            let closeSeconds = Measure.seconds(ContinuousClock.now - closeStarted)
            let afterClose = Measure.memory()
            guard closed == .proposed else { throw CLIError("period 1 closed as \(closed.rawValue), not proposed") }

            // The stored lines against the period's result and totals.
            let p = try await FiscalPeriodStore.period(1, on: app.db)
            guard let result = try p.closedResult, let totals = try p.closedTotals else {
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
                "coop-bench period: \(lines) lines stored: dividends \(dividends) + reserve \(totals.reserve) + community \(totals.community) = "
                    + "\(dividends + totals.reserve + totals.community), allocatable \(result.allocatable) (revenue \(result.revenue), "
                    + "expenses \(result.expenses)): \(balanced ? "equal" : "NOT EQUAL")")
            guard balanced else { throw CLIError("the stored lines do not add up to the allocatable surplus") }

            let postStarted = ContinuousClock.now
            let posted = try await app.coop.write(on: app.db) { db in
                try await FiscalPeriodStore.postAllocation(1, proposal: 0, currency: bylaws.currency, on: db, at: now).totals
            }
            let postSeconds = Measure.seconds(ContinuousClock.now - postStarted)
            let afterPost = Measure.memory()
            print(
                "coop-bench period: posted: reserve \(posted.reserve), community \(posted.community), "
                    + "dividends \(posted.patronage) to \(posted.members) members")

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

    struct Window: Sendable {
        let id: UUID
        let start: Int64
        let end: Int64
    }
}
