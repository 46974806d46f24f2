import CoopCore
import CoopStore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import CoopServer

extension Server {
    /// The finances pages' models, loaded straight from the database (no HTTP), and what they
    /// read through the store.
    @Suite struct FinancePageModelTests {
        func member(_ app: Application, _ email: String) async throws -> MembershipRecord {
            let user = try #require(try await UserRecord.query(on: app.db).filter(\.$email == email).first())
            return try #require(try await MembershipRecord.query(on: app.db).filter(\.$userID == user.requireID()).first())
        }

        /// Dev books `minutes` of Ana's cleaning; it is paid and completed.
        func completedOrder(_ app: Application, minutes: Int) async throws {
            _ = try await FinanceTests().completedOrder(app, minutes: minutes)
        }

        @Test func theFinancesModelHoldsEveryPeriodAndTheFeeHistory() async throws {
            try await withCoop { app async throws in
                let bylaws = try #require(try await app.coop.bylaws(on: app.db))
                let model = try await FinancesShow.load(bylaws: bylaws, on: app.db, at: app.coop.config.now())
                #expect(model.periods.map(\.number) == [1] && model.periods[0].status == "open")
                #expect(model.fees.count == 1 && model.fees[0].proposal == nil)
                #expect(model.currency == bylaws.currency)
                let html = FinancesShow.View(model: model).body.render()
                #expect(html.contains(#"id="chart-flow""#) && html.contains(#"<td class="status">open</td>"#))
            }
        }

        @Test func thePeriodModelShowsAStewardWhatBlocksAnEndedPeriod() async throws {
            let clock = TestClock()
            try await withCoop(configure: { $0.now = { clock.now } }) { app async throws in
                let bylaws = try #require(try await app.coop.bylaws(on: app.db))
                let sam = try await member(app, "sam@demo.coop")
                let ana = try await member(app, "ana@demo.coop")
                let open = try await PeriodShow.load(number: 1, bylaws: bylaws, member: sam, on: app.db, at: clock.now)
                #expect(open.steward && !open.closable && open.blocking.isEmpty && open.view.mine == nil)
                clock.advance(days: 400)
                // Eli's bank transfer, recorded in the period, waits for a steward.
                let ended = try await PeriodShow.load(number: 1, bylaws: bylaws, member: sam, on: app.db, at: clock.now)
                #expect(ended.closable && ended.blocking.count == 1 && ended.blocking[0].order == nil)
                #expect(ended.blocking[0].what.hasPrefix("share payment of"))
                let notSteward = try await PeriodShow.load(number: 1, bylaws: bylaws, member: ana, on: app.db, at: clock.now)
                #expect(!notSteward.steward && notSteward.blocking.isEmpty)
                #expect(notSteward.classNames["worker"] == bylaws.stakeholderClass("worker")?.name)
                await #expect(throws: CoopError.notFound("There is no fiscal period 9.")) {
                    try await PeriodShow.load(number: 9, bylaws: bylaws, member: nil, on: app.db, at: clock.now)
                }
            }
        }

        @Test func theStewardModelListsEndedPeriodsAndExpenses() async throws {
            let clock = TestClock()
            try await withCoop(configure: { $0.now = { clock.now } }) { app async throws in
                let bylaws = try #require(try await app.coop.bylaws(on: app.db))
                _ = try await app.coop.write(on: app.db) { db in
                    try await Finances.recordExpense(
                        .init(amount: "2.50", category: "hosting", description: "Backups"), steward: "member #1", bylaws: bylaws, on: db,
                        at: clock.now)
                }
                var model = try await StewardFinancesShow.load(bylaws: bylaws, on: app.db, at: clock.now)
                #expect(model.due.isEmpty && model.expenses.count == 1 && model.expenses[0].amount == 250)
                #expect(model.expenses[0].account == Account.expense("hosting").code)
                clock.advance(days: 400)
                model = try await StewardFinancesShow.load(bylaws: bylaws, on: app.db, at: clock.now)
                #expect(model.due.map(\.number) == [1])
            }
        }

        @Test func theStatementModelReadsAMembersAccounts() async throws {
            try await withCoop { app async throws in
                let bylaws = try #require(try await app.coop.bylaws(on: app.db))
                let ana = try await member(app, "ana@demo.coop")
                let model = try await StatementShow.load(membership: ana, bylaws: bylaws, on: app.db)
                #expect(model.statement.memberNumber == ana.memberNumber && model.statement.shares == ana.shares)
                #expect(model.statement.shareCapital > 0 && model.statement.periods.map(\.number) == [1])
                #expect(model.statement.periods[0].patronage == nil, "an open period has no line yet")
            }
        }

        @Test func theOpenDataModelHoldsTheGovernedThreshold() async throws {
            try await withCoop { app async throws in
                let model = try await OpenDataShow.load(on: app.db)
                #expect(model.threshold == (try await PolicyStore.number(.openDataPrivacyThreshold, on: app.db)))
                #expect(model.datasets.map(\.id) == OpenData.datasets.map(\.id))
            }
        }

        @Test func hoursOfPatronageAreTheMinutesBooked() async throws {
            let clock = TestClock()
            try await withCoop(configure: { $0.now = { clock.now } }) { app async throws in
                clock.advance(days: 10)
                try await completedOrder(app, minutes: 120)
                try await completedOrder(app, minutes: 45)
                let p = try await FiscalPeriodStore.period(1, on: app.db)
                let earnings = try p.lockedFormula
                let text = try StoredJSON.encode(earnings).replacingOccurrences(of: #""worker":"earnings""#, with: #""worker":"hours""#)
                let hours = try StoredJSON.decode(SurplusFormula.self, text)
                #expect(hours.measures["worker"] == .hours)
                let ana = try await member(app, "ana@demo.coop")
                let eur = Currency(code: "EUR")
                let byHours = try await PatronageQueries.patronage(p, formula: hours, currency: eur, on: app.db)
                let line = try #require(byHours.first { $0.patronage.member == ana.id!.uuidString.lowercased() })
                #expect(line.patronage.amount == 165 && line.patronage.classID == "worker")
                let byEarnings = try await PatronageQueries.patronage(p, formula: earnings, currency: eur, on: app.db)
                let earned = try #require(byEarnings.first { $0.patronage.member == line.patronage.member })
                #expect(earned.patronage.amount == 4_050 + 1_519, "90% of 45.00 and of 16.88")
            }
        }
    }
}
