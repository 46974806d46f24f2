/// The placeholders of translatable text: `%s` (text) and `%d` (a number, already formatted by the
/// language's rules), in order, or numbered (`%1$s`, `%2$d`) when a translation reorders them; `%%`
/// is a percent sign. They are C format directives, so `msgfmt -c` checks them too.
public enum Placeholders {
    /// The directives of a text, in order, each as its position and kind: `[(1, "s"), (2, "d")]`.
    /// Returns nil when a `%` is followed by anything else.
    public static func directives(_ text: String) -> [(position: Int, kind: Character)]? {
        var out: [(Int, Character)] = []
        var chars = Substring(text)
        var next = 1
        while let percent = chars.firstIndex(of: "%") {
            chars = chars[chars.index(after: percent)...]
            guard let c = chars.first else { return nil }
            if c == "%" {
                chars = chars.dropFirst()
                continue
            }
            var position = next
            if c.isASCII, c.isNumber {
                let digits = chars.prefix(while: { $0.isASCII && $0.isNumber })
                chars = chars.dropFirst(digits.count)
                guard chars.first == "$", let p = Int(digits), (1...9).contains(p) else { return nil }
                chars = chars.dropFirst()
                position = p
            }
            guard let kind = chars.first, kind == "s" || kind == "d" else { return nil }
            chars = chars.dropFirst()
            out.append((position, kind))
            next += 1
        }
        return out
    }

    /// What differs between an entry's source and its translations, or nil when every translation
    /// has the source's placeholders (any order, if numbered). A plural form may leave out the
    /// count's `%d` (French "une proposition"), never another placeholder.
    public static func mismatch(entry e: POEntry) -> String? {
        guard let source = directives(e.id) else { return "the source has a malformed %" }
        let wanted = Set(source.map { "\($0.position)\($0.kind)" })
        for (i, s) in e.strings.enumerated() where !s.isEmpty {
            guard let got = directives(s) else { return "msgstr has a malformed % (write %% for a percent sign)" }
            let have = Set(got.map { "\($0.position)\($0.kind)" })
            let missing = wanted.subtracting(have)
            let singularMayDropCount = e.idPlural != nil && i == 0 && missing == ["1d"] && source.count == 1
            if !have.isSubset(of: wanted) || (!missing.isEmpty && !singularMayDropCount) {
                return
                    "the translation's placeholders \(got.map { "%\($0.kind)" }) differ from the source's \(source.map { "%\($0.kind)" })"
            }
        }
        return nil
    }

    /// The text with its placeholders replaced by `arguments` (already escaped or formatted as the
    /// caller needs); a missing argument leaves the placeholder empty, never crashes.
    public static func fill(_ text: String, _ arguments: [String]) -> String {
        // Every page fills hundreds of texts, most without a placeholder: scan the bytes (a `%` is
        // one byte in UTF-8 and never part of another character), not Foundation's string search.
        let percent = UInt8(ascii: "%")
        guard text.utf8.contains(percent) else { return text }
        let b = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(b.count + arguments.reduce(0) { $0 + $1.utf8.count })
        var i = 0
        var next = 0
        while i < b.count {
            guard let p = b[i...].firstIndex(of: percent) else {
                out.append(contentsOf: b[i...])
                break
            }
            out.append(contentsOf: b[i..<p])
            var j = p + 1
            guard j < b.count else {
                out.append(percent)
                break
            }
            if b[j] == percent {
                out.append(percent)
                i = j + 1
                continue
            }
            var index = next
            let digits = b[j...].prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
            if !digits.isEmpty, digits.endIndex < b.count, b[digits.endIndex] == UInt8(ascii: "$"),
                let n = Int(String(decoding: digits, as: UTF8.self))
            {
                index = n - 1
                j = digits.endIndex + 1
            }
            if j < b.count, b[j] == UInt8(ascii: "s") || b[j] == UInt8(ascii: "d") {
                if index >= 0 && index < arguments.count { out.append(contentsOf: arguments[index].utf8) }
                next += 1
                j += 1
            } else {
                out.append(percent)
            }
            i = j
        }
        return String(decoding: out, as: UTF8.self)
    }
}
