import Testing

@testable import CoopCore

@Suite struct PayoutTests {
    let eur = Currency(code: "EUR")

    @Test func aRequestAsksForWhatIsOwedAndNothingWhenNothingIs() throws {
        #expect(try Payout.request(earningsOwed: 4_800, dividendsOwed: 120) == .init(earnings: 4_800, dividends: 120))
        #expect(try Payout.request(earningsOwed: -50, dividendsOwed: 120) == .init(earnings: 0, dividends: 120))
        #expect(throws: CoopError.self) { try Payout.request(earningsOwed: 0, dividendsOwed: 0) }
        #expect(throws: CoopError.self) { try Payout.request(earningsOwed: -1, dividendsOwed: -1) }
    }

    @Test func aPayoutIsPaidOnlyWhileItIsStillOwedInFull() {
        let asked = Payout.Amounts(earnings: 100, dividends: 50)
        #expect(Payout.stillOwed(asked, earningsOwed: 100, dividendsOwed: 50) == nil)
        #expect(Payout.stillOwed(asked, earningsOwed: 500, dividendsOwed: 50) == nil)
        #expect(Payout.stillOwed(asked, earningsOwed: 99, dividendsOwed: 50) != nil)
        #expect(Payout.stillOwed(asked, earningsOwed: 100, dividendsOwed: 0) != nil)
    }

    @Test func itsTransactionLowersWhatIsOwedAndCash() throws {
        let tx = try Payout.transaction(member: "m1", .init(earnings: 4_800, dividends: 120), currency: eur, memo: "paid")
        #expect(tx.kind == "payout")
        let by = Dictionary(uniqueKeysWithValues: tx.postings.map { ($0.account, $0.amount.minorUnits) })
        #expect(by[.earningsPayable(member: "m1")] == 4_800)
        #expect(by[.dividendPayable(member: "m1")] == 120)
        #expect(by[.cash] == -4_920)
        let earningsOnly = try Payout.transaction(member: "m1", .init(earnings: 10, dividends: 0), currency: eur, memo: "paid")
        #expect(earningsOnly.postings.count == 2, "no zero posting")
    }
}
