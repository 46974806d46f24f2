import Foundation
import Testing

@testable import CoopCore

@Suite struct MoneyFlowTests {
    let day = { (n: Double) in Date(timeIntervalSince1970: n * 86_400) }

    @Test func eachLineCarriesTheBalanceAfterItNewestFirst() {
        let lines = MoneyFlow.lines([
            .init(date: day(10), what: "Hosting", category: "hosting", amount: -990),
            .init(date: day(30), what: "Fees, period 1", category: "income", amount: 5_000),
            .init(date: day(2), what: "Insurance", category: "insurance", amount: -2_000),
        ])
        #expect(lines.map(\.what) == ["Fees, period 1", "Hosting", "Insurance"])
        #expect(lines.map(\.balance) == [2_010, -2_990, -2_000])
    }

    @Test func onTheSameDayMoneyInComesFirstAndTheBalanceNeverOverflows() {
        let same = MoneyFlow.lines([
            .init(date: day(1), what: "out", category: "x", amount: -5),
            .init(date: day(1), what: "in", category: "income", amount: 10),
        ])
        #expect(same.map(\.what) == ["out", "in"])
        #expect(same.first?.balance == 5)
        let huge = MoneyFlow.lines([
            .init(date: day(1), what: "a", category: "income", amount: .max),
            .init(date: day(2), what: "b", category: "income", amount: .max),
        ])
        #expect(huge.first?.balance == .max)
        #expect(MoneyFlow.lines([]).isEmpty)
    }
}

@Suite struct BudgetSpendingTests {
    @Test func aBudgetIsPaidInPartsButNeverBeyondWhatWasApproved() throws {
        #expect(BudgetSpending.check(5_000, approved: 10_000, paid: 0) == nil)
        #expect(BudgetSpending.check(5_000, approved: 10_000, paid: 5_000) == nil)
        #expect(BudgetSpending.check(1, approved: 10_000, paid: 10_000) != nil)
        #expect(BudgetSpending.check(0, approved: 10_000, paid: 0) != nil)
        #expect(BudgetSpending.check(-5, approved: 10_000, paid: 0) != nil)
        #expect(BudgetSpending.remaining(approved: 100, paid: 250) == 0)
        let tx = try BudgetSpending.payment(Money(minorUnits: 700, currency: Currency(code: "EUR")), memo: "printing")
        #expect(tx.kind == "budget-payment")
        #expect(Set(tx.postings.map(\.account)) == [BudgetSpending.payable, .cash])
    }
}
