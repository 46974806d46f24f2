import CoopCore
import CoopStore
import Fluent
import Foundation
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
        let records = try await FiscalPeriodStore.all(on: db)
        let numbers = try await Governance.numbers(of: records.compactMap(\.proposalID), on: db)
        var out: [Period] = []
        for p in records { out.append(try await period(p, proposal: p.proposalID.flatMap { numbers[$0] }, bylaws, on: db)) }
        return out
    }

    /// One period in totals: a closed one's as they were closed, an open one's so far.
    static func period(_ p: FiscalPeriodRecord, proposal: Int?, _ bylaws: Bylaws, on db: any Database) async throws -> Period {
        let fees = try await PeriodLedger.sum(of: Account.feeRevenue, in: p, currency: bylaws.currency, on: db)
        let r = try p.closedResult
        let t = try p.closedTotals
        var (revenue, expenses) = (r?.revenue ?? 0, r?.expenses ?? 0)
        if r == nil { (revenue, expenses) = try await FiscalPeriods.revenueAndExpenses(p, currency: bylaws.currency, on: db) }
        return Period(
            number: p.number, startsAt: p.startsAt, endsAt: p.endsAt, status: p.status.rawValue, revenue: revenue,
            fees: Account.feeRevenue.kind.normalBalance(ofSum: fees), expenses: expenses, net: revenue - expenses,
            carriedIn: r?.carriedIn, allocatable: r?.allocatable, carriedOut: r?.carriedOut, reserve: t?.reserve,
            community: t?.community, dividends: t?.patronage, members: t?.members, proposal: proposal)
    }

    /// The platform fee's values, oldest first, each with the proposal that set it.
    static func feeHistory(_ bylaws: Bylaws, on db: any Database) async throws -> [FeeChange] {
        try await FinanceQueries.history(of: .platformFee, on: db).compactMap { c in
            guard let bp = c.valueNumber else { return nil }
            return FeeChange(
                basisPoints: bp, rate: Fraction(basisPoints: bp).description, from: c.changedAt, source: c.source, proposal: c.proposal)
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
            throw CoopError.invalid(
                t("'%1$s' is not an expense category: use %2$s.", input.category, expenseCategories.joined(separator: ", ")))
        }
        let description = input.description.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !description.isEmpty else { throw CoopError.invalid(t("Describe the expense.")) }
        let minor: Int64
        do { minor = try Money.parseFixed(input.amount.trimmingCharacters(in: .whitespaces), digits: bylaws.currency.minorDigits) } catch {
            throw CoopError.invalid(t("'%1$s' is not an amount: %2$s", input.amount, "\(error)"))
        }
        guard minor > 0, minor <= 1_000_000_000_000 else {
            throw CoopError.invalid(
                t(
                    "An expense is a positive amount up to %s.",
                    FinancePages.amount(Money(minorUnits: 1_000_000_000_000, currency: bylaws.currency))))
        }
        let tx = try LedgerTransaction.transfer(
            kind: "expense", memo: "\(description) (recorded by \(steward))",
            amount: Money(minorUnits: minor, currency: bylaws.currency), debit: .expense(input.category), credit: .cash)
        return try await LedgerStore.post(tx, on: db, at: now)
    }

    /// Recorded expenses, newest first.
    static func expenses(limit: Int = 50, on db: any Database) async throws -> [LedgerEntryView] {
        try await FinanceQueries.expenses(limit: limit, on: db)
    }
}
