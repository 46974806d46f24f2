import CoopCore
import CoopStore
import Fluent
import Plot
import Vapor

/// What the finances pages and the API share: the actions, each checked on the server.
enum FinanceActions {
    static func closePeriod(_ req: Request, number: Int) async throws -> FiscalPeriodRecord {
        let (_, m) = try await req.requireSteward()
        let bylaws = try await req.bylaws()
        let now = req.now
        let closer = FiscalPeriods.Closer.steward(m, name: "a steward (member #\(m.memberNumber ?? 0))")
        return try await req.write { db in try await FiscalPeriods.close(number, by: closer, bylaws: bylaws, on: db, at: now) }
    }

    static func proposeAgain(_ req: Request, number: Int) async throws -> ProposalRecord {
        let (_, m) = try await req.requireSteward()
        let bylaws = try await req.bylaws()
        let now = req.now
        return try await req.write { db in
            let p = try await FiscalPeriods.period(number, on: db)
            guard p.status == .rejected else {
                throw CoopError.conflict(
                    t(
                        "Fiscal period %1$s's allocation is %2$s, not waiting for a new vote.", String(number),
                        FinancePages.statusText(p.status.rawValue)))
            }
            return try await FiscalPeriods.propose(p, author: m, bylaws: bylaws, on: db, at: now)
        }
    }

    static func recordExpense(_ req: Request) async throws -> UUID {
        let (_, m) = try await req.requireSteward()
        try Finances.ExpenseInput.validate(content: req)
        let input = try req.content.decode(Finances.ExpenseInput.self)
        let bylaws = try await req.bylaws()
        let now = req.now
        return try await req.write { db in
            try await Finances.recordExpense(input, steward: "member #\(m.memberNumber ?? 0)", bylaws: bylaws, on: db, at: now)
        }
    }

    /// A period as the page and the API show it: totals, the locked formula, class pools, and
    /// the requester's own line when they are a member.
    struct PeriodView: Content {
        struct Mine: Content {
            let measure: String
            let patronage: Int64
            let dividend: Int64
            let cash: Int64
            let capital: Int64
        }
        let period: Finances.Period
        let formula: SurplusFormula
        let classes: [SurplusAllocation.ClassPool]
        let mine: Mine?
        let proposalStatus: String?
    }

    static func periodView(_ req: Request, number: Int) async throws -> PeriodView {
        let member: MembershipRecord? = if let user = req.user { try await req.membership(of: user) } else { nil }
        return try await PeriodShow.periodView(number: number, bylaws: try await req.bylaws(), member: member, on: req.db)
    }

    static func statement(_ req: Request) async throws -> Statement {
        let user = try req.requireUser()
        guard let m = try await req.membership(of: user) else {
            throw Abort(.forbidden, reason: t("Only members have a statement: join the co-op first."))
        }
        return try await StatementShow.load(membership: m, bylaws: try await req.bylaws(), on: req.db).statement
    }

    static func openDataFile(_ req: Request, name: String) async throws -> Response {
        let (id, ext): (String, String) =
            name.hasSuffix(".csv")
            ? (String(name.dropLast(4)), "csv") : name.hasSuffix(".json") ? (String(name.dropLast(5)), "json") : (name, "")
        guard let d = OpenData.datasets.first(where: { $0.id == id }), !ext.isEmpty else {
            throw Abort(
                .notFound,
                reason: t("There is no open dataset '%1$s'; see %2$s (each is .csv or .json).", name, SiteURL.openData.path))
        }
        let bylaws = try await req.bylaws()
        let rows = try await OpenData.rows(id, bylaws: bylaws, on: req.db)
        if ext == "csv" { return CSVText.response(CSVText.lines([d.columns] + rows.map { $0.map { $0 ?? "" } }), filename: name) }
        var headers = HTTPHeaders()
        headers.contentType = .json
        let json = OpenData.json(d, rows: rows, threshold: try await OpenData.threshold(on: req.db), generated: req.now)
        return Response(status: .ok, headers: headers, body: .init(string: json))
    }

    static func exportMine(_ req: Request) async throws -> Response {
        let current = try req.requireUser()
        guard let user = try await FinanceQueries.user(current.id, on: req.db) else { throw Abort(.unauthorized) }
        let json = try await MyData.export(user, bylaws: try await req.bylaws(), on: req.db, at: req.now)
        var headers = HTTPHeaders()
        headers.contentType = .json
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"my-coop-data.json\"")
        headers.replaceOrAdd(name: "Cache-Control", value: "no-store")
        return Response(status: .ok, headers: headers, body: .init(string: json))
    }

    struct EraseInput: Content {
        var password: String
        var confirm: String?
    }

    /// Erases the requester after they give their password again and confirm.
    static func eraseMe(_ req: Request) async throws {
        let current = try req.requireUser()
        let input = try req.content.decode(EraseInput.self)
        guard input.confirm == "yes" else { throw CoopError.invalid(t("Tick the box to confirm: erasure cannot be undone.")) }
        guard let user = try await FinanceQueries.user(current.id, on: req.db) else { throw Abort(.unauthorized) }
        let hash = user.passwordHash
        let password = input.password
        let ok = try await req.coop.passwords.verify(password, hash: hash)
        guard ok else { throw Abort(.forbidden, reason: t("That is not your password.")) }
        let now = req.now
        let id = current.id
        try await req.write { db in try await MyData.erase(id, on: db, at: now) }
        // The API has no session (it authenticates by token): only a page's session is ended here.
        if req.hasSession { req.session.destroy() }
        req.auth.logout(CurrentUser.self)
    }
}

/// The finances pages: public finances and periods, the steward's closing and expenses, each
/// member's statement, open data, and a person's own data.
enum FinancePages {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(.finances, use: finances)
        routes.get(SiteURL.period, use: period)
        routes.post(SiteURL.periodClose) { req async throws -> Response in
            let n = try number(req)
            return try await MembershipPages.formAction(req, retry: period) {
                _ = try await FinanceActions.closePeriod(req, number: n)
                return req.redirect(to: SiteURL.period(n).path)
            }
        }
        routes.post(SiteURL.periodPropose) { req async throws -> Response in
            let n = try number(req)
            return try await MembershipPages.formAction(req, retry: period) {
                let p = try await FinanceActions.proposeAgain(req, number: n)
                return req.redirect(to: SiteURL.proposal(p.number).path)
            }
        }
        routes.get(.stewardFinances, use: stewardFinances)
        routes.post(.stewardBudgetPayments) { req async throws -> Response in
            try await MembershipPages.formAction(req, retry: { try await stewardFinances($0) }) {
                try await Budgets.pay(req)
                return req.redirect(to: SiteURL.stewardFinances.path + "#budgets")
            }
        }
        routes.post(.stewardExpenses) { req async throws -> Response in
            try await MembershipPages.formAction(req, retry: stewardFinances) {
                _ = try await FinanceActions.recordExpense(req)
                return req.redirect(to: SiteURL.stewardFinances.path)
            }
        }
        routes.get(.statement, use: statement)
        routes.post(.payoutRequest) { req async throws -> Response in
            try await MembershipPages.formAction(req, retry: { try await statement($0) }) {
                _ = try await Payouts.request(req)
                return req.redirect(to: SiteURL.statement.path + "#getting-paid")
            }
        }
        routes.post(SiteURL.payoutCancel) { req async throws -> Response in
            try await MembershipPages.formAction(req, retry: { try await statement($0) }) {
                try await Payouts.cancel(req, id: try req.uuidParameter())
                return req.redirect(to: SiteURL.statement.path + "#getting-paid")
            }
        }
        routes.post(SiteURL.stewardPayoutPaid) { req async throws -> Response in
            try await MembershipPages.formAction(req, retry: { try await stewardFinances($0) }) {
                try await Payouts.record(req, id: try req.uuidParameter())
                return req.redirect(to: SiteURL.stewardFinances.path + "#payouts")
            }
        }
        routes.get(.statementCSV) { req async throws -> Response in
            let s = try await FinanceActions.statement(req)
            return CSVText.response(s.csv(), filename: "statement-member-\(s.memberNumber ?? 0).csv")
        }
        routes.get(.openData, use: openData)
        routes.get(SiteURL.openDataFile) { req async throws -> Response in
            try await FinanceActions.openDataFile(req, name: try req.pathParameter(.file, expecting: t("an open data file")))
        }
        routes.get(.myData, use: myData)
        routes.get(.myDataJSON) { req async throws -> Response in try await FinanceActions.exportMine(req) }
        routes.post(.myDataErase) { req async throws -> Response in
            try await MembershipPages.formAction(req, retry: myData) {
                try await FinanceActions.eraseMe(req)
                return req.redirect(to: SiteURL.home.path)
            }
        }
    }

    static func number(_ req: Request) throws -> Int {
        let n = try req.pathParameter(.number, expecting: t("a period number"))
        guard n > 0 else { throw Abort(.badRequest, reason: t("'%s' is not a period number.", String(n))) }
        return n
    }

    /// An amount by the page's language (English keeps `12.50 EUR`), or a dash.
    static func money(_ m: Int64?, _ currency: Currency) -> String {
        m.map { amount(Money(minorUnits: $0, currency: currency)) } ?? "—"
    }

    /// An amount by the page's language: `12.50 EUR`, `12,50 EUR`.
    static func amount(_ m: Money) -> String {
        Lang.current == .en || Lang.current == .qps ? m.description : Lang.format.money(m)
    }

    /// A day by the page's language: `2026-11-27` in English (as always), `27 nov 2026` in Spanish.
    static func shortDay(_ d: Date) -> String {
        Lang.current == .en || Lang.current == .qps ? Layout.day(d) : day(d)
    }

    /// An expense category (or `income`) in words.
    static func category(_ c: String) -> String {
        switch c {
        case "income": t("income")
        case "hosting": t("hosting")
        case "payments": t("payments")
        case "insurance": t("insurance")
        case "accounting": t("accounting")
        case "legal": t("legal")
        case "wages": t("wages")
        case "marketing": t("marketing")
        case "other": t("other")
        default: c
        }
    }

    /// A patronage measure in words.
    static func measure(_ m: String) -> String {
        switch m {
        case "earnings": t("earnings")
        case "spending": t("spending")
        case "hours": t("hours")
        case "orders": t("orders")
        default: m
        }
    }

    /// A payout's status in words.
    static func payoutStatus(_ s: String) -> String {
        switch s {
        case "requested": tc("payout", "requested")
        case "paid": tc("payout", "paid")
        case "cancelled": tc("payout", "cancelled")
        default: s
        }
    }

    /// How a payout was paid, in words.
    static func payoutMethod(_ m: String) -> String {
        switch m {
        case "cash": t("cash")
        case "bank_transfer": t("bank transfer")
        default: m.replacingOccurrences(of: "_", with: " ")
        }
    }

    /// "Period 3", as charts and tables label it.
    static func periodLabel(_ n: Int) -> String { t("Period %s", String(n)) }

    static func statusText(_ s: String, ended: Bool = false) -> String {
        switch FiscalPeriods.Status(rawValue: s) {
        case .open: ended ? t("ended, waiting to be closed") : tc("period", "open")
        case .proposed: t("closed, allocation waiting for the members' vote")
        case .rejected: t("closed, allocation voted down (waiting for a new vote)")
        case .allocated: t("closed, allocation approved and posted")
        case .closed: t("closed, nothing to allocate")
        case nil: s
        }
    }

    /// A chart and its caption.
    static func figure(_ svg: Node<HTML.BodyContext>, _ caption: String) -> Node<HTML.BodyContext> {
        .element(
            named: "figure",
            nodes: [
                // On a phone the chart keeps its size (readable text) and scrolls in its own box,
                // which the keyboard can reach.
                .div(
                    .class("chart-wrap"), .attribute(named: "tabindex", value: "0"), .attribute(named: "role", value: "region"),
                    .attribute(named: "aria-label", value: caption), svg),
                .element(named: "figcaption", nodes: [.text(caption)]),
            ])
    }

    static func finances(_ req: Request) async throws -> PageResponse {
        let model = try await FinancesShow.load(bylaws: try await req.bylaws(), on: req.db, at: req.now)
        let c = try await req.layout(t("Finances"))
        return Layout.page(c, FinancesShow.View(model: model, written: c.coopLanguage).body)
    }

    static func period(_ req: Request) async throws -> PageResponse {
        let n = try number(req)
        let member: MembershipRecord? = if let user = req.user { try await req.membership(of: user) } else { nil }
        let model = try await PeriodShow.load(number: n, bylaws: try await req.bylaws(), member: member, on: req.db, at: req.now)
        let c = try await req.layout(t("Fiscal period %s", String(n)), forms: true)
        return Layout.page(c, PeriodShow.View(model: model, csrf: c.csrf, error: req.storage[FormErrorKey.self]).body)
    }

    static func stewardFinances(_ req: Request) async throws -> PageResponse {
        _ = try await req.requireSteward()
        let model = try await StewardFinancesShow.load(bylaws: try await req.bylaws(), on: req.db, at: req.now)
        let c = try await req.layout(t("Steward: finances"), forms: true)
        return Layout.page(c, StewardFinancesShow.View(model: model, csrf: c.csrf, error: req.storage[FormErrorKey.self]).body)
    }

    static func statement(_ req: Request) async throws -> PageResponse {
        let statement = try await FinanceActions.statement(req)
        let user = try req.requireUser()
        let m = try await req.membership(of: user)
        var payouts: StatementShow.PayoutsPart?
        if let m { payouts = try await StatementShow.payouts(of: m, currency: try await req.bylaws().currency, on: req.db) }
        let model = StatementShow.Model(statement: statement, now: req.now, payouts: payouts)
        let c = try await req.layout(t("My statement"), forms: true)
        return Layout.page(c, Layout.error(req.storage[FormErrorKey.self]), StatementShow.View(model: model, csrf: c.csrf).body)
    }

    static func openData(_ req: Request) async throws -> PageResponse {
        let model = try await OpenDataShow.load(on: req.db)
        return Layout.page(try await req.layout(t("Open data")), OpenDataShow.View(model: model).body)
    }

    static func myData(_ req: Request) async throws -> PageResponse {
        _ = try req.requireUser()
        let c = try await req.layout(t("My data"), forms: true)
        return Layout.page(c, MyDataShow.View(csrf: c.csrf, error: req.storage[FormErrorKey.self]).body)
    }
}
