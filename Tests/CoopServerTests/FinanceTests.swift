import CoopCore
import CoopStore
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import CoopServer

extension Server {
    @Suite struct FinanceTests {
        /// Dev orders `minutes` of Ana's cleaning and it runs to completion, paid by the test gateway.
        func completedOrder(_ app: Application, minutes: Int) async throws -> Int {
            let dev = try await APIClient.login(app, "dev@demo.coop")
            let ana = try await APIClient.login(app, "ana@demo.coop")
            let listing = try #require(try await ListingRecord.query(on: app.db).filter(\.$title == "Home cleaning").first()).requireID()
            let placed = try await dev.send(
                .POST, APIPath.orders.fullPath, raw: #"{"listing":"\#(listing.uuidString)","quantity":\#(minutes)}"#)
            #expect(placed.status == .created, "\(placed.body.string)")
            struct Number: Decodable { let number: Int }
            let n = try placed.content.decode(Number.self).number
            func act(_ api: APIClient, _ action: String) async throws {
                let res = try await api.send(
                    .POST, APIPath.orderActions.fullPath.replacingOccurrences(of: "{number}", with: String(n)), json: ["action": action])
                #expect(res.status == .ok, "\(action): \(res.body.string)")
            }
            try await act(ana, "accept")
            let paid = try await dev.send(
                .POST, APIPath.orderPayment.fullPath.replacingOccurrences(of: "{number}", with: String(n)), json: ["gateway": "test"])
            #expect(paid.status == .created, "\(paid.body.string)")
            try await act(ana, "start")
            try await act(ana, "deliver")
            try await act(dev, "complete")
            return n
        }

        func period(_ api: APIClient, _ n: Int) async throws -> FinanceActions.PeriodView {
            let res = try await api.send(.GET, APIPath.period.fullPath.replacingOccurrences(of: "{number}", with: String(n)))
            #expect(res.status == .ok, "\(res.body.string)")
            return try res.content.decode(FinanceActions.PeriodView.self)
        }

        func close(_ api: APIClient, _ n: Int) async throws -> TestingHTTPResponse {
            try await api.send(.POST, APIPath.periodClose.fullPath.replacingOccurrences(of: "{number}", with: String(n)))
        }

        /// Confirms Eli's bank transfer, which the demo leaves waiting (unposted activity).
        func confirmEli(_ app: Application, _ sam: APIClient) async throws {
            let eli = try #require(try await UserRecord.query(on: app.db).filter(\.$email == "eli@demo.coop").first())
            let m = try #require(try await MembershipRecord.query(on: app.db).filter(\.$userID == eli.requireID()).first())
            let p = try #require(try await PaymentRecord.query(on: app.db).filter(\.$membershipID == m.requireID()).first())
            let res = try await sam.send(.POST, APIPath.paymentConfirm.with(try p.requireID()))
            #expect(res.status == .noContent, "\(res.body.string)")
        }

        @Test func aPeriodClosesIntoAnAllocationTheMembersApproveAndItIsPosted() async throws {
            let clock = TestClock()
            try await withCoop(configure: { $0.now = { clock.now } }) { app async throws in
                let sam = try await APIClient.login(app, "sam@demo.coop")
                let ana = try await APIClient.login(app, "ana@demo.coop")
                // 120 minutes at 22.50 = 45.00, fee 10% = 4.50; 60 minutes = 22.50, fee 2.25.
                clock.advance(days: 30)
                _ = try await completedOrder(app, minutes: 120)
                clock.advance(days: 30)
                _ = try await completedOrder(app, minutes: 60)
                let expense = try await sam.send(
                    .POST, APIPath.expenses.fullPath, json: ["amount": "1.25", "category": "hosting", "description": "Domain name"])
                #expect(expense.status == .created, "\(expense.body.string)")
                // Only a steward records expenses or closes; a period closes only once it has ended.
                #expect(
                    try await ana.send(.POST, APIPath.expenses.fullPath, json: ["amount": "1", "category": "hosting", "description": "x"])
                        .status == .forbidden)
                #expect(try await close(ana, 1).status == .forbidden)
                let early = try await close(sam, 1)
                #expect(early.status == .conflict && early.body.string.contains("once it has ended"), "\(early.body.string)")

                clock.advance(days: 320)  // past the twelve months
                // Eli's bank transfer, recorded in the period, still waits for a steward: unposted.
                let unposted = try await close(sam, 1)
                #expect(unposted.status == .conflict && unposted.body.string.contains("unposted activity"), "\(unposted.body.string)")
                try await confirmEli(app, sam)
                let closed = try await close(sam, 1)
                #expect(closed.status == .ok, "\(closed.body.string)")
                let v = try closed.content.decode(FinanceActions.PeriodView.self)
                // Fees 6.75, expenses 1.25: 5.50 to allocate; 30% reserve 1.65, 65% patronage 3.575 → 3.58
                // (the larger remainder), 5% community 0.275 → 0.27.
                #expect(v.period.revenue == 675 && v.period.expenses == 125 && v.period.allocatable == 550)
                #expect(v.period.reserve == 165 && v.period.dividends == 358 && v.period.community == 27)
                #expect(v.period.status == "proposed")
                // Workers' 70% of 3.58 = 2.506 → 2.51 to Ana (the only worker with earnings); users' 30%
                // = 1.074 → 1.07 to Dev (the only user who spent).
                let workers = try #require(v.classes.first { $0.classID == "worker" })
                let users = try #require(v.classes.first { $0.classID == "user" })
                #expect(workers.pool == 251 && workers.paid == 251 && users.pool == 107 && users.paid == 107)
                // The steward earned nothing through the platform: his own line is zero. Ana sees hers.
                #expect(v.mine?.patronage == 0 && v.mine?.dividend == 0)
                let mine = try #require(try await period(ana, 1).mine)
                #expect(mine.measure == "earnings" && mine.patronage == 4_050 + 2_025 && mine.dividend == 251)
                #expect(mine.cash == 51 && mine.capital == 200, "20% of 2.51 is 0.502, rounded up to 0.51")
                // Closing again changes nothing.
                #expect(try await close(sam, 1).status == .ok)
                #expect(try await count("period_dividends", on: app) == 2)
                #expect(try await period(ana, 1).period.allocatable == 550)

                // The members vote on it under the budget rules (7 days' discussion, 7 days' vote, 48 hours).
                let number = try #require(v.period.proposal)
                clock.advance(days: 7)
                try await Governance.advance(app: app)
                for email in ["sam@demo.coop", "ana@demo.coop", "dev@demo.coop"] {
                    var b = Browser(app)
                    try await b.logIn(email)
                    _ = try await b.get(SiteURL.proposal(number).path)
                    #expect(try await b.post(SiteURL.proposalBallot(number).path, ["choice": "yes"]).status == .seeOther)
                }
                clock.advance(days: 7)
                try await Governance.advance(app: app)
                #expect(try await period(ana, 1).period.status == "proposed", "the timelock holds it")
                clock.advance(hours: 48)
                try await Governance.advance(app: app)
                #expect(try await period(ana, 1).period.status == "allocated")
                // Posted: Ana's capital account and cash dividend owed, the reserve.
                let anaUser = try #require(try await UserRecord.query(on: app.db).filter(\.$email == "ana@demo.coop").first())
                let key = try #require(try await MembershipRecord.query(on: app.db).filter(\.$userID == anaUser.requireID()).first())
                    .requireID().uuidString.lowercased()
                let eur = Currency(code: "EUR")
                #expect(try await LedgerStore.balance(of: .capitalAccount(member: key), currency: eur, on: app.db) == -200)
                #expect(try await LedgerStore.balance(of: .dividendPayable(member: key), currency: eur, on: app.db) == -51)
                #expect(try await LedgerStore.balance(of: .reserve, currency: eur, on: app.db) == -165)
                #expect(try await LedgerStore.balance(of: .surplusAllocated, currency: eur, on: app.db) == 550)
                // Her statement, and as CSV.
                let s = try await ana.send(.GET, APIPath.statement.fullPath).content.decode(Statement.self)
                #expect(s.capitalAccount == 200 && s.dividendsPayable == 51 && s.capitalHistory.count == 1)
                let line = try #require(s.periods.first { $0.number == 1 })
                #expect(line.dividend == 251 && line.earnings == 6_075 && line.status == "allocated")
                // Told in the app (and by mail, in the digest by default); Sam, with no dividend, is not.
                let told = try await NotificationStore.list(of: anaUser.requireID(), on: app.db).filter { $0.kind == .dividend }
                #expect(told.count == 1 && told[0].target == .statement && told[0].body.contains("0.51") && told[0].body.contains("2.00"))
                let samUser = try #require(try await UserRecord.query(on: app.db).filter(\.$email == "sam@demo.coop").first())
                #expect(try await NotificationStore.list(of: samUser.requireID(), on: app.db).allSatisfy { $0.kind != .dividend })
                var browser = Browser(app)
                try await browser.logIn("ana@demo.coop")
                let csv = try await browser.get(SiteURL.statementCSV.path)
                #expect(csv.headers.first(name: .contentType)?.hasPrefix("text/csv") == true)
                #expect(csv.body.string.contains("period,1,") && csv.body.string.contains("dividend credited to capital account,2.00"))
                // The public finances page: the totals and the charts.
                let page = try await app.testing().sendRequest(.GET, SiteURL.finances.path).body.string
                #expect(
                    page.contains(#"<td data-label="Dividends" class="dividends">3.58 EUR</td>"#)
                        && page.contains(#"id="chart-allocation""#))
                #expect(page.contains(#"data-series="Reserve" data-label="Period 1" data-value="165""#))
                #expect(try await AuditLog.verify(on: app.db).get().count == Int64(try await count("audit_entries", on: app)))
            }
        }

        @Test func aLossIsCarriedForwardAndTheFormulaStaysLockedToItsPeriod() async throws {
            let clock = TestClock()
            try await withCoop(configure: { $0.now = { clock.now } }) { app async throws in
                let sam = try await APIClient.login(app, "sam@demo.coop")
                try await confirmEli(app, sam)
                _ = try await completedOrder(app, minutes: 120)  // fee 4.50
                #expect(
                    try await sam.send(
                        .POST, APIPath.expenses.fullPath, json: ["amount": "10.00", "category": "insurance", "description": "Cover"]
                    )
                    .status == .created)
                // Bad input: an unknown category, a negative or malformed amount.
                for bad in [
                    ["amount": "1.00", "category": "yachts"], ["amount": "-1", "category": "hosting"],
                    ["amount": "1.234", "category": "hosting"],
                ] {
                    let res = try await sam.send(.POST, APIPath.expenses.fullPath, json: bad.merging(["description": "x"]) { a, _ in a })
                    #expect(res.status == .badRequest, "\(bad): \(res.body.string)")
                }
                // An amendment raising the reserve to 50% affects only periods that open after it.
                let amended = DemoCoop.text.replacingOccurrences(of: "reserve: 30%", with: "reserve: 50%")
                    .replacingOccurrences(of: "patronage: 65%", with: "patronage: 45%")
                try await app.coop.write(on: app.db) { db in _ = try await BylawsStore.adopt(amended, source: "test", on: db, at: clock.now)
                }
                clock.advance(days: 366)
                let v = try await close(sam, 1).content.decode(FinanceActions.PeriodView.self)
                #expect(v.formula.reserve == Fraction(basisPoints: 3_000), "locked when period 1 opened")
                #expect(v.period.status == "closed" && v.period.net == -550 && v.period.carriedOut == 550 && v.period.allocatable == 0)
                #expect(v.period.proposal == nil, "nothing to vote on")
                let p2 = try await period(sam, 2)
                #expect(p2.formula.reserve == Fraction(basisPoints: 5_000))
                // Period 2 earns 6.75 in fees; the 5.50 loss carried in leaves 1.25 to allocate.
                _ = try await completedOrder(app, minutes: 180)
                clock.advance(days: 366)
                let v2 = try await close(sam, 2).content.decode(FinanceActions.PeriodView.self)
                #expect(v2.period.carriedIn == 550 && v2.period.allocatable == 125 && v2.period.reserve == 63)
            }
        }

        @Test func theScheduleClosesAPeriodWhenTheBylawsSaySo() async throws {
            let clock = TestClock()
            try await withCoop(configure: { $0.now = { clock.now } }) { app async throws in
                let sam = try await APIClient.login(app, "sam@demo.coop")
                try await confirmEli(app, sam)
                _ = try await completedOrder(app, minutes: 60)
                clock.advance(days: 366)
                // Closed by a steward (the default): the schedule opens the next period but closes nothing.
                try await FiscalPeriods.closeDue(app: app)
                #expect(try await period(sam, 1).period.status == "open")
                #expect(try await period(sam, 2).period.status == "open")
                let amended = DemoCoop.text.replacingOccurrences(of: "close: steward", with: "close: schedule")
                #expect(amended != DemoCoop.text)
                try await app.coop.write(on: app.db) { db in _ = try await BylawsStore.adopt(amended, source: "test", on: db, at: clock.now)
                }
                try await FiscalPeriods.closeDue(app: app)
                try await FiscalPeriods.closeDue(app: app)  // again: nothing more happens
                let v = try await period(sam, 1)
                #expect(v.period.status == "proposed" && v.period.allocatable == 225)
                let p = try #require(try await ProposalRecord.query(on: app.db).filter(\.$kind == .budget).all().first)
                let author = try #require(try await MembershipRecord.find(p.authorID, on: app.db))
                #expect(author.steward && author.memberNumber == 1, "drafted for the longest-standing steward")
                #expect(try await ProposalRecord.query(on: app.db).filter(\.$kind == .budget).count() == 1)
            }
        }

        @Test func aPeriodWhoseLedgerDoesNotBalanceIsRefused() async throws {
            let clock = TestClock()
            try await withCoop(configure: { $0.now = { clock.now } }) { app async throws in
                let sam = try await APIClient.login(app, "sam@demo.coop")
                try await confirmEli(app, sam)
                _ = try await completedOrder(app, minutes: 60)
                // A row written behind the ledger's back (not through LedgerStore): one unbalanced posting.
                let tx = try #require(try await LedgerTransactionRecord.query(on: app.db).first()).requireID()
                let sql = app.db as! any SQLDatabase
                try await sql.raw(
                    """
                    INSERT INTO ledger_postings (id, transaction_id, account, amount, currency, posted_ms) \
                    VALUES (\(bind: UUID()), \(bind: tx), 'coop:cash', 1, 'EUR', \(bind: clock.now.millis))
                    """
                ).run()
                clock.advance(days: 366)
                let res = try await close(sam, 1)
                #expect(res.status == .conflict && res.body.string.contains("does not balance"), "\(res.body.string)")
                #expect(try await period(sam, 1).period.status == "open")
                #expect(try await count("period_dividends", on: app) == 0)
            }
        }

        @Test func aLargeTransactionIsPostedWholeAndItsAuditEntryCommitsToItsPostings() async throws {
            try await withCoop { app async throws in
                let eur = Currency(code: "EUR")
                // 1,500 members' capital credits and one debit: more than an audit entry lists.
                var postings = (1...1_500).map {
                    Posting(account: .capitalAccount(member: "m\($0)"), amount: Money(minorUnits: -Int64($0), currency: eur))
                }
                postings.append(Posting(account: .surplusAllocated, amount: Money(minorUnits: 1_500 * 1_501 / 2, currency: eur)))
                let tx = try LedgerTransaction(kind: "surplus-allocation", memo: "test", postings: postings)
                let id = try await app.coop.write(on: app.db) { db in try await LedgerStore.post(tx, on: db, at: Date()) }
                let stored = try await LedgerPostingRecord.query(on: app.db).filter(\.$transactionID == id).all()
                #expect(stored.count == 1_501 && stored.reduce(0) { $0 + $1.amount } == 0)
                #expect(Set(stored.map(\.account)).count == 1_501)
                let head = try #require(try await AuditLog.head(on: app.db))
                // Recomputed from the rows as stored, the digest is the one in the entry.
                let fromRows = stored.map {
                    Posting(account: Account(code: $0.account), amount: Money(minorUnits: $0.amount, currency: eur))
                }
                #expect(head.kind == "ledger.posted" && head.payload.contains(#""postings_count":1501"#))
                #expect(head.payload.contains(#""postings_sha256":"\#(LedgerStore.postingsDigest(fromRows))""#), "\(head.payload)")
                #expect(try await AuditLog.verify(on: app.db).get().count == Int64(try await count("audit_entries", on: app)))
            }
        }

        @Test func openDataSuppressesSmallGroupsAndDescribesItself() async throws {
            try await withCoop { app async throws in
                _ = try await completedOrder(app, minutes: 60)
                let csv = try await app.testing().sendRequest(.GET, SiteURL.openDataFile("orders-by-category-week.csv").path)
                #expect(csv.status == .ok)
                let lines = csv.body.string.split(separator: "\r\n")
                #expect(lines.first == "week,category,orders,workers,customers,value,earnings,fees,suppressed")
                #expect(lines.count == 2 && lines[1].hasSuffix(",cleaning,,,,,,,true"), "one worker and one customer: withheld")
                struct Dataset: Decodable {
                    let privacy_threshold: Int
                    let rows: [[String: String?]]
                }
                let json = try await app.testing().sendRequest(.GET, SiteURL.openDataFile("fee-history.json").path)
                let fees = try JSONDecoder().decode(Dataset.self, from: Data(json.body.string.utf8))
                #expect(fees.privacy_threshold == 5 && fees.rows.first?["rate"] == "10%")
                #expect(try await app.testing().sendRequest(.GET, SiteURL.openDataFile("nothing.csv").path).status == .notFound)
                #expect(try await app.testing().sendRequest(.GET, SiteURL.openDataFile("votes.txt").path).status == .notFound)
                let list = try await app.testing().sendRequest(.GET, SiteURL.openData.path).body.string
                #expect(OpenData.datasets.allSatisfy { list.contains(SiteURL.openDataFile("\($0.id).csv").path) })
            }
        }

        @Test func aPersonExportsTheirDataAndErasureKeepsTheLedgerAndTheChain() async throws {
            try await withCoop { app async throws in
                _ = try await completedOrder(app, minutes: 60)
                var dev = Browser(app)
                try await dev.logIn("dev@demo.coop")
                let export = try await dev.get(SiteURL.myDataJSON.path)
                #expect(export.status == .ok)
                let text = export.body.string
                #expect(text.contains("dev@demo.coop") && text.contains("ordersAsCustomer") && !text.contains("passwordHash"))
                #expect(try await app.testing().sendRequest(.GET, SiteURL.myDataJSON.path).status == .seeOther, "to the login page")
                // A member is on the share register: withdraw first.
                _ = try await dev.get(SiteURL.myData.path)
                let refused = try await dev.post(SiteURL.myDataErase.path, ["password": DemoCoop.password, "confirm": "yes"])
                #expect(refused.status == .conflict && refused.body.string.contains("Withdraw"), "\(refused.body.string)")
                _ = try await dev.get(SiteURL.membership.path)
                #expect(try await dev.post(SiteURL.membershipWithdraw.path, ["confirm": "yes"]).status == .seeOther)
                let sums = try await LedgerPostingRecord.query(on: app.db).all().reduce(into: [String: Int64]()) {
                    $0[$1.account, default: 0] += $1.amount
                }
                _ = try await dev.get(SiteURL.myData.path)
                #expect(
                    try await dev.post(SiteURL.myDataErase.path, ["password": "wrong-password", "confirm": "yes"]).status == .forbidden)
                let erased = try await dev.post(SiteURL.myDataErase.path, ["password": DemoCoop.password, "confirm": "yes"])
                #expect(erased.status == .seeOther, "\(erased.body.string)")
                #expect(try await UserRecord.query(on: app.db).filter(\.$email == "dev@demo.coop").count() == 0)
                let renamed = try await UserRecord.query(on: app.db).filter(\.$name == "Dev Dlamini").count()
                #expect(renamed == 0)
                // Logged out and unable to log in again; the ledger and the audit chain are as they were.
                #expect(
                    try await dev.get(SiteURL.myData.path).headers.first(name: .location) == AuthPages.loginLink(next: SiteURL.myData.path))
                let after = try await LedgerPostingRecord.query(on: app.db).all().reduce(into: [String: Int64]()) {
                    $0[$1.account, default: 0] += $1.amount
                }
                #expect(after == sums)
                #expect(try await AuditLog.verify(on: app.db).get().count == Int64(try await count("audit_entries", on: app)))
            }
        }
    }
}
