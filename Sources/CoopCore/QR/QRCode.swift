/// A QR code (ISO/IEC 18004) of a short text, such as the link a steward's phone opens to check a
/// member in: byte mode, error correction level M (15% of the symbol may be lost), versions 1 to
/// 10 (up to 213 bytes), the mask chosen by the standard's penalty rules.
///
/// Written from the standard's algorithm as Project Nayuki's public-domain description sets it out;
/// the browser tests check each symbol against an independent encoder (`segno`) module by module.
public struct QRCode: Sendable, Equatable {
    /// The version, 1 to 10: the symbol is `17 + 4 × version` modules a side.
    public let version: Int
    /// The mask applied, 0 to 7.
    public let mask: Int
    /// The modules, row by row: true is dark.
    public let modules: [[Bool]]

    /// Modules a side.
    public var size: Int { modules.count }

    /// The most bytes a symbol of these versions holds.
    public static let maxBytes = 213

    /// Why a text has no symbol.
    public enum Failure: Error, Equatable {
        /// Longer than ``maxBytes`` in UTF-8.
        case tooLong(bytes: Int)
    }

    /// The symbol of `text`, in the smallest version that holds it; `mask` forces a mask (tests).
    public init(_ text: String, mask forced: Int? = nil) throws(Failure) {
        let bytes = Array(text.utf8)
        guard let version = Self.levelM.firstIndex(where: { bytes.count <= $0.capacity }) else {
            throw .tooLong(bytes: bytes.count)
        }
        var symbol = Matrix(version: version + 1)
        symbol.place(Self.codewords(bytes, layout: Self.levelM[version]))
        let penalties = (0..<8).map { symbol.masked($0).penalty }
        let mask = forced.map { min(max($0, 0), 7) } ?? penalties.indices.min { penalties[$0] < penalties[$1] }!
        self.version = version + 1
        self.mask = mask
        self.modules = symbol.masked(mask).modules
    }

    /// The symbol as SVG: one path of dark squares, in a quiet zone of four modules.
    public func svg(label: String) -> String {
        var path = ""
        for (y, row) in modules.enumerated() {
            for (x, dark) in row.enumerated() where dark { path += "M\(x + 4),\(y + 4)h1v1h-1z" }
        }
        let side = size + 8
        let escaped = label.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "<", with: "&lt;")
        return
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr\" viewBox=\"0 0 \(side) \(side)\" role=\"img\" aria-label=\"\(escaped)\" data-version=\"\(version)\" data-mask=\"\(mask)\" shape-rendering=\"crispEdges\"><rect width=\"\(side)\" height=\"\(side)\" fill=\"#fff\"/><path fill=\"#000\" d=\"\(path)\"/></svg>"
    }

    // MARK: The codewords

    /// How a version's codewords are split at level M: error-correction codewords per block, and
    /// the blocks' data codewords.
    struct Layout {
        let version: Int
        let ecPerBlock: Int
        let blocks: [Int]
        /// Data codewords in all.
        var data: Int { blocks.reduce(0, +) }
        /// The bits of the byte count: 8, or 16 from version 10.
        var countBits: Int { version >= 10 ? 16 : 8 }
        /// Bytes the version holds in byte mode (after a 4-bit mode and the count).
        var capacity: Int { (data * 8 - 4 - countBits) / 8 }
    }

    /// Versions 1 to 10 at level M (ISO/IEC 18004 table 9).
    static let levelM: [Layout] = [
        Layout(version: 1, ecPerBlock: 10, blocks: [16]),
        Layout(version: 2, ecPerBlock: 16, blocks: [28]),
        Layout(version: 3, ecPerBlock: 26, blocks: [44]),
        Layout(version: 4, ecPerBlock: 18, blocks: [32, 32]),
        Layout(version: 5, ecPerBlock: 24, blocks: [43, 43]),
        Layout(version: 6, ecPerBlock: 16, blocks: [27, 27, 27, 27]),
        Layout(version: 7, ecPerBlock: 18, blocks: [31, 31, 31, 31]),
        Layout(version: 8, ecPerBlock: 22, blocks: [38, 38, 39, 39]),
        Layout(version: 9, ecPerBlock: 22, blocks: [36, 36, 36, 37, 37]),
        Layout(version: 10, ecPerBlock: 26, blocks: [43, 43, 43, 43, 44]),
    ]

    /// The data in byte mode, padded, split into blocks with their Reed–Solomon codewords, and
    /// interleaved as the symbol holds them.
    static func codewords(_ bytes: [UInt8], layout: Layout) -> [UInt8] {
        var bits: [Bool] = []
        func append(_ value: Int, _ count: Int) {
            for i in stride(from: count - 1, through: 0, by: -1) { bits.append((value >> i) & 1 == 1) }
        }
        append(0b0100, 4)
        append(bytes.count, layout.countBits)
        for b in bytes { append(Int(b), 8) }
        let capacity = layout.data * 8
        append(0, min(4, capacity - bits.count))
        append(0, (8 - bits.count % 8) % 8)
        var data: [UInt8] = stride(from: 0, to: bits.count, by: 8).map { i in
            bits[i..<i + 8].reduce(0) { $0 << 1 | ($1 ? 1 : 0) }
        }
        var pad: UInt8 = 0xEC
        while data.count < layout.data {
            data.append(pad)
            pad ^= 0xEC ^ 0x11
        }
        let divisor = ReedSolomon.divisor(degree: layout.ecPerBlock)
        var blocks: [[UInt8]] = []
        var start = 0
        for n in layout.blocks {
            blocks.append(Array(data[start..<start + n]))
            start += n
        }
        let ec = blocks.map { ReedSolomon.remainder($0, divisor: divisor) }
        var out: [UInt8] = []
        for i in 0..<(layout.blocks.max() ?? 0) { for b in blocks where i < b.count { out.append(b[i]) } }
        for i in 0..<layout.ecPerBlock { for e in ec { out.append(e[i]) } }
        return out
    }

    // MARK: The symbol

    struct Matrix {
        let version: Int
        var modules: [[Bool]]
        /// Finder, timing, alignment, format and version modules, which data never takes.
        var function: [[Bool]]

        var size: Int { modules.count }

        init(version: Int) {
            self.version = version
            let size = 17 + 4 * version
            modules = Array(repeating: Array(repeating: false, count: size), count: size)
            function = modules
            for i in 0..<size {
                set(6, i, i % 2 == 0)
                set(i, 6, i % 2 == 0)
            }
            for (x, y) in [(3, 3), (size - 4, 3), (3, size - 4)] { finder(x, y) }
            let centres = Self.alignment(version)
            for (i, x) in centres.enumerated() {
                for (j, y) in centres.enumerated() {
                    let last = centres.count - 1
                    if (i == 0 && j == 0) || (i == 0 && j == last) || (i == last && j == 0) { continue }
                    for dy in -2...2 { for dx in -2...2 { set(x + dx, y + dy, max(abs(dx), abs(dy)) != 1) } }
                }
            }
            format(mask: 0)  // reserves the format modules; drawn again with the mask chosen
            if version >= 7 {
                var rem = version
                for _ in 0..<12 { rem = (rem << 1) ^ ((rem >> 11) * 0x1F25) }
                let bits = version << 12 | rem
                for i in 0..<18 {
                    let bit = (bits >> i) & 1 == 1
                    let a = size - 11 + i % 3
                    let b = i / 3
                    set(a, b, bit)
                    set(b, a, bit)
                }
            }
        }

        /// The alignment patterns' centres along each axis.
        static func alignment(_ version: Int) -> [Int] {
            guard version > 1 else { return [] }
            let size = 17 + 4 * version
            let count = version / 7 + 2
            let step = (version * 8 + count * 3 + 5) / (count * 4 - 4) * 2
            var out = [6]
            var pos = size - 7
            var rest: [Int] = []
            for _ in 0..<(count - 1) {
                rest.insert(pos, at: 0)
                pos -= step
            }
            out += rest
            return out
        }

        mutating func set(_ x: Int, _ y: Int, _ dark: Bool) {
            modules[y][x] = dark
            function[y][x] = true
        }

        mutating func finder(_ cx: Int, _ cy: Int) {
            for dy in -4...4 {
                for dx in -4...4 {
                    let (x, y) = (cx + dx, cy + dy)
                    guard (0..<size).contains(x), (0..<size).contains(y) else { continue }
                    let d = max(abs(dx), abs(dy))
                    set(x, y, d != 2 && d != 4)
                }
            }
        }

        /// The format information: level M (`00`) and the mask, BCH-coded, in its two copies.
        mutating func format(mask: Int) {
            let data = 0b00 << 3 | mask
            var rem = data
            for _ in 0..<10 { rem = (rem << 1) ^ ((rem >> 9) * 0x537) }
            let bits = (data << 10 | rem) ^ 0x5412
            func bit(_ i: Int) -> Bool { (bits >> i) & 1 == 1 }
            for i in 0...5 { set(8, i, bit(i)) }
            set(8, 7, bit(6))
            set(8, 8, bit(7))
            set(7, 8, bit(8))
            for i in 9..<15 { set(14 - i, 8, bit(i)) }
            for i in 0..<8 { set(size - 1 - i, 8, bit(i)) }
            for i in 8..<15 { set(8, size - 15 + i, bit(i)) }
            set(8, size - 8, true)
        }

        /// Lays the codewords in the zigzag of two-module columns, right to left, skipping the timing column.
        mutating func place(_ data: [UInt8]) {
            var i = 0
            var right = size - 1
            while right >= 1 {
                if right == 6 { right = 5 }
                for vert in 0..<size {
                    for j in 0..<2 {
                        let x = right - j
                        let upward = (right + 1) & 2 == 0
                        let y = upward ? size - 1 - vert : vert
                        if !function[y][x] && i < data.count * 8 {
                            modules[y][x] = (data[i >> 3] >> (7 - (i & 7))) & 1 == 1
                            i += 1
                        }
                    }
                }
                right -= 2
            }
        }

        /// The symbol with mask `m` applied to its data modules and written in its format.
        func masked(_ m: Int) -> Matrix {
            var out = self
            for y in 0..<size {
                for x in 0..<size where !function[y][x] {
                    let flip: Bool
                    switch m {
                    case 0: flip = (x + y) % 2 == 0
                    case 1: flip = y % 2 == 0
                    case 2: flip = x % 3 == 0
                    case 3: flip = (x + y) % 3 == 0
                    case 4: flip = (x / 3 + y / 2) % 2 == 0
                    case 5: flip = x * y % 2 + x * y % 3 == 0
                    case 6: flip = (x * y % 2 + x * y % 3) % 2 == 0
                    default: flip = ((x + y) % 2 + x * y % 3) % 2 == 0
                    }
                    if flip { out.modules[y][x].toggle() }
                }
            }
            out.format(mask: m)
            return out
        }

        /// The standard's penalty: long runs, 2×2 blocks, finder-like patterns, and dark modules
        /// far from half.
        var penalty: Int {
            var score = 0
            let lines = modules + (0..<size).map { x in modules.map { $0[x] } }
            for line in lines {
                var run = 1
                for i in 1..<line.count {
                    if line[i] == line[i - 1] {
                        run += 1
                    } else {
                        if run >= 5 { score += run - 2 }
                        run = 1
                    }
                }
                if run >= 5 { score += run - 2 }
                // 1:1:3:1:1 with four light modules on one side (light outside the symbol).
                let padded = Array(repeating: false, count: 4) + line + Array(repeating: false, count: 4)
                let finder: [Bool] = [true, false, true, true, true, false, true]
                for i in 0...(padded.count - 7) where Array(padded[i..<i + 7]) == finder {
                    let before = i >= 4 && padded[(i - 4)..<i].allSatisfy { !$0 }
                    let after = i + 11 <= padded.count && padded[(i + 7)..<(i + 11)].allSatisfy { !$0 }
                    if before || after { score += 40 }
                }
            }
            for y in 0..<(size - 1) {
                for x in 0..<(size - 1) {
                    let c = modules[y][x]
                    if modules[y][x + 1] == c && modules[y + 1][x] == c && modules[y + 1][x + 1] == c { score += 3 }
                }
            }
            let dark = modules.reduce(0) { $0 + $1.reduce(0) { $0 + ($1 ? 1 : 0) } }
            let total = size * size
            // Ten points for each 5% step away from half dark.
            score += max((abs(dark * 20 - total * 10) + total - 1) / total - 1, 0) * 10
            return score
        }
    }
}

/// Reed–Solomon error correction over GF(2⁸) with the QR code's polynomial, x⁸+x⁴+x³+x²+1.
enum ReedSolomon {
    static func multiply(_ x: UInt8, _ y: UInt8) -> UInt8 {
        var z = 0
        for i in stride(from: 7, through: 0, by: -1) {
            z = (z << 1) ^ ((z >> 7) * 0x11D)
            z ^= Int((y >> i) & 1) * Int(x)
        }
        return UInt8(z)
    }

    /// The generator polynomial of `degree`, highest term first and its leading 1 left out.
    static func divisor(degree: Int) -> [UInt8] {
        var result = Array(repeating: UInt8(0), count: degree - 1) + [1]
        var root: UInt8 = 1
        for _ in 0..<degree {
            for j in 0..<result.count {
                result[j] = multiply(result[j], root)
                if j + 1 < result.count { result[j] ^= result[j + 1] }
            }
            root = multiply(root, 0x02)
        }
        return result
    }

    /// The error-correction codewords of `data`.
    static func remainder(_ data: [UInt8], divisor: [UInt8]) -> [UInt8] {
        var result = Array(repeating: UInt8(0), count: divisor.count)
        for b in data {
            let factor = b ^ result.removeFirst()
            result.append(0)
            for i in 0..<result.count { result[i] ^= multiply(divisor[i], factor) }
        }
        return result
    }
}
