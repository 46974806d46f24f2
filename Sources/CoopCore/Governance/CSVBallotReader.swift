#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The fast path of `coop tally`: CSV ballots read straight from bytes. Lines and fields are found
/// with `memchr`; names are looked up in an open-addressing table keyed by a cheap hash of their
/// length and first and last bytes, and confirmed with `memcmp`, so a million ballots of ten
/// names parse without making a String per field. Lines with quotes take a slower, exact path.
struct CSVBallotReader {
    let bytes: UnsafeRawBufferPointer
    let weighted: Bool

    private var names: [String] = []
    /// Every name's bytes, one after another; `nameStart[i]..<nameStart[i + 1]` is name i.
    private var store: [UInt8] = []
    private var nameStart: [Int] = [0]
    private var table: [Int32]
    private var tableHash: [UInt64]
    private var mask: Int

    init(bytes: UnsafeRawBufferPointer, weighted: Bool) {
        self.bytes = bytes
        self.weighted = weighted
        table = [Int32](repeating: -1, count: 256)
        tableHash = [UInt64](repeating: 0, count: 256)
        mask = 255
    }

    /// Lines read so far (to number the lines of a later chunk of the same file).
    private(set) var linesRead = 0

    mutating func read() throws(TallyError) -> BallotSet {
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return BallotSet(candidates: []) }
        var rows: [UInt16] = []
        rows.reserveCapacity(bytes.count / 6)
        var starts: [Int] = [0]
        var weights: [Int64] = []
        var seen: [Int32] = []
        var line = 0
        var p = 0
        let end = bytes.count
        var fieldBuffer: [UInt8] = []
        let comma = Int32(UInt8(ascii: ","))
        while p < end {
            line += 1
            let lineEnd: Int
            if let nl = memchr(base + p, 0x0A, end - p) {
                lineEnd = base.distance(to: nl.assumingMemoryBound(to: UInt8.self))
            } else {
                lineEnd = end
            }
            var stop = lineEnd
            if stop > p && base[stop - 1] == 0x0D { stop -= 1 }
            defer { p = lineEnd + 1 }
            if stop > p && base[p] == UInt8(ascii: "#") { continue }
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
                while q < stop && base[q] >= 0x30 && base[q] <= 0x39 {
                    let (m, o1) = w.multipliedReportingOverflow(by: 10)
                    let (a, o2) = m.addingReportingOverflow(Int64(base[q] - 0x30))
                    guard !o1 && !o2 else { throw .malformed(line: line, reason: Words("the count is too large")) }
                    w = a
                    q += 1
                    digits += 1
                }
                guard digits > 0, w > 0, q == stop || base[q] == UInt8(ascii: ",") else {
                    throw .malformed(line: line, reason: Words("a weighted line starts with a positive whole count"))
                }
                weight = w
                if q < stop { q += 1 }
            }
            let quoted = q < stop && memchr(base + q, Int32(UInt8(ascii: "\"")), stop - q) != nil
            let ballotNumber = Int32(truncatingIfNeeded: weights.count)
            while q < stop {
                var fieldEnd: Int
                let name: Int
                if quoted && base[q] == UInt8(ascii: "\"") {
                    fieldBuffer.removeAll(keepingCapacity: true)
                    var r = q + 1
                    var closed = false
                    while r < stop {
                        if base[r] == UInt8(ascii: "\"") {
                            if r + 1 < stop && base[r + 1] == UInt8(ascii: "\"") {
                                fieldBuffer.append(UInt8(ascii: "\""))
                                r += 2
                                continue
                            }
                            closed = true
                            r += 1
                            break
                        }
                        fieldBuffer.append(base[r])
                        r += 1
                    }
                    guard closed else { throw .malformed(line: line, reason: Words("an unclosed quote")) }
                    guard r == stop || base[r] == UInt8(ascii: ",") else {
                        throw .malformed(line: line, reason: Words("text after a closing quote"))
                    }
                    fieldEnd = r
                    // A name Coop wrote with an apostrophe in front (``CSVCell``) is read without it.
                    let content = CSVCell.unescape(quoted: fieldBuffer)
                    guard !content.isEmpty else { throw .malformed(line: line, reason: Words("an empty name")) }
                    let interned = content.withUnsafeBufferPointer { buf in
                        Result { () throws(TallyError) in try intern(buf.baseAddress!, buf.count, line: line) }
                    }
                    name = try interned.get()
                } else {
                    if let c = memchr(base + q, comma, stop - q) {
                        fieldEnd = base.distance(to: c.assumingMemoryBound(to: UInt8.self))
                    } else {
                        fieldEnd = stop
                    }
                    if quoted, memchr(base + q, Int32(UInt8(ascii: "\"")), fieldEnd - q) != nil {
                        throw .malformed(line: line, reason: Words("a quote inside an unquoted field"))
                    }
                    name = try intern(base + q, fieldEnd - q, line: line)
                }
                if name >= seen.count { seen.append(contentsOf: repeatElement(-1, count: name + 1 - seen.count)) }
                guard seen[name] != ballotNumber else {
                    throw .malformed(line: line, reason: Words("'%s' appears twice on one ballot", .text(names[name])))
                }
                seen[name] = ballotNumber
                rows.append(UInt16(name))
                if fieldEnd == stop { break }
                q = fieldEnd + 1
                if q == stop { throw .malformed(line: line, reason: Words("an empty name at the end of the line")) }
            }
            starts.append(rows.count)
            weights.append(weight)
        }
        linesRead = line
        return BallotSet(candidates: names, preferences: rows, starts: starts, weights: weights)
    }

    @inline(__always)
    private func hash(_ field: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
        var head: UInt64 = 0
        var tail: UInt64 = 0
        if n >= 8 {
            head = UnsafeRawPointer(field).loadUnaligned(as: UInt64.self)
            tail = UnsafeRawPointer(field + (n - 8)).loadUnaligned(as: UInt64.self)
        } else {
            for i in 0..<n { head = head << 8 | UInt64(field[i]) }
            tail = head
        }
        var h = head &* 0x9E37_79B9_7F4A_7C15 ^ (tail &+ UInt64(n)) &* 0xC2B2_AE3D_27D4_EB4F
        h ^= h >> 29
        return h | 1
    }

    /// The index of a name, adding it on first sight.
    private mutating func intern(_ field: UnsafePointer<UInt8>, _ n: Int, line: Int) throws(TallyError) -> Int {
        guard n > 0 else { throw .malformed(line: line, reason: Words("an empty name")) }
        let h = hash(field, n)
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let entry = table[slot]
            if entry < 0 { break }
            if tableHash[slot] == h {
                let i = Int(entry)
                let s = nameStart[i]
                if nameStart[i + 1] - s == n && store.withUnsafeBufferPointer({ memcmp($0.baseAddress! + s, field, n) == 0 }) {
                    return i
                }
            }
            slot = (slot + 1) & mask
        }
        guard names.count < Int(UInt16.max) else { throw .malformed(line: line, reason: Words("too many candidates")) }
        let buffer = UnsafeBufferPointer(start: field, count: n)
        guard let name = String(validating: buffer, as: UTF8.self) else {
            throw .malformed(line: line, reason: Words("a name that is not UTF-8"))
        }
        let index = names.count
        names.append(name)
        store.append(contentsOf: buffer)
        nameStart.append(store.count)
        table[slot] = Int32(index)
        tableHash[slot] = h
        if names.count * 2 > table.count { rehash() }
        return index
    }

    private mutating func rehash() {
        let size = table.count * 2
        table = [Int32](repeating: -1, count: size)
        tableHash = [UInt64](repeating: 0, count: size)
        mask = size - 1
        for i in names.indices {
            let h = store.withUnsafeBufferPointer { hash($0.baseAddress! + nameStart[i], nameStart[i + 1] - nameStart[i]) }
            var slot = Int(truncatingIfNeeded: h) & mask
            while table[slot] >= 0 { slot = (slot + 1) & mask }
            table[slot] = Int32(i)
            tableHash[slot] = h
        }
    }
}
