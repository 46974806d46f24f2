import CoopCore
import Foundation
import PropertyBased
import Testing

let lot = TieBreaker(seed: "test")

func ballots(_ candidates: [String], _ rows: [(Int64, String)]) -> BallotSet {
    var set = BallotSet(candidates: candidates)
    for (weight, ranking) in rows {
        try! set.append(names: ranking.split(separator: ",").map(String.init), weight: weight)
    }
    return set
}

@Suite struct InstantRunoffTests {
    @Test func aHandWorkedCount() throws {
        // Three candidates, 10 voters: A 4, B 3, C 3 (C's second choice is B). C is out; B wins 6-4.
        let set = ballots(["A", "B", "C"], [(4, "A"), (3, "B,A"), (3, "C,B")])
        let r = try instantRunoff(set, tieBreaker: lot)
        #expect(r.winners == ["B"])
        #expect(r.rounds.count == 2)
        #expect(r.rounds[0].eliminated == ["C"])
        #expect(r.ties.count == 1, "B and C tied on 3: C had no earlier round, so the lot decided")
        #expect(r.rounds[1].tally == ["A": "4", "B": "6"])
    }

    @Test func aTieForLastIsBrokenByTheEarlierRound() throws {
        // Round 1: A 5, B 4, C 3, D 2 → D out to C; round 2: A 5, B 4, C 5? Build B and C level later.
        let set = ballots(["A", "B", "C", "D"], [(6, "A"), (4, "B"), (3, "C"), (1, "D,C"), (1, "D,B")])
        let r = try instantRunoff(set, tieBreaker: lot)
        // After D goes, B and C have 5 and 4... B 5, C 4: no tie. Check the count is consistent instead.
        #expect(r.rounds[0].eliminated == ["D"])
        #expect(r.rounds[1].tally["B"] == "5" && r.rounds[1].tally["C"] == "4")
        #expect(r.ties.isEmpty)
    }

    @Test func earlierRoundDecidesBetweenCandidatesTiedNow() throws {
        // Round 1: A 7, B 4, C 3, D 1 → D out, its ballot to C. Round 2: B 4, C 4 tie; in round 1
        // C had fewer, so C goes.
        let set = ballots(["A", "B", "C", "D"], [(7, "A"), (4, "B"), (3, "C"), (1, "D,C")])
        let r = try instantRunoff(set, tieBreaker: lot)
        #expect(r.rounds[0].eliminated == ["D"])
        #expect(r.rounds[1].tally["B"] == "4" && r.rounds[1].tally["C"] == "4")
        #expect(r.rounds[1].eliminated == ["C"], "C had fewer votes in round 1")
        #expect(r.ties.contains { $0.rule == "earlier-round" && $0.chosen == "C" })
    }

    @Test func everyBallotIsCountedOnceInEveryRound() async {
        await propertyCheck(count: 200, input: randomElections(candidates: 2...7, ballots: 1...60)) { set in
            guard let r = try? instantRunoff(set, tieBreaker: lot) else { return }
            for round in r.rounds {
                let counted = round.tally.values.reduce(Int64(0)) { $0 + Int64($1)! } + Int64(round.exhausted)!
                #expect(counted == set.totalWeight)
            }
        }
    }

    @Test func theWinnerHoldsAMajorityOfContinuingBallotsInTheLastRound() async {
        await propertyCheck(count: 200, input: randomElections(candidates: 2...7, ballots: 1...60)) { set in
            guard let r = try? instantRunoff(set, tieBreaker: lot), let last = r.rounds.last else { return }
            let active = last.tally.values.reduce(Int64(0)) { $0 + Int64($1)! }
            let winner = Int64(last.tally[r.winners[0]]!)!
            // Either a strict majority of continuing ballots, or the last one standing.
            #expect(winner * 2 > active || last.tally.count == 1)
        }
    }
}

@Suite struct SchulzeTests {
    @Test func theWikipediaExample() throws {
        // The 45-voter example of the Schulze method's article: E wins, ranking E > A > C > B > D.
        let set = ballots(
            ["A", "B", "C", "D", "E"],
            [
                (5, "A,C,B,E,D"), (5, "A,D,E,C,B"), (8, "B,E,D,A,C"), (3, "C,A,B,E,D"), (7, "C,A,E,B,D"),
                (2, "C,B,A,D,E"), (7, "D,C,E,B,A"), (8, "E,B,A,D,C"),
            ])
        let r = try schulze(set, tieBreaker: lot)
        #expect(r.winners == ["E"])
        #expect(r.ranking == ["E", "A", "C", "B", "D"])
        #expect(r.pairwise?["A"]?["B"] == 20)
        #expect(r.strongestPaths?["E"]?["D"] == 31)
    }

    @Test func aCondorcetWinnerWinsSchulze() async {
        await propertyCheck(count: 300, input: randomElections(candidates: 2...6, ballots: 1...40)) { set in
            guard let r = try? schulze(set, tieBreaker: lot), let d = r.pairwise else { return }
            let names = set.candidates
            if let condorcet = names.first(where: { a in names.allSatisfy { b in a == b || d[a]![b]! > d[b]![a]! } }) {
                #expect(r.winners == [condorcet])
            }
        }
    }
}

@Suite struct STVTests {
    @Test func aSurplusTransfersAtItsTruncatedValue() throws {
        // 20 voters, 2 seats: quota 7. A has 12 (surplus 5): 8 A,B and 4 A,C move at 5/12 = 0.41666.
        let set = ballots(["A", "B", "C", "D"], [(8, "A,B"), (4, "A,C"), (5, "D"), (3, "C")])
        let r = try singleTransferableVote(set, options: STVOptions(seats: 2), tieBreaker: lot)
        #expect(r.quota == "7.00000")
        #expect(r.rounds[0].elected == ["A"])
        #expect(r.rounds[0].transferred == "A")
        #expect(r.rounds[1].tally == ["B": "3.33328", "C": "4.66664", "D": "5.00000"])
        #expect(r.winners == ["A", "D"])
    }

    @Test func continuingCandidatesFillTheLastSeats() throws {
        let set = ballots(["A", "B", "C"], [(5, "A"), (3, "B"), (2, "C")])
        let r = try singleTransferableVote(set, options: STVOptions(seats: 2), tieBreaker: lot)
        #expect(r.winners == ["A", "B"])
    }

    @Test func refusesMoreSeatsThanCandidates() {
        #expect(throws: TallyError.badSeats(seats: 4, candidates: 3)) {
            try singleTransferableVote(ballots(["A", "B", "C"], [(1, "A")]), options: STVOptions(seats: 4), tieBreaker: lot)
        }
    }

    @Test func aCountElectsExactlyTheSeats() async {
        await propertyCheck(count: 200, input: randomElections(candidates: 2...8, ballots: 1...50), Gen.int(in: 1...4)) { set, seats in
            let n = set.candidates.count
            let s = min(seats, n)
            guard let r = try? singleTransferableVote(set, options: STVOptions(seats: s), tieBreaker: lot) else {
                Issue.record("STV failed")
                return
            }
            #expect(r.winners.count == s)
            #expect(Set(r.winners).count == s)
        }
    }

    @Test func meekElectsExactlyTheSeatsToo() async {
        await propertyCheck(count: 60, input: randomElections(candidates: 2...6, ballots: 1...30), Gen.int(in: 1...3)) { set, seats in
            let s = min(seats, set.candidates.count)
            guard let r = try? singleTransferableVote(set, options: STVOptions(seats: s, meek: true), tieBreaker: lot) else {
                Issue.record("Meek failed")
                return
            }
            #expect(r.winners.count == s)
            #expect(Set(r.winners).count == s)
        }
    }
}

@Suite struct SingleRoundMethodTests {
    @Test func abstentionsCountTowardQuorumNotThreshold() {
        let q = Fraction(basisPoints: 2500)
        let half = Fraction(basisPoints: 5000)
        // 10 eligible; 1 yes, 0 no, 2 abstain: quorum (3 of 10 ≥ 25%) met, and 1 of 1 is a majority.
        #expect(MajorityOutcome(yes: 1, no: 0, abstain: 2, eligible: 10, quorum: q, threshold: half).passed)
        // 2 ballots of 10: no quorum.
        #expect(!MajorityOutcome(yes: 2, no: 0, abstain: 0, eligible: 10, quorum: q, threshold: half).quorumMet)
        // A tie is not a majority.
        #expect(!MajorityOutcome(yes: 3, no: 3, abstain: 0, eligible: 10, quorum: q, threshold: half).passed)
        // Two thirds exactly passes a 66.66% threshold.
        #expect(MajorityOutcome(yes: 2, no: 1, abstain: 0, eligible: 3, quorum: q, threshold: Fraction(basisPoints: 6666)).passed)
    }

    @Test func approvalAndScoreTotals() throws {
        let a = try approval(ballots(["A", "B", "C"], [(2, "A,B"), (1, "C"), (1, "B")]), seats: 1, tieBreaker: lot)
        #expect(a.winners == ["B"])
        #expect(a.totals == ["A": 2, "B": 3, "C": 1])
        let s = try score(
            [ScoreBallot(scores: [0: 5, 1: 2]), ScoreBallot(scores: [1: 4], weight: 2)], candidates: ["A", "B"], maxScore: 5,
            tieBreaker: lot)
        #expect(s.winners == ["B"])
        #expect(s.totals == ["A": 5, "B": 10])
        #expect(throws: TallyError.self) { try score([ScoreBallot(scores: [0: 6])], candidates: ["A"], maxScore: 5, tieBreaker: lot) }
    }

    @Test func theLotIsDeterministicAndReported() throws {
        let set = ballots(["A", "B"], [(1, "A"), (1, "B")])
        let one = try approval(set, tieBreaker: TieBreaker(seed: "x"))
        let two = try approval(set, tieBreaker: TieBreaker(seed: "x"))
        #expect(one.winners == two.winners)
        #expect(one.ties.first?.rule == "lot")
    }
}

/// Random ranked elections, for property tests.
func randomElections(candidates: ClosedRange<Int>, ballots: ClosedRange<Int>) -> Generator<BallotSet, Shrink.Integer<Int>> {
    Gen.int(in: 0...Int.max).map { seed -> BallotSet in
        var rng = SplitMix(seed: UInt64(truncatingIfNeeded: seed))
        let n = Int.random(in: candidates, using: &rng)
        let names = (0..<n).map { "C\($0)" }
        var set = BallotSet(candidates: names)
        for _ in 0..<Int.random(in: ballots, using: &rng) {
            let ranking = Array((0..<n).shuffled(using: &rng).prefix(Int.random(in: 0...n, using: &rng)))
            set.append(ranking, weight: Int64.random(in: 1...3, using: &rng))
        }
        return set
    }
}

struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
