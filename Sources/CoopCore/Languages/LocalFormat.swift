/// Numbers, money and dates written by a language's own rules, without the platform's locale data
/// (which differs between Linux and macOS): `1,234.50` in English, `1234,50` and `12.345,50` in
/// Spanish (no separator below five digits, as the RAE's rule says), `1 234,50` in French (narrow
/// no-break space).
public struct LocalFormat: Sendable {
    /// The language whose rules are used.
    public let language: Language

    /// The rules of a language.
    public init(_ language: Language) { self.language = language }

    private var decimal: String { language == .es || language == .fr ? "," : "." }
    private var group: String {
        switch language {
        case .en, .qps: ","
        case .es: "."
        case .fr: "\u{202F}"
        }
    }

    /// A whole number: `12,345` / `12.345` / `12 345`.
    public func integer(_ n: some BinaryInteger) -> String {
        let digits = String(n.magnitude)
        return (n < 0 ? "-" : "") + grouped(digits)
    }

    private func grouped(_ digits: String) -> String {
        // Spanish leaves four-digit numbers whole (2026, 1500).
        if digits.count <= 3 || (language == .es && digits.count == 4) { return digits }
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += group }
            out.append(c)
        }
        return out
    }

    /// An amount with its currency code, from integer minor units: `1,234.50 EUR`,
    /// `1234,50 EUR`, `1 234,50 EUR`.
    public func money(_ m: Money) -> String { amount(m) + "\u{A0}" + m.currency.code }

    /// An amount without its currency: `1,234.50`.
    public func amount(_ m: Money) -> String {
        let magnitude = m.minorUnits.magnitude
        let digits = m.currency.minorDigits
        var scale: UInt64 = 1
        for _ in 0..<digits { scale *= 10 }
        let sign = m.minorUnits < 0 ? "-" : ""
        guard digits > 0 else { return sign + grouped(String(magnitude)) }
        let fraction = String(magnitude % scale)
        return sign + grouped(String(magnitude / scale)) + decimal + String(repeating: "0", count: digits - fraction.count) + fraction
    }

    /// A percentage from basis points: `12.5%`, `12,5 %`.
    public func percent(basisPoints: Int64) -> String {
        let whole = basisPoints.magnitude / 100
        let rest = basisPoints.magnitude % 100
        var text = (basisPoints < 0 ? "-" : "") + grouped(String(whole))
        if rest != 0 {
            let r = rest % 10 == 0 ? String(rest / 10) : (rest < 10 ? "0\(rest)" : String(rest))
            text += decimal + r
        }
        return text + (language == .fr || language == .es ? "\u{A0}%" : "%")
    }

    /// A day of the calendar: `27 Nov 2026`, `27 nov 2026`, `27 nov. 2026`.
    public func day(year: Int, month: Int, day: Int) -> String {
        let m = (1...12).contains(month) ? month - 1 : 0
        let name: String
        switch language {
        case .en, .qps: name = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][m]
        case .es: name = ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic"][m]
        case .fr:
            name = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."][m]
        }
        return "\(day) \(name) \(year)"
    }

    /// A day and a time on the 24-hour clock with its zone: `27 Nov 2026, 14:05 UTC`.
    public func dateTime(year: Int, month: Int, day d: Int, hour: Int, minute: Int, zone: String) -> String {
        let time = (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
        let separator = language == .fr ? " à " : ", "
        return day(year: year, month: month, day: d) + separator + time + " " + zone
    }
}
