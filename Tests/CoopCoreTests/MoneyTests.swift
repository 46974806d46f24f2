import CoopCore
import PropertyBased
import Testing

@Suite struct MoneyTests {
    let eur = Currency(code: "EUR")

    @Test func parsesDecimalTextExactly() throws {
        #expect(try Money.parse("12.5", currency: eur).minorUnits == 1250)
        #expect(try Money.parse("0.05", currency: eur).minorUnits == 5)
        #expect(try Money.parse("-3", currency: eur).minorUnits == -300)
        #expect(try Money.parse(".5", currency: eur).minorUnits == 50)
        #expect(try Money.parse("7", currency: Currency(code: "JPY", minorDigits: 0)).minorUnits == 7)
    }

    @Test func refusesMalformedAndTooPreciseAmounts() {
        #expect(throws: MoneyError.tooPrecise("1.234", digits: 2)) { try Money.parse("1.234", currency: eur) }
        for bad in ["", "abc", "1.2.3", "1,50", "--1", "."] {
            #expect(throws: MoneyError.self) { try Money.parse(bad, currency: eur) }
        }
        #expect(throws: MoneyError.overflow) { try Money.parse("99999999999999999999", currency: eur) }
    }

    @Test func formatsMinorUnits() {
        #expect(Money(minorUnits: 1250, currency: eur).description == "12.50 EUR")
        #expect(Money(minorUnits: -5, currency: eur).decimalString == "-0.05")
        #expect(Money(minorUnits: 300, currency: Currency(code: "JPY", minorDigits: 0)).decimalString == "300")
    }

    @Test func refusesToAddDifferentCurrencies() {
        #expect(throws: MoneyError.currencyMismatch("EUR", "USD")) {
            try Money(minorUnits: 1, currency: eur).adding(Money(minorUnits: 1, currency: Currency(code: "USD")))
        }
    }

    @Test func roundTripsEveryAmountThroughText() async {
        await propertyCheck(input: Gen.int64(in: -1_000_000_000_000...1_000_000_000_000)) { n in
            let m = Money(minorUnits: n, currency: eur)
            #expect((try? Money.parse(m.decimalString, currency: eur)) == m)
        }
    }
}
