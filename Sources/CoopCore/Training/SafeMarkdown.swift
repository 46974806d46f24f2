import Foundation

/// A small, safe Markdown subset for learning modules, rendered to HTML: paragraphs, headings,
/// flat lists, emphasis, code and links to `http`, `https` and `mailto` only. Everything else,
/// raw HTML included, is escaped and shown as text, so a module's author cannot run script in a
/// reader's page. General Markdown renderers (Ink and most others) pass raw HTML through by
/// design, which is why modules do not use one.
public enum SafeMarkdown {
    /// The longest text rendered, in characters; longer text is cut (``LearningModule`` refuses it
    /// before it is stored).
    public static let maxLength = 20_000
    /// How far an inline marker looks for its closing pair, in characters: keeps a line of
    /// unclosed markers linear, not quadratic.
    static let lookahead = 400

    /// The HTML of `text`: every character the author typed is either one of the subset's
    /// markers or escaped.
    public static func html(_ text: String) -> String {
        let lines = String(text.prefix(maxLength)).replacingOccurrences(of: "\r\n", with: "\n").split(
            separator: "\n", omittingEmptySubsequences: false)
        var out = ""
        var paragraph: [Substring] = []
        var list: String? = nil  // "ul" or "ol" while a list is open
        var code: [Substring]? = nil  // lines of an open fenced block

        func flushParagraph() {
            guard !paragraph.isEmpty else { return }
            out += "<p>" + inline(paragraph.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")) + "</p>"
            paragraph = []
        }
        func closeList() {
            if let l = list { out += "</\(l)>" }
            list = nil
        }
        for line in lines {
            if var block = code {
                if line.trimmingCharacters(in: .whitespaces).hasPrefix("```") {
                    out += "<pre><code>" + escape(block.joined(separator: "\n")) + "</code></pre>"
                    code = nil
                } else {
                    block.append(line)
                    code = block
                }
                continue
            }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty {
                flushParagraph()
                closeList()
            } else if trimmed.hasPrefix("```") {
                flushParagraph()
                closeList()
                code = []
            } else if let (level, rest) = heading(trimmed) {
                flushParagraph()
                closeList()
                out += "<h\(level)>" + inline(rest) + "</h\(level)>"
            } else if let (kind, rest) = listItem(trimmed) {
                flushParagraph()
                if list != kind {
                    closeList()
                    out += "<\(kind)>"
                    list = kind
                }
                // Nested lists are shown flat: indentation is ignored, so no input nests deeply.
                out += "<li>" + inline(rest) + "</li>"
            } else {
                closeList()
                paragraph.append(Substring(trimmed))
            }
        }
        if let block = code { out += "<pre><code>" + escape(block.joined(separator: "\n")) + "</code></pre>" }
        flushParagraph()
        closeList()
        return out
    }

    /// `# Title` as level 2 (the page's own title is level 1), `##` as 3, `###` and deeper as 4.
    static func heading(_ line: String) -> (Int, String)? {
        let hashes = line.prefix { $0 == "#" }.count
        guard hashes > 0, hashes <= 6, line.dropFirst(hashes).first == " " else { return nil }
        return (min(hashes + 1, 4), line.dropFirst(hashes + 1).trimmingCharacters(in: .whitespaces))
    }

    /// `- item`, `* item` (unordered) or `1. item` (ordered).
    static func listItem(_ line: String) -> (String, String)? {
        if line.hasPrefix("- ") || line.hasPrefix("* ") || line.hasPrefix("+ ") { return ("ul", String(line.dropFirst(2))) }
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, digits.count <= 9, line.dropFirst(digits.count).hasPrefix(". ") {
            return ("ol", String(line.dropFirst(digits.count + 2)))
        }
        return nil
    }

    /// Inline markup: `code`, **strong**, *emphasis* or _emphasis_, [label](url).
    static func inline(_ text: String, links: Bool = true, depth: Int = 0) -> String {
        let chars = Array(text)
        var out = ""
        var i = 0
        func close(_ marker: [Character], from start: Int) -> Int? {
            var j = start
            let end = min(chars.count - marker.count, start + lookahead)
            while j <= end {
                if chars[j] == marker[0] && Array(chars[j..<j + marker.count]) == marker { return j }
                j += 1
            }
            return nil
        }
        // The `)` that closes a link's target, counting the parentheses inside it.
        func target(from start: Int) -> Int? {
            var open = 0
            var j = start
            while j < min(chars.count, start + lookahead) {
                if chars[j] == "(" { open += 1 }
                if chars[j] == ")" {
                    if open == 0 { return j }
                    open -= 1
                }
                j += 1
            }
            return nil
        }
        while i < chars.count {
            let c = chars[i]
            if c == "`", let j = close(["`"], from: i + 1), j > i + 1 {
                out += "<code>" + escape(String(chars[i + 1..<j])) + "</code>"
                i = j + 1
            } else if depth < 3, c == "*", i + 1 < chars.count, chars[i + 1] == "*", let j = close(["*", "*"], from: i + 2), j > i + 2 {
                out += "<strong>" + inline(String(chars[i + 2..<j]), links: links, depth: depth + 1) + "</strong>"
                i = j + 2
            } else if depth < 3, c == "*" || c == "_", let j = close([c], from: i + 1), j > i + 1, chars[i + 1] != " " {
                out += "<em>" + inline(String(chars[i + 1..<j]), links: links, depth: depth + 1) + "</em>"
                i = j + 1
            } else if links, depth < 3, c == "[", let mid = close(["]", "("], from: i + 1), let end = target(from: mid + 2) {
                let label = inline(String(chars[i + 1..<mid]), links: false, depth: depth + 1)
                let url = String(chars[mid + 2..<end]).trimmingCharacters(in: .whitespaces)
                if let safe = safeURL(url) {
                    out += "<a href=\"" + escape(safe) + "\" rel=\"nofollow noopener\">" + label + "</a>"
                } else {
                    out += label  // an unsafe link keeps its words and loses its target
                }
                i = end + 1
            } else {
                out += escape(String(c))
                i += 1
            }
        }
        return out
    }

    /// The link target if it is an `http`, `https` or `mailto` address with nothing that could
    /// break out of the attribute; nil otherwise (`javascript:`, `data:`, relative paths...).
    public static func safeURL(_ url: String) -> String? {
        let lower = url.lowercased()
        guard ["http://", "https://", "mailto:"].contains(where: { lower.hasPrefix($0) }), url.count <= 2_000 else { return nil }
        guard !url.contains(where: { $0.isWhitespace || $0.isNewline || "\"'<>`\\".contains($0) || $0.asciiValue.map { $0 < 32 } == true })
        else { return nil }
        return url
    }

    /// Text with `& < > " '` escaped, safe in an element or a quoted attribute.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }
}
