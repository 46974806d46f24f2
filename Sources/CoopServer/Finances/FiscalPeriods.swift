import CoopCore
import CoopStore
import Fluent
import Foundation
import Vapor

/// Fiscal periods through their life: opened with the formula in force, closed (the surplus
/// computed from the ledger and allocated by the locked formula), approved by a member vote, and
/// posted to the ledger. Every step runs in the caller's write transaction and is audited. The
/// rules are the core's (``Surplus``, ``PatronageActivity``, ``FiscalPeriodStatus``); the reads
/// and writes the store's (``FiscalPeriodStore``, ``PeriodLedger``, ``PatronageQueries``).
/// Public for `coop-bench`: closing a period is what it times.
public enum FiscalPeriods {
    typealias Status = FiscalPeriodStatus
    typealias Totals = AllocationTotals
    typealias MemberPatronage = PatronageQueries.MemberPatronage

    static func formula(of p: FiscalPeriodRecord) throws -> SurplusFormula { try p.lockedFormula }
    static func result(of p: FiscalPeriodRecord) throws -> Surplus.Result? { try p.closedResult }
    static func totals(of p: FiscalPeriodRecord) throws -> Totals? { try p.closedTotals }

    static func end(of start: Date, months: Int) -> Date { FiscalCalendar.end(of: start, months: months) }

    /// Makes sure a period covers `now` (see ``FiscalPeriodStore/ensureCurrent(bylaws:on:at:)``).
    static func ensureCurrent(bylaws: Bylaws, on db: any Database, at now: Date) async throws {
        try await FiscalPeriodStore.ensureCurrent(bylaws: bylaws, on: db, at: now)
    }

    /// The period with a number.
    static func period(_ number: Int, on db: any Database) async throws -> FiscalPeriodRecord {
        try await FiscalPeriodStore.period(number, on: db)
    }

    /// Who closes a period.
    public enum Closer: Sendable {
        case steward(MembershipRecord, name: String)
        case schedule

        var name: String {
            switch self {
            case .steward(_, let name): name
            case .schedule: "schedule"
            }
        }
    }

    /// Closes a period that has ended: checks that everything in it is posted and balanced, reads
    /// the result from the ledger and each member's patronage, allocates the surplus by the
    /// period's locked formula, keeps every member's line, and puts the allocation to the members'
    /// vote (nothing to vote on when there is no surplus: a loss is carried forward). Idempotent: a
    /// closed period is returned as it is.
    @discardableResult
    public static func close(_ number: Int, by closer: Closer, bylaws: Bylaws, on db: any Database, at now: Date) async throws
        -> FiscalPeriodRecord
    {
        try await ensureCurrent(bylaws: bylaws, on: db, at: now)
        let p = try await period(number, on: db)
        guard p.status == .open else { return p }
        guard p.endsAt <= now else {
            throw CoopError.conflict(
                t("Fiscal period %1$s runs until %2$s; it can be closed once it has ended.", String(number), Layout.date(p.endsAt)))
        }
        if let earlier = try await FiscalPeriodStore.earliestOpen(before: number, on: db) {
            throw CoopError.conflict(t("Close fiscal period %s first: periods close in order.", String(earlier.number)))
        }
        try await checkPosted(p, currency: bylaws.currency, on: db)
        let carried = try await FiscalPeriodStore.existing(number - 1, on: db).flatMap { try result(of: $0) }?.carriedOut ?? 0
        let (revenue, expenses) = try await revenueAndExpenses(p, currency: bylaws.currency, on: db)
        let outcome = Surplus.result(revenue: revenue, expenses: expenses, carriedLoss: carried)
        let formula = try formula(of: p)
        let members = try await patronage(p, formula: formula, currency: bylaws.currency, on: db)
        let allocation: SurplusAllocation
        do {
            allocation = try Surplus.allocate(formula, surplus: outcome.allocatable, patronage: members.map(\.patronage))
        } catch {
            throw CoopError.invalid(t("The surplus of period %1$s cannot be allocated: %2$s", String(number), "\(error)"))
        }
        try await FiscalPeriodStore.recordClosing(
            .init(
                carriedIn: carried, result: outcome, totals: Totals(allocation), lines: allocation.lines,
                members: members.map(\.membership),
                closedBy: closer.name), of: p, on: db, at: now)
        if outcome.allocatable > 0 {
            let author: MembershipRecord
            switch closer {
            case .steward(let m, _): author = m
            case .schedule: author = try await scheduleAuthor(on: db)
            }
            try await propose(p, author: author, bylaws: bylaws, on: db, at: now)
        }
        return try await period(number, on: db)
    }

    /// A scheduled close's proposal is drafted in the name of the longest-standing steward.
    static func scheduleAuthor(on db: any Database) async throws -> MembershipRecord {
        guard let m = try await FiscalPeriodStore.longestStandingSteward(on: db) else {
            throw CoopError.conflict(t("No admitted steward can put the allocation to a vote."))
        }
        return m
    }

    /// Puts a closed period's allocation to the members' vote (again, after a rejection).
    @discardableResult
    static func propose(_ p: FiscalPeriodRecord, author: MembershipRecord, bylaws: Bylaws, on db: any Database, at now: Date)
        async throws -> ProposalRecord
    {
        let money = { (m: Int64) in Money(minorUnits: m, currency: bylaws.currency).description }
        let r = try result(of: p)
        let t = try totals(of: p)
        let body = """
            Fiscal period \(p.number) (\(Layout.date(p.startsAt)) to \(Layout.date(p.endsAt))) closed with revenue \
            \(money(r?.revenue ?? 0)), expenses \(money(r?.expenses ?? 0)) and \(money(r?.allocatable ?? 0)) to allocate \
            by the formula locked to the period: \(money(t?.reserve ?? 0)) to the reserve, \(money(t?.community ?? 0)) to the \
            community fund and \(money(t?.patronage ?? 0)) in patronage dividends to \(t?.members ?? 0) members. \
            The period's page shows the formula, each class's pool and, to each member, their own line. If this passes, \
            it is posted to the ledger.
            """
        // Checked and linked to the period by ``Governance/propose``.
        return try await Governance.propose(
            author: author, title: "Allocate the surplus of fiscal period \(p.number)", body: body,
            payload: .surplusAllocation(period: p.number), bylaws: bylaws, on: db, at: now)
    }

    /// A payment recorded in a period that still waits for a steward, and how to resolve it.
    struct Blocker: Sendable {
        let what: String
        let payment: UUID
        /// The order it pays for, or nil for a share payment.
        let order: Int?

        var confirm: SiteURL { order == nil ? .stewardConfirmPayment(payment) : .orderPaymentConfirm(payment) }
        var fail: SiteURL { order == nil ? .stewardFailPayment(payment) : .orderPaymentFail(payment) }

        /// A pending payment, described for a steward.
        init(_ pay: PeriodLedger.PendingPayment, currency: Currency) {
            let method = pay.method.replacingOccurrences(of: "_", with: " ")
            let amount = Money(minorUnits: pay.amountMinor, currency: currency)
            if let n = pay.order {
                what = "order #\(n): \(amount) by \(method), recorded \(Layout.day(pay.createdAt))"
            } else {
                what =
                    "share payment of \(amount) by \(method) (reference \(pay.reference.isEmpty ? "none" : pay.reference)), recorded \(Layout.day(pay.createdAt))"
            }
            payment = pay.payment
            order = pay.order
        }
    }

    /// What keeps a period from closing: payments recorded before its end that wait for a steward.
    static func blockers(_ p: FiscalPeriodRecord, currency: Currency, on db: any Database) async throws -> [Blocker] {
        try await PeriodLedger.pendingPayments(before: p, on: db).map { Blocker($0, currency: currency) }
    }

    /// Refuses a period whose activity is not all posted and balanced: payments recorded in it that
    /// still wait for confirmation, or postings that do not sum to zero.
    public static func checkPosted(_ p: FiscalPeriodRecord, currency: Currency, on db: any Database) async throws {
        let blocking = try await blockers(p, currency: currency, on: db)
        if !blocking.isEmpty {
            let listed = blocking.prefix(5).map(\.what).joined(separator: "; ")
            throw CoopError.conflict(
                tn(
                    "Fiscal period %2$s has unposted activity: %1$d payment recorded in it waits for a steward: %3$s. Confirm each that arrived, or mark it as not received, on the period's page.",
                    "Fiscal period %2$s has unposted activity: %1$d payments recorded in it wait for a steward: %3$s. Confirm each that arrived, or mark it as not received, on the period's page.",
                    blocking.count, String(p.number), listed + (blocking.count > 5 ? "; …" : "")))
        }
        if let (code, total) = try await PeriodLedger.sums(in: p, on: db).first(where: { $0.total != 0 }) {
            throw CoopError.conflict(
                t("Fiscal period %1$s's ledger does not balance: its postings in %2$s sum to %3$s.", String(p.number), code, "\(total)"))
        }
    }

    /// Revenue (credits to ``Account/revenue``) and expenses (debits to ``Account/expenses``) posted in the period.
    public static func revenueAndExpenses(_ p: FiscalPeriodRecord, currency: Currency, on db: any Database) async throws -> (Int64, Int64) {
        let revenue = try await PeriodLedger.sum(of: Account.revenue, in: p, currency: currency, on: db)
        let expenses = try await PeriodLedger.sum(of: Account.expenses, in: p, currency: currency, on: db)
        return (AccountKind.revenue.normalBalance(ofSum: revenue), AccountKind.expense.normalBalance(ofSum: expenses))
    }

    /// Every admitted member's patronage in the period (see ``PatronageQueries``).
    static func patronage(_ p: FiscalPeriodRecord, formula: SurplusFormula, currency: Currency, on db: any Database) async throws
        -> [MemberPatronage]
    {
        try await PatronageQueries.patronage(p, formula: formula, currency: currency, on: db)
    }

    /// Keeps every member's line, in one statement.
    static func storeLines(_ lines: [SurplusAllocation.Line], members: [String], period: UUID, on db: any Database) async throws {
        try await FiscalPeriodStore.storeLines(lines, members: members, period: period, on: db)
    }

    /// Posts an approved allocation: the surplus given out, to the reserve, the community fund,
    /// each member's cash dividend payable and capital account. In the enactment's transaction.
    static func post(_ number: Int, proposal: Int, bylaws: Bylaws, on db: any Database, at now: Date) async throws -> String {
        let (r, t) = try await FiscalPeriodStore.postAllocation(number, proposal: proposal, currency: bylaws.currency, on: db, at: now)
        func money(_ m: Int64) -> Money { Money(minorUnits: m, currency: bylaws.currency) }
        return
            "\(money(r.allocatable)) allocated: \(money(t.reserve)) to the reserve, \(money(t.community)) to the community fund, \(money(t.patronage)) in dividends to \(t.members) members"
    }

    /// The members voted an allocation down, or it could not be enacted: the period waits for a new vote.
    static func rejected(_ number: Int, on db: any Database) async throws {
        try await FiscalPeriodStore.markRejected(number, on: db)
    }

    /// Closes the periods that have ended, when the bylaws say the schedule closes them. Each in its
    /// own serialized transaction; a period that cannot close yet is logged and retried next time.
    static func closeDue(app: Application) async throws {
        let now = app.coop.config.now()
        guard let bylaws = try await app.coop.bylaws(on: app.db) else { return }
        let due = try await FiscalPeriodStore.due(at: now, on: app.db)
        if try await FiscalPeriodStore.latestEnd(on: app.db).map({ $0 <= now }) ?? true {
            try await app.coop.write(on: app.db) { db in try await ensureCurrent(bylaws: bylaws, on: db, at: now) }
        }
        guard bylaws.fiscal.closesOnSchedule else { return }
        for p in due {
            do {
                try await app.coop.write(on: app.db) { db in
                    _ = try await close(p.number, by: .schedule, bylaws: bylaws, on: db, at: now)
                }
            } catch {
                app.logger.warning("fiscal period not closed", metadata: ["period": "\(p.number)", "reason": "\(error)"])
                return
            }
        }
    }
}
