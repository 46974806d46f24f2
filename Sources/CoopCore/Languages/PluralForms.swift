/// A language's plural rule: how many forms a countable phrase has and which one a number takes.
///
/// Read from a PO file's `Plural-Forms` header (`nplurals=2; plural=(n > 1);`), whose expression
/// is a small C expression over `n`; it is parsed once and evaluated without allocation.
public struct PluralForms: Sendable, Equatable {
    /// How many forms the language has.
    public let count: Int
    /// The expression, as written in the header with spaces removed.
    public let expression: String
    private let program: PluralExpression

    /// English and Spanish: one for 1, the other form for everything else (0 included).
    public static let germanic = try! PluralForms(header: "nplurals=2; plural=(n != 1);")
    /// French: 0 and 1 are singular.
    public static let french = try! PluralForms(header: "nplurals=2; plural=(n > 1);")

    /// Parses a `Plural-Forms` header value.
    public init(header: String) throws(PluralFormsError) {
        var count: Int?
        var expression: String?
        for part in header.split(separator: ";") {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            let key = pair[0].filter { !$0.isWhitespace }
            let value = String(pair[1].filter { !$0.isWhitespace })
            if key == "nplurals" { count = Int(value) }
            if key == "plural" { expression = value }
        }
        guard let count, (1...6).contains(count) else { throw .malformed("nplurals must be a number from 1 to 6") }
        guard let expression, !expression.isEmpty, expression.count <= 200 else { throw .malformed("plural= is missing") }
        self.count = count
        self.expression = expression
        self.program = try PluralExpression.parse(expression)
    }

    /// The index of the form `n` takes, always within `0..<count`.
    public func index(_ n: Int) -> Int {
        let i = program.evaluate(n.magnitude > UInt(Int32.max) ? Int(n % 1_000_000) : n)
        return i >= 0 && i < count ? i : count - 1
    }

    /// Two rules are the same when they have as many forms and give every number from 0 to 1000 the
    /// same form (the header's text may differ in spaces or parentheses).
    public static func == (a: PluralForms, b: PluralForms) -> Bool {
        a.count == b.count && (0...1000).allSatisfy { a.index($0) == b.index($0) }
    }
}

/// A `Plural-Forms` header that cannot be read.
public enum PluralFormsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What is wrong with it.
    case malformed(String)

    /// One line for the translator.
    public var description: String {
        switch self {
        case .malformed(let why): "Plural-Forms: \(why)"
        }
    }
}

/// The C subset of gettext's plural expressions: `n`, integers, `! % * / + - < <= > >= == != && || ?:`
/// and parentheses.
indirect enum PluralExpression: Sendable {
    case n
    case number(Int)
    case not(PluralExpression)
    case binary(String, PluralExpression, PluralExpression)
    case conditional(PluralExpression, PluralExpression, PluralExpression)

    func evaluate(_ n: Int) -> Int {
        switch self {
        case .n: return n
        case .number(let v): return v
        case .not(let e): return e.evaluate(n) == 0 ? 1 : 0
        case .conditional(let c, let a, let b): return c.evaluate(n) != 0 ? a.evaluate(n) : b.evaluate(n)
        case .binary(let op, let l, let r):
            let a = l.evaluate(n)
            if op == "&&" { return a != 0 && r.evaluate(n) != 0 ? 1 : 0 }
            if op == "||" { return a != 0 || r.evaluate(n) != 0 ? 1 : 0 }
            let b = r.evaluate(n)
            switch op {
            case "%": return b == 0 ? 0 : a % b
            case "/": return b == 0 ? 0 : a / b
            case "*": return a &* b
            case "+": return a &+ b
            case "-": return a &- b
            case "<": return a < b ? 1 : 0
            case "<=": return a <= b ? 1 : 0
            case ">": return a > b ? 1 : 0
            case ">=": return a >= b ? 1 : 0
            case "==": return a == b ? 1 : 0
            default: return a != b ? 1 : 0
            }
        }
    }

    static func parse(_ text: String) throws(PluralFormsError) -> PluralExpression {
        var p = Parser(chars: Array(text.filter { !$0.isWhitespace }))
        let e = try p.conditional(depth: 0)
        guard p.i == p.chars.count else { throw .malformed("unexpected '\(p.chars[p.i])' in plural=") }
        return e
    }

    private struct Parser {
        let chars: [Character]
        var i = 0
        // Lowest precedence first; each level is left-associative.
        static let levels: [[String]] = [["||"], ["&&"], ["==", "!="], ["<=", ">=", "<", ">"], ["+", "-"], ["*", "/", "%"]]

        mutating func conditional(depth: Int) throws(PluralFormsError) -> PluralExpression {
            guard depth < 50 else { throw .malformed("plural= is nested too deeply") }
            let c = try binary(level: 0, depth: depth)
            guard take("?") else { return c }
            let a = try conditional(depth: depth + 1)
            guard take(":") else { throw .malformed("'?' without ':' in plural=") }
            return .conditional(c, a, try conditional(depth: depth + 1))
        }

        mutating func binary(level: Int, depth: Int) throws(PluralFormsError) -> PluralExpression {
            guard level < Self.levels.count else { return try unary(depth: depth) }
            var left = try binary(level: level + 1, depth: depth)
            while let op = Self.levels[level].first(where: { peek($0) }) {
                i += op.count
                left = .binary(op, left, try binary(level: level + 1, depth: depth))
            }
            return left
        }

        mutating func unary(depth: Int) throws(PluralFormsError) -> PluralExpression {
            guard depth < 50 else { throw .malformed("plural= is nested too deeply") }
            if take("!") { return .not(try unary(depth: depth + 1)) }
            if take("(") {
                let e = try conditional(depth: depth + 1)
                guard take(")") else { throw .malformed("unbalanced parentheses in plural=") }
                return e
            }
            if take("n") { return .n }
            var digits = ""
            while i < chars.count, chars[i].isASCII, chars[i].isNumber, digits.count < 9 {
                digits.append(chars[i])
                i += 1
            }
            guard let v = Int(digits) else { throw .malformed("expected n, a number or '(' in plural=") }
            return .number(v)
        }

        func peek(_ s: String) -> Bool {
            let end = i + s.count
            guard end <= chars.count, String(chars[i..<end]) == s else { return false }
            // `<` is not `<=`, `!` is not `!=`, and a lone `=` or `&` is an error later.
            if s.count == 1, end < chars.count, chars[end] == "=", "<>!=".contains(s) { return false }
            return true
        }

        mutating func take(_ s: String) -> Bool {
            guard peek(s) else { return false }
            i += s.count
            return true
        }
    }
}
