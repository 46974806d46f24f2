import PropertyBased
import Testing

@testable import CoopCore

private func bp(_ value: Int64) -> Fraction { Fraction(basisPoints: value) }

private func rules(_ method: VotingMethod = .majority, quorum: Int64, threshold: Int64, timelock: Int = 48) -> ProposalRules {
    ProposalRules(
        method: method, quorum: bp(quorum), threshold: bp(threshold), discussionDays: 7, votingDays: 1, timelockHours: timelock,
        secret: true)
}

@Suite struct HandbookWordsTests {
    @Test func theWorkedExampleUsesTheIssuesNumbers() {
        // 40 members, quorum 50%: 20 must vote; two thirds of 20 is 13.33, so 14 yes votes pass.
        let text = HandbookWords.example(members: 40, rules: rules(quorum: 5_000, threshold: 6_667))
        #expect(
            text
                == "With 40 members, a quorum of 50% means 20 must vote; with a threshold of 66.67%, 14 of 20 yes votes pass it (more than 66.67% of those voting yes or no), 13 do not."
        )
    }

    @Test func aSimpleMajorityNeedsMoreThanHalfBecauseATieFails() {
        #expect(HandbookWords.yesNeeded(decided: 20, threshold: bp(5_000)) == 11)
        #expect(HandbookWords.yesNeeded(decided: 1, threshold: bp(5_000)) == 1)
        #expect(HandbookWords.yesNeeded(decided: 3, threshold: bp(5_000)) == 2)
        #expect(HandbookWords.yesNeeded(decided: 0, threshold: bp(5_000)) == nil)
        // 100%: yes must be more than all votes, which no count reaches.
        #expect(HandbookWords.yesNeeded(decided: 10, threshold: bp(10_000)) == nil)
        #expect(HandbookWords.example(members: 10, rules: rules(quorum: 5_000, threshold: 10_000)).contains("no number of yes votes"))
    }

    @Test func theQuorumRoundsUpAndNeverAsksForMoreThanEveryone() {
        #expect(HandbookWords.quorumBallots(members: 7, quorum: bp(5_000)) == 4)
        #expect(HandbookWords.quorumBallots(members: 1, quorum: bp(1)) == 1)
        #expect(HandbookWords.quorumBallots(members: 3, quorum: bp(10_000)) == 3)
        #expect(HandbookWords.quorumBallots(members: 0, quorum: bp(5_000)) == 0)
        #expect(HandbookWords.example(members: 5, rules: rules(quorum: 0, threshold: 5_000)).hasPrefix("With 5 members and no quorum"))
        #expect(HandbookWords.example(members: 0, rules: rules(quorum: 5_000, threshold: 5_000)).contains("nothing can pass"))
    }

    /// The handbook's numbers are the tally's: the least quorum meets it and one fewer does not;
    /// the least yes count passes and one fewer does not.
    @Test func theExampleArithmeticAgreesWithTheTally() async {
        await propertyCheck(
            input: Gen.int(in: 1...100_000), Gen.int64(in: 1...10_000), Gen.int64(in: 0...9_999)
        ) { members, quorum, threshold in
            let voters = HandbookWords.quorumBallots(members: members, quorum: bp(quorum))
            func outcome(ballots: Int, yes: Int) -> MajorityOutcome {
                MajorityOutcome(
                    yes: Int64(yes), no: Int64(ballots - yes), abstain: 0, eligible: Int64(members), quorum: bp(quorum),
                    threshold: bp(threshold))
            }
            #expect(outcome(ballots: voters, yes: voters).quorumMet)
            #expect(!outcome(ballots: voters - 1, yes: voters - 1).quorumMet)
            guard let yes = HandbookWords.yesNeeded(decided: voters, threshold: bp(threshold)) else {
                Issue.record("a threshold under 100% can always be met")
                return
            }
            #expect(outcome(ballots: voters, yes: yes).passed)
            #expect(!outcome(ballots: voters, yes: yes - 1).thresholdMet)
        }
    }

    @Test func methodsAndTimelinesAreInPlainWords() {
        #expect(HandbookWords.method(.majority).contains("yes, no or abstain"))
        for m in VotingMethod.allCases { #expect(!HandbookWords.method(m).isEmpty) }
        #expect(
            HandbookWords.timeline(rules(quorum: 1, threshold: 1))
                == "Members discuss it for 7 days, then voting opens for 1 day; if it passes, it takes effect 48 hours later, so members can see it coming."
        )
        #expect(HandbookWords.timeline(rules(quorum: 1, threshold: 1, timelock: 0)).hasSuffix("it takes effect at once."))
        #expect(HandbookWords.example(members: 12, rules: rules(.stv, quorum: 2_500, threshold: 0)).contains("3 must vote"))
    }

    @Test func theSurplusFormulaIsSaidClassByClass() {
        let formula = SurplusFormula(
            reserve: bp(3_000), patronage: bp(6_500), community: bp(500), classShares: ["worker": bp(7_000), "user": bp(3_000)],
            measures: ["worker": .earnings, "user": .spending], cashMinimum: bp(2_000))
        let classes = [
            StakeholderClass(
                id: "worker", name: "Worker-members", description: "",
                sharePrice: Money(minorUnits: 1_000, currency: Currency(code: "EUR")),
                sharesRequired: 1, admission: .steward)
        ]
        let lines = HandbookWords.surplus(formula, classes: classes)
        #expect(lines.first?.contains("30% goes to the indivisible reserve") == true)
        #expect(lines.contains("Worker-members receive 70% of the dividends, shared among them by what each member earned."))
        #expect(lines.last?.hasPrefix("At least 20% of each dividend is paid in cash") == true)
    }

    @Test func theVersionThatIntroducedARuleIsTheStartOfItsLastRun() {
        #expect(HandbookWords.introduced([1, 1, 2, 2]) == 2)
        #expect(HandbookWords.introduced([1, 1, 1]) == 0)
        #expect(HandbookWords.introduced([1, 2, 1]) == 2)
        #expect(HandbookWords.introduced([Int]()) == nil)
        #expect(HandbookWords.proposalNumber(fromSource: "proposal #12") == 12)
        #expect(HandbookWords.proposalNumber(fromSource: "founding") == nil)
        #expect(HandbookWords.proposalNumber(fromSource: "proposal #-3") == nil)
    }
}

@Suite struct TrainingRulesTests {
    @Test func onlyAPositiveNumberRequiresAModule() {
        #expect(TrainingRules.policyKey(category: "Cleaning") == "module_required_cleaning")
        #expect(TrainingRules.requiredModule(nil) == nil)
        #expect(TrainingRules.requiredModule(.number(0)) == nil)
        #expect(TrainingRules.requiredModule(.number(-4)) == nil)
        #expect(TrainingRules.requiredModule(.option("food")) == nil)
        #expect(TrainingRules.requiredModule(.number(Int64.max)) == nil)
        #expect(TrainingRules.requiredModule(.number(3)) == 3)
    }

    /// Whatever is required and whoever completed what, a worker may work only if nothing is
    /// required or they completed it.
    @Test func aWorkerWithoutTheRequiredModuleNeverMayWork() async {
        await propertyCheck(input: Gen.int64(in: -5...5), Gen.bool) { policy, completed in
            let required = TrainingRules.requiredModule(.number(policy))
            let may = TrainingRules.mayWork(requiredModule: required, completed: completed)
            #expect(may == (policy <= 0 || completed))
        }
    }
}
