import Foundation

/// A notification's text kept as its English message id and its arguments, so that it is written
/// in the reader's language when it is shown or mailed, not in the language of whoever caused it.
///
/// The first argument of the `NoticeText` initializer must be a plain string literal: `scripts/i18n.py extract`
/// reads it into the template like the server's translation calls. Arguments that are themselves words
/// Coop writes are nested notices (`.notice`); what a member wrote (a title, a note) is `.text` and
/// stays as written; numbers, money and dates are formatted by the reader's language.
public struct NoticeText: Sendable, Equatable, Codable {
    /// One argument of a notice's text.
    public enum Arg: Sendable, Equatable, Codable {
        /// Text shown as written (a title, a name, a member's note).
        case text(String)
        /// A whole number (`%d`), grouped by the language's rules.
        case number(Int64)
        /// An amount with its currency.
        case money(Money)
        /// A share, in basis points: `12.5%`, `12,5 %`.
        case percent(Int64)
        /// A moment, in UTC.
        case date(Date)
        /// Words Coop writes, translated too.
        case notice(NoticeText)
        /// Several notices, one a line.
        case lines([NoticeText])
    }

    /// The English text, with `%s`/`%d` placeholders: the message id of the PO files.
    public let id: String
    /// What fills the placeholders, in order.
    public let args: [Arg]
    /// A countable phrase's English plural and its count (the first `%d`); nil for a plain text.
    public let plural: Plural?
    /// The sense the text is meant in, when the same English has two (the `msgctxt` of the PO
    /// files, as the server's `tc`): an order's state `in progress`; nil for most texts.
    public let context: String?

    /// A countable phrase's plural form and the number it is chosen by.
    public struct Plural: Sendable, Equatable {
        /// The English plural (`%d days`).
        public let id: String
        /// The count.
        public let n: Int
    }

    /// A text and its arguments, as in `NoticeText(` + `"Order #%1$s to accept: %2$s", .text(number), .text(title))`.
    public init(_ id: String, _ args: Arg...) {
        self.id = id
        self.args = args
        self.plural = nil
        self.context = nil
    }

    /// A text in a context, as the server's `tc`: `Words.tc(` + `"order", "in progress")`, the word a
    /// page uses for the same state; both literals are extracted.
    public static func tc(_ context: String, _ id: String, _ args: Arg...) -> NoticeText {
        NoticeText(id: id, args: args, context: context)
    }

    /// A countable phrase, in the form the reader's language gives `n`; `%d` (the first
    /// placeholder) is `n`, formatted: `NoticeText.count(` + `"%d day", "%d days", 3)`. The two
    /// literals are extracted like the server's `tn`.
    public static func count(_ singular: String, _ plural: String, _ n: Int, _ args: Arg...) -> NoticeText {
        NoticeText(id: singular, args: [.number(Int64(n))] + args, plural: Plural(id: plural, n: n))
    }

    /// Text shown as it is in every language (English words from elsewhere, kept as they came).
    public static func verbatim(_ text: String) -> NoticeText { NoticeText(id: "%s", args: [.text(text)]) }

    /// A text and its arguments, from an array.
    public init(id: String, args: [Arg], plural: Plural? = nil, context: String? = nil) {
        self.id = id
        self.args = args
        self.plural = plural
        self.context = context
    }

    /// The text in the catalog's language, its arguments formatted by that language's rules.
    /// English (the source catalog) writes what notifications always wrote: `12.50 EUR`,
    /// `2026-11-30 07:00 UTC`.
    public func render(_ catalog: Catalog) -> String {
        let format = LocalFormat(catalog.language)
        let plain = catalog.language == .en || catalog.language == .qps
        let filled = args.map { arg -> String in
            switch arg {
            case .text(let s): s
            case .number(let n): format.integer(n)
            case .money(let m): plain ? m.description : format.money(m)
            case .percent(let bp): plain ? Fraction(basisPoints: bp).description : format.percent(basisPoints: bp)
            case .date(let d): Self.date(d, format: format, plain: plain)
            case .notice(let n): n.render(catalog)
            case .lines(let ns): ns.map { $0.render(catalog) }.joined(separator: "\n")
            }
        }
        guard let plural else { return Placeholders.fill(catalog.text(id, context: context), filled) }
        return Placeholders.fill(catalog.text(id, plural: plural.id, count: plural.n, context: context), filled)
    }

    private static let utc: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC")!
        return c
    }()

    static func date(_ d: Date, format: LocalFormat, plain: Bool) -> String {
        let c = utc.dateComponents([.year, .month, .day, .hour, .minute], from: d)
        let (y, mo, da, h, mi) = (c.year ?? 1970, c.month ?? 1, c.day ?? 1, c.hour ?? 0, c.minute ?? 0)
        guard plain else { return format.dateTime(year: y, month: mo, day: da, hour: h, minute: mi, zone: "UTC") }
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(y)-\(two(mo))-\(two(da)) \(two(h)):\(two(mi)) UTC"
    }
}

extension NoticeText {
    private enum Keys: String, CodingKey {
        case id, a, pl, pn, x
    }

    private enum ArgKeys: String, CodingKey {
        case s, n, m, c, p, d, t, l, b
    }

    /// Reads the stored form (``json``).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        id = try c.decode(String.self, forKey: .id)
        if let pl = try c.decodeIfPresent(String.self, forKey: .pl) {
            plural = Plural(id: pl, n: try c.decode(Int.self, forKey: .pn))
        } else {
            plural = nil
        }
        context = try c.decodeIfPresent(String.self, forKey: .x)
        var list = try c.nestedUnkeyedContainer(forKey: .a)
        var args: [Arg] = []
        while !list.isAtEnd {
            let a = try list.nestedContainer(keyedBy: ArgKeys.self)
            if let s = try a.decodeIfPresent(String.self, forKey: .s) {
                args.append(.text(s))
            } else if let n = try a.decodeIfPresent(Int64.self, forKey: .n) {
                args.append(.number(n))
            } else if let m = try a.decodeIfPresent(Int64.self, forKey: .m) {
                let code = try a.decode(String.self, forKey: .c)
                let digits = try a.decode(Int.self, forKey: .p)
                args.append(.money(Money(minorUnits: m, currency: Currency(code: code, minorDigits: digits))))
            } else if let b = try a.decodeIfPresent(Int64.self, forKey: .b) {
                args.append(.percent(b))
            } else if let d = try a.decodeIfPresent(Int64.self, forKey: .d) {
                args.append(.date(Date(timeIntervalSince1970: Double(d) / 1000)))
            } else if let t = try a.decodeIfPresent(NoticeText.self, forKey: .t) {
                args.append(.notice(t))
            } else {
                args.append(.lines(try a.decode([NoticeText].self, forKey: .l)))
            }
        }
        self.args = args
    }

    /// Writes the stored form (the same as ``json``).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(id, forKey: .id)
        if let plural {
            try c.encode(plural.id, forKey: .pl)
            try c.encode(plural.n, forKey: .pn)
        }
        try c.encodeIfPresent(context, forKey: .x)
        var list = c.nestedUnkeyedContainer(forKey: .a)
        for arg in args {
            var a = list.nestedContainer(keyedBy: ArgKeys.self)
            switch arg {
            case .text(let s): try a.encode(s, forKey: .s)
            case .number(let n): try a.encode(n, forKey: .n)
            case .money(let m):
                try a.encode(m.minorUnits, forKey: .m)
                try a.encode(m.currency.code, forKey: .c)
                try a.encode(m.currency.minorDigits, forKey: .p)
            case .percent(let b): try a.encode(b, forKey: .b)
            case .date(let d): try a.encode(Int64((d.timeIntervalSince1970 * 1000).rounded()), forKey: .d)
            case .notice(let t): try a.encode(t, forKey: .t)
            case .lines(let ts): try a.encode(ts, forKey: .l)
            }
        }
    }

    /// The stored form, written by hand: notices are made in the hot transactions of orders and
    /// votes, where a `JSONEncoder` per notice would cost more than the rest of the notice.
    /// `{"id":"…","a":[{"s":"…"},{"n":3},{"m":1250,"c":"EUR","p":2},{"d":ms},{"t":{…}},{"l":[…]}]}`.
    public var json: String {
        var out = ""
        write(into: &out)
        return out
    }

    private func write(into out: inout String) {
        out += "{\"id\":"
        Self.quote(id, into: &out)
        if let plural {
            out += ",\"pl\":"
            Self.quote(plural.id, into: &out)
            out += ",\"pn\":\(plural.n)"
        }
        if let context {
            out += ",\"x\":"
            Self.quote(context, into: &out)
        }
        out += ",\"a\":["
        for (i, arg) in args.enumerated() {
            if i > 0 { out += "," }
            switch arg {
            case .text(let s):
                out += "{\"s\":"
                Self.quote(s, into: &out)
                out += "}"
            case .number(let n): out += "{\"n\":\(n)}"
            case .money(let m):
                out += "{\"m\":\(m.minorUnits),\"c\":"
                Self.quote(m.currency.code, into: &out)
                out += ",\"p\":\(m.currency.minorDigits)}"
            case .percent(let b): out += "{\"b\":\(b)}"
            case .date(let d): out += "{\"d\":\(Int64((d.timeIntervalSince1970 * 1000).rounded()))}"
            case .notice(let t):
                out += "{\"t\":"
                t.write(into: &out)
                out += "}"
            case .lines(let ts):
                out += "{\"l\":["
                for (j, t) in ts.enumerated() {
                    if j > 0 { out += "," }
                    t.write(into: &out)
                }
                out += "]}"
            }
        }
        out += "]}"
    }

    static func quote(_ s: String, into out: inout String) {
        out += "\""
        // Most texts need no escape: they are appended whole, not one scalar at a time (a period's
        // dividend notices write 100,000 of these in one transaction).
        if !s.utf8.contains(where: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 < 0x20 }) {
            out += s
            out += "\""
            return
        }
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    /// A stored form back; nil when it cannot be read (the stored English is shown instead).
    public init?(json: String) {
        guard let value = try? JSONDecoder().decode(NoticeText.self, from: Data(json.utf8)) else { return nil }
        self = value
    }
}

/// A notification's subject and body, kept together in one stored column.
public struct NoticeMessage: Sendable, Equatable, Codable {
    /// The one line (the mail's subject).
    public let subject: NoticeText
    /// The few lines saying what happened and what to do.
    public let body: NoticeText

    /// A subject and a body.
    public init(subject: NoticeText, body: NoticeText) {
        self.subject = subject
        self.body = body
    }

    /// The stored form: `{"s":{…},"b":{…}}`.
    public var json: String { "{\"s\":" + subject.json + ",\"b\":" + body.json + "}" }

    private enum Keys: String, CodingKey {
        case s, b
    }

    /// Reads the stored form.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        subject = try c.decode(NoticeText.self, forKey: .s)
        body = try c.decode(NoticeText.self, forKey: .b)
    }

    /// Writes the stored form.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(subject, forKey: .s)
        try c.encode(body, forKey: .b)
    }

    /// A stored form back; nil when it cannot be read.
    public init?(json: String) {
        guard let value = try? JSONDecoder().decode(NoticeMessage.self, from: Data(json.utf8)) else { return nil }
        self = value
    }
}

extension NoticeMessage {
    /// What is left of a notification that copied the words of a person since erased.
    public static let erased = NoticeMessage(subject: NoticeText("A notification whose text was erased"), body: NoticeText("[erased]"))
}
