/// One entry of a gettext PO file.
public struct POEntry: Sendable, Equatable {
    /// The `msgctxt`, when the same English text needs two translations.
    public var context: String?
    /// The source text.
    public var id: String
    /// The source's plural, for countable phrases.
    public var idPlural: String?
    /// The translations: one, or one per plural form.
    public var strings: [String]
    /// The `#,` flags: `fuzzy`, `c-format`...
    public var flags: Set<String>
    /// The line the entry starts on.
    public var line: Int

    /// The key the catalog looks the entry up by: the context and the text, joined as gettext does.
    public var key: String { POEntry.key(context, id) }

    /// The lookup key for a text in a context.
    public static func key(_ context: String?, _ id: String) -> String {
        guard let context else { return id }
        return context + "\u{4}" + id
    }
}

/// A PO file that cannot be read, with the line where reading stopped.
public struct POError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The line, from 1.
    public let line: Int
    /// What is wrong there.
    public let reason: String

    /// `line 12: msgstr without msgid`.
    public var description: String { "line \(line): \(reason)" }
}

/// A parsed PO (or POT) file: its header fields and its entries, the header excluded.
public struct POFile: Sendable {
    /// The header's fields (`Language`, `Plural-Forms`, `Content-Type`...).
    public let headers: [String: String]
    /// The entries, in file order.
    public let entries: [POEntry]

    /// Reads a PO file. Obsolete entries (`#~`) are skipped; anything else out of place is refused
    /// with its line number: a keyword out of order, an unterminated string, an unknown escape,
    /// a repeated entry, a `msgstr[n]` out of sequence.
    public init(parsing text: String) throws(POError) {
        var entries: [POEntry] = []
        var headers: [String: String] = [:]
        var current: POEntry?
        var flags: Set<String> = []
        var field: String?  // the keyword the next continuation string belongs to
        var seen: Set<String> = []
        var lineNumber = 0

        func finish() throws(POError) {
            guard let e = current else { return }
            guard !e.strings.isEmpty else { throw POError(line: e.line, reason: "msgid without msgstr") }
            if e.idPlural != nil && e.strings.count < 2 {
                throw POError(line: e.line, reason: "msgid_plural needs msgstr[0] and msgstr[1]")
            }
            if e.idPlural == nil && e.strings.count != 1 { throw POError(line: e.line, reason: "msgstr[n] without msgid_plural") }
            guard seen.insert(e.key).inserted else { throw POError(line: e.line, reason: "duplicate entry \"\(e.id)\"") }
            if e.id.isEmpty && e.context == nil {
                for line in e.strings[0].split(separator: "\n") {
                    guard let colon = line.firstIndex(of: ":") else { continue }
                    headers[String(line[..<colon]).trimmed] = String(line[line.index(after: colon)...]).trimmed
                }
            } else {
                entries.append(e)
            }
            current = nil
            field = nil
        }

        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = raw.trimmed
            if line.isEmpty { continue }
            if line.hasPrefix("#") {
                if line.hasPrefix("#,") {
                    if current != nil && field != nil { try finish() }
                    for f in line.dropFirst(2).split(separator: ",") { flags.insert(f.trimmed) }
                }
                continue  // translator and extracted comments, references, obsolete entries
            }
            if line.hasPrefix("\"") {
                guard let f = field, current != nil else { throw POError(line: lineNumber, reason: "a string outside an entry") }
                let s = try Self.string(line, line: lineNumber)
                switch f {
                case "msgctxt": current!.context! += s
                case "msgid": current!.id += s
                case "msgid_plural": current!.idPlural! += s
                default: current!.strings[current!.strings.count - 1] += s
                }
                continue
            }
            guard let space = line.firstIndex(of: " ") else { throw POError(line: lineNumber, reason: "expected a keyword and a string") }
            let keyword = String(line[..<space])
            let value = try Self.string(line[line.index(after: space)...].trimmed, line: lineNumber)
            switch keyword {
            case "msgctxt":
                try finish()
                current = POEntry(context: value, id: "", idPlural: nil, strings: [], flags: flags, line: lineNumber)
                flags = []
            case "msgid":
                if current != nil && field != "msgctxt" { try finish() }
                if current == nil {
                    current = POEntry(context: nil, id: value, idPlural: nil, strings: [], flags: flags, line: lineNumber)
                    flags = []
                } else {
                    current!.id = value
                }
            case "msgid_plural":
                guard field == "msgid" else { throw POError(line: lineNumber, reason: "msgid_plural must follow msgid") }
                current!.idPlural = value
            case "msgstr":
                guard field == "msgid", current != nil else { throw POError(line: lineNumber, reason: "msgstr must follow msgid") }
                guard current!.idPlural == nil else {
                    throw POError(line: lineNumber, reason: "a plural entry needs msgstr[0], msgstr[1]...")
                }
                current!.strings = [value]
            default:
                guard keyword.hasPrefix("msgstr["), keyword.hasSuffix("]"), let n = Int(keyword.dropFirst(7).dropLast()) else {
                    throw POError(line: lineNumber, reason: "unknown keyword \(keyword)")
                }
                guard current?.idPlural != nil else { throw POError(line: lineNumber, reason: "msgstr[n] without msgid_plural") }
                guard n == current!.strings.count, n < 6 else {
                    throw POError(line: lineNumber, reason: "expected msgstr[\(current!.strings.count)], found \(keyword)")
                }
                current!.strings.append(value)
            }
            field = keyword.hasPrefix("msgstr") ? "msgstr" : keyword
        }
        try finish()
        self.headers = headers
        self.entries = entries
    }

    /// A quoted PO string with C escapes, unquoted.
    static func string(_ text: some StringProtocol, line: Int) throws(POError) -> String {
        guard text.count >= 2, text.first == "\"", text.last == "\"" else {
            throw POError(line: line, reason: "expected a string in double quotes")
        }
        var out = ""
        var escaped = false
        for c in text.dropFirst().dropLast() {
            if escaped {
                switch c {
                case "n": out.append("\n")
                case "t": out.append("\t")
                case "r": out.append("\r")
                case "\"": out.append("\"")
                case "\\": out.append("\\")
                default: throw POError(line: line, reason: "unknown escape \\\(c)")
                }
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else if c == "\"" {
                throw POError(line: line, reason: "a double quote inside a string must be written \\\"")
            } else {
                out.append(c)
            }
        }
        guard !escaped else { throw POError(line: line, reason: "the string ends in a lone backslash") }
        return out
    }
}

extension StringProtocol {
    fileprivate var trimmed: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
