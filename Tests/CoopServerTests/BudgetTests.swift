import CoopCore
import CoopStore
import Foundation
import Testing
import VaporTesting

@testable import CoopServer

extension Server {
    /// A budget the members approve by vote, paid in parts by a steward, shown against what was paid.
    @Suite struct BudgetTests {
        @Test func anApprovedBudgetIsPaidInPartsAndNeverBeyondWhatWasApproved() async throws {
            let clock = TestClock()
            try await withCoop(founded: false, configure: { $0.now = { clock.now } }) { app async throws in
                let coop = try await Fixture.coop(app)
                let maker = try await coop.member("Mo Maker")
                let number = try await coop.proposal(
                    by: maker, ["kind": "budget", "title": "Print flyers", "amount": "120.00", "payee": "Print shop", "memo": "Flyers"])
                func pass(days: Int) async throws {
                    for _ in 0..<days {
                        clock.advance(days: 1)
                        try await Governance.advance(app: app)
                    }
                }
                try await pass(days: 8)
                let ballots = APIPath.proposalBallots.fullPath.replacingOccurrences(of: "{number}", with: String(number))
                for voter in [coop.steward, maker] {
                    let cast = try await voter.send(.POST, ballots, json: ["choice": "yes"])
                    #expect(cast.status == .created, "\(cast.body.string)")
                }
                try await pass(days: 12)
                let lines = try await Budgets.lines(on: app.db)
                #expect(lines.map(\.number) == [number], "the budget is enacted")
                #expect(lines.first?.approved == 12_000 && lines.first?.paid == 0)

                var steward = Browser(app)
                try await steward.logIn(Fixture.stewardEmail, Fixture.password)
                let page = try await steward.get(SiteURL.stewardFinances.path).body.string
                #expect(page.contains(#"id="budget-form""#))
                let pay = { (amount: String) in
                    try await steward.post(
                        SiteURL.stewardBudgetPayments.path,
                        ["budget": String(number), "amount": amount, "description": "Flyers, first run"])
                }
                #expect(try await pay("70.00").status == .seeOther)
                let over = try await pay("50.01")
                #expect(over.status == .conflict)
                #expect(over.body.string.contains("more than is left of budget #\(number): 50.00"))
                #expect(try await pay("0").status == .conflict)
                #expect(try await pay("lots").status == .badRequest)
                #expect(try await pay("50.00").status == .seeOther)
                #expect(try await Budgets.lines(on: app.db).first?.paid == 12_000)
                // A member who is not a steward cannot pay a budget.
                var member = Browser(app)
                try await member.logIn("mo.maker@fixture.test", Fixture.password)
                _ = try await member.get(SiteURL.statement.path)
                #expect(
                    try await member.post(
                        SiteURL.stewardBudgetPayments.path, ["budget": String(number), "amount": "1.00", "description": "x"]
                    ).status == .forbidden)
                // The public page shows it paid in full; the ledger owes the payee nothing more.
                var visitor = Browser(app)
                let finances = try await visitor.get(SiteURL.finances.path).body.string
                #expect(finances.contains(#"data-budget="\#(number)""#))
                let owed = try await LedgerStore.balance(of: BudgetSpending.payable, currency: coop.bylaws.currency, on: app.db)
                #expect(owed == 0)
            }
        }
    }
}
