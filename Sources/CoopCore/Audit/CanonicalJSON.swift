/// A JSON value with one canonical text: object keys sorted by their UTF-8 bytes, no spaces,
/// integers only (no floating point), and only the escapes JSON requires.
///
/// Audit entries hash this text, so the same event always hashes the same on every machine.
public indirect enum CanonicalValue: Hashable, Sendable, Codable, ExpressibleByStringLiteral,
    ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral, ExpressibleByDictionaryLiteral, ExpressibleByArrayLiteral
{
    /// A JSON string.
    case string(String)
    /// A JSON integer; canonical text has no other numbers.
    case int(Int64)
    /// `true` or `false`.
    case bool(Bool)
    /// JSON `null`.
    case null
    /// A JSON array, written in its own order.
    case array([CanonicalValue])
    /// A JSON object, written with its keys sorted by UTF-8 bytes.
    case object([String: CanonicalValue])

    /// A `.string` from a string literal.
    public init(stringLiteral value: String) { self = .string(value) }
    /// An `.int` from an integer literal.
    public init(integerLiteral value: Int64) { self = .int(value) }
    /// A `.bool` from `true` or `false`.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// An `.object` from a dictionary literal; of repeated keys the last wins.
    public init(dictionaryLiteral elements: (String, CanonicalValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { $1 }))
    }
    /// An `.array` from an array literal.
    public init(arrayLiteral elements: CanonicalValue...) { self = .array(elements) }

    /// Decodes any JSON value; throws a `DecodingError` for a number that is not an integer in `Int64`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else if let i = try? c.decode(Int64.self) {
            self = .int(i)
        } else if let s = try? c.decode(String.self) {
            self = .string(s)
        } else if let a = try? c.decode([CanonicalValue].self) {
            self = .array(a)
        } else {
            self = .object(try c.decode([String: CanonicalValue].self))
        }
    }

    /// Encodes the value as the same JSON value (the encoder's own formatting, not canonical text).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .string(let s): try c.encode(s)
        case .int(let i): try c.encode(i)
        case .bool(let b): try c.encode(b)
        case .null: try c.encodeNil()
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        }
    }

    /// The canonical JSON text.
    public var canonicalText: String {
        var out = ""
        write(to: &out)
        return out
    }

    private func write(to out: inout String) {
        switch self {
        case .string(let s): Self.writeString(s, to: &out)
        case .int(let i): out += String(i)
        case .bool(let b): out += b ? "true" : "false"
        case .null: out += "null"
        case .array(let a):
            out += "["
            for (i, v) in a.enumerated() {
                if i > 0 { out += "," }
                v.write(to: &out)
            }
            out += "]"
        case .object(let o):
            out += "{"
            for (i, key) in o.keys.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
                .enumerated()
            {
                if i > 0 { out += "," }
                Self.writeString(key, to: &out)
                out += ":"
                o[key]!.write(to: &out)
            }
            out += "}"
        }
    }

    /// Writes a string as a JSON string, escaped as canonical text escapes it.
    public static func writeString(_ s: String, to out: inout String) {
        out += "\""
        // Most strings (ids, accounts, codes) need no escaping: appended whole.
        if !s.utf8.contains(where: { $0 == 0x22 || $0 == 0x5C || $0 < 0x20 }) {
            out += s
            out += "\""
            return
        }
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
