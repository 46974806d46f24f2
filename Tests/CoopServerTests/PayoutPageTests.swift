import CoopCore
import CoopStore
import Fluent
import Foundation
import Testing
import VaporTesting

@testable import CoopServer

extension Server {
    @Suite struct PayoutPageTests {
        @Test func aWorkerAsksToBePaidAndAnotherStewardRecordsIt() async throws {
            try await withCoop(founded: false) { app async throws in
                _ = try await DemoCoop.found(app: app, year: true)
                let bylaws = try #require(try await app.coop.bylaws(on: app.db))
                let anaUser = try #require(try await UserStore.user(email: "ana@demo.coop", on: app.db))
                let ana = try #require(try await MembershipQueries.membership(ofUser: try anaUser.requireID(), on: app.db))
                let owed = try await Payouts.owed(ana, currency: bylaws.currency, on: app.db)
                #expect(owed.earnings > 0, "the demo year pays Ana for her cleaning")

                var worker = Browser(app)
                try await worker.logIn("ana@demo.coop")
                let page = try await worker.get(SiteURL.statement.path).body.string
                #expect(page.contains("Ask to be paid"))
                let asked = try await worker.post(SiteURL.payoutRequest.path)
                #expect(asked.status == .seeOther, "\(asked.body.string.prefix(300))")
                // Asking twice is refused, in words.
                let twice = try await worker.post(SiteURL.payoutRequest.path)
                #expect(twice.status == .conflict)
                #expect(twice.body.string.contains("already asked"))
                let waiting = try #require(try await PayoutStore.waiting(of: try ana.requireID(), on: app.db))
                #expect(waiting.amounts == owed)
                let id = try waiting.requireID()

                // Not a steward: refused. A steward cannot pay themself (Sam asks, Sam records).
                var bo = Browser(app)
                try await bo.logIn("bo@demo.coop")
                _ = try await bo.get(SiteURL.statement.path)
                #expect(try await bo.post(SiteURL.stewardPayoutPaid(id).path, ["method": "cash"]).status == .forbidden)
                var sam = Browser(app)
                try await sam.logIn("sam@demo.coop")
                let queue = try await sam.get(SiteURL.stewardFinances.path).body.string
                #expect(queue.contains("Ana Alves") && queue.contains("Record it paid"))
                #expect(try await sam.post(SiteURL.stewardPayoutPaid(id).path, ["method": "cheque"]).status == .badRequest)
                #expect(
                    try await sam.post(SiteURL.stewardPayoutPaid(id).path, ["method": "cash", "reference": "a\nb"]).status == .badRequest)
                let paid = try await sam.post(SiteURL.stewardPayoutPaid(id).path, ["method": "bank_transfer", "reference": "TR-881"])
                #expect(paid.status == .seeOther, "\(paid.body.string.prefix(300))")
                // Paid once: a second record is refused, and the ledger shows nothing owed.
                #expect(try await sam.post(SiteURL.stewardPayoutPaid(id).path, ["method": "cash"]).status == .conflict)
                let after = try await Payouts.owed(ana, currency: bylaws.currency, on: app.db)
                #expect(after == .init(earnings: owed.earnings - waiting.earningsMinor, dividends: owed.dividends - waiting.dividendsMinor))
                #expect(after.total == 0)
                let statement = try await worker.get(SiteURL.statement.path).body.string
                #expect(statement.contains("TR-881") && statement.contains("owes you nothing"))
                #expect(try await AuditLog.verify(on: app.db).get().count == Int64(try await count("audit_entries", on: app)))

                // Sam's own request waits for Rita.
                try await app.coop.write(on: app.db) { db in
                    let tx = try LedgerTransaction.transfer(
                        kind: "test", memo: "earnings", amount: Money(minorUnits: 500, currency: bylaws.currency),
                        debit: .cash, credit: .earningsPayable(member: try await samMembership(db).requireID().uuidString.lowercased()))
                    _ = try await LedgerStore.post(tx, on: db, at: Date())
                }
                _ = try await sam.get(SiteURL.statement.path)
                #expect(try await sam.post(SiteURL.payoutRequest.path).status == .seeOther)
                let samID = try await samMembership(app.db).requireID()
                let own = try #require(try await PayoutStore.waiting(of: samID, on: app.db)).requireID()
                _ = try await sam.get(SiteURL.stewardFinances.path)
                let selfPaid = try await sam.post(SiteURL.stewardPayoutPaid(own).path, ["method": "cash"])
                #expect(selfPaid.status == .forbidden)
                // Sam cancels it; cancelling someone else's is not found.
                #expect(try await worker.post(SiteURL.payoutCancel(own).path).status == .notFound)
                #expect(try await sam.post(SiteURL.payoutCancel(own).path).status == .seeOther)
                #expect(try await PayoutStore.waiting(of: samID, on: app.db) == nil)
            }
        }

        @Test func thePublicFinancesListEachExpenseWithTheBalanceAfterIt() async throws {
            try await withCoop(founded: false) { app async throws in
                _ = try await DemoCoop.found(app: app, year: true)
                let bylaws = try #require(try await app.coop.bylaws(on: app.db))
                let model = try await FinancesShow.load(bylaws: bylaws, on: app.db, at: app.coop.config.now())
                let hosting = model.flow.filter { $0.what.hasPrefix("Server hosting") }
                #expect(hosting.count == 4 && hosting.allSatisfy { $0.amount == -990 && $0.category == "hosting" })
                let income = model.flow.filter { $0.category == "income" }
                #expect(income.count >= 11 && income.allSatisfy { $0.amount > 0 }, "a line a month of the demo year")
                // The newest balance is all earned less all spent.
                #expect(model.flow.first?.balance == model.flow.map(\.amount).reduce(0, +))
                var visitor = Browser(app)
                let page = try await visitor.get(SiteURL.finances.path).body.string
                #expect(page.contains(#"id="money-flow""#) && page.contains("-9.90 EUR"))
            }
        }

        func samMembership(_ db: any Database) async throws -> MembershipRecord {
            let user = try #require(try await UserStore.user(email: "sam@demo.coop", on: db))
            return try #require(try await MembershipQueries.membership(ofUser: try user.requireID(), on: db))
        }
    }
}
