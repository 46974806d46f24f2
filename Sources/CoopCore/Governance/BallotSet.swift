/// Ranked ballots over a list of candidates, stored flat for speed: a million ballots of ten
/// preferences are one array of candidate indices, not a million arrays.
///
/// Candidate indices are positions in ``candidates``. A ballot lists candidates most preferred
/// first; an unranked candidate is below every ranked one. `weights[i]` is how many identical
/// ballots ballot `i` stands for.
public struct BallotSet: Sendable, Equatable {
    /// The candidates' names, in the order the indices refer to.
    public let candidates: [String]
    /// All ballots' preferences, one after another.
    public private(set) var preferences: [UInt16] = []
    /// Where each ballot starts in ``preferences``; one more entry than there are ballots.
    public private(set) var starts: [Int] = [0]
    /// How many voters cast each ballot.
    public private(set) var weights: [Int64] = []

    /// An empty set of ballots over the candidates.
    public init(candidates: [String]) { self.candidates = candidates }

    /// A ballot set from its flat arrays, as a file reader builds them.
    init(candidates: [String], preferences: [UInt16], starts: [Int], weights: [Int64]) {
        self.candidates = candidates
        self.preferences = preferences
        self.starts = starts
        self.weights = weights
    }

    /// The number of distinct ballot lines (not voters: see ``totalWeight``).
    public var count: Int { weights.count }

    /// The number of voters (at most `Int64.max`: a total that would pass it is refused by ``check()``).
    public var totalWeight: Int64 {
        var total: Int64 = 0
        for w in weights {
            let (sum, overflow) = total.addingReportingOverflow(w)
            if overflow { return w > 0 ? .max : .min }
            total = sum
        }
        return total
    }

    /// Adds a ballot. Preferences must be valid indices without repeats (callers check).
    public mutating func append(_ ranking: some Sequence<Int>, weight: Int64 = 1) {
        // Out of range is left for ``check()`` to refuse: appending never traps.
        for c in ranking { preferences.append(UInt16(clamping: c)) }
        starts.append(preferences.count)
        weights.append(weight)
    }

    /// Adds a ballot by candidate names; unknown names or repeats are an error.
    public mutating func append(names: [String], weight: Int64 = 1) throws(TallyError) {
        guard candidates.count <= TallyLimits.maxCandidates else {
            throw .tooManyCandidates(candidates.count, limit: TallyLimits.maxCandidates)
        }
        guard weight > 0 else { throw .badWeight(weight) }
        var seen = Set<Int>()
        var ranking: [Int] = []
        for name in names {
            guard let i = candidates.firstIndex(of: name) else { throw .unknownCandidate(name) }
            guard seen.insert(i).inserted else { throw .repeatedCandidate(name) }
            ranking.append(i)
        }
        append(ranking, weight: weight)
    }

    /// Ballot `i`'s preferences.
    @inlinable public func ranking(_ i: Int) -> ArraySlice<UInt16> { preferences[starts[i]..<starts[i + 1]] }

    /// Reserves room for ballots, when the count is known in advance.
    public mutating func reserve(ballots: Int, preferences total: Int) {
        weights.reserveCapacity(ballots)
        starts.reserveCapacity(ballots + 1)
        preferences.reserveCapacity(total)
    }

    /// The same ballots with only the `kept` candidates on them (the others stay in ``candidates``
    /// with no votes).
    public func keeping(_ kept: [Int]) -> BallotSet {
        let keep = Set(kept.map { UInt16($0) })
        var set = BallotSet(candidates: candidates)
        set.reserve(ballots: count, preferences: preferences.count)
        for i in 0..<count { set.append(ranking(i).filter(keep.contains).map(Int.init), weight: weights[i]) }
        return set
    }

    /// Appends a parsed ballot directly (the fast path of file readers).
    public mutating func appendRaw(_ ranking: UnsafeBufferPointer<UInt16>, weight: Int64) {
        preferences.append(contentsOf: ranking)
        starts.append(preferences.count)
        weights.append(weight)
    }
}

/// The bounds of a count. The counting code checks them before it counts (``BallotSet/check()``),
/// so no input, however large or malformed, makes it trap: it throws instead.
public enum TallyLimits {
    /// The most candidates (options) one count takes. Schulze's work grows with the cube of it.
    public static let maxCandidates = 1_000
    /// The most voters (the sum of the ballots' weights) one count takes: with STV's nine decimal
    /// places, every total stays inside 64 bits.
    public static let maxVoters: Int64 = 1_000_000_000

    /// Refuses a list of candidates that is too long or names one twice.
    public static func check(candidates: [String]) throws(TallyError) {
        guard !candidates.isEmpty else { throw .noCandidates }
        guard candidates.count <= maxCandidates else { throw .tooManyCandidates(candidates.count, limit: maxCandidates) }
        var seen = Set<String>()
        seen.reserveCapacity(candidates.count)
        for c in candidates where !seen.insert(c).inserted { throw .duplicateCandidate(c) }
    }

    /// The total of the weights, refused when one is not positive or the total passes ``maxVoters``.
    public static func total(weights: some Sequence<Int64>) throws(TallyError) -> Int64 {
        var total: Int64 = 0
        for w in weights {
            guard w > 0 else { throw .badWeight(w) }
            let (sum, overflow) = total.addingReportingOverflow(w)
            guard !overflow, sum <= maxVoters else { throw .tooManyVoters(limit: maxVoters) }
            total = sum
        }
        return total
    }
}

extension BallotSet {
    /// Checks the set against ``TallyLimits``: distinct candidates within the bound, every
    /// preference a candidate, the flat arrays consistent, and the voters within the bound.
    public func check() throws(TallyError) {
        try TallyLimits.check(candidates: candidates)
        _ = try TallyLimits.total(weights: weights)
        guard starts.count == weights.count + 1, starts.first == 0, starts.last == preferences.count else {
            throw .unsupported(Words("the ballot set is inconsistent"))
        }
        for i in 1..<starts.count where starts[i] < starts[i - 1] { throw .unsupported(Words("the ballot set is inconsistent")) }
        if let top = preferences.max(), Int(top) >= candidates.count { throw .unknownCandidate("#\(top)") }
    }
}

/// What can go wrong counting ballots.
///
/// Its words (``words``) are kept as a message and arguments, so that `coop tally` writes them in
/// its language and a page in its reader's; ``description`` is the English every test and the
/// elections corpus compare. The reasons of the cases that carry words are boxed (`indirect`): they
/// are built only when a count fails, and the error a parser may throw stays two words wide.
public enum TallyError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A ballot names someone who is not a candidate; the name.
    case unknownCandidate(String)
    /// One ballot ranks or approves the same candidate twice; the name.
    case repeatedCandidate(String)
    /// The count has no candidates.
    case noCandidates
    /// The seats to fill are fewer than 1 or more than the candidates.
    case badSeats(seats: Int, candidates: Int)
    /// A score is outside 0 to the highest score, or the highest score or totals are unusable; what is wrong.
    indirect case badScore(Words)
    /// A ballot file cannot be read; the line number (1-based; 0 when no one line is at fault) and why.
    indirect case malformed(line: Int, reason: Words)
    /// The options or ballots ask for something the count cannot do (such as ranked counting of majority ballots); why.
    indirect case unsupported(Words)
    /// Two candidates (options) share a name.
    case duplicateCandidate(String)
    /// More candidates than a count takes.
    case tooManyCandidates(Int, limit: Int)
    /// More voters than a count takes.
    case tooManyVoters(limit: Int64)
    /// A ballot's weight (count) that is not a positive whole number.
    case badWeight(Int64)

    /// One sentence naming the problem, `unknown candidate 'Ada'` or `line 12: an unclosed quote`:
    /// its ``words`` in English.
    public var description: String { words.english }

    /// The sentence as words to write in any language (``description`` is their English).
    /// Numbers are written as they are in the file and in ``description`` (line 1234, not 1,234).
    public var words: Words {
        switch self {
        case .unknownCandidate(let n): Words("unknown candidate '%s'", .text(n))
        case .repeatedCandidate(let n): Words("candidate '%s' appears twice on one ballot", .text(n))
        case .noCandidates: Words("there are no candidates")
        case .badSeats(let s, let c): Words("cannot fill %1$s seat(s) from %2$s candidate(s)", .text(String(s)), .text(String(c)))
        case .badScore(let s): Words("bad score: %s", .notice(s))
        case .malformed(let line, let reason): Words("line %1$s: %2$s", .text(String(line)), .notice(reason))
        case .unsupported(let s): s
        case .duplicateCandidate(let n): Words("the candidate '%s' is listed twice", .text(n))
        case .tooManyCandidates(let n, let limit): Self.tooMany(n, limit: limit)
        case .tooManyVoters(let limit): Words("the ballots stand for more than %s voters", .text(String(limit)))
        case .badWeight(let w): Words("a ballot's count must be positive, not %s", .text(String(w)))
        }
    }

    /// `1200 candidates are more than the 1000 a count takes` (a case, and a ballot file's reason).
    static func tooMany(_ n: Int, limit: Int) -> Words {
        Words("%1$s candidates are more than the %2$s a count takes", .text(String(n)), .text(String(limit)))
    }

    /// The same failure: the same case with the same values, and reasons that read the same in
    /// English (whether written with arguments or as a whole sentence).
    public static func == (a: TallyError, b: TallyError) -> Bool {
        func same(_ x: Words, _ y: Words) -> Bool { x == y || x.english == y.english }
        return switch (a, b) {
        case (.unknownCandidate(let x), .unknownCandidate(let y)), (.repeatedCandidate(let x), .repeatedCandidate(let y)),
            (.duplicateCandidate(let x), .duplicateCandidate(let y)):
            x == y
        case (.noCandidates, .noCandidates): true
        case (.badSeats(let s, let c), .badSeats(let t, let d)): s == t && c == d
        case (.badScore(let x), .badScore(let y)), (.unsupported(let x), .unsupported(let y)): same(x, y)
        case (.malformed(let l, let x), .malformed(let m, let y)): l == m && same(x, y)
        case (.tooManyCandidates(let n, let l), .tooManyCandidates(let m, let k)): n == m && l == k
        case (.tooManyVoters(let x), .tooManyVoters(let y)): x == y
        case (.badWeight(let x), .badWeight(let y)): x == y
        default: false
        }
    }
}
