import CoopCore
import Foundation
import PropertyBased
import Testing

/// The counting code, the ballot readers and the money parser take anything and never trap: they
/// count, or they throw a reason. (A trap would end this test process, so reaching the end is the check.)
@Suite struct NeverTrapTests {
    static let methods: [VotingMethod] = [.approval, .irv, .stv, .schulze]

    /// Counts a set by every ranked method, with and without Meek's STV; errors are fine.
    static func countEveryWay(_ set: BallotSet) {
        for method in methods {
            _ = try? countBallots(set, method: method, options: STVOptions(seats: 1), tieBreaker: lot)
            _ = try? countBallots(set, method: method, options: STVOptions(seats: 2), tieBreaker: lot)
        }
        _ = try? singleTransferableVote(set, options: STVOptions(seats: 2, meek: true), tieBreaker: lot)
        _ = try? singleTransferableVote(set, options: STVOptions(seats: 1, decimals: 9), tieBreaker: lot)
    }

    @Test func duplicateOptionsAreRefusedByEveryMethodWithoutABallotCast() throws {
        let set = BallotSet(candidates: ["A", "A", "B"])
        for method in Self.methods {
            #expect(throws: TallyError.duplicateCandidate("A")) {
                try countBallots(set, method: method, options: STVOptions(seats: 1), tieBreaker: lot)
            }
        }
        #expect(throws: TallyError.duplicateCandidate("A")) {
            try score([], candidates: ["A", "A"], maxScore: 5, tieBreaker: lot)
        }
        let rules = ProposalRules(
            method: .score, quorum: Fraction(basisPoints: 0), threshold: Fraction(basisPoints: 5000), discussionDays: 1,
            votingDays: 1, timelockHours: 0, secret: true)
        #expect(throws: TallyError.duplicateCandidate("x")) {
            try countProposal([], rules: FrozenRules(rules: rules, options: ["x", "x"], seats: 1, eligible: 3, seed: "s"))
        }
    }

    @Test func tooManyOptionsAreRefusedNotTrappedOn() throws {
        // 65,537 identical options once brought the co-op down (an index kept in 16 bits).
        let many = BallotSet(candidates: Array(repeating: "same", count: 65_537))
        #expect(throws: TallyError.self) { try approval(many, tieBreaker: lot) }
        let distinct = BallotSet(candidates: (0..<(TallyLimits.maxCandidates + 1)).map { "C\($0)" })
        #expect(throws: TallyError.tooManyCandidates(TallyLimits.maxCandidates + 1, limit: TallyLimits.maxCandidates)) {
            try schulze(distinct, tieBreaker: lot)
        }
        var set = BallotSet(candidates: (0..<70_000).map { "C\($0)" })
        #expect(throws: TallyError.self) { try set.append(names: ["C69999"]) }
        set.append([69_999])  // out of the 16-bit range: kept for check() to refuse, not trapped on
        #expect(throws: TallyError.self) { try instantRunoff(set, tieBreaker: lot) }
    }

    @Test func weightsThatWouldOverflowAreRefused() throws {
        var set = BallotSet(candidates: ["A", "B"])
        set.append([0], weight: .max)
        set.append([1], weight: .max)
        for method in Self.methods {
            #expect(throws: TallyError.tooManyVoters(limit: TallyLimits.maxVoters)) {
                try countBallots(set, method: method, options: STVOptions(seats: 1), tieBreaker: lot)
            }
        }
        var negative = BallotSet(candidates: ["A", "B"])
        negative.append([0], weight: -3)
        #expect(throws: TallyError.badWeight(-3)) { try instantRunoff(negative, tieBreaker: lot) }
        #expect(throws: TallyError.self) {
            try score(
                [ScoreBallot(scores: [0: .max], weight: 2)], candidates: ["A", "B"], maxScore: .max, tieBreaker: lot)
        }
        // At the bound itself, every method counts.
        var full = BallotSet(candidates: ["A", "B", "C"])
        full.append([0, 1], weight: TallyLimits.maxVoters / 2)
        full.append([2, 1], weight: TallyLimits.maxVoters / 2)
        Self.countEveryWay(full)
        let r = try singleTransferableVote(full, options: STVOptions(seats: 2, decimals: 9), tieBreaker: lot)
        #expect(r.winners.count == 2)
        let meek = try singleTransferableVote(full, options: STVOptions(seats: 2, meek: true), tieBreaker: lot)
        #expect(meek.winners.count == 2)
    }

    @Test func aMajorityCountTakesAnyNumbersWithoutOverflow() {
        let big = Int64.max
        for (yes, no, abstain, eligible, q, t): (Int64, Int64, Int64, Int64, Int64, Int64) in [
            (big, big, big, big, big, big), (big, 0, 0, 1, 10_000, 5_000), (1, 1, 1, big, 10_000, 5_000), (0, 0, 0, 0, 0, 0),
            (-5, 3, big, -big, -1, big),
        ] {
            _ = MajorityOutcome(
                yes: yes, no: no, abstain: abstain, eligible: eligible, quorum: Fraction(basisPoints: q),
                threshold: Fraction(basisPoints: t))
        }
        let m = MajorityOutcome(
            yes: 3_000_000_000_000_000, no: 1, abstain: 0, eligible: 4_000_000_000_000_000, quorum: Fraction(basisPoints: 5000),
            threshold: Fraction(basisPoints: 5000))
        #expect(m.quorumMet && m.thresholdMet, "exact in 128 bits where 64 would overflow")
    }

    @Test func weightedCSVWithHugeCountsIsRefused() throws {
        #expect(throws: TallyError.self) {
            let set = try BallotFile.parse("9223372036854775807,A\n9223372036854775807,B\n", format: .csv, weighted: true)
            _ = try instantRunoff(set, tieBreaker: lot)
        }
        #expect(throws: TallyError.self) { try BallotFile.parse("9223372036854775808,A\n", format: .csv, weighted: true) }
    }

    @Test func bltAndPrefLibHeadersOutOfRangeAreRefused() throws {
        #expect(throws: TallyError.self) {
            try BallotFile.parse("3 1\n-9223372036854775808\n1 1 0\n0\n\"A\"\n\"B\"\n\"C\"\n", format: .blt)
        }
        #expect(throws: TallyError.self) { try BallotFile.parse("99999999999 1\n1 1 0\n0\n", format: .blt) }
        #expect(throws: TallyError.self) { try BallotFile.parse("# NUMBER ALTERNATIVES: 999999999999\n1: 1\n", format: .soi) }
    }

    /// Text built from the pieces that break parsers: numbers at and past 64 bits, signs,
    /// separators, quotes, apostrophes, comments, blank lines and names that repeat.
    static func hostileText(_ seed: Int) -> String {
        var rng = SplitMix(seed: UInt64(truncatingIfNeeded: seed))
        let pieces = [
            "A", "B", "C", "Ana", "=HYPERLINK(\"x\")", "'", "''", "\"", "\"\"", ",", ",,", "\n", "\r\n", "#", " ", "0", "1", "2", "3",
            "-1", "-2", "65536", "65537", "9223372036854775807", "9223372036854775808", "-9223372036854775808", "1e300",
            ":", "=", "5", "(", ")", "{", "}", "# NUMBER ALTERNATIVES: 3", "# ALTERNATIVE NAME 1: A", "\u{0}", "é", "\"A,B\"",
        ]
        var text = ""
        for _ in 0..<Int.random(in: 0...60, using: &rng) { text += pieces[Int.random(in: 0..<pieces.count, using: &rng)] }
        return text
    }

    @Test func theBallotReadersAndEveryMethodTakeArbitraryText() async {
        await propertyCheck(count: 3_000, input: Gen.int(in: 0...Int.max)) { seed in
            let text = Self.hostileText(seed)
            for format in BallotFileFormat.allCases {
                for weighted in [false, true] {
                    if let set = try? BallotFile.parse(text, format: format, weighted: weighted) { Self.countEveryWay(set) }
                }
            }
            for weighted in [false, true] {
                if let (candidates, ballots) = try? BallotFile.parseScores(text, weighted: weighted) {
                    _ = try? score(ballots, candidates: candidates, maxScore: 5, tieBreaker: lot)
                    _ = try? score(ballots, candidates: candidates, maxScore: .max, seats: 2, tieBreaker: lot)
                }
            }
            _ = try? BallotFile.csvFields(text)
        }
    }

    @Test func randomBallotSetsWithHostileWeightsAndIndicesNeverTrap() async {
        await propertyCheck(count: 500, input: Gen.int(in: 0...Int.max)) { seed in
            var rng = SplitMix(seed: UInt64(truncatingIfNeeded: seed))
            let n = Int.random(in: 0...6, using: &rng)
            let names = (0..<n).map { _ in ["A", "B", "C", "D"][Int.random(in: 0...3, using: &rng)] }
            var set = BallotSet(candidates: names)
            let weights: [Int64] = [1, 2, .max, .max / 2, 0, -1, TallyLimits.maxVoters]
            for _ in 0..<Int.random(in: 0...8, using: &rng) {
                let ranking = (0..<Int.random(in: 0...4, using: &rng)).map { _ in Int.random(in: -2...8, using: &rng) }
                set.append(ranking, weight: weights[Int.random(in: 0..<weights.count, using: &rng)])
            }
            Self.countEveryWay(set)
        }
    }

    @Test func theMoneyParserTakesArbitraryText() async {
        await propertyCheck(count: 2_000, input: Gen.int(in: 0...Int.max)) { seed in
            let text = Self.hostileText(seed)
            for digits in [0, 2, 3, 6, 18, 19, 40] {
                _ = try? Money.parseFixed(text, digits: digits)
                _ = try? Money.parseFixed("." + text, digits: digits)
            }
            _ = try? Money.parse(text, currency: Currency(code: "EUR"))
        }
        for text in ["99999999999999999999", "-99999999999999999999", "0.0000000000000000000001", "9223372036854775807.99", ".", "-", "+"] {
            for digits in [0, 2, 18, 19, 40] { _ = try? Money.parseFixed(text, digits: digits) }
        }
    }

    @Test func csvCellsDefuseFormulasAndReadBackExactly() throws {
        #expect(CSVCell.field("=HYPERLINK(\"http://x\",\"y\")") == "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"")
        #expect(CSVCell.field("+1") == "+1", "a plain number stays a number")
        #expect(CSVCell.field("-12.50") == "-12.50")
        #expect(CSVCell.field("-1+1") == "\"'-1+1\"")
        #expect(CSVCell.field("@SUM(A1)") == "\"'@SUM(A1)\"")
        #expect(CSVCell.field("\tx") == "\"'\tx\"")
        #expect(CSVCell.field("Ana") == "Ana")
        // Every name, however it begins, comes back from a CSV ballot file exactly as it was.
        let names = ["=HYPERLINK(\"x\",\"y\")", "'quoted", "''", "+33 6", "-", "@home", "\rcr", "Ana, Bo", "Plain", "'=x"]
        let line = names.map(CSVCell.field).joined(separator: ",")
        let set = try BallotFile.parse(line + "\n", format: .csv)
        #expect(set.candidates == names)
        #expect(try BallotFile.csvFields(line) == names)
    }
}
