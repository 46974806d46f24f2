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
public struct PaperBatch: Sendable, Equatable {
    /// The ballots that count, in the order typed.
    public let ballots: [BallotContent]
    /// Slips that could not be read.
    public let spoilt: Int

    /// The most slips one batch holds.
    public static let limit = 2_000
    /// The longest line, in characters.
    public static let maxLine = 2_000

    /// A batch of these ballots.
    public init(ballots: [BallotContent], spoilt: Int) {
        self.ballots = ballots
        self.spoilt = spoilt
    }

    /// How many slips: ballots and spoilt.
    public var slips: Int { ballots.count + spoilt }

    /// Reads a teller's entry for a vote by `method` among `options`. Every line is checked as an
    /// online ballot is; the first line that is not a valid ballot is named in the error.
    public static func parse(_ text: String, method: VotingMethod, options: [String], maxScore: Int64) throws(CoopError)
        -> PaperBatch
    {
        guard text.utf8.count <= limit * maxLine else {
            throw .invalid(Words("A batch holds at most %d paper ballots.", .number(Int64(limit))))
        }
        let byName = Dictionary(options.map { ($0.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
        var ballots: [BallotContent] = []
        var spoilt = 0
        for (index, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let lineNumber = index + 1
            var line = raw.trimmingSpaces
            guard !line.isEmpty else { continue }
            guard line.count <= maxLine else { throw .invalid(Words("Line %s is too long for one ballot.", .text("\(lineNumber)"))) }
            var times = 1
            if let (n, rest) = multiplier(line) {
                guard n >= 1, n <= limit else {
                    throw .invalid(Words("Line %1$s: a line stands for 1 to %2$d ballots.", .text("\(lineNumber)"), .number(Int64(limit))))
                }
                times = n
                line = rest
            }
            guard ballots.count + spoilt + times <= limit else {
                throw .invalid(Words("A batch holds at most %d paper ballots.", .number(Int64(limit))))
            }
            if ["spoilt", "spoiled"].contains(line.lowercased()) {
                spoilt += times
                continue
            }
            let ballot = try read(line, method: method, byName: byName, line: lineNumber)
            if let problem = ballot.problemWords(method: method, options: options, maxScore: maxScore) {
                throw .invalid(Words("Line %1$s is not a valid ballot: %2$s.", .text("\(lineNumber)"), .notice(problem)))
            }
            ballots.append(contentsOf: repeatElement(ballot, count: times))
        }
        guard ballots.count + spoilt > 0 else { throw .invalid("Type the batch's ballots, one line each.") }
        return PaperBatch(ballots: ballots, spoilt: spoilt)
    }

    /// Whether two entries of a batch hold the same ballots, in any order: what a second teller's
    /// count must agree with.
    public func agrees(with other: PaperBatch) -> Bool {
        spoilt == other.spoilt && ballots.count == other.ballots.count && tally == other.tally
    }

    /// The batch in words, for a teller comparing two counts: `yes 3, no 1, spoilt 1`.
    public var summary: String {
        var parts = tally.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
        if spoilt > 0 { parts.append("spoilt \(spoilt)") }
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
