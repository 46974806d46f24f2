/// The fast path of `coop tally`: CSV ballots read straight from bytes. Names are looked up in an
/// open-addressing table keyed by a hash of their bytes, so a million ballots of ten names parse
/// without making a String per field. Quoted fields take a slower, exact path.
struct CSVBallotReader {
    let bytes: UnsafeRawBufferPointer
    let weighted: Bool

    private var names: [String] = []
    private var nameBytes: [[UInt8]] = []
    private var table: [Int32]
    private var mask: Int

    init(bytes: UnsafeRawBufferPointer, weighted: Bool) {
        self.bytes = bytes
        self.weighted = weighted
        table = [Int32](repeating: -1, count: 1024)
        mask = 1023
    }

    mutating func read() throws(TallyError) -> BallotSet {
        var rows: [UInt16] = []
        var starts: [Int] = [0]
        var weights: [Int64] = []
        var seen = [Int32](repeating: -1, count: 0)
        var line = 0
        var p = 0
        let end = bytes.count
        var fieldBuffer: [UInt8] = []
        while p < end {
            line += 1
            var lineEnd = p
            while lineEnd < end && bytes[lineEnd] != 0x0A { lineEnd += 1 }
            var stop = lineEnd
            if stop > p && bytes[stop - 1] == 0x0D { stop -= 1 }
            defer { p = lineEnd + 1 }
            if stop > p && bytes[p] == UInt8(ascii: "#") { continue }
            if stop == p {
                starts.append(rows.count)
                weights.append(1)
                continue
            }
            var q = p
            var weight: Int64 = 1
            if weighted {
                var w: Int64 = 0
                var digits = 0
                while q < stop && bytes[q] >= 0x30 && bytes[q] <= 0x39 {
                    let (m, o1) = w.multipliedReportingOverflow(by: 10)
                    let (a, o2) = m.addingReportingOverflow(Int64(bytes[q] - 0x30))
                    guard !o1 && !o2 else { throw .malformed(line: line, reason: "the count is too large") }
                    w = a
                    q += 1
                    digits += 1
                }
                guard digits > 0, w > 0, q == stop || bytes[q] == UInt8(ascii: ",") else {
                    throw .malformed(line: line, reason: "a weighted line starts with a positive whole count")
                }
                weight = w
                if q < stop { q += 1 }
            }
            while q < stop {
                // One field: [q, fieldEnd).
                var fieldStart = q
                var fieldEnd: Int
                var name: Int
                if bytes[q] == UInt8(ascii: "\"") {
                    fieldBuffer.removeAll(keepingCapacity: true)
                    var r = q + 1
                    var closed = false
                    while r < stop {
                        if bytes[r] == UInt8(ascii: "\"") {
                            if r + 1 < stop && bytes[r + 1] == UInt8(ascii: "\"") {
                                fieldBuffer.append(UInt8(ascii: "\""))
                                r += 2
                                continue
                            }
                            closed = true
                            r += 1
                            break
                        }
                        fieldBuffer.append(bytes[r])
                        r += 1
                    }
                    guard closed else { throw .malformed(line: line, reason: "an unclosed quote") }
                    guard r == stop || bytes[r] == UInt8(ascii: ",") else {
                        throw .malformed(line: line, reason: "text after a closing quote")
                    }
                    fieldEnd = r
                    let interned = fieldBuffer.withUnsafeBytes { buf in
                        Result { () throws(TallyError) in try intern(buf, line: line) }
                    }
                    name = try interned.get()
                    fieldStart = fieldEnd
                } else {
                    fieldEnd = q
                    while fieldEnd < stop && bytes[fieldEnd] != UInt8(ascii: ",") {
                        if bytes[fieldEnd] == UInt8(ascii: "\"") {
                            throw .malformed(line: line, reason: "a quote inside an unquoted field")
                        }
                        fieldEnd += 1
                    }
                    name = try intern(UnsafeRawBufferPointer(rebasing: bytes[fieldStart..<fieldEnd]), line: line)
                }
                if seen.count < names.count { seen.append(contentsOf: repeatElement(-1, count: names.count - seen.count)) }
                let ballotNumber = Int32(truncatingIfNeeded: weights.count)
                guard seen[name] != ballotNumber else {
                    throw .malformed(line: line, reason: "'\(names[name])' appears twice on one ballot")
                }
                seen[name] = ballotNumber
                rows.append(UInt16(name))
                q = fieldEnd + 1
                if fieldEnd == stop { break }
                if q == stop { throw .malformed(line: line, reason: "an empty name at the end of the line") }
            }
            starts.append(rows.count)
            weights.append(weight)
        }
        var set = BallotSet(candidates: names)
        set.reserve(ballots: weights.count, preferences: rows.count)
        rows.withUnsafeBufferPointer { all in
            for b in 0..<weights.count {
                set.appendRaw(UnsafeBufferPointer(rebasing: all[starts[b]..<starts[b + 1]]), weight: weights[b])
            }
        }
        return set
    }

    /// The index of a name, adding it on first sight.
    private mutating func intern(_ field: UnsafeRawBufferPointer, line: Int) throws(TallyError) -> Int {
        guard !field.isEmpty else { throw .malformed(line: line, reason: "an empty name") }
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in field {
            h ^= UInt64(byte)
            h = h &* 0x100_0000_01b3
        }
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let entry = table[slot]
            if entry < 0 { break }
            let known = nameBytes[Int(entry)]
            if known.count == field.count && known.withUnsafeBytes({ $0.elementsEqual(field) }) { return Int(entry) }
            slot = (slot + 1) & mask
        }
        guard names.count < Int(UInt16.max) else { throw .malformed(line: line, reason: "too many candidates") }
        guard let name = String(validating: field, as: UTF8.self) else {
            throw .malformed(line: line, reason: "a name that is not UTF-8")
        }
        let index = names.count
        names.append(name)
        nameBytes.append(Array(field))
        table[slot] = Int32(index)
        if names.count * 2 > table.count { rehash() }
        return index
    }

    private mutating func rehash() {
        table = [Int32](repeating: -1, count: table.count * 2)
        mask = table.count - 1
        for (index, bytes) in nameBytes.enumerated() {
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in bytes {
                h ^= UInt64(byte)
                h = h &* 0x100_0000_01b3
            }
            var slot = Int(truncatingIfNeeded: h) & mask
            while table[slot] >= 0 { slot = (slot + 1) & mask }
            table[slot] = Int32(index)
        }
    }
}
