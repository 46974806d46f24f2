extension BallotFile {
    /// BLT: `CANDIDATES SEATS`, optional withdrawn candidates (negative numbers), ballots
    /// `WEIGHT PREF PREF ... 0`, a `0` line, the candidates' names in quotes, then a title.
    /// Withdrawn candidates are skipped on every ballot.
    static func parseBLT(_ lines: Lines) throws(TallyError) -> BallotSet {
        let iterator = lines.makeIterator()
        func next() -> (Int, String)? {
            while let (n, line) = iterator.next() {
                let t = line.trimmingSpaces
                if !t.isEmpty && !t.hasPrefix("#") { return (n, t) }
            }
            return nil
        }
        guard let (headerLine, header) = next() else { throw .malformed(line: 1, reason: Words("the file is empty")) }
        let head = header.split(separator: " ").compactMap { Int($0) }
        guard head.count == 2, head[0] > 0, head[1] > 0 else {
            throw .malformed(line: headerLine, reason: Words("the first line must be 'CANDIDATES SEATS'"))
        }
        let n = head[0]
        guard n <= TallyLimits.maxCandidates else {
            throw .malformed(line: headerLine, reason: TallyError.tooMany(n, limit: TallyLimits.maxCandidates))
        }
        var withdrawn = Set<Int>()
        var raw: [(weight: Int64, ranking: [Int])] = []
        var pending = next()
        if let (l, line) = pending, line.hasPrefix("-") {
            for part in line.split(separator: " ") {
                guard let v = Int(part), v < 0, v >= -n else {
                    throw .malformed(line: l, reason: Words("bad withdrawn candidate '%s'", .text(String(part))))
                }
                withdrawn.insert(-v - 1)
            }
            pending = next()
        }
        while let (l, line) = pending, line != "0" {
            var parts = line.split(separator: " ").map(String.init)
            if parts.first?.hasPrefix("(") == true { parts.removeFirst() }
            guard parts.count >= 2, let w = Int64(parts[0]), w > 0, parts.last == "0" else {
                throw .malformed(line: l, reason: Words("a ballot line is 'WEIGHT PREF ... 0'"))
            }
            var ranking: [Int] = []
            var seen = Set<Int>()
            for part in parts.dropFirst().dropLast() {
                guard let c = Int(part), c >= 1, c <= n else {
                    throw .malformed(
                        line: l, reason: Words("'%1$s' is not a candidate number 1..%2$s", .text(String(part)), .text(String(n))))
                }
                guard seen.insert(c - 1).inserted else {
                    throw .malformed(line: l, reason: Words("candidate %s appears twice", .text(String(c))))
                }
                if !withdrawn.contains(c - 1) { ranking.append(c - 1) }
            }
            raw.append((w, ranking))
            pending = next()
        }
        guard pending != nil else { throw .malformed(line: 0, reason: Words("missing the 0 line that ends the ballots")) }
        var names: [String] = []
        for _ in 0..<n {
            guard let (l, line) = next() else { throw .malformed(line: 0, reason: Words("missing candidate names")) }
            guard line.hasPrefix("\""), line.hasSuffix("\""), line.count >= 2 else {
                throw .malformed(line: l, reason: Words("a candidate name must be in double quotes"))
            }
            names.append(String(line.dropFirst().dropLast()))
        }
        guard Set(names).count == names.count else { throw .malformed(line: 0, reason: Words("two candidates have the same name")) }
        var set = BallotSet(candidates: names)
        for ballot in raw { set.append(ballot.ranking, weight: ballot.weight) }
        return set
    }

    /// PrefLib strict orders (SOC complete, SOI incomplete): `# ALTERNATIVE NAME i: Name` headers
    /// and `COUNT: a,b,c` lines (the 2022 format), or the older numeric header format.
    static func parsePrefLib(_ lines: Lines) throws(TallyError) -> BallotSet {
        var names: [Int: String] = [:]
        var declared: Int?
        var rows: [(line: Int, weight: Int64, ranking: [Int])] = []
        var oldHeader: [Int] = []
        var oldNamesLeft = 0
        for (l, rawLine) in lines {
            let line = rawLine.trimmingSpaces
            if line.isEmpty { continue }
            if line.hasPrefix("#") {
                let body = line.dropFirst().trimmingSpaces
                if body.hasPrefix("NUMBER ALTERNATIVES:") {
                    declared = Int(body.dropFirst("NUMBER ALTERNATIVES:".count).trimmingSpaces)
                } else if body.hasPrefix("ALTERNATIVE NAME ") {
                    let rest = body.dropFirst("ALTERNATIVE NAME ".count)
                    guard let colon = rest.firstIndex(of: ":"), let i = Int(rest[..<colon]) else {
                        throw .malformed(line: l, reason: Words("bad ALTERNATIVE NAME header"))
                    }
                    names[i] = String(rest[rest.index(after: colon)...]).trimmingSpaces
                }
                continue
            }
            if line.contains("{") { throw .malformed(line: l, reason: Words("ties ({...}) are not strict orders")) }
            if let colon = line.firstIndex(of: ":") {
                guard let w = Int64(line[..<colon].trimmingSpaces), w > 0 else {
                    throw .malformed(line: l, reason: Words("a line is 'COUNT: a,b,c'"))
                }
                var ranking: [Int] = []
                for part in line[line.index(after: colon)...].split(separator: ",") {
                    guard let c = Int(part.trimmingSpaces) else {
                        throw .malformed(line: l, reason: Words("'%s' is not a number", .text(String(part))))
                    }
                    ranking.append(c)
                }
                rows.append((l, w, ranking))
                continue
            }
            // The older format: N, then N lines "i,name", then "voters,sum,unique", then "count,a,b,...".
            let parts = line.split(separator: ",", maxSplits: oldNamesLeft > 0 ? 1 : Int.max).map { String($0).trimmingSpaces }
            if oldHeader.isEmpty && declared == nil && names.isEmpty, let n = Int(line) {
                declared = n
                oldNamesLeft = n
                oldHeader = [n]
            } else if oldNamesLeft > 0 {
                guard parts.count == 2, let i = Int(parts[0]) else { throw .malformed(line: l, reason: Words("expected 'i,name'")) }
                names[i] = parts[1]
                oldNamesLeft -= 1
            } else if oldHeader.count == 1 {
                oldHeader.append(0)
            } else {
                let numbers = parts.compactMap { Int($0) }
                guard numbers.count == parts.count, numbers.count >= 1, numbers[0] > 0 else {
                    throw .malformed(line: l, reason: Words("a line is 'COUNT,a,b,c'"))
                }
                rows.append((l, Int64(numbers[0]), Array(numbers.dropFirst())))
            }
        }
        let n = declared ?? names.count
        guard n > 0 else { throw .malformed(line: 1, reason: Words("no alternatives are declared")) }
        guard n <= TallyLimits.maxCandidates else {
            throw .malformed(
                line: 1,
                reason: Words(
                    "%1$s alternatives are more than the %2$s a count takes", .text(String(n)), .text(String(TallyLimits.maxCandidates))))
        }
        var list: [String] = []
        for i in 1...n { list.append(names[i] ?? "Alternative \(i)") }
        var set = BallotSet(candidates: list)
        for row in rows {
            var seen = Set<Int>()
            for c in row.ranking {
                guard c >= 1, c <= n else {
                    throw .malformed(
                        line: row.line, reason: Words("%1$s is not an alternative 1..%2$s", .text(String(c)), .text(String(n))))
                }
                guard seen.insert(c).inserted else {
                    throw .malformed(line: row.line, reason: Words("alternative %s appears twice", .text(String(c))))
                }
            }
            set.append(row.ranking.map { $0 - 1 }, weight: row.weight)
        }
        return set
    }
}

extension StringProtocol {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" || c == "\r" { s = s.dropFirst() }
        while let c = s.last, c == " " || c == "\t" || c == "\r" { s = s.dropLast() }
        return String(s)
    }
}
