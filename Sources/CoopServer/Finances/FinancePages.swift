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
            guard p.status == FiscalPeriods.Status.rejected.rawValue else {
                throw CoopError.conflict("Fiscal period \(number)'s allocation is \(p.status), not waiting for a new vote.")
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
        let bylaws = try await req.bylaws()
        let p = try await FiscalPeriods.period(number, on: req.db)
        var proposal: ProposalRecord?
        if let id = p.proposalID { proposal = try await ProposalRecord.find(id, on: req.db) }
        let period = try await Finances.period(p, proposal: proposal?.number, bylaws, on: req.db)
        let formula = try FiscalPeriods.formula(of: p)
        var mine: PeriodView.Mine?
        if let user = req.user, let m = try await req.membership(of: user), p.status != FiscalPeriods.Status.open.rawValue {
            let line = try await PeriodDividendRecord.query(on: req.db).filter(\.$periodID == p.requireID())
                .filter(\.$membershipID == m.requireID()).first()
            if let measure = formula.measures[m.classID] {
                mine = PeriodView.Mine(
                    measure: measure.rawValue, patronage: line?.patronage ?? 0, dividend: line?.dividend ?? 0, cash: line?.cash ?? 0,
                    capital: line?.capital ?? 0)
            }
        }
        return PeriodView(
            period: period, formula: formula, classes: try FiscalPeriods.totals(of: p)?.classes ?? [], mine: mine,
            proposalStatus: proposal?.status)
    }

    static func statement(_ req: Request) async throws -> Statement {
        let user = try req.requireUser()
        guard let m = try await req.membership(of: user) else {
            throw Abort(.forbidden, reason: "Only members have a statement: join the co-op first.")
        }
        return try await Statement.of(m, bylaws: try await req.bylaws(), on: req.db)
    }

    static func openDataFile(_ req: Request, name: String) async throws -> Response {
        let (id, ext): (String, String) =
            name.hasSuffix(".csv")
            ? (String(name.dropLast(4)), "csv") : name.hasSuffix(".json") ? (String(name.dropLast(5)), "json") : (name, "")
        guard let d = OpenData.datasets.first(where: { $0.id == id }), !ext.isEmpty else {
            throw Abort(
                .notFound,
                reason: "There is no open dataset '\(name)'; see \(SiteURL.openData.path) (each is .csv or .json).")
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
        guard let user = try await UserRecord.find(current.id, on: req.db) else { throw Abort(.unauthorized) }
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
        guard input.confirm == "yes" else { throw CoopError.invalid("Tick the box to confirm: erasure cannot be undone.") }
        guard let user = try await UserRecord.find(current.id, on: req.db) else { throw Abort(.unauthorized) }
        let hash = user.passwordHash
        let password = input.password
        let ok = try await req.coop.passwords.verify(password, hash: hash)
        guard ok else { throw Abort(.forbidden, reason: "That is not your password.") }
        let now = req.now
        let id = current.id
        try await req.write { db in
            guard let user = try await UserRecord.find(id, on: db) else { throw Abort(.unauthorized) }
            try await MyData.erase(user, on: db, at: now)
        }
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
        routes.post(.stewardExpenses) { req async throws -> Response in
            try await MembershipPages.formAction(req, retry: stewardFinances) {
                _ = try await FinanceActions.recordExpense(req)
                return req.redirect(to: SiteURL.stewardFinances.path)
            }
        }
        routes.get(.statement, use: statement)
        routes.get(.statementCSV) { req async throws -> Response in
            let s = try await FinanceActions.statement(req)
            return CSVText.response(s.csv(), filename: "statement-member-\(s.memberNumber ?? 0).csv")
        }
        routes.get(.openData, use: openData)
        routes.get(SiteURL.openDataFile) { req async throws -> Response in
            try await FinanceActions.openDataFile(req, name: try req.pathParameter(.file, expecting: "an open data file"))
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
        let n = try req.pathParameter(.number, expecting: "a period number")
        guard n > 0 else { throw Abort(.badRequest, reason: "'\(n)' is not a period number.") }
        return n
    }

    static func money(_ m: Int64?, _ currency: Currency) -> String {
        m.map { Money(minorUnits: $0, currency: currency).description } ?? "—"
    }

    static func statusText(_ s: String, ended: Bool = false) -> String {
        switch FiscalPeriods.Status(rawValue: s) {
        case .open: ended ? "ended, waiting to be closed" : "open"
        case .proposed: "closed, allocation waiting for the members' vote"
        case .rejected: "closed, allocation voted down (waiting for a new vote)"
        case .allocated: "closed, allocation approved and posted"
        case .closed: "closed, nothing to allocate"
        case nil: s
        }
    }

    static func finances(_ req: Request) async throws -> PageResponse {
        let bylaws = try await req.bylaws()
        let cur = bylaws.currency
        let periods = try await Finances.periods(bylaws, on: req.db)
        let fees = try await Finances.feeHistory(bylaws, on: req.db)
        let c = try await req.layout("Finances")
        let labels = periods.map { "Period \($0.number)" }
        let flow = Charts.bars(
            id: "chart-flow", title: "Revenue, expenses and surplus by fiscal period", labels: labels,
            series: [
                .init(name: "Revenue", color: "#2a6f4e"), .init(name: "Expenses", color: "#b5542d"),
                .init(name: "Surplus", color: "#3a5ba0"),
            ], values: periods.map { [$0.revenue, $0.expenses, $0.net] }, format: { money($0, cur) })
        let closed = periods.filter { $0.allocatable != nil }
        let split = Charts.bars(
            id: "chart-allocation", title: "Where each closed period's surplus went", labels: closed.map { "Period \($0.number)" },
            series: [
                .init(name: "Reserve", color: "#6b6b6b"), .init(name: "Dividends", color: "#3a5ba0"),
                .init(name: "Community fund", color: "#c49a2c"),
            ], values: closed.map { [$0.reserve ?? 0, $0.dividends ?? 0, $0.community ?? 0] }, format: { money($0, cur) })
        let feeChart = Charts.steps(
            id: "chart-fee", title: "The platform fee over time",
            points: fees.map { ($0.from, $0.basisPoints, $0.rate) }, until: req.now)
        let table: Node<HTML.BodyContext> = .table(
            .id("periods"),
            .thead(
                .tr(
                    .th("Period"), .th("Dates"), .th("Status"), .th("Revenue"), .th("of which fees"), .th("Expenses"), .th("Surplus"),
                    .th("Reserve"), .th("Community fund"), .th("Dividends"))),
            .tbody(
                .forEach(periods) { p in
                    .tr(
                        .attribute(named: "data-period", value: String(p.number)),
                        .td(.a(.href(SiteURL.period(p.number).path), .text("Period \(p.number)"))),
                        .td(.text("\(Layout.day(p.startsAt)) to \(Layout.day(p.endsAt))")),
                        .td(.class("status"), .text(statusText(p.status, ended: p.endsAt <= req.now))),
                        .td(.class("revenue"), .text(money(p.revenue, cur))), .td(.class("fees"), .text(money(p.fees, cur))),
                        .td(.class("expenses"), .text(money(p.expenses, cur))), .td(.class("net"), .text(money(p.net, cur))),
                        .td(.class("reserve"), .text(money(p.reserve, cur))), .td(.class("community"), .text(money(p.community, cur))),
                        .td(.class("dividends"), .text(money(p.dividends, cur))))
                }))
        let feeTable: Node<HTML.BodyContext> = .table(
            .id("fee-history"),
            .thead(.tr(.th("From"), .th("Platform fee"), .th("Decided by"))),
            .tbody(
                .forEach(fees.reversed()) { f in
                    .tr(
                        .td(.text(Layout.date(f.from))), .td(.class("rate"), .text(f.rate)),
                        .td(
                            .unwrap(f.proposal, { .a(.href(SiteURL.proposal($0).path), .text("Proposal #\($0)")) }, else: .text(f.source))))
                }))
        return Layout.page(
            c,
            .p(
                "The co-op's money in the open: what each fiscal period earned and spent, and where its surplus went under the formula in the bylaws. ",
                .a(.href(SiteURL.openData.path), "Open data"), " has the figures to download."),
            .h2("Fiscal periods"), table,
            figure(flow, "Revenue, expenses and surplus by period (the open period so far)."),
            .if(!closed.isEmpty, figure(split, "Reserve, dividends and community fund of each closed period.")),
            .h2("The platform fee"), figure(feeChart, "The platform fee, as members set it by vote."), feeTable)
    }

    static func figure(_ svg: String, _ caption: String) -> Node<HTML.BodyContext> {
        .element(named: "figure", nodes: [.raw(svg), .element(named: "figcaption", nodes: [.text(caption)])])
    }

    static func period(_ req: Request) async throws -> PageResponse {
        let n = try number(req)
        let v = try await FinanceActions.periodView(req, number: n)
        let bylaws = try await req.bylaws()
        let cur = bylaws.currency
        let p = v.period
        let c = try await req.layout("Fiscal period \(n)", forms: true)
        let steward = c.isSteward
        func row(_ label: String, _ value: String, _ cls: String) -> Node<HTML.TableContext> {
            .tr(.th(.text(label)), .td(.class(cls), .text(value)))
        }
        let f = v.formula
        let figures: Node<HTML.BodyContext> = .table(
            .id("period-figures"),
            .tbody(
                row("Dates", "\(Layout.date(p.startsAt)) to \(Layout.date(p.endsAt))", "dates"),
                row("Status", statusText(p.status, ended: p.endsAt <= req.now), "status"), row("Revenue", money(p.revenue, cur), "revenue"),
                row("of which platform fees", money(p.fees, cur), "fees"), row("Expenses", money(p.expenses, cur), "expenses"),
                row("Net result", money(p.net, cur), "net"), row("Loss carried in", money(p.carriedIn, cur), "carried-in"),
                row("To allocate", money(p.allocatable, cur), "allocatable"),
                row("Loss carried forward", money(p.carriedOut, cur), "carried-out"),
                row("Indivisible reserve", money(p.reserve, cur), "reserve"), row("Community fund", money(p.community, cur), "community"),
                row("Patronage dividends", money(p.dividends, cur), "dividends"),
                row("Members receiving a dividend", p.members.map(String.init) ?? "—", "members")))
        let formula: Node<HTML.BodyContext> = .p(
            .id("formula"),
            .text(
                "Formula locked to this period: reserve \(f.reserve), patronage \(f.patronage), community \(f.community); patronage split "
                    + f.classShares.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value) by \(f.measures[$0.key]?.rawValue ?? "?")" }
                    .joined(separator: ", ") + "; at least \(f.cashMinimum) of each dividend paid in cash, the rest to capital accounts."))
        let pools: Node<HTML.BodyContext> = .if(
            !v.classes.isEmpty,
            .table(
                .id("class-pools"),
                .thead(.tr(.th("Class"), .th("Share"), .th("Measure"), .th("Pool"), .th("Paid as dividends"))),
                .tbody(
                    .forEach(v.classes) { k in
                        .tr(
                            .td(.text(bylaws.stakeholderClass(k.classID)?.name ?? k.classID)), .td(.text(k.share.description)),
                            .td(.text(k.measure.rawValue)), .td(.text(money(k.pool, cur))), .td(.text(money(k.paid, cur))))
                    })))
        let mine: Node<HTML.BodyContext> = .unwrap(v.mine) { m in
            let measured = ["earnings", "spending"].contains(m.measure) ? money(m.patronage, cur) : String(m.patronage)
            return .section(
                .id("my-dividend"), .h2("Your line"),
                .p(
                    .text("Your patronage (\(m.measure)): "), .strong(.class("patronage"), .text(measured)), .text(". Your dividend: "),
                    .strong(.class("dividend"), .text(money(m.dividend, cur))), .text(", of which "),
                    .span(.class("cash"), .text(money(m.cash, cur))), .text(" in cash and "),
                    .span(.class("capital"), .text(money(m.capital, cur))), .text(" to your capital account.")))
        }
        func button(_ url: SiteURL, _ label: String) -> Node<HTML.BodyContext> {
            .form(.class("inline"), .method(.post), .action(url.path), Layout.csrfField(c.csrf), .button(.type(.submit), .text(label)))
        }
        var blocking: [FiscalPeriods.Blocker] = []
        if steward && p.status == FiscalPeriods.Status.open.rawValue && p.endsAt <= req.now {
            blocking = try await FiscalPeriods.blockers(try await FiscalPeriods.period(n, on: req.db), currency: cur, on: req.db)
        }
        return Layout.page(
            c, Layout.error(req.storage[FormErrorKey.self]), figures, formula, pools, mine,
            .unwrap(p.proposal) { number in
                .p(
                    .id("allocation-proposal"), .text("The members decide on this allocation in "),
                    .a(.href(SiteURL.proposal(number).path), .text("proposal #\(number)")),
                    .text(" (\(v.proposalStatus.map(ProposalPage.describe) ?? "")).")
                )
            },
            .if(!blocking.isEmpty, blockersSection(blocking, csrf: c.csrf)),
            .if(
                steward && p.status == FiscalPeriods.Status.open.rawValue && p.endsAt <= req.now,
                button(.periodClose(n), "Close this period")),
            .if(
                steward && p.status == FiscalPeriods.Status.rejected.rawValue, button(.periodPropose(n), "Put the allocation to a new vote")
            ),
            .p(.a(.href(SiteURL.finances.path), "All periods")))
    }

    /// What keeps an ended period from closing, each with the two ways to resolve it.
    static func blockersSection(_ blocking: [FiscalPeriods.Blocker], csrf: String) -> Node<HTML.BodyContext> {
        .section(
            .id("close-blockers"), .h2("What keeps this period from closing"),
            .p(
                "Each payment below was recorded in the period and waits for a steward. Confirm it if the money arrived; otherwise mark it as not received, saying why."
            ),
            .ul(
                .forEach(blocking) { b in
                    .li(
                        .attribute(named: "data-payment", value: b.payment.uuidString), .text(b.what + " "),
                        .form(
                            .class("inline"), .method(.post), .action(b.confirm.path), Layout.csrfField(csrf),
                            .button(.type(.submit), .text("Confirm it arrived"))),
                        StewardPages.notReceivedForm(b.fail, id: b.payment.uuidString, csrf: csrf))
                }))
    }

    static func stewardFinances(_ req: Request) async throws -> PageResponse {
        _ = try await req.requireSteward()
        let bylaws = try await req.bylaws()
        let cur = bylaws.currency
        let periods = try await Finances.periods(bylaws, on: req.db)
        let expenses = try await Finances.expenses(on: req.db)
        let c = try await req.layout("Steward: finances", forms: true)
        let due = periods.filter { $0.status == FiscalPeriods.Status.open.rawValue && $0.endsAt <= req.now }
        return Layout.page(
            c, Layout.error(req.storage[FormErrorKey.self]),
            .h2("Periods to close"),
            due.isEmpty
                ? .p("No period has ended unclosed.")
                : .ul(
                    .forEach(due) { p in
                        .li(
                            .a(.href(SiteURL.period(p.number).path), .text("Period \(p.number)")),
                            .text(" ended \(Layout.date(p.endsAt)). "),
                            .form(
                                .class("inline"), .method(.post), .action(SiteURL.periodClose(p.number).path), Layout.csrfField(c.csrf),
                                .button(.type(.submit), .text("Close period \(p.number)"))))
                    }),
            .h2("Record an expense"),
            .form(
                .id("expense-form"), .method(.post), .action(SiteURL.stewardExpenses.path), Layout.csrfField(c.csrf),
                Layout.field("Amount (\(cur.code))", name: "amount"),
                .div(
                    .class("field"), .label(.for("category"), "Category"),
                    .select(
                        .id("category"), .attribute(named: "name", value: "category"),
                        .forEach(Finances.expenseCategories) { ListingPages.option($0, $0) })),
                Layout.field("Description", name: "description"),
                .button(.type(.submit), .text("Record the expense"))),
            .h2("Recent expenses"),
            .table(
                .id("expenses"),
                .thead(.tr(.th("Date"), .th("Account"), .th("Description"), .th("Amount"))),
                .tbody(
                    .forEach(expenses) { e in
                        .tr(
                            .td(.text(Layout.date(e.postedAt))), .td(.text(e.account)), .td(.text(e.memo)),
                            .td(.text(money(e.amount, cur))))
                    })))
    }

    static func statement(_ req: Request) async throws -> PageResponse {
        let s = try await FinanceActions.statement(req)
        let cur = Currency(code: s.currency)
        let c = try await req.layout("My statement")
        return Layout.page(
            c,
            .p(.a(.href(SiteURL.statementCSV.path), "Download as CSV"), " · ", .a(.href(SiteURL.myData.path), "All my data")),
            .table(
                .id("statement-summary"),
                .tbody(
                    .tr(.th("Member number"), .td(.text(s.memberNumber.map { "#\($0)" } ?? "—"))),
                    .tr(.th("Shares"), .td(.class("shares"), .text(String(s.shares)))),
                    .tr(.th("Share capital"), .td(.class("share-capital"), .text(money(s.shareCapital, cur)))),
                    .tr(.th("Capital account"), .td(.class("capital-account"), .text(money(s.capitalAccount, cur)))),
                    .tr(.th("Cash dividends owed to you"), .td(.class("dividends-payable"), .text(money(s.dividendsPayable, cur)))),
                    .tr(.th("Earnings owed to you"), .td(.class("earnings-payable"), .text(money(s.earningsPayable, cur)))))),
            .h2("By fiscal period"),
            .table(
                .id("statement-periods"),
                .thead(
                    .tr(
                        .th("Period"), .th("Status"), .th("Earnings"), .th("Patronage"), .th("Dividend"), .th("In cash"),
                        .th("To capital account"))),
                .tbody(
                    .forEach(s.periods) { p in
                        .tr(
                            .attribute(named: "data-period", value: String(p.number)),
                            .td(.a(.href(SiteURL.period(p.number).path), .text("Period \(p.number)"))), .td(.text(statusText(p.status))),
                            .td(.class("earnings"), .text(money(p.earnings, cur))),
                            .td(
                                .class("patronage"),
                                .text(
                                    p.patronage.map { v in
                                        ["earnings", "spending"].contains(p.measure ?? "") ? money(v, cur) : String(v)
                                    }.map { "\($0) (\(p.measure ?? ""))" } ?? "—")),
                            .td(.class("dividend"), .text(money(p.dividend, cur))), .td(.class("cash"), .text(money(p.cash, cur))),
                            .td(.class("capital"), .text(money(p.capital, cur))))
                    })),
            .h2("Capital account history"),
            s.capitalHistory.isEmpty
                ? .p("Nothing credited yet.")
                : .table(
                    .id("capital-history"),
                    .thead(.tr(.th("Date"), .th("What"), .th("Credited"))),
                    .tbody(
                        .forEach(s.capitalHistory) { e in
                            .tr(.td(.text(Layout.date(e.postedAt))), .td(.text(e.memo)), .td(.text(money(-e.amount, cur))))
                        })))
    }

    static func openData(_ req: Request) async throws -> PageResponse {
        let threshold = try await OpenData.threshold(on: req.db)
        let c = try await req.layout("Open data")
        return Layout.page(
            c,
            .p(
                .text(
                    "Aggregates of the co-op's activity, free to download and reuse. Any group describing fewer than \(threshold) people (the governed open_data_privacy_threshold) is published with its figures withheld and marked suppressed."
                )),
            .ul(
                .id("datasets"),
                .forEach(OpenData.datasets) { d in
                    .li(
                        .attribute(named: "data-dataset", value: d.id), .strong(.text(d.title)), .text(": \(d.description) "),
                        .a(.href(SiteURL.openDataFile(d.id + ".csv").path), "CSV"), .text(" · "),
                        .a(.href(SiteURL.openDataFile(d.id + ".json").path), "JSON"))
                }))
    }

    static func myData(_ req: Request) async throws -> PageResponse {
        _ = try req.requireUser()
        let c = try await req.layout("My data", forms: true)
        return Layout.page(
            c, Layout.error(req.storage[FormErrorKey.self]),
            .p(
                "Download everything Coop holds about you as one JSON file: ",
                .a(.id("export"), .href(SiteURL.myDataJSON.path), "my-coop-data.json"), "."),
            .h2("Erase me"),
            .p(
                "Erasure replaces your name, email and everything you wrote with placeholders, drops your places, ends your sessions and tokens, and you can no longer log in. The ledger, vote tallies and the audit log keep their ids and amounts, which name no one. Withdraw your membership first; orders under way must finish."
            ),
            .form(
                .id("erase-form"), .method(.post), .action(SiteURL.myDataErase.path), Layout.csrfField(c.csrf),
                Layout.field("Your password", name: "password", type: .password),
                .div(
                    .class("field"),
                    .label(
                        .input(.type(.checkbox), .name("confirm"), .value("yes"), .required(true)),
                        .text(" I understand this cannot be undone"))),
                .button(.type(.submit), .text("Erase me"))))
    }
}
