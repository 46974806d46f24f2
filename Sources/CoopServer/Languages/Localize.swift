import CoopCore
import Foundation

/// The language of the request being answered. The language middleware sets it around each page
/// request; code that renders text reads it through ``t(_:_:)`` and friends, without passing it
/// down every view.
enum Lang {
    @TaskLocal static var catalog: Catalog = .source

    /// The language text is being written in.
    static var current: Language { catalog.language }
    /// Its rules for numbers, money and dates.
    static var format: LocalFormat { LocalFormat(catalog.language) }

    /// Runs `body` with text in `language`.
    static func with<T>(_ language: Language, _ body: () async throws -> T) async rethrows -> T {
        try await $catalog.withValue(Translations.catalog(language)) { try await body() }
    }
}

// The translation calls. `scripts/i18n.py extract` finds their string literals in the sources and
// writes them to the template, so the first arguments must be plain literals (no interpolation):
// pass what varies as arguments, written `%s` (text) or `%d` (a number, formatted by `num`) in the
// text, or `%1$s`, `%2$d` where a translation needs another order.

/// A text in the request's language, with its placeholders filled: `t("Log out (%s)", name)`.
func t(_ text: String, _ arguments: String...) -> String {
    Placeholders.fill(Lang.catalog.text(text), arguments)
}

/// A text that needs a context to be translated right (the same English in two senses):
/// `tc("verb", "Vote")`.
func tc(_ context: String, _ text: String, _ arguments: String...) -> String {
    Placeholders.fill(Lang.catalog.text(text, context: context), arguments)
}

/// A countable phrase in the form the language gives `n`; `%d` (the first placeholder) is `n`,
/// formatted; further placeholders take `arguments`: `tn("%d vote", "%d votes", count)`.
func tn(_ singular: String, _ plural: String, _ n: Int, _ arguments: String...) -> String {
    Placeholders.fill(Lang.catalog.text(singular, plural: plural, count: n), [num(n)] + arguments)
}

/// A whole number by the request language's rules: `1,234`, `1234`, `1 234`.
func num(_ n: some BinaryInteger) -> String { Lang.format.integer(n) }

/// An amount by the request language's rules, with its currency: `1.234,50 EUR` in Spanish.
/// English keeps the plain `1234.50 EUR` every page has always shown.
func money(_ m: Money) -> String { Lang.current == .en || Lang.current == .qps ? m.description : Lang.format.money(m) }

/// A date and time in UTC by the request language's rules: `27 Nov 2026, 14:05 UTC`.
func dateTime(_ d: Date) -> String {
    let c = UTCFields(d)
    return Lang.format.dateTime(year: c.year, month: c.month, day: c.day, hour: c.hour, minute: c.minute, zone: "UTC")
}

/// A day of the calendar (UTC) by the request language's rules: `27 Nov 2026`.
func day(_ d: Date) -> String {
    let c = UTCFields(d)
    return Lang.format.day(year: c.year, month: c.month, day: c.day)
}

/// The UTC calendar fields of a date, by integer arithmetic (the proleptic Gregorian calendar, as
/// in Howard Hinnant's `civil_from_days`): pages show many dates, and making or asking a
/// `Calendar` or a `DateFormatter` costs far more than this.
struct UTCFields: Equatable {
    let year: Int
    let month: Int
    let day: Int
    let hour: Int
    let minute: Int

    init(_ date: Date) {
        // Beyond ±300,000 years a date is nonsense; clamp rather than trap on conversion.
        let raw = date.timeIntervalSince1970
        let seconds = raw.isFinite ? Int(min(max(raw, -1e13), 1e13).rounded(.down)) : 0
        let days = seconds >= 0 ? seconds / 86_400 : -((-seconds + 86_399) / 86_400)
        let rest = seconds - days * 86_400
        hour = rest / 3600
        minute = rest % 3600 / 60
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * mp + 2) / 5 + 1
        month = mp < 10 ? mp + 3 : mp - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    /// `2026-11-18`, the ISO 8601 day.
    var isoDay: String { "\(Self.pad(year, 4))-\(Self.pad(month, 2))-\(Self.pad(day, 2))" }

    /// `2026-11-18 11:06 UTC`, the English pages' stamp.
    var stamp: String { "\(isoDay) \(Self.pad(hour, 2)):\(Self.pad(minute, 2)) UTC" }

    private static func pad(_ n: Int, _ width: Int) -> String {
        let digits = String(n.magnitude)
        return (n < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
