/// An ISO 4217 currency with the number of minor-unit digits it uses (2 for EUR, 0 for JPY).
public struct Currency: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The three-letter ISO 4217 code, upper case.
    public let code: String
    /// How many decimal digits one major unit has in minor units.
    public let minorDigits: Int

    /// Creates a currency; the code is upper-cased.
    public init(code: String, minorDigits: Int = 2) {
        self.code = code.uppercased()
        self.minorDigits = minorDigits
    }

    /// Whether the code is three ASCII letters and the digits are between 0 and 4.
    public var isValid: Bool {
        code.count == 3 && code.allSatisfy { $0.isASCII && $0.isLetter } && (0...4).contains(minorDigits)
    }

    /// The currency code alone, `EUR`.
    public var description: String { code }

    /// Minor units per major unit (100 for two digits).
    public var scale: Int64 {
        var s: Int64 = 1
        for _ in 0..<minorDigits { s *= 10 }
        return s
    }
}

/// An amount of money: integer minor units with a currency. Never floating point.
public struct Money: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The amount in minor units (cents for EUR).
    public let minorUnits: Int64
    /// The currency of the amount.
    public let currency: Currency

    /// Creates an amount from minor units.
    public init(minorUnits: Int64, currency: Currency) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    /// Zero in the given currency.
    public static func zero(_ currency: Currency) -> Money { Money(minorUnits: 0, currency: currency) }

    /// The amount with its sign flipped.
    public var negated: Money { Money(minorUnits: -minorUnits, currency: currency) }

    /// Adds two amounts of the same currency.
    public func adding(_ other: Money) throws(MoneyError) -> Money {
        guard other.currency == currency else { throw .currencyMismatch(currency.code, other.currency.code) }
        let (sum, overflow) = minorUnits.addingReportingOverflow(other.minorUnits)
        guard !overflow else { throw .overflow }
        return Money(minorUnits: sum, currency: currency)
    }

    /// Multiplies by a whole count (a share price times the number of shares).
    public func times(_ count: Int) throws(MoneyError) -> Money {
        let (product, overflow) = minorUnits.multipliedReportingOverflow(by: Int64(count))
        guard !overflow else { throw .overflow }
        return Money(minorUnits: product, currency: currency)
    }

    /// The amount as a decimal string without the currency: `12.50`, `-0.05`, `300`.
    public var decimalString: String { Money.format(minorUnits, digits: currency.minorDigits) }

    /// The amount with its currency code: `12.50 EUR`.
    public var description: String { "\(decimalString) \(currency.code)" }

    static func format(_ value: Int64, digits: Int) -> String {
        let negative = value < 0
        let magnitude = value.magnitude
        guard digits > 0 else { return (negative ? "-" : "") + String(magnitude) }
        var scale: UInt64 = 1
        for _ in 0..<digits { scale *= 10 }
        let whole = magnitude / scale
        var fraction = String(magnitude % scale)
        fraction = String(repeating: "0", count: digits - fraction.count) + fraction
        return (negative ? "-" : "") + "\(whole).\(fraction)"
    }

    /// Parses a decimal string such as `12.5`, `12.50` or `-3` exactly into minor units.
    ///
    /// More fraction digits than the currency has is an error, not a rounding.
    public static func parse(_ text: String, currency: Currency) throws(MoneyError) -> Money {
        Money(minorUnits: try parseFixed(text, digits: currency.minorDigits), currency: currency)
    }

    /// Parses a decimal string into an integer scaled by `10^digits`, exactly.
    public static func parseFixed(_ text: String, digits: Int) throws(MoneyError) -> Int64 {
        var s = Substring(text.trimmingCharacters(in: " "))
        guard !s.isEmpty else { throw .malformed(text) }
        var negative = false
        if s.first == "-" || s.first == "+" {
            negative = s.first == "-"
            s = s.dropFirst()
        }
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let wholePart = parts.first, !wholePart.isEmpty || parts.count == 2 else {
            throw .malformed(text)
        }
        let fractionPart = parts.count == 2 ? parts[1] : ""
        guard wholePart.allSatisfy({ $0.isASCII && $0.isNumber }),
            fractionPart.allSatisfy({ $0.isASCII && $0.isNumber }),
            !(wholePart.isEmpty && fractionPart.isEmpty)
        else { throw .malformed(text) }
        guard fractionPart.count <= digits else { throw .tooPrecise(text, digits: digits) }
        let padded = String(fractionPart) + String(repeating: "0", count: digits - fractionPart.count)
        guard let value = Int64((wholePart.isEmpty ? "0" : String(wholePart)) + padded) else { throw .overflow }
        return negative ? -value : value
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: Character) -> String {
        var s = Substring(self)
        while s.first == set { s = s.dropFirst() }
        while s.last == set { s = s.dropLast() }
        return String(s)
    }
}

/// What can go wrong with amounts of money.
public enum MoneyError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Two amounts in different currencies were combined; their codes.
    case currencyMismatch(String, String)
    /// An amount parsed or computed does not fit in 64 bits.
    case overflow
    /// The text is not a decimal number; the text.
    case malformed(String)
    /// The text has more decimal places than allowed; the text and the digits allowed.
    case tooPrecise(String, digits: Int)

    /// One line for the person who wrote the amount, `'12.345' has more than 2 decimal places`.
    public var description: String { words.english }

    /// The same line as words to write in the reader's language.
    public var words: Words {
        switch self {
        case .currencyMismatch(let a, let b): Words("cannot combine %1$s with %2$s", .text(a), .text(b))
        case .overflow: Words("amount out of range")
        case .malformed(let text): Words("'%s' is not a decimal amount", .text(text))
        case .tooPrecise(let text, let digits): Words("'%1$s' has more than %2$d decimal places", .text(text), .number(Int64(digits)))
        }
    }
}
