import CoopCore
import FluentKit
import Foundation
import SQLKit

/// Fiscal periods in the database: opening them, reading them, keeping a closed period's result
/// and lines, and marking a vote's outcome. Every write runs in the caller's write transaction
/// and is audited where the period's life moves on.
public enum FiscalPeriodStore {
    /// Makes sure a period covers `now`: opens the first at founding and each next one when the one
    /// before ends, each with the formula in force when it opens. Idempotent.
    public static func ensureCurrent(bylaws: Bylaws, on db: any Database, at now: Date) async throws {
        let sql = try db.sql()
        var latest = try await FiscalPeriodRecord.query(on: db).sort(\.$number, .descending).first()
        let version = try await sql.raw("SELECT MAX(version) AS v FROM bylaws_versions").first()?.decode(column: "v", as: Int?.self) ?? 1
        if latest == nil {
            let founded = try await BylawsVersionRecord.query(on: db).sort(\.$version).first()?.adoptedAt ?? now
            latest = try await open(number: 1, from: founded, bylaws: bylaws, version: version, on: db, at: now)
        }
        while let last = latest, last.endsAt <= now {
            latest = try await open(number: last.number + 1, from: last.endsAt, bylaws: bylaws, version: version, on: db, at: now)
        }
    }

    /// Opens period `number` from `start`, for `months` (the bylaws' period length by default),
    /// with the bylaws' surplus formula locked to it; audited as `period.opened`.
    @discardableResult
    public static func open(
        number: Int, from start: Date, bylaws: Bylaws, version: Int, months: Int? = nil, on db: any Database, at now: Date
    ) async throws -> FiscalPeriodRecord {
        let p = FiscalPeriodRecord()
        p.id = UUID()
        p.number = number
        p.startsAt = start
        p.endsAt = FiscalCalendar.end(of: start, months: months ?? bylaws.fiscal.periodMonths)
        p.formula = try StoredJSON.encode(bylaws.surplus)
        p.bylawsVersion = version
        p.status = .open
        p.carriedIn = 0
        try await p.create(on: db)
        try await AuditLog.append(
            AuditEvent(
                kind: "period.opened",
                [
                    "period": .int(Int64(number)), "starts_at": .int(start.millis), "ends_at": .int(p.endsAt.millis),
                    "formula": .string(p.formula), "bylaws_version": .int(Int64(version)),
                ]), on: db, at: now)
        return p
    }

    /// The period with a number, or `notFound`.
    public static func period(_ number: Int, on db: any Database) async throws -> FiscalPeriodRecord {
        guard let p = try await existing(number, on: db) else {
            throw CoopError.notFound(Words("There is no fiscal period %s.", .text("\(number)")))
        }
        return p
    }

    /// The period with a number, if there is one.
    public static func existing(_ number: Int, on db: any Database) async throws -> FiscalPeriodRecord? {
        try await FiscalPeriodRecord.query(on: db).filter(\.$number == number).first()
    }

    /// Every period, in order of number (newest first when `newestFirst`).
    public static func all(newestFirst: Bool = false, on db: any Database) async throws -> [FiscalPeriodRecord] {
        try await FiscalPeriodRecord.query(on: db).sort(\.$number, newestFirst ? .descending : .ascending).all()
    }

    /// The earliest period before `number` still open, if any: periods close in order.
    public static func earliestOpen(before number: Int, on db: any Database) async throws -> FiscalPeriodRecord? {
        try await FiscalPeriodRecord.query(on: db).filter(\.$number < number)
            .filter(\.$status == .open).sort(\.$number).first()
    }

    /// The open periods that have ended by `now`, in order.
    public static func due(at now: Date, on db: any Database) async throws -> [FiscalPeriodRecord] {
        try await FiscalPeriodRecord.query(on: db).filter(\.$status == .open)
            .filter(\.$endsAt <= now).sort(\.$number).all()
    }

    /// When the latest period ends, if there is one.
    public static func latestEnd(on db: any Database) async throws -> Date? {
        try await FiscalPeriodRecord.query(on: db).max(\.$endsAt)
    }

    /// The longest-standing admitted steward (in whose name a scheduled close puts the allocation to a vote).
    public static func longestStandingSteward(on db: any Database) async throws -> MembershipRecord? {
        try await MembershipRecord.query(on: db).filter(\.$steward == true)
            .filter(\.$status == .admitted).sort(\.$memberNumber).first()
    }

    /// A closed period as it is kept: its result, totals and every member's line.
    public struct Closing: Sendable {
        /// A loss carried in from the period before.
        public let carriedIn: Int64
        /// The period's result.
        public let result: Surplus.Result
        /// The allocation's totals.
        public let totals: AllocationTotals
        /// The allocation's lines, with each line's membership id as the database stores it (text).
        public let lines: [SurplusAllocation.Line]
        /// The membership ids of `lines`, in the same order, as the database stores them.
        public let members: [String]
        /// Who closed it: a steward's name, or `schedule`.
        public let closedBy: String

        /// A closing of `result`, allocated as `lines` to `members` (in the same order).
        public init(
            carriedIn: Int64, result: Surplus.Result, totals: AllocationTotals, lines: [SurplusAllocation.Line], members: [String],
            closedBy: String
        ) {
            self.carriedIn = carriedIn
            self.result = result
            self.totals = totals
            self.lines = lines
            self.members = members
            self.closedBy = closedBy
        }
    }

    /// Keeps a period's closing: every member's line, its result and totals, its new status;
    /// audited as `period.closed`.
    public static func recordClosing(_ closing: Closing, of p: FiscalPeriodRecord, on db: any Database, at now: Date) async throws {
        let outcome = closing.result
        let totals = closing.totals
        try await storeLines(closing.lines, members: closing.members, period: try p.requireID(), on: db)
        p.carriedIn = closing.carriedIn
        p.result = try StoredJSON.encode(outcome)
        p.allocation = try StoredJSON.encode(totals)
        p.closedAt = now
        p.closedBy = closing.closedBy
        p.status = FiscalPeriodStatus.afterClosing(allocatable: outcome.allocatable)
        try await p.save(on: db)
        try await AuditLog.append(
            AuditEvent(
                kind: "period.closed",
                [
                    "period": .int(Int64(p.number)), "revenue": .int(outcome.revenue), "expenses": .int(outcome.expenses),
                    "net": .int(outcome.net), "carried_in": .int(closing.carriedIn), "allocatable": .int(outcome.allocatable),
                    "carried_out": .int(outcome.carriedOut), "reserve": .int(totals.reserve), "community": .int(totals.community),
                    "patronage": .int(totals.patronage), "members": .int(Int64(totals.members)), "closed_by": .string(closing.closedBy),
                ]), on: db, at: now)
    }

    /// Keeps every member's line, in one statement.
    public static func storeLines(_ lines: [SurplusAllocation.Line], members: [String], period: UUID, on db: any Database) async throws {
        let periodID = period.uuidString
        // In order of member and with ordered ids, so that each index is written in order.
        var ids = LedgerStore.OrderedIDs()
        try await LedgerStore.insertRows(
            into: "period_dividends",
            columns: [
                ("id", .uuid), ("period_id", .uuid), ("membership_id", .uuid), ("class_id", .text), ("patronage", .int),
                ("dividend", .int), ("cash", .int), ("capital", .int),
            ],
            zip(lines, members).sorted { $0.1 < $1.1 }, on: db
        ) { pair, out in
            let (l, member) = pair
            out.text(ids.next())
            out.text(periodID)
            out.text(member)
            out.text(l.classID)
            out.int(l.patronage)
            out.int(l.dividend)
            out.int(l.cash)
            out.int(l.capital)
        }
    }

    /// Posts an approved allocation of period `number` (the postings from ``AllocationTotals/postings(allocatable:members:currency:)``)
    /// and marks the period allocated. In the enactment's transaction. Returns what was posted.
    public static func postAllocation(_ number: Int, proposal: Int, currency: Currency, on db: any Database, at now: Date)
        async throws -> (result: Surplus.Result, totals: AllocationTotals)
    {
        let p = try await period(number, on: db)
        guard p.status == .proposed, let r = try p.closedResult, let t = try p.closedTotals else {
            throw CoopError.conflict(
                Words(
                    "fiscal period %1$s has no allocation waiting to be posted (it is %2$s)", .text("\(number)"),
                    .notice(p.status.words)))
        }
        let sql = try db.sql()
        let rows = try await sql.raw(
            """
            SELECT CAST(membership_id AS TEXT) AS member, cash, capital FROM period_dividends \
            WHERE period_id = \(bind: try p.requireID()) ORDER BY membership_id
            """
        ).all()
        var members: [AllocationTotals.MemberDividend] = []
        members.reserveCapacity(rows.count)
        for row in rows {
            members.append(
                .init(
                    member: try row.decode(column: "member", as: String.self).lowercased(),
                    cash: try row.decode(column: "cash", as: Int64.self), capital: try row.decode(column: "capital", as: Int64.self)))
        }
        let tx = try LedgerTransaction(
            kind: "surplus-allocation", memo: "surplus of fiscal period \(number) allocated (proposal #\(proposal))",
            postings: t.postings(allocatable: r.allocatable, members: members, currency: currency))
        p.postedTransaction = try await LedgerStore.post(tx, on: db, at: now)
        p.status = .allocated
        p.allocatedAt = now
        try await p.save(on: db)
        let lines = members.compactMap { m in UUID(uuidString: m.member).map { ($0, m.cash, m.capital) } }
        try await Notices.dividends(period: number, lines, currency: currency, on: db, at: now)
        return (r, t)
    }

    /// The members voted an allocation down, or it could not be enacted: the period waits for a new vote.
    public static func markRejected(_ number: Int, on db: any Database) async throws {
        guard let p = try await existing(number, on: db), p.status == .proposed else { return }
        p.status = .rejected
        try await p.save(on: db)
    }

    /// One member's line in a period, if they have one.
    public static func line(of membership: UUID, in period: UUID, on db: any Database) async throws -> PeriodDividendRecord? {
        try await PeriodDividendRecord.query(on: db).filter(\.$periodID == period).filter(\.$membershipID == membership).first()
    }

    /// A member's lines in every closed period, by period id.
    public static func lines(of membership: UUID, on db: any Database) async throws -> [UUID: PeriodDividendRecord] {
        let lines = try await PeriodDividendRecord.query(on: db).filter(\.$membershipID == membership).all()
        return Dictionary(uniqueKeysWithValues: lines.map { ($0.periodID, $0) })
    }
}
