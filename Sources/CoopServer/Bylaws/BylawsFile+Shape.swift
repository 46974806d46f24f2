import CoopCore
import CoopStore

extension BylawsFile {
    /// The largest bylaws text accepted, in bytes of UTF-8: a real co-op's bylaws are a few KiB.
    static let maxBytes = 65_536
    /// How deep flow collections (`[`, `{`) may nest.
    static let maxFlowDepth = 32
    /// How deep block structure may go, counted in columns of indentation plus two for each
    /// compact sequence entry (`- - -`) on a line.
    static let maxBlockDepth = 128

    /// Refuses text whose size or nesting could exhaust the YAML parser (it recurses once a level)
    /// or whose anchors and aliases could multiply one node into billions. Checked before any
    /// YAML is parsed, by a single pass that never recurses.
    static func checkShape(_ text: String) throws(BylawsError) {
        func refuse(_ reason: Words) -> BylawsError { BylawsError(issues: [BylawsIssue(field: "file", words: reason)]) }
        let bytes = Array(text.utf8)
        guard bytes.count <= maxBytes else {
            throw refuse(Words("is %1$s bytes long; bylaws may be at most %2$s bytes", .text("\(bytes.count)"), .text("\(maxBytes)")))
        }
        var flow = 0
        var line = 1
        var quote: UInt8? = nil
        var atLineStart = true
        var column = 0
        var lastSignificant: UInt8 = UInt8(ascii: "\n")
        var i = 0
        while i < bytes.count {
            let c = bytes[i]
            defer { i += 1 }
            if c == UInt8(ascii: "\n") {
                line += 1
                atLineStart = true
                column = 0
                if quote == UInt8(ascii: "'") || quote == UInt8(ascii: "\"") {
                    // Quoted scalars may span lines; keep the quote open.
                } else {
                    quote = nil
                }
                lastSignificant = c
                continue
            }
            if let q = quote {
                if c == UInt8(ascii: "\\") && q == UInt8(ascii: "\"") {
                    i += 1
                } else if c == q {
                    if q == UInt8(ascii: "'") && i + 1 < bytes.count && bytes[i + 1] == q { i += 1 } else { quote = nil }
                }
                continue
            }
            if atLineStart {
                if c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") {
                    column += 1
                    continue
                }
                if c == UInt8(ascii: "-") || c == UInt8(ascii: "?"),
                    i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: " ")
                {
                    column += 2
                    i += 1
                    continue
                }
                atLineStart = false
                guard column <= maxBlockDepth else {
                    throw refuse(
                        Words(
                            "line %1$s is nested %2$s levels deep; bylaws may nest at most %3$s", .text("\(line)"), .text("\(column)"),
                            .text("\(maxBlockDepth)")))
                }
            }
            switch c {
            case UInt8(ascii: "#")
            where lastSignificant == UInt8(ascii: " ") || lastSignificant == UInt8(ascii: "\n")
                || lastSignificant == UInt8(ascii: "\t"):
                // A comment runs to the end of the line.
                while i + 1 < bytes.count && bytes[i + 1] != UInt8(ascii: "\n") { i += 1 }
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                if isNodeStart(lastSignificant) { quote = c }
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                flow += 1
                guard flow <= maxFlowDepth else {
                    throw refuse(Words("line %1$s nests brackets more than %2$s deep", .text("\(line)"), .text("\(maxFlowDepth)")))
                }
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                flow = max(flow - 1, 0)
            case UInt8(ascii: "&"), UInt8(ascii: "*"):
                if isNodeStart(lastSignificant), i + 1 < bytes.count, !isSpace(bytes[i + 1]) {
                    throw refuse(Words("line %s uses a YAML anchor or alias (& or *), which bylaws may not use", .text("\(line)")))
                }
            default: break
            }
            lastSignificant = isSpace(c) ? UInt8(ascii: " ") : c
        }
    }

    private static func isSpace(_ c: UInt8) -> Bool { c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") || c == UInt8(ascii: "\r") }

    /// Whether a node may start after this character: at the start of a line, or after an
    /// indicator that opens a value (`-`, `?`, `:`, `,`, `[`, `{`) and a space.
    private static func isNodeStart(_ previous: UInt8) -> Bool {
        switch previous {
        case UInt8(ascii: "\n"), UInt8(ascii: " "), UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: ","): true
        default: false
        }
    }
}
