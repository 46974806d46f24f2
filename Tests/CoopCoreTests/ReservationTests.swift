import CoopCore
import PropertyBased
import Testing

/// Seats reserved for a group of candidates (a board's seats reserved per class).
@Suite struct ReservationTests {
    @Test func theLastSeatGoesToTheReservedGroupAndTheOthersAreDoomed() throws {
        // 89 voters, 3 seats, quota 23. A (30) and B (25) are elected; one seat is left and the users
        // D and E still need it, so C (20) is doomed although ahead of both. E goes out; D wins.
        let set = ballots(["A", "B", "C", "D", "E"], [(30, "A,B"), (25, "B,C"), (20, "C,A"), (8, "D,C"), (6, "E,D")])
        let open = try singleTransferableVote(set, options: STVOptions(seats: 3), tieBreaker: lot)
        #expect(open.winners == ["A", "B", "C"])
        let users = Reservation(group: "user", seats: 1, candidates: ["D", "E"])
        let r = try singleTransferableVote(set, options: STVOptions(seats: 3, reservations: [users]), tieBreaker: lot)
        #expect(r.winners == ["A", "B", "D"])
        #expect(r.rounds[0].elected == ["A", "B"])
        #expect(r.rounds[0].eliminated == ["C"])
        #expect(r.rounds.flatMap(\.eliminated) == ["C", "E"])
    }

    @Test func aGroupsLastCandidateIsGuardedFromExclusion() throws {
        // 94 voters, 3 seats, quota 24. D, the only user, has the fewest votes but one seat is the
        // users': F, then E, then C are excluded instead, and D takes a seat.
        let set = ballots(["A", "B", "C", "D", "E", "F"], [(30, "A"), (20, "B"), (15, "C"), (5, "D"), (14, "E"), (10, "F")])
        let users = Reservation(group: "user", seats: 1, candidates: ["D"])
        let r = try singleTransferableVote(set, options: STVOptions(seats: 3, reservations: [users]), tieBreaker: lot)
        #expect(Set(r.winners) == ["A", "B", "D"])
        #expect(r.rounds.flatMap(\.eliminated) == ["F", "E", "C"])
    }

    @Test func aReservationLargerThanItsCandidatesIsCutToThem() throws {
        let set = ballots(["A", "B", "C", "D"], [(10, "A"), (9, "B"), (8, "C"), (1, "D")])
        let users = Reservation(group: "user", seats: 2, candidates: ["D"])
        let r = try singleTransferableVote(set, options: STVOptions(seats: 2, reservations: [users]), tieBreaker: lot)
        #expect(Set(r.winners) == ["A", "D"])
    }

    @Test func badReservationsAreRefused() {
        let set = ballots(["A", "B", "C"], [(1, "A")])
        #expect(throws: TallyError.unknownCandidate("Z")) {
            _ = try singleTransferableVote(
                set, options: STVOptions(seats: 1, reservations: [Reservation(group: "g", seats: 1, candidates: ["Z"])]), tieBreaker: lot)
        }
        #expect(throws: TallyError.self) {
            _ = try singleTransferableVote(
                set, options: STVOptions(seats: 1, meek: true, reservations: [Reservation(group: "g", seats: 1, candidates: ["B"])]),
                tieBreaker: lot)
        }
        #expect(throws: TallyError.self) {
            let two = [Reservation(group: "g", seats: 1, candidates: ["A"]), Reservation(group: "h", seats: 1, candidates: ["B"])]
            _ = try singleTransferableVote(set, options: STVOptions(seats: 1, reservations: two), tieBreaker: lot)
        }
    }

    @Test func approvalAndSchulzeFillTheReservedSeatsFromTheirOrder() throws {
        let rules = { (method: VotingMethod) in
            ProposalRules(
                method: method, quorum: Fraction(basisPoints: 0), threshold: Fraction(basisPoints: 5000), discussionDays: 1,
                votingDays: 1, timelockHours: 0, secret: true)
        }
        let users = Reservation(group: "user", seats: 1, candidates: ["D"])
        let names = ["A", "B", "C", "D"]
        let approvals: [BallotContent] = [.approvals(["A", "B"]), .approvals(["A", "C"]), .approvals(["A", "B", "C", "D"])]
        let frozen = FrozenRules(rules: rules(.approval), options: names, seats: 2, eligible: 3, seed: "s", reservations: [users])
        let outcome = try countProposal(approvals, rules: frozen)
        #expect(outcome.result.winners == ["A", "D"], "A (3) first; B or C (2) would leave no seat for D (1)")
        let rankings: [BallotContent] = [.ranking(["A", "B", "C", "D"]), .ranking(["B", "A", "C", "D"]), .ranking(["A", "C", "B", "D"])]
        let schulze = try countProposal(
            rankings, rules: FrozenRules(rules: rules(.schulze), options: names, seats: 2, eligible: 3, seed: "s", reservations: [users]))
        #expect(schulze.result.winners == ["A", "D"])
        let irv = try countProposal(
            rankings, rules: FrozenRules(rules: rules(.irv), options: names, seats: 1, eligible: 3, seed: "s", reservations: [users]))
        #expect(irv.result.winners == ["D"], "one seat, reserved: only D can fill it")
    }

    @Test func everyCountFillsTheSeatsAndTheReservations() async {
        await propertyCheck(count: 200, input: randomElections(candidates: 2...8, ballots: 1...50), Gen.int(in: 0...Int.max)) { set, pick in
            let n = set.candidates.count
            var rng = SplitMix(seed: UInt64(truncatingIfNeeded: pick))
            let seats = Int.random(in: 1...n, using: &rng)
            // Two groups from a shuffle; reservations that fit the seats.
            let shuffled = set.candidates.shuffled(using: &rng)
            let cut = Int.random(in: 0...n, using: &rng)
            let groups = [Array(shuffled[..<cut]), Array(shuffled[cut...])]
            let first = Int.random(in: 0...seats, using: &rng)
            let second = Int.random(in: 0...(seats - first), using: &rng)
            let reservations = [
                Reservation(group: "g", seats: first, candidates: groups[0]), Reservation(group: "h", seats: second, candidates: groups[1]),
            ]
            guard let r = try? singleTransferableVote(set, options: STVOptions(seats: seats, reservations: reservations), tieBreaker: lot)
            else {
                Issue.record("STV with reservations failed")
                return
            }
            #expect(r.winners.count == seats)
            #expect(Set(r.winners).count == seats)
            for (group, reservation) in zip(groups, reservations) {
                let won = r.winners.filter(group.contains).count
                #expect(won >= min(reservation.seats, group.count), "group \(reservation.group) short of its seats")
            }
        }
    }
}
