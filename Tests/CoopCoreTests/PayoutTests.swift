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

@Suite struct AccountMeaningTests {
    @Test func accountsAreNamedByWhatTheyMean() {
        let names = ["m1": "Ana Alves"]
        func meaning(_ a: Account) -> String { a.meaning { names[$0] } }
        #expect(meaning(.earningsPayable(member: "m1")) == "Earnings owed to Ana Alves")
        #expect(meaning(.shareCapital(member: "m2")) == "Share capital of a member")
        #expect(meaning(.cash) == "The co-op's cash and bank")
        #expect(meaning(.expense("hosting")) == "Expenses: hosting")
        #expect(meaning(.orderHeld(12)) == "Payment held for order #12")
        #expect(meaning(.feeRevenue) == "Platform fees earned")
        #expect(meaning(Account(code: "coop:revenue:grants")) == "Income: grants")
        #expect(meaning(Account(code: "odd")) == "odd")
        #expect(meaning(Account(code: "member:m1:unknown")) == "member:m1:unknown")
        #expect(meaning(Account(code: "member::")) == "member::")
        #expect(Account.earningsPayable(member: "m1").meaning(own: true) == "Earnings owed to you")
        #expect(Account.shareCapital(member: "m1").meaning(own: true) == "Your share capital")
    }
}

@Suite struct AuditWordsTests {
    @Test func entriesAreSaidInWordsWithTheFactsThatNameThem() {
        let fields = ["number": "4", "passed": "true", "kind": "share-purchase", "period": "2"]
        func say(_ kind: String) -> String { AuditWords.describe(kind) { fields[$0] } }
        #expect(say("proposal.closed") == "Voting closed on proposal #4: passed")
        #expect(say("ledger.posted") == "Money moved in the ledger: share purchase")
        #expect(say("period.closed") == "Fiscal period 2 was closed")
        #expect(say("ballot.cast") == "A ballot was cast")
        #expect(AuditWords.describe("proposal.opened") { _ in nil } == "Voting opened on proposal")
        #expect(AuditWords.describe("something.new") { _ in nil } == "Something new")
    }
}
