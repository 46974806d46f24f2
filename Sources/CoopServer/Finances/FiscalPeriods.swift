import CoopCore
import CoopStore
import Fluent
import Foundation
import SQLKit
import Vapor

/// A fiscal period: its dates, the surplus formula locked to it when it opened, and once closed,
/// its result and the allocation the members vote on.
final class FiscalPeriodRecord: Model, @unchecked Sendable {
    static let schema = "fiscal_periods"
    @ID(key: .id) var id: UUID?
    @Field(key: "number") var number: Int
    @Field(key: "starts_at") var startsAt: Date
    @Field(key: "ends_at") var endsAt: Date
    /// The ``SurplusFormula`` in force when the period opened, as JSON: amendments after that
    /// affect only later periods.
    @Field(key: "formula") var formula: String
    @Field(key: "bylaws_version") var bylawsVersion: Int
    /// See ``FiscalPeriods/Status``.
    @Field(key: "status") var status: String
    /// A loss carried in from earlier periods, in minor units (≥ 0).
    @Field(key: "carried_in") var carriedIn: Int64
    @OptionalField(key: "closed_at") var closedAt: Date?
    /// Who closed it: a steward's name, or `schedule`.
    @OptionalField(key: "closed_by") var closedBy: String?
    /// The period's ``Surplus/Result`` as JSON, once closed.
    @OptionalField(key: "result") var result: String?
    /// The allocation's totals (``FiscalPeriods/Totals``) as JSON, once closed.
    @OptionalField(key: "allocation") var allocation: String?
    /// The latest proposal that puts the allocation to the members.
    @OptionalField(key: "proposal_id") var proposalID: UUID?
    /// The ledger transaction that posted the allocation.
    @OptionalField(key: "posted_tx") var postedTransaction: UUID?
    @OptionalField(key: "allocated_at") var allocatedAt: Date?

    init() {}
}

/// One member's patronage and dividend in a closed period.
final class PeriodDividendRecord: Model, @unchecked Sendable {
    static let schema = "period_dividends"
    @ID(key: .id) var id: UUID?
    @Field(key: "period_id") var periodID: UUID
    @Field(key: "membership_id") var membershipID: UUID
    @Field(key: "class_id") var classID: String
    @Field(key: "patronage") var patronage: Int64
    @Field(key: "dividend") var dividend: Int64
    @Field(key: "cash") var cash: Int64
    @Field(key: "capital") var capital: Int64

    init() {}
}

/// Fiscal periods through their life: opened with the formula in force, closed (the surplus
/// computed from the ledger and allocated by the locked formula), approved by a member vote, and
/// posted to the ledger. Every step runs in the caller's write transaction and is audited.
enum FiscalPeriods {
    enum Status: String {
        /// Activity is counted into it (or it has ended and waits to be closed).
        case open
        /// Closed; its allocation waits for the members' vote.
        case proposed
        /// Closed; the members voted the allocation down (a steward may put it to a vote again).
        case rejected
        /// Closed and its allocation posted to the ledger.
        case allocated
        /// Closed with nothing to allocate (no surplus, or a loss carried forward).
        case closed
    }

    /// The allocation's totals, kept with the period.
    struct Totals: Codable, Equatable {
        let reserve: Int64
        let community: Int64
        let patronage: Int64
        let classes: [SurplusAllocation.ClassPool]
        let members: Int
    }

    /// A closed period's reading: result, totals and status.
    struct Closing {
        let result: Surplus.Result
        let totals: Totals
    }

    static func formula(of p: FiscalPeriodRecord) throws -> SurplusFormula { try Governance.decode(SurplusFormula.self, p.formula) }
    static func result(of p: FiscalPeriodRecord) throws -> Surplus.Result? {
        try p.result.map { try Governance.decode(Surplus.Result.self, $0) }
    }
    static func totals(of p: FiscalPeriodRecord) throws -> Totals? {
        try p.allocation.map { try Governance.decode(Totals.self, $0) }
    }

    static func end(of start: Date, months: Int) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(byAdding: .month, value: months, to: start) ?? start.addingTimeInterval(Double(months) * 30 * 86_400)
    }

    /// Makes sure a period covers `now`: opens the first at founding and each next one when the one
    /// before ends, each with the formula in force when it opens. Idempotent.
    static func ensureCurrent(bylaws: Bylaws, on db: any Database, at now: Date) async throws {
        guard let sql = db as? any SQLDatabase else { return }
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

    @discardableResult
    static func open(
        number: Int, from start: Date, bylaws: Bylaws, version: Int, months: Int? = nil, on db: any Database, at now: Date
    ) async throws -> FiscalPeriodRecord {
        let p = FiscalPeriodRecord()
        p.id = UUID()
        p.number = number
        p.startsAt = start
        p.endsAt = end(of: start, months: months ?? bylaws.fiscal.periodMonths)
        p.formula = try Governance.json(bylaws.surplus)
        p.bylawsVersion = version
        p.status = Status.open.rawValue
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

    /// The period with a number.
    static func period(_ number: Int, on db: any Database) async throws -> FiscalPeriodRecord {
        guard let p = try await FiscalPeriodRecord.query(on: db).filter(\.$number == number).first() else {
            throw Abort(.notFound, reason: "There is no fiscal period \(number).")
        }
        return p
    }

    /// Who closes a period.
    enum Closer {
        case steward(MembershipRecord, name: String)
        case schedule
    }

    /// Closes a period that has ended: checks that everything in it is posted and balanced, reads
    /// the result from the ledger and each member's patronage, allocates the surplus by the
    /// period's locked formula, keeps every member's line, and puts the allocation to the members'
    /// vote (nothing to vote on when there is no surplus: a loss is carried forward). Idempotent: a
    /// closed period is returned as it is.
    @discardableResult
    static func close(_ number: Int, by closer: Closer, bylaws: Bylaws, on db: any Database, at now: Date) async throws
        -> FiscalPeriodRecord
    {
        try await ensureCurrent(bylaws: bylaws, on: db, at: now)
        let p = try await period(number, on: db)
        guard p.status == Status.open.rawValue else { return p }
        guard p.endsAt <= now else {
            throw CoopError.conflict("Fiscal period \(number) runs until \(Layout.date(p.endsAt)); it can be closed once it has ended.")
        }
        if let earlier = try await FiscalPeriodRecord.query(on: db).filter(\.$number < number)
            .filter(\.$status == Status.open.rawValue).sort(\.$number).first()
        {
            throw CoopError.conflict("Close fiscal period \(earlier.number) first: periods close in order.")
        }
        try await checkPosted(p, currency: bylaws.currency, on: db)
        let carried =
            try await FiscalPeriodRecord.query(on: db).filter(\.$number == number - 1).first()
            .flatMap { try result(of: $0) }?.carriedOut ?? 0
        let (revenue, expenses) = try await revenueAndExpenses(p, currency: bylaws.currency, on: db)
        let outcome = Surplus.result(revenue: revenue, expenses: expenses, carriedLoss: carried)
        let formula = try formula(of: p)
        let members = try await patronage(p, formula: formula, currency: bylaws.currency, on: db)
        let allocation: SurplusAllocation
        do {
            allocation = try Surplus.allocate(formula, surplus: outcome.allocatable, patronage: members.map(\.patronage))
        } catch {
            throw CoopError.invalid("The surplus of period \(number) cannot be allocated: \(error)")
        }
        let totals = Totals(
            reserve: allocation.reserve, community: allocation.community, patronage: allocation.patronage,
            classes: allocation.classes, members: allocation.lines.filter { $0.dividend > 0 }.count)
        try await storeLines(allocation.lines, members: members.map(\.membership), period: try p.requireID(), on: db)
        p.carriedIn = carried
        p.result = try Governance.json(outcome)
        p.allocation = try Governance.json(totals)
        p.closedAt = now
        switch closer {
        case .steward(_, let name): p.closedBy = name
        case .schedule: p.closedBy = "schedule"
        }
        p.status = (outcome.allocatable > 0 ? Status.proposed : .closed).rawValue
        try await p.save(on: db)
        try await AuditLog.append(
            AuditEvent(
                kind: "period.closed",
                [
                    "period": .int(Int64(number)), "revenue": .int(revenue), "expenses": .int(expenses), "net": .int(outcome.net),
                    "carried_in": .int(carried), "allocatable": .int(outcome.allocatable), "carried_out": .int(outcome.carriedOut),
                    "reserve": .int(totals.reserve), "community": .int(totals.community), "patronage": .int(totals.patronage),
                    "members": .int(Int64(totals.members)), "closed_by": .string(p.closedBy ?? ""),
                ]), on: db, at: now)
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
        guard
            let m = try await MembershipRecord.query(on: db).filter(\.$steward == true)
                .filter(\.$status == MembershipStatus.admitted.rawValue).sort(\.$memberNumber).first()
        else { throw CoopError.conflict("No admitted steward can put the allocation to a vote.") }
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
            Every member's line is on the period's page. If this passes, it is posted to the ledger.
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
    }

    /// What keeps a period from closing: payments recorded before its end that wait for a steward.
    static func blockers(_ p: FiscalPeriodRecord, currency: Currency, on db: any Database) async throws -> [Blocker] {
        var out: [Blocker] = []
        let orders = try await OrderPaymentRecord.query(on: db).filter(\.$status == "pending").filter(\.$createdAt < p.endsAt).all()
        let numbers = Dictionary(
            uniqueKeysWithValues: try await OrderRecord.query(on: db).filter(\.$id ~~ orders.map(\.orderID)).all().map {
                (try $0.requireID(), $0.number)
            })
        for pay in orders {
            let n = numbers[pay.orderID] ?? 0
            out.append(
                Blocker(
                    what:
                        "order #\(n): \(Money(minorUnits: pay.amountMinor, currency: currency)) by \(pay.method.replacingOccurrences(of: "_", with: " ")), recorded \(Layout.day(pay.createdAt))",
                    payment: try pay.requireID(), order: n))
        }
        for pay in try await PaymentRecord.query(on: db).filter(\.$status == "pending").filter(\.$createdAt < p.endsAt).all() {
            out.append(
                Blocker(
                    what:
                        "share payment of \(Money(minorUnits: pay.amount, currency: currency)) by \(pay.method.replacingOccurrences(of: "_", with: " ")) (reference \(pay.reference.isEmpty ? "none" : pay.reference)), recorded \(Layout.day(pay.createdAt))",
                    payment: try pay.requireID(), order: nil))
        }
        return out
    }

    /// Refuses a period whose activity is not all posted and balanced: payments recorded in it that
    /// still wait for confirmation, or postings that do not sum to zero.
    static func checkPosted(_ p: FiscalPeriodRecord, currency: Currency, on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        let blocking = try await blockers(p, currency: currency, on: db)
        if !blocking.isEmpty {
            let listed = blocking.prefix(5).map(\.what).joined(separator: "; ")
            throw CoopError.conflict(
                "Fiscal period \(p.number) has unposted activity: \(blocking.count) payment(s) recorded in it wait for a steward: \(listed)\(blocking.count > 5 ? "; …" : ""). Confirm each that arrived, or mark it as not received, on the period's page."
            )
        }
        // One pass without grouping; per currency only when the period holds more than one.
        let window = SQLQueryString("posted_ms >= \(bind: p.startsAt.millis) AND posted_ms < \(bind: p.endsAt.millis)")
        guard
            let all = try await sql.raw(
                """
                SELECT CAST(COALESCE(SUM(amount), 0) AS BIGINT) AS total, MIN(currency) AS low, MAX(currency) AS high \
                FROM ledger_postings WHERE \(window)
                """
            ).first()
        else { return }
        var sums = [(try all.decode(column: "low", as: String?.self) ?? "", try all.decode(column: "total", as: Int64.self))]
        if try all.decode(column: "low", as: String?.self) != all.decode(column: "high", as: String?.self) {
            sums = try await sql.raw(
                "SELECT currency, CAST(SUM(amount) AS BIGINT) AS total FROM ledger_postings WHERE \(window) GROUP BY currency"
            ).all().map { (try $0.decode(column: "currency", as: String.self), try $0.decode(column: "total", as: Int64.self)) }
        }
        if let (code, total) = sums.first(where: { $0.1 != 0 }) {
            throw CoopError.conflict("Fiscal period \(p.number)'s ledger does not balance: its postings in \(code) sum to \(total).")
        }
    }

    /// Revenue (credits to `coop:revenue:*`) and expenses (debits to `coop:expense:*`) posted in the period.
    static func revenueAndExpenses(_ p: FiscalPeriodRecord, currency: Currency, on db: any Database) async throws -> (Int64, Int64) {
        guard let sql = db as? any SQLDatabase else { return (0, 0) }
        func total(_ prefix: String) async throws -> Int64 {
            // A range on the account (':' + 1 is ';') reads the covering index, not the table.
            try await sql.raw(
                """
                SELECT CAST(COALESCE(SUM(amount), 0) AS BIGINT) AS total FROM ledger_postings \
                WHERE account >= \(bind: prefix + ":") AND account < \(bind: prefix + ";") \
                AND posted_ms >= \(bind: p.startsAt.millis) AND posted_ms < \(bind: p.endsAt.millis) AND currency = \(bind: currency.code)
                """
            ).first()?.decode(column: "total", as: Int64.self) ?? 0
        }
        return (-(try await total("coop:revenue")), try await total("coop:expense"))
    }

    /// An admitted member's patronage in the period, by their class's measure in the locked formula.
    /// `membership` is the id as the database stores it (text), so no id is parsed on the way.
    struct MemberPatronage {
        let membership: String
        let patronage: Patronage
    }

    static func patronage(_ p: FiscalPeriodRecord, formula: SurplusFormula, currency: Currency, on db: any Database) async throws
        -> [MemberPatronage]
    {
        guard let sql = db as? any SQLDatabase else { return [] }
        let measures = Set(formula.measures.filter { formula.classShares[$0.key] != nil }.values)
        var earnings: [Substring: Int64] = [:]
        if measures.contains(.earnings) {
            // Earnings credited to a worker for orders in the period (credits are negative): a range
            // of the covering index, one row per worker.
            let rows = try await sql.raw(
                """
                SELECT account, CAST(SUM(amount) AS BIGINT) AS total FROM ledger_postings \
                WHERE account >= 'member:' AND account < 'member;' AND account LIKE '%:earnings-payable' AND amount < 0 \
                AND posted_ms >= \(bind: p.startsAt.millis) AND posted_ms < \(bind: p.endsAt.millis) AND currency = \(bind: currency.code) \
                GROUP BY account
                """
            ).all()
            earnings.reserveCapacity(rows.count)
            for row in rows {
                let account = try row.decode(column: "account", as: String.self)
                // member:<id>:earnings-payable
                let parts = account.split(separator: ":")
                if parts.count == 3 { earnings[parts[1]] = -(try row.decode(column: "total", as: Int64.self)) }
            }
        }
        var asWorker: [String: (orders: Int64, minutes: Int64)] = [:]
        var asCustomer: [String: (orders: Int64, spent: Int64)] = [:]
        if !measures.isDisjoint(with: [.hours, .orders]) {
            // Orders completed in the period, by worker: how many, and minutes worked (booked
            // minutes, or a fixed service's estimate).
            let rows = try await sql.raw(
                """
                SELECT CAST(o.worker_id AS TEXT) AS who, COUNT(*) AS n, \
                CAST(SUM(CASE WHEN o.unit = 'per_hour' THEN o.quantity WHEN o.unit = 'fixed' THEN COALESCE(l.estimated_minutes, 0) * o.quantity ELSE 0 END) AS BIGINT) AS minutes \
                FROM order_events e JOIN orders o ON o.id = e.order_id JOIN listings l ON l.id = o.listing_id \
                WHERE e.action = 'complete' AND e.at >= \(bind: p.startsAt) AND e.at < \(bind: p.endsAt) GROUP BY o.worker_id
                """
            ).all()
            for row in rows {
                asWorker[try row.decode(column: "who", as: String.self)] = (
                    try row.decode(column: "n", as: Int64.self), try row.decode(column: "minutes", as: Int64.self)
                )
            }
        }
        if !measures.isDisjoint(with: [.spending, .orders]) {
            // Orders completed in the period, by customer: how many, and what they paid.
            let rows = try await sql.raw(
                """
                SELECT CAST(o.customer_id AS TEXT) AS who, COUNT(*) AS n, CAST(SUM(o.price_minor) AS BIGINT) AS spent \
                FROM order_events e JOIN orders o ON o.id = e.order_id \
                WHERE e.action = 'complete' AND e.at >= \(bind: p.startsAt) AND e.at < \(bind: p.endsAt) GROUP BY o.customer_id
                """
            ).all()
            for row in rows {
                asCustomer[try row.decode(column: "who", as: String.self)] = (
                    try row.decode(column: "n", as: Int64.self), try row.decode(column: "spent", as: Int64.self)
                )
            }
        }
        let rows = try await sql.raw(
            """
            SELECT CAST(id AS TEXT) AS id, CAST(user_id AS TEXT) AS user_id, class_id FROM memberships \
            WHERE status = \(bind: MembershipStatus.admitted.rawValue) ORDER BY member_number
            """
        ).all()
        var result: [MemberPatronage] = []
        result.reserveCapacity(rows.count)
        for row in rows {
            let cls = try row.decode(column: "class_id", as: String.self)
            guard formula.classShares[cls] != nil, let measure = formula.measures[cls] else { continue }
            let id = try row.decode(column: "id", as: String.self)
            let key = id.lowercased()
            let amount: Int64
            switch measure {
            case .earnings: amount = earnings[Substring(key)] ?? 0
            case .hours: amount = asWorker[id]?.minutes ?? 0
            case .spending: amount = asCustomer[try row.decode(column: "user_id", as: String.self)]?.spent ?? 0
            case .orders:
                amount = (asWorker[id]?.orders ?? 0) + (asCustomer[try row.decode(column: "user_id", as: String.self)]?.orders ?? 0)
            }
            guard amount > 0 else { continue }
            result.append(MemberPatronage(membership: id, patronage: Patronage(member: key, classID: cls, amount: amount)))
        }
        return result
    }

    /// Keeps every member's line, in one statement.
    static func storeLines(_ lines: [SurplusAllocation.Line], members: [String], period: UUID, on db: any Database) async throws {
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

    /// Posts an approved allocation: the surplus given out, to the reserve, the community fund,
    /// each member's cash dividend payable and capital account. In the enactment's transaction.
    static func post(_ number: Int, proposal: Int, bylaws: Bylaws, on db: any Database, at now: Date) async throws -> String {
        let p = try await period(number, on: db)
        guard p.status == Status.proposed.rawValue, let r = try result(of: p), let t = try totals(of: p) else {
            throw CoopError.conflict("fiscal period \(number) has no allocation waiting to be posted (it is \(p.status))")
        }
        let cur = bylaws.currency
        func money(_ m: Int64) -> Money { Money(minorUnits: m, currency: cur) }
        var postings = [Posting(account: .surplusAllocated, amount: money(r.allocatable))]
        if t.reserve > 0 { postings.append(Posting(account: .reserve, amount: money(-t.reserve))) }
        if t.community > 0 { postings.append(Posting(account: .communityFund, amount: money(-t.community))) }
        guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError) }
        let rows = try await sql.raw(
            """
            SELECT CAST(membership_id AS TEXT) AS member, cash, capital FROM period_dividends \
            WHERE period_id = \(bind: try p.requireID()) ORDER BY membership_id
            """
        ).all()
        postings.reserveCapacity(2 * rows.count + 3)
        for row in rows {
            let key = try row.decode(column: "member", as: String.self).lowercased()
            let cash = try row.decode(column: "cash", as: Int64.self)
            let capital = try row.decode(column: "capital", as: Int64.self)
            if cash > 0 { postings.append(Posting(account: .dividendPayable(member: key), amount: money(-cash))) }
            if capital > 0 { postings.append(Posting(account: .capitalAccount(member: key), amount: money(-capital))) }
        }
        let tx = try LedgerTransaction(
            kind: "surplus-allocation", memo: "surplus of fiscal period \(number) allocated (proposal #\(proposal))", postings: postings)
        p.postedTransaction = try await LedgerStore.post(tx, on: db, at: now)
        p.status = Status.allocated.rawValue
        p.allocatedAt = now
        try await p.save(on: db)
        return
            "\(money(r.allocatable)) allocated: \(money(t.reserve)) to the reserve, \(money(t.community)) to the community fund, \(money(t.patronage)) in dividends to \(t.members) members"
    }

    /// The members voted an allocation down, or it could not be enacted: the period waits for a new vote.
    static func rejected(_ number: Int, on db: any Database) async throws {
        guard let p = try await FiscalPeriodRecord.query(on: db).filter(\.$number == number).first(),
            p.status == Status.proposed.rawValue
        else { return }
        p.status = Status.rejected.rawValue
        try await p.save(on: db)
    }

    /// Closes the periods that have ended, when the bylaws say the schedule closes them. Each in its
    /// own serialized transaction; a period that cannot close yet is logged and retried next time.
    static func closeDue(app: Application) async throws {
        let now = app.coop.config.now()
        guard let bylaws = try await app.coop.bylaws(on: app.db) else { return }
        let due = try await FiscalPeriodRecord.query(on: app.db).filter(\.$status == Status.open.rawValue)
            .filter(\.$endsAt <= now).sort(\.$number).all()
        let latestEnds = try await FiscalPeriodRecord.query(on: app.db).max(\.$endsAt)
        if latestEnds.map({ $0 <= now }) ?? true {
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
