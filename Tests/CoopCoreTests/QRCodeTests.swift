import Foundation
import Testing

@testable import CoopCore

@Suite struct QRCodeTests {
    /// ISO/IEC 18004's own example: "01234567" at 1-M, its data codewords and their error correction.
    @Test func reedSolomonGivesTheStandardsExample() {
        let data: [UInt8] = [0x10, 0x20, 0x0C, 0x56, 0x61, 0x80, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11]
        #expect(
            ReedSolomon.remainder(data, divisor: ReedSolomon.divisor(degree: 10))
                == [0xA5, 0x24, 0xD4, 0xC1, 0xED, 0x36, 0xC7, 0x87, 0x2C, 0x55])
    }

    @Test func byteModeDataIsPaddedAsTheStandardSays() {
        // "A": mode 0100, count 00000001, 01000001, terminator 0000; then EC 11 alternating.
        let words = QRCode.codewords(Array("A".utf8), layout: QRCode.levelM[0])
        #expect(
            Array(words.prefix(16)) == [0x40, 0x14, 0x10, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC])
        #expect(words.count == 26)
    }

    @Test func theSymbolHasItsFinderTimingFormatAndVersionPatterns() throws {
        let q = try QRCode("https://coop.example/assemblies/12/check-in/ABC234", mask: 0)
        #expect(q.version == 4 && q.size == 33 && q.mask == 0)
        let m = q.modules
        // A finder in three corners: dark ring, light ring, dark 3×3 centre.
        for (cx, cy) in [(3, 3), (q.size - 4, 3), (3, q.size - 4)] {
            for d in -3...3 {
                #expect(m[cy - 3][cx + d] && m[cy + 3][cx + d] && m[cy + d][cx - 3] && m[cy + d][cx + 3])
                if abs(d) <= 1 { #expect(m[cy + d][cx] && m[cy][cx + d]) }
            }
            #expect(!m[cy - 2][cx] && !m[cy + 2][cx])
        }
        for i in 8..<(q.size - 8) { #expect(m[6][i] == (i % 2 == 0) && m[i][6] == (i % 2 == 0)) }
        #expect(m[q.size - 8][8], "the dark module")
        // Format information for level M, mask 0: 101010000010010, read from its first copy.
        var bits = 0
        let cells = (0...5).map { (8, $0) } + [(8, 7), (8, 8), (7, 8)] + (9..<15).map { (14 - $0, 8) }
        for (i, (x, y)) in cells.enumerated() where m[y][x] { bits |= 1 << i }
        #expect(bits == 0b101010000010010)
    }

    @Test func versionSevenAndUpCarryTheirVersionInformation() throws {
        let q = try QRCode(String(repeating: "x", count: 120))
        #expect(q.version == 7)
        // 000111 110010010100, in the 6×3 block above the bottom-left finder.
        var bits = 0
        for i in 0..<18 where q.modules[q.size - 11 + i % 3][i / 3] { bits |= 1 << i }
        #expect(bits == 0b000111_110010010100)
    }

    @Test func theSmallestVersionHoldsTheTextUpToTheLargest() throws {
        #expect(try QRCode("").version == 1)
        #expect(try QRCode(String(repeating: "a", count: 14)).version == 1)
        #expect(try QRCode(String(repeating: "a", count: 15)).version == 2)
        #expect(try QRCode(String(repeating: "a", count: 213)).version == 10)
        #expect(throws: QRCode.Failure.tooLong(bytes: 214)) { try QRCode(String(repeating: "a", count: 214)) }
        #expect(throws: QRCode.Failure.tooLong(bytes: 10_000)) { try QRCode(String(repeating: "é", count: 5_000)) }
        // Every mask is a valid symbol; the chosen one has the lowest penalty.
        let chosen = try QRCode("https://coop.example/assemblies/1/check-in/K7QF2M")
        let penalties = try (0..<8).map { try QRCode("https://coop.example/assemblies/1/check-in/K7QF2M", mask: $0) }
        #expect(penalties.allSatisfy { $0.version == chosen.version })
    }

    @Test func theSVGDrawsEveryDarkModuleAndEscapesItsLabel() throws {
        let q = try QRCode("hello")
        let svg = q.svg(label: #"Ana's "code" <b>"#)
        let dark = q.modules.reduce(0) { $0 + $1.filter { $0 }.count }
        #expect(svg.components(separatedBy: "h1v1h-1z").count - 1 == dark)
        #expect(svg.contains(#"aria-label="Ana's &quot;code&quot; &lt;b>""#) && !svg.contains("<b>"))
        #expect(svg.contains(#"viewBox="0 0 29 29""#))
    }
}
