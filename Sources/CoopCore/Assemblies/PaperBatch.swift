/// A batch of paper ballots as a teller types it from the slips in their hand, read into the same
/// ``BallotContent`` an online ballot is, so one tally counts every channel.
///
/// One line per ballot, blank lines ignored; `12 x yes` (or `12 × yes`, `12* yes`) is twelve alike.
/// Options are matched without regard to case or surrounding spaces.
///
/// | Method | A line |
/// | --- | --- |
/// | majority | `yes`, `no` or `abstain` |
/// | approval | the approved options, `A, B` (`-` approves none) |
/// | score | `A=5, B=3` (options left out score 0) |
/// | irv, stv, schulze | preferences in order, `A > B > C` (or `A, B, C`) |
///
/// `spoilt` (or `spoiled`) is a slip that cannot be read: it is accounted for against the ballots
/// issued but not counted.
///
/// A line may begin with what the slip carries besides the ballot:
/// - on a secret item, the slip's printed receipt code, `K7QF2-M9XAB: yes` (``PaperCode``): the
///   ballot goes on the bulletin board under that code's hash, as an online ballot does under its
///   receipt's, so the member who kept the slip's stub finds it there;
/// - on an open (named) item, the member number the voter wrote on the slip, `#12: yes`, which every
///   ballot of an open item needs: the ballot is recorded in that member's name, as an online open
///   ballot is. A secret item refuses a member number.
///
/// A line with a code or a number is one slip: it takes no `12 x`.
public struct PaperBatch: Sendable, Equatable {
    /// One slip as a teller read it.
    public struct Slip: Sendable, Equatable, Codable {
        /// The ballot; nil for a spoilt slip.
        public let ballot: BallotContent?
        /// The receipt code printed on the slip (in ``PaperCode``'s form), if it has one.
        public let receipt: String?
        /// The member number written on an open item's slip.
        public let member: Int?

        /// A slip.
        public init(ballot: BallotContent?, receipt: String? = nil, member: Int? = nil) {
            self.ballot = ballot
            self.receipt = receipt
            self.member = member
        }
    }

    /// Every slip, in the order typed.
    public let entries: [Slip]

    /// The most slips one batch holds.
    public static let limit = 2_000
    /// The longest line, in characters.
    public static let maxLine = 2_000

    /// A batch of these slips.
    public init(entries: [Slip]) { self.entries = entries }

    /// A batch of these ballots, with neither codes nor numbers.
    public init(ballots: [BallotContent], spoilt: Int) {
        entries = ballots.map { Slip(ballot: $0) } + repeatElement(Slip(ballot: nil), count: spoilt)
    }

    /// The ballots that count, in the order typed.
    public var ballots: [BallotContent] { entries.compactMap(\.ballot) }
    /// The slips that could not be read.
    public var spoilt: Int { entries.reduce(0) { $1.ballot == nil ? $0 + 1 : $0 } }
    /// How many slips: ballots and spoilt.
    public var slips: Int { entries.count }
    /// The receipt codes the slips carry.
    public var receipts: [String] { entries.compactMap(\.receipt) }
    /// The member numbers the slips carry.
    public var members: [Int] { entries.compactMap(\.member) }

    /// Reads a teller's entry for a vote by `method` among `options`. Every line is checked as an
    /// online ballot is; the first line that is not a valid ballot is named in the error. `secret`
    /// is the item's ballot: an open item's ballots each name their member, a secret item's never.
    public static func parse(
        _ text: String, method: VotingMethod, options: [String], maxScore: Int64, secret: Bool = true
    ) throws(CoopError) -> PaperBatch {
        guard text.utf8.count <= limit * maxLine else {
            throw .invalid(Words("A batch holds at most %d paper ballots.", .number(Int64(limit))))
        }
        let byName = Dictionary(options.map { ($0.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
        var entries: [Slip] = []
        var codes = Set<String>()
        var numbers = Set<Int>()
        for (index, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let lineNumber = index + 1
            let n = Words.Arg.text("\(lineNumber)")
            var line = raw.trimmingSpaces
            guard !line.isEmpty else { continue }
            guard line.count <= maxLine else { throw .invalid(Words("Line %s is too long for one ballot.", n)) }
            let (mark, rest) = try self.mark(line, line: lineNumber)
            line = rest
            var times = 1
            if let (count, rest) = multiplier(line) {
                guard mark == nil else {
                    throw .invalid(
                        Words("Line %s: a slip with a receipt code or a member number is one ballot; type each on its own line.", n))
                }
                guard count >= 1, count <= limit else {
                    throw .invalid(Words("Line %1$s: a line stands for 1 to %2$d ballots.", n, .number(Int64(limit))))
                }
                times = count
                line = rest
            }
            guard entries.count + times <= limit else {
                throw .invalid(Words("A batch holds at most %d paper ballots.", .number(Int64(limit))))
            }
            var receipt: String?
            var member: Int?
            switch mark {
            case .receipt(let code):
                guard secret else {
                    throw .invalid(Words("Line %s: an open item's slip names its member (#12: yes), not a receipt code.", n))
                }
                guard codes.insert(code).inserted else {
                    throw .invalid(Words("Line %1$s: receipt code %2$s is on an earlier line too.", n, .text(code)))
                }
                receipt = code
            case .member(let number):
                guard !secret else {
                    throw .invalid(Words("Line %s: a secret ballot names no member; type the slip's receipt code or nothing.", n))
                }
                guard numbers.insert(number).inserted else {
                    throw .invalid(Words("Line %1$s: member #%2$s is on an earlier line too.", n, .text("\(number)")))
                }
                member = number
            case nil:
                break
            }
            if ["spoilt", "spoiled"].contains(line.lowercased()) {
                entries.append(contentsOf: repeatElement(Slip(ballot: nil, receipt: receipt, member: member), count: times))
                continue
            }
            guard secret || member != nil else {
                throw .invalid(Words("Line %s: on an open item each ballot names its member, as #12: yes.", n))
            }
            let ballot = try read(line, method: method, byName: byName, line: lineNumber)
            if let problem = ballot.problemWords(method: method, options: options, maxScore: maxScore) {
                throw .invalid(Words("Line %1$s is not a valid ballot: %2$s.", n, .notice(problem)))
            }
            entries.append(contentsOf: repeatElement(Slip(ballot: ballot, receipt: receipt, member: member), count: times))
        }
        guard !entries.isEmpty else { throw .invalid("Type the batch's ballots, one line each.") }
        return PaperBatch(entries: entries)
    }

    /// What a line begins with besides its ballot.
    private enum Mark: Equatable {
        case receipt(String)
        case member(Int)
    }

    /// `#12: rest` or `#12 rest` (a member number), `ABCDE-FGHJK: rest` (a receipt code), or
    /// neither; the mark and the rest of the line.
    private static func mark(_ line: String, line n: Int) throws(CoopError) -> (Mark?, String) {
        if line.hasPrefix("#") {
            let digits = line.dropFirst().prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, digits.count <= 9, let number = Int(digits), number >= 1 else {
                throw .invalid(Words("Line %s: write a member number as #12.", .text("\(n)")))
            }
            var rest = line.dropFirst(1 + digits.count)
            if rest.first == ":" { rest = rest.dropFirst() }
            return (.member(number), String(rest).trimmingSpaces)
        }
        guard let colon = line.firstIndex(of: ":") else { return (nil, line) }
        let head = line[..<colon].trimmingSpaces
        // Only what has a code's shape is read as one: five letters or digits, an optional dash, five more.
        let plain = head.filter { $0 != "-" }
        guard plain.count == 10, plain.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }),
            head.count == 10 || (head.count == 11 && head.dropFirst(5).first == "-")
        else { return (nil, line) }
        guard let code = PaperCode.canonical(head) else {
            throw .invalid(
                Words("Line %1$s: '%2$s' is not a receipt code printed on a slip; check it against the slip.", .text("\(n)"), .text(head))
            )
        }
        return (.receipt(code), String(line[line.index(after: colon)...]).trimmingSpaces)
    }

    /// Whether two entries of a batch hold the same ballots, in any order: what a second teller's
    /// count must agree with.
    public func agrees(with other: PaperBatch) -> Bool {
        slips == other.slips && marked == other.marked
    }

    /// Each distinct slip, with its code or number, and how many times it occurs.
    private var marked: [String: Int] {
        var out: [String: Int] = [:]
        for e in entries {
            let ballot = e.ballot.map(Self.canonical) ?? "spoilt"
            let mark = e.receipt ?? e.member.map { "#\($0)" } ?? ""
            out["\(mark)|\(ballot)", default: 0] += 1
        }
        return out
    }

    /// The batch in words, for a teller comparing two counts: `yes 3, no 1, spoilt 1`.
    /// Receipt codes are left out (the audit chain records this summary); member numbers of an
    /// open item are in it.
    public var summary: String {
        var parts = tally.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
        if spoilt > 0 { parts.append("spoilt \(spoilt)") }
        let named = entries.compactMap { e in e.member.map { "#\($0) \(e.ballot.map(Self.canonical) ?? "spoilt")" } }
        if !named.isEmpty { parts.append("(" + named.sorted().joined(separator: "; ") + ")") }
        if !receipts.isEmpty { parts.append(receipts.count == 1 ? "1 receipt code" : "\(receipts.count) receipt codes") }
        return parts.joined(separator: ", ")
    }

    /// Each distinct ballot in a canonical form, with how many times it occurs.
    private var tally: [String: Int] {
        var out: [String: Int] = [:]
        for b in ballots { out[Self.canonical(b), default: 0] += 1 }
        return out
    }

    private static func canonical(_ b: BallotContent) -> String {
        switch b {
        case .choice(let c): c
        case .approvals(let a): a.isEmpty ? "(none)" : a.sorted().joined(separator: ", ")
        case .ranking(let r): r.joined(separator: " > ")
        case .scores(let s): s.filter { $0.value != 0 }.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
        }
    }

    /// `12 x rest`, `12× rest`, `12* rest`: the count and the rest of the line.
    private static func multiplier(_ line: String) -> (Int, String)? {
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 6 else { return nil }
        var rest = line.dropFirst(digits.count).drop { $0 == " " }
        guard let mark = rest.first, ["x", "X", "×", "*"].contains(mark) else { return nil }
        rest = rest.dropFirst()
        // `3 x` alone, or `3xyes`, are read only when a space or the end follows the mark.
        guard rest.first == " " else { return nil }
        return (Int(digits) ?? 0, String(rest).trimmingSpaces)
    }

    private static func read(_ line: String, method: VotingMethod, byName: [String: String], line n: Int) throws(CoopError)
        -> BallotContent
    {
        func option(_ typed: Substring) throws(CoopError) -> String {
            let name = String(typed).trimmingSpaces
            guard let known = byName[name.lowercased()] else {
                throw .invalid(Words("Line %1$s: '%2$s' is not an option.", .text("\(n)"), .text("\(name.prefix(60))")))
            }
            return known
        }
        switch method {
        case .majority:
            return .choice(line.lowercased())
        case .approval:
            if line == "-" { return .approvals([]) }
            var out: [String] = []
            for part in line.split(separator: ",") { out.append(try option(part)) }
            return .approvals(out)
        case .score:
            var scores: [String: Int64] = [:]
            for part in line.split(separator: ",") {
                let pair = part.split(separator: "=", maxSplits: 1)
                guard pair.count == 2, let value = Int64(String(pair[1]).trimmingSpaces) else {
                    throw .invalid(Words("Line %s: write each score as option=number.", .text("\(n)")))
                }
                let name = try option(pair[0])
                guard scores[name] == nil else {
                    throw .invalid(Words("Line %1$s: '%2$s' is scored twice.", .text("\(n)"), .text("\(name.prefix(60))")))
                }
                scores[name] = value
            }
            return .scores(scores)
        case .irv, .stv, .schulze:
            let separator: Character = line.contains(">") ? ">" : ","
            var out: [String] = []
            for part in line.split(separator: separator) { out.append(try option(part)) }
            return .ranking(out)
        }
    }
}
