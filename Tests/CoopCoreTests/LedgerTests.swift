import CoopCore
import PropertyBased
import Testing

@Suite struct LedgerTests {
    let eur = Currency(code: "EUR")
    func eur(_ n: Int64) -> Money { Money(minorUnits: n, currency: eur) }

    @Test func acceptsABalancedTransaction() throws {
        let tx = try LedgerTransaction.transfer(
            kind: "share-purchase", memo: "2 shares", amount: eur(10_000), debit: .cash,
            credit: .shareCapital(member: "m1"))
        #expect(tx.postings.map(\.amount.minorUnits) == [10_000, -10_000])
    }

    @Test func refusesUnbalancedEmptyAndZeroPostings() {
        #expect(throws: LedgerError.unbalanced(currency: "EUR", sum: 1)) {
            try LedgerTransaction(
                kind: "x", memo: "",
                postings: [Posting(account: .cash, amount: eur(101)), Posting(account: .shareCapital(member: "a"), amount: eur(-100))])
        }
        #expect(throws: LedgerError.tooFewPostings(1)) {
            try LedgerTransaction(kind: "x", memo: "", postings: [Posting(account: .cash, amount: eur(1))])
        }
        #expect(throws: LedgerError.zeroPosting("coop:cash")) {
            try LedgerTransaction(
                kind: "x", memo: "",
                postings: [Posting(account: .cash, amount: eur(0)), Posting(account: .shareCapital(member: "a"), amount: eur(0))])
        }
        #expect(throws: LedgerError.nonPositiveAmount(-5)) {
            try LedgerTransaction.transfer(kind: "x", memo: "", amount: eur(-5), debit: .cash, credit: .shareCapital(member: "a"))
        }
    }

    @Test func balancesPerCurrencyNotAcross() {
        let usd = Currency(code: "USD")
        #expect(throws: LedgerError.self) {
            try LedgerTransaction(
                kind: "x", memo: "",
                postings: [
                    Posting(account: .cash, amount: eur(100)), Posting(account: .cash, amount: Money(minorUnits: -100, currency: usd)),
                ])
        }
    }

    @Test func aReversalUndoesEveryPosting() throws {
        let tx = try LedgerTransaction.transfer(
            kind: "share-purchase", memo: "", amount: eur(2_500), debit: .cash, credit: .shareCapital(member: "m"))
        let b = balances(of: tx.postings + tx.reversal(memo: "mistake").postings)
        #expect(b.values.allSatisfy { $0.values.allSatisfy { $0 == 0 } })
    }

    @Test func validTransactionsAlwaysSumToZero() async {
        await propertyCheck(input: Gen.int64(in: -1_000_000...1_000_000).array(of: 1...12)) { amounts in
            // Any set of non-zero amounts, closed by one balancing posting, is accepted; and sums to zero.
            let nonzero = amounts.filter { $0 != 0 }
            let closing = -nonzero.reduce(0, +)
            var postings = nonzero.enumerated().map { Posting(account: Account(code: "a:\($0.offset)"), amount: eur($0.element)) }
            if closing != 0 { postings.append(Posting(account: .cash, amount: eur(closing))) }
            if postings.count >= 2 {
                guard let tx = try? LedgerTransaction(kind: "k", memo: "", postings: postings) else {
                    Issue.record("a balanced transaction was refused")
                    return
                }
                #expect(tx.postings.reduce(0) { $0 + $1.amount.minorUnits } == 0)
                // Nudging any posting by one unit unbalances it.
                var broken = postings
                broken[0] = Posting(account: broken[0].account, amount: eur(broken[0].amount.minorUnits + 1))
                if broken[0].amount.minorUnits != 0 {
                    #expect(throws: LedgerError.self) { try LedgerTransaction(kind: "k", memo: "", postings: broken) }
                }
            }
        }
    }
}
