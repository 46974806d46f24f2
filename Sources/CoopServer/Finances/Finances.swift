import CoopCore
import CoopStore
import Fluent
import Foundation
import SQLKit
import Vapor

/// What the public finances page, the API and open data show: each period's totals and the fee
/// rate's history; and the expenses stewards record.
enum Finances {
    /// A fiscal period in totals (minor units). For an open period, the figures so far.
    struct Period: Content, Equatable {
        let number: Int
        let startsAt: Date
        let endsAt: Date
        let status: String
        let revenue: Int64
        let fees: Int64
        let expenses: Int64
        let net: Int64
        let carriedIn: Int64?
        let allocatable: Int64?
        let carriedOut: Int64?
        let reserve: Int64?
        let community: Int64?
        let dividends: Int64?
        let members: Int?
        let proposal: Int?
    }

    /// One value of the platform fee, from when it took effect, and the proposal that set it.
    struct FeeChange: Content, Equatable {
        let basisPoints: Int64
        let rate: String
        let from: Date
        let source: String
        let proposal: Int?
    }

    static func periods(_ bylaws: Bylaws, on db: any Database) async throws -> [Period] {
        let records = try await FiscalPeriodRecord.query(on: db).sort(\.$number).all()
        let numbers = try await Governance.numbers(of: records.compactMap(\.proposalID), on: db)
        var out: [Period] = []
        for p in records { out.append(try await period(p, proposal: p.proposalID.flatMap { numbers[$0] }, bylaws, on: db)) }
        return out
    }

    /// One period in totals: a closed one's as they were closed, an open one's so far.
    static func period(_ p: FiscalPeriodRecord, proposal: Int?, _ bylaws: Bylaws, on db: any Database) async throws -> Period {
        let fees = try await total(of: Account.feeRevenue.code, p, currency: bylaws.currency, on: db)
        let r = try FiscalPeriods.result(of: p)
        let t = try FiscalPeriods.totals(of: p)
        var (revenue, expenses) = (r?.revenue ?? 0, r?.expenses ?? 0)
        if r == nil { (revenue, expenses) = try await FiscalPeriods.revenueAndExpenses(p, currency: bylaws.currency, on: db) }
        return Period(
            number: p.number, startsAt: p.startsAt, endsAt: p.endsAt, status: p.status, revenue: revenue, fees: -fees,
            expenses: expenses, net: revenue - expenses, carriedIn: r?.carriedIn, allocatable: r?.allocatable,
            carriedOut: r?.carriedOut, reserve: t?.reserve, community: t?.community, dividends: t?.patronage, members: t?.members,
            proposal: proposal)
    }

    /// The sum of one account's postings in a period.
    static func total(of account: String, _ p: FiscalPeriodRecord, currency: Currency, on db: any Database) async throws -> Int64 {
        guard let sql = db as? any SQLDatabase else { return 0 }
        return try await sql.raw(
            """
            SELECT CAST(COALESCE(SUM(amount), 0) AS BIGINT) AS total FROM ledger_postings WHERE account = \(bind: account) \
            AND posted_ms >= \(bind: p.startsAt.millis) AND posted_ms < \(bind: p.endsAt.millis) AND currency = \(bind: currency.code)
            """
        ).first()?.decode(column: "total", as: Int64.self) ?? 0
    }

    /// The platform fee's values, oldest first, each with the proposal that set it.
    static func feeHistory(_ bylaws: Bylaws, on db: any Database) async throws -> [FeeChange] {
        let changes = try await PolicyChangeRecord.query(on: db).filter(\.$key == PolicyKey.platformFee.rawValue).sort(\.$changedAt).all()
        let numbers = try await Governance.numbers(of: changes.compactMap(\.proposalID), on: db)
        return changes.compactMap { c in
            guard let bp = c.valueNumber else { return nil }
            return FeeChange(
                basisPoints: bp, rate: Fraction(basisPoints: bp).description, from: c.changedAt, source: c.source,
                proposal: c.proposalID.flatMap { numbers[$0] })
        }
    }

    /// An expense a steward records: a description and a category, paid from the co-op's cash.
    struct ExpenseInput: Content, Validatable, APIFieldRules {
        var amount: String
        var category: String
        var description: String

        static let fieldRules: [String: APIFieldRule] = [
            "amount": .length(1...30), "category": .length(1...40), "description": .length(1...300),
        ]

        static func validations(_ v: inout Validations) {
            v.add("amount", of: Self.self)
            v.add("category", of: Self.self)
            v.add("description", of: Self.self)
        }
    }

    /// Categories a steward can book an expense to.
    static let expenseCategories = ["hosting", "payments", "insurance", "accounting", "legal", "wages", "marketing", "other"]

    /// Posts an expense (debit `coop:expense:<category>`, credit cash), with who recorded it.
    static func recordExpense(_ input: ExpenseInput, steward: String, bylaws: Bylaws, on db: any Database, at now: Date) async throws
        -> UUID
    {
        guard expenseCategories.contains(input.category) else {
            throw CoopError.invalid("'\(input.category)' is not an expense category: use \(expenseCategories.joined(separator: ", ")).")
        }
        let description = input.description.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !description.isEmpty else { throw CoopError.invalid("Describe the expense.") }
        let minor: Int64
        do { minor = try Money.parseFixed(input.amount.trimmingCharacters(in: .whitespaces), digits: bylaws.currency.minorDigits) } catch {
            throw CoopError.invalid("'\(input.amount)' is not an amount: \(error)")
        }
        guard minor > 0, minor <= 1_000_000_000_000 else {
            throw CoopError.invalid(
                "An expense is a positive amount up to \(Money(minorUnits: 1_000_000_000_000, currency: bylaws.currency)).")
        }
        let tx = try LedgerTransaction.transfer(
            kind: "expense", memo: "\(description) (recorded by \(steward))",
            amount: Money(minorUnits: minor, currency: bylaws.currency), debit: .expense(input.category), credit: .cash)
        return try await LedgerStore.post(tx, on: db, at: now)
    }

    /// Recorded expenses, newest first.
    static func expenses(limit: Int = 50, on db: any Database) async throws -> [LedgerEntryView] {
        let txs = try await LedgerTransactionRecord.query(on: db).filter(\.$kind == "expense").sort(\.$postedAt, .descending)
            .limit(limit).all()
        let postings = try await LedgerPostingRecord.query(on: db).filter(\.$transactionID ~~ txs.compactMap(\.id))
            .filter(\.$amount > 0).all()
        let byTx = Dictionary(grouping: postings, by: \.transactionID)
        return txs.compactMap { t in
            guard let id = t.id, let p = byTx[id]?.first else { return nil }
            return LedgerEntryView(
                transaction: id, postedAt: t.postedAt, kind: t.kind, memo: t.memo, account: p.account, amount: p.amount,
                currency: p.currency)
        }
    }
}
