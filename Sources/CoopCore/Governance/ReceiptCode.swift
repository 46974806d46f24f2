import Foundation

/// A secret ballot's receipt code: the only thing that finds its ballot again, kept by the voter.
public enum ReceiptCode {
    /// The characters a code is drawn from (online and paper): no 0/O, 1/I, which a reader confuses.
    static let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789".utf8)

    /// 20 characters from an alphabet of 32 (100 random bits), in groups of five.
    public static func new() -> String {
        var g = SystemRandomNumberGenerator()
        return new(using: &g)
    }

    /// A code drawn from `generator` (tests pass a seeded one).
    public static func new<G: RandomNumberGenerator>(using generator: inout G) -> String {
        // Two draws give 128 bits: 5 bits a character.
        var bits = (generator.next() as UInt64, generator.next() as UInt64)
        var out: [UInt8] = []
        out.reserveCapacity(23)
        for i in 0..<20 {
            if i > 0 && i % 5 == 0 { out.append(UInt8(ascii: "-")) }
            out.append(alphabet[Int(bits.0 & 31)])
            bits.0 = (bits.0 >> 5) | (bits.1 << 59)
            bits.1 >>= 5
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The hash stored in place of a code: of its letters and digits in upper case, so that a
    /// code typed in lower case or without its dashes still finds its ballot.
    public static func hash(_ code: String) -> String {
        sha256Hex(code.uppercased().filter { $0.isLetter || $0.isNumber })
    }

    /// A ballot's time kept to the hour only: a precise time could be matched against who was online.
    public static func hourOf(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 / 3600).rounded(.down) * 3600)
    }
}

/// The JSON a proposal's stored fields (payload, rules, outcome, ballots) are kept in: keys
/// sorted, dates in ISO 8601, so that the same value is always the same text.
public enum StoredJSON {
    private static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        e.dateEncodingStrategy = .iso8601
        return e
    }()

    /// The value as stored text.
    public static func encode<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// The value back from stored text.
    public static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .iso8601
        return try d.decode(type, from: Data(text.utf8))
    }
}

/// The receipt code printed on a paper ballot slip: 10 characters from the receipt alphabet (50
/// random bits), in two groups of five, short enough for a teller to type from the slip. The
/// member keeps the slip's stub and finds their ballot on the bulletin board with it, as an online
/// voter does with a ``ReceiptCode``; its hash is the same (``ReceiptCode/hash(_:)``).
///
/// Knowing a paper code lets nobody change the ballot: a ballot cast on paper cannot be changed
/// online, so a teller who typed the codes holds nothing but what the bulletin shows anyone.
public enum PaperCode {
    /// The characters a code is drawn from: the online receipt's.
    static var alphabet: [UInt8] { ReceiptCode.alphabet }

    /// A new code, from the system's random generator.
    public static func new() -> String {
        var g = SystemRandomNumberGenerator()
        return new(using: &g)
    }

    /// A code drawn from `generator` (tests pass a seeded one).
    public static func new<G: RandomNumberGenerator>(using generator: inout G) -> String {
        var bits = generator.next() as UInt64
        var out: [UInt8] = []
        out.reserveCapacity(11)
        for i in 0..<10 {
            if i == 5 { out.append(UInt8(ascii: "-")) }
            out.append(alphabet[Int(bits & 31)])
            bits >>= 5
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The code as printed (`ABCDE-FGHJK`) from what a teller typed: any case, with or without its
    /// dash or spaces; nil unless it is ten characters of the alphabet.
    public static func canonical(_ typed: some StringProtocol) -> String? {
        let plain = typed.uppercased().utf8.filter { $0 != UInt8(ascii: "-") && $0 != UInt8(ascii: " ") }
        guard plain.count == 10, plain.allSatisfy(alphabet.contains) else { return nil }
        return String(decoding: plain.prefix(5), as: UTF8.self) + "-" + String(decoding: plain.suffix(5), as: UTF8.self)
    }
}
