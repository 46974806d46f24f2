/// Reading ballot files, as `coop tally` does (DESIGN §5): CSV (one ballot a line, names in order
/// of preference; with `weighted`, a count first), BLT, and PrefLib SOI/SOC. A malformed file is
/// refused with its line number and the reason.
public enum BallotFileFormat: String, Sendable, CaseIterable {
    /// `csv`: one ballot a line, names in order of preference; `blt`: the BLT format (candidate numbers, weights, names at
    /// the end); `soi`, `soc`: PrefLib strict orders, incomplete and complete.
    case csv, blt, soi, soc

    /// The format a file name's extension names.
    public init?(path: String) {
        guard let dot = path.lastIndex(of: ".") else { return nil }
        self.init(rawValue: path[path.index(after: dot)...].lowercased())
    }
}

/// The ballot-file parsers: each returns a ``BallotSet`` (or score ballots) or throws ``TallyError/malformed(line:reason:)``
/// with the line that is wrong.
public enum BallotFile {
    /// Parses ranked (or approval) ballots.
    public static func parse(_ bytes: UnsafeRawBufferPointer, format: BallotFileFormat, weighted: Bool = false)
        throws(TallyError) -> BallotSet
    {
        switch format {
        case .csv:
            return try parseCSV(bytes, weighted: weighted)
        case .blt: return try parseBLT(Lines(bytes))
        case .soi, .soc: return try parsePrefLib(Lines(bytes))
        }
    }

    /// Parses ranked ballots from text.
    public static func parse(_ text: String, format: BallotFileFormat, weighted: Bool = false) throws(TallyError) -> BallotSet {
        let bytes = Array(text.utf8)
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(TallyError) in try parse(buffer, format: format, weighted: weighted) }
        }
        return try result.get()
    }

    /// Score ballots from CSV: each field `Name=score`; with `weighted`, a count first.
    public static func parseScores(_ text: String, weighted: Bool) throws(TallyError) -> (candidates: [String], ballots: [ScoreBallot]) {
        var candidates: [String] = []
        var index: [String: Int] = [:]
        var ballots: [ScoreBallot] = []
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        for (i, line) in lines.enumerated() {
            let lineNo = i + 1
            let raw = line.hasSuffix("\r") ? line.dropLast() : line
            if raw.hasPrefix("#") { continue }
            if raw.isEmpty {
                ballots.append(ScoreBallot(scores: [:], weight: 1))
                continue
            }
            var fields = try splitCSV(Substring(raw), line: lineNo)
            var weight: Int64 = 1
            if weighted {
                guard let w = Int64(fields.removeFirst()), w > 0 else {
                    throw .malformed(line: lineNo, reason: Words("the count must be a positive whole number"))
                }
                weight = w
            }
            var scores: [Int: Int64] = [:]
            for field in fields {
                guard let eq = field.lastIndex(of: "="), let s = Int64(field[field.index(after: eq)...]) else {
                    throw .malformed(line: lineNo, reason: Words("'%s' is not Name=score", .text(String(field))))
                }
                let name = String(field[..<eq])
                let c: Int
                if let known = index[name] {
                    c = known
                } else {
                    c = candidates.count
                    index[name] = c
                    candidates.append(name)
                }
                guard scores[c] == nil else { throw .malformed(line: lineNo, reason: Words("'%s' is scored twice", .text(name))) }
                scores[c] = s
            }
            ballots.append(ScoreBallot(scores: scores, weight: weight))
        }
        return (candidates, ballots)
    }

    /// The fields of one CSV record (RFC 4180 quoting), such as a list of candidate names.
    public static func csvFields(_ text: String) throws(TallyError) -> [String] { try splitCSV(Substring(text), line: 1) }

    /// Splits one CSV record (RFC 4180 quoting).
    static func splitCSV(_ line: Substring, line lineNo: Int) throws(TallyError) -> [String] {
        var fields: [String] = []
        var field = ""
        var quoted = false
        var wasQuoted = false
        func finish() {
            fields.append(wasQuoted ? String(decoding: CSVCell.unescape(quoted: Array(field.utf8)), as: UTF8.self) : field)
            field = ""
            wasQuoted = false
        }
        var i = line.startIndex
        var atFieldStart = true
        while i < line.endIndex {
            let ch = line[i]
            if quoted {
                if ch == "\"" {
                    let next = line.index(after: i)
                    if next < line.endIndex && line[next] == "\"" {
                        field.append("\"")
                        i = next
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(ch)
                }
            } else if ch == "\"" && atFieldStart {
                quoted = true
                wasQuoted = true
            } else if ch == "\"" {
                throw .malformed(line: lineNo, reason: Words("a quote inside an unquoted field"))
            } else if ch == "," {
                finish()
                atFieldStart = true
                i = line.index(after: i)
                continue
            } else {
                field.append(ch)
            }
            atFieldStart = false
            i = line.index(after: i)
        }
        guard !quoted else { throw .malformed(line: lineNo, reason: Words("an unclosed quote")) }
        finish()
        return fields
    }
}

/// Lines of a byte buffer as strings, with 1-based numbers.
struct Lines: Sequence {
    let bytes: UnsafeRawBufferPointer
    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    func makeIterator() -> AnyIterator<(Int, String)> {
        var start = 0
        var number = 0
        return AnyIterator {
            guard start < bytes.count else { return nil }
            var end = start
            while end < bytes.count && bytes[end] != 0x0A { end += 1 }
            var stop = end
            if stop > start && bytes[stop - 1] == 0x0D { stop -= 1 }
            let line = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<stop]), as: UTF8.self)
            start = end + 1
            number += 1
            return (number, line)
        }
    }
}
