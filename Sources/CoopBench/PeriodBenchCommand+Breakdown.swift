import CoopCore
import CoopServer
import CoopStore
import Fluent
import Foundation
import SQLKit
import Vapor

extension PeriodBenchCommand {
    /// Each step of closing period 1 and posting its allocation, timed on its own in one transaction that is rolled back.
    static func breakdown(app: Application, bylaws: Bylaws, cacheMiB: Int) async throws {
        let line = try await app.db.withConnection { conn in
            let sql = conn as! any SQLDatabase
            var steps: [String] = []
            var clock = ContinuousClock.now
            func lap(_ name: String) {
                steps.append("\"\(name)\": \(String(format: "%.3f", Measure.seconds(ContinuousClock.now - clock)))")
                clock = ContinuousClock.now
            }
            if cacheMiB > 0 { try await sql.raw("PRAGMA cache_size = \(literal: -1024 * cacheMiB)").run() }
            try await sql.raw("BEGIN IMMEDIATE").run()
            do {
                let p = try await FiscalPeriodStore.period(1, on: conn)
                let cur = bylaws.currency
                lap("period")
                try await FiscalPeriods.checkPosted(p, currency: cur, on: conn)
                lap("check_posted")
                let (revenue, expenses) = try await FiscalPeriods.revenueAndExpenses(p, currency: cur, on: conn)
                lap("revenue_expenses")
                let outcome = Surplus.result(revenue: revenue, expenses: expenses, carriedLoss: 0)
                let formula = try p.lockedFormula
                let members = try await PatronageQueries.patronage(p, formula: formula, currency: cur, on: conn)
                lap("patronage")
                let allocation = try Surplus.allocate(formula, surplus: outcome.allocatable, patronage: members.map(\.patronage))
                lap("allocate")
                try await sql.raw("DELETE FROM period_dividends WHERE period_id = \(bind: try p.requireID())").run()
                lap("delete_lines")
                try await FiscalPeriodStore.storeLines(
                    allocation.lines, members: members.map(\.membership), period: try p.requireID(), on: conn)
                lap("store_lines")
                let lines = try await PeriodDividendRecord.query(on: conn).filter(\.$periodID == p.requireID()).all()
                lap("post_read_lines")
                // The postings as the store's postAllocation builds them (the core's AllocationTotals).
                let dividends = lines.sorted(by: { $0.membershipID.uuidString < $1.membershipID.uuidString }).map {
                    AllocationTotals.MemberDividend(member: $0.membershipID.uuidString.lowercased(), cash: $0.cash, capital: $0.capital)
                }
                let postings = AllocationTotals(allocation).postings(allocatable: outcome.allocatable, members: dividends, currency: cur)
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
}
