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
    let c = Calendar.utc.dateComponents([.year, .month, .day, .hour, .minute], from: d)
    return Lang.format.dateTime(
        year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1, hour: c.hour ?? 0, minute: c.minute ?? 0, zone: "UTC")
}

/// A day of the calendar (UTC) by the request language's rules: `27 Nov 2026`.
func day(_ d: Date) -> String {
    let c = Calendar.utc.dateComponents([.year, .month, .day], from: d)
    return Lang.format.day(year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1)
}

extension Calendar {
    fileprivate static let utc: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC")!
        return c
    }()
}
