import Foundation

/// Gives each cell of a page's tables its column's heading as `data-label`, so that on a phone,
/// where the stylesheet shows each row as a card of "heading: value" lines, every value keeps its
/// name. Applied once to a page's rendered content; views write plain tables.
///
/// It reads the markup Plot writes (`<table…><thead><tr><th>A</th>…</tr></thead><tbody><tr><td>…`):
/// the `<th>` texts of a table's head, then each `<td` of its body rows in order. Text is escaped
/// by then, so `<td` in a cell's text cannot be mistaken for a cell. A table that labels its own
/// cells, or has no head, is left as it is.
enum TableLabels {
    static func apply(_ html: String) -> String {
        // Every page pays for this check, the search page among them: a plain loop over the bytes.
        // (Foundation's `contains` and the generic `firstRange(of:)` each cost the search page
        // most of its throughput.)
        guard mayHaveTable(html) else { return html }
        var out = ""
        out.reserveCapacity(html.utf8.count + html.utf8.count / 8)
        var rest = Substring(html)
        while let start = rest.firstRange(of: "<table") {
            out += rest[..<start.lowerBound]
            guard let end = rest[start.upperBound...].firstRange(of: "</table>") else { break }
            out += label(rest[start.lowerBound..<end.upperBound])
            rest = rest[end.upperBound...]
        }
        out += rest
        return out
    }

    /// Whether `<table` occurs in the text, by a loop over its UTF-8 bytes.
    static func mayHaveTable(_ html: String) -> Bool {
        var text = html
        return text.withUTF8 { bytes in
            let pattern: [UInt8] = Array("<table".utf8)
            guard bytes.count >= pattern.count else { return false }
            var i = 0
            let last = bytes.count - pattern.count
            while i <= last {
                if bytes[i] == 0x3C {  // "<"
                    var j = 1
                    while j < pattern.count && bytes[i + j] == pattern[j] { j += 1 }
                    if j == pattern.count { return true }
                }
                i += 1
            }
            return false
        }
    }

    /// One table, labelled.
    static func label(_ table: Substring) -> String {
        guard table.firstRange(of: "data-label=") == nil, let headEnd = table.firstRange(of: "</thead>") else { return String(table) }
        let headings = headings(table[..<headEnd.lowerBound])
        guard !headings.isEmpty else { return String(table) }
        var out = String(table[..<headEnd.upperBound])
        var column = 0
        var rest = table[headEnd.upperBound...]
        while let next = rest.firstRange(of: "<t") {
            out += rest[..<next.lowerBound]
            let tail = rest[next.lowerBound...]
            if tail.hasPrefix("<tr") {
                column = 0
                out += "<tr"
                rest = tail.dropFirst(3)
            } else if tail.hasPrefix("<td") {
                out += "<td"
                if column < headings.count, !headings[column].isEmpty {
                    out += " data-label=\"\(headings[column])\""
                }
                column += 1
                rest = tail.dropFirst(3)
            } else {
                out += "<t"
                rest = tail.dropFirst(2)
            }
        }
        out += rest
        return out
    }

    /// The text of each `<th>` in a table's head, tags removed, still escaped (fit for an attribute).
    static func headings(_ head: Substring) -> [String] {
        var result: [String] = []
        var rest = head
        while let open = rest.firstRange(of: "<th") {
            // `<thead` starts with `<th` too.
            guard open.upperBound < rest.endIndex, rest[open.upperBound] == ">" || rest[open.upperBound] == " " else {
                rest = rest[open.upperBound...]
                continue
            }
            guard let close = rest[open.upperBound...].firstIndex(of: ">").map({ $0..<rest.index(after: $0) }),
                let end = rest[close.upperBound...].firstRange(of: "</th>")
            else { break }
            var text = ""
            var inTag = false
            for ch in rest[close.upperBound..<end.lowerBound] {
                if ch == "<" {
                    inTag = true
                } else if ch == ">" {
                    inTag = false
                } else if !inTag {
                    text.append(ch == "\"" ? "'" : ch)
                }
            }
            result.append(text.trimmingCharacters(in: .whitespaces))
            rest = rest[end.upperBound...]
        }
        return result
    }
}
