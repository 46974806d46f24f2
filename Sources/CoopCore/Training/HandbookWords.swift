/// The handbook's wording: the bylaws' rules said in plain words, with worked examples computed by
/// the same arithmetic the tally uses (``MajorityOutcome``), so the handbook cannot promise a
/// number the count would not honour.
public enum HandbookWords {
    /// What a kind of proposal does, as a heading: "Changing a policy".
    public static func kind(_ k: ProposalKind) -> String { kindText(k).render(.source) }

    /// The same, in the reader's language.
    public static func kindText(_ k: ProposalKind) -> NoticeText {
        switch k {
        case .policyChange: NoticeText("Changing a policy")
        case .bylawAmendment: NoticeText("Amending the bylaws")
        case .admission: NoticeText("Admitting a member")
        case .election: NoticeText("Electing the board")
        case .budget: NoticeText("Spending the co-op's money")
        case .general: NoticeText("General decisions")
        }
    }

    /// How a method counts, in a sentence a member reads once.
    public static func method(_ m: VotingMethod) -> String { methodText(m).render(.source) }

    /// The same, in the reader's language.
    public static func methodText(_ m: VotingMethod) -> NoticeText {
        switch m {
        case .majority:
            NoticeText("Each member votes yes, no or abstain. Abstentions count toward the quorum but not toward the threshold.")
        case .approval: NoticeText("Each member approves as many options as they like; the most approved win.")
        case .score: NoticeText("Each member gives every option a score; the options with the highest total win.")
        case .irv:
            NoticeText(
                "Each member ranks the options. The option with the fewest first choices is dropped and its ballots go to their next choice, until one option has more than half."
            )
        case .stv:
            NoticeText(
                "Each member ranks the candidates. A candidate who reaches the quota is elected and the surplus of their votes passes on to the next choices; the last is dropped until every seat is filled."
            )
        case .schulze:
            NoticeText(
                "Each member ranks the options. Every pair of options is compared; the option that beats every other, directly or through a chain of stronger wins, wins."
            )
        }
    }

    /// Whether ballots are secret, in words.
    public static func ballot(secret: Bool) -> String { ballotText(secret: secret).render(.source) }

    /// The same, in the reader's language.
    public static func ballotText(secret: Bool) -> NoticeText {
        secret
            ? NoticeText(
                "The ballot is secret: nobody, stewards included, can see how you voted; your receipt lets you check your vote was counted."
            )
            : NoticeText("The vote is open: everyone can see how each member voted.")
    }

    /// How an applicant to a class is admitted.
    public static func admission(_ rule: AdmissionRule) -> String { admissionText(rule).render(.source) }

    /// The same, in the reader's language.
    public static func admissionText(_ rule: AdmissionRule) -> NoticeText {
        switch rule {
        case .automatic: NoticeText("admitted as soon as the shares are paid")
        case .steward: NoticeText("a steward decides, after the shares are paid")
        case .memberVote: NoticeText("the members decide by a vote, after the shares are paid")
        }
    }

    /// What a class's patronage is measured by.
    public static func measure(_ m: PatronageMeasure) -> String { measureText(m).render(.source) }

    /// The same, in the reader's language.
    public static func measureText(_ m: PatronageMeasure) -> NoticeText {
        switch m {
        case .earnings: NoticeText("by what each member earned")
        case .hours: NoticeText("by the hours each member worked")
        case .spending: NoticeText("by what each member spent")
        case .orders: NoticeText("by the orders each member completed")
        }
    }

    /// A count with its noun: "1 day", "3 days", "no days" stays "0 days".
    public static func count(_ n: Int, _ one: String, _ many: String) -> String { "\(n) \(n == 1 ? one : many)" }

    /// The timeline of a kind's proposals: discussion, voting, and the wait before enactment.
    public static func timeline(_ r: ProposalRules) -> String { timelineText(r).render(.source) }

    /// The same, in the reader's language.
    public static func timelineText(_ r: ProposalRules) -> NoticeText {
        let voting = NoticeText.Arg.notice(NoticeText.count("%d day", "%d days", r.votingDays))
        let wait: NoticeText =
            r.timelockHours == 0
            ? NoticeText("if it passes, it takes effect at once")
            : NoticeText(
                "if it passes, it takes effect %s later, so members can see it coming",
                .notice(NoticeText.count("%d hour", "%d hours", r.timelockHours)))
        guard r.discussionDays > 0 else { return NoticeText("Voting opens at once for %1$s; %2$s.", voting, .notice(wait)) }
        return NoticeText(
            "Members discuss it for %1$s, then voting opens for %2$s; %3$s.",
            .notice(NoticeText.count("%d day", "%d days", r.discussionDays)), voting, .notice(wait))
    }

    /// The least number of ballots that meets a quorum among `members` eligible members, as the
    /// tally counts it (`ballots × 10000 ≥ quorum × eligible`).
    public static func quorumBallots(members: Int, quorum: Fraction) -> Int {
        guard members > 0, quorum.basisPoints > 0 else { return 0 }
        let need = (Int64(members) * quorum.basisPoints + 9_999) / 10_000
        return Int(min(need, Int64(members)))
    }

    /// The least number of yes votes that passes a majority vote with `decided` yes-or-no votes,
    /// as the tally counts it (`yes × 10000 > threshold × (yes + no)`); nil when no number can
    /// (a threshold of 100% or more, or nobody voting).
    public static func yesNeeded(decided: Int, threshold: Fraction) -> Int? {
        guard decided > 0 else { return nil }
        let need = Int64(decided) * threshold.basisPoints / 10_000 + 1
        return need <= Int64(decided) ? Int(need) : nil
    }

    /// The worked example of a kind's rules with the co-op's real number of members: "With 40
    /// members, a quorum of 50% means 20 must vote; with a threshold of 66.67%, 14 of 20 yes
    /// votes pass it."
    public static func example(members: Int, rules r: ProposalRules) -> String { exampleText(members: members, rules: r).render(.source) }

    /// The same, in the reader's language.
    public static func exampleText(members: Int, rules r: ProposalRules) -> NoticeText {
        let who = NoticeText.Arg.notice(NoticeText.count("%d member", "%d members", members))
        let voters = quorumBallots(members: members, quorum: r.quorum)
        let quorum = NoticeText.Arg.notice(
            r.quorum.basisPoints == 0
                ? NoticeText("With %s and no quorum, any number of votes counts", who)
                : NoticeText(
                    "With %1$s, a quorum of %2$s means %3$d must vote", who, .percent(r.quorum.basisPoints), .number(Int64(voters))))
        guard r.method == .majority else {
            return NoticeText("%s; then the count decides among the options as above.", quorum)
        }
        let threshold = NoticeText.Arg.percent(r.threshold.basisPoints)
        let decided = max(voters, members > 0 ? 1 : 0)
        guard let yes = yesNeeded(decided: decided, threshold: r.threshold) else {
            return decided == 0
                ? NoticeText("%s; with no members yet, nothing can pass.", quorum)
                : NoticeText(
                    "%1$s; with a threshold of %2$s, no number of yes votes passes it: the bylaws must be amended first.", quorum, threshold
                )
        }
        return NoticeText(
            "%1$s; with a threshold of %2$s, %3$d of %4$d yes votes pass it (more than %5$s of those voting yes or no), %6$d do not.",
            quorum,
            threshold, .number(Int64(yes)), .number(Int64(decided)), threshold, .number(Int64(yes - 1)))
    }

    /// The surplus formula in sentences, class names looked up in `classes`.
    public static func surplus(_ f: SurplusFormula, classes: [StakeholderClass]) -> [String] {
        surplusText(f, classes: classes).map { $0.render(.source) }
    }

    /// The same, in the reader's language (class names as the bylaws write them).
    public static func surplusText(_ f: SurplusFormula, classes: [StakeholderClass]) -> [NoticeText] {
        var lines = [
            NoticeText(
                "Of each year's surplus, %1$s goes to the indivisible reserve (never paid out to anyone), %2$s is returned to members as patronage dividends, and %3$s goes to the community fund.",
                .percent(f.reserve.basisPoints), .percent(f.patronage.basisPoints), .percent(f.community.basisPoints))
        ]
        for c in classes {
            guard let share = f.classShares[c.id] else { continue }
            lines.append(
                f.measures[c.id].map {
                    NoticeText(
                        "%1$s receive %2$s of the dividends, shared among them %3$s.", .text(c.name), .percent(share.basisPoints),
                        .notice(measureText($0)))
                } ?? NoticeText("%1$s receive %2$s of the dividends.", .text(c.name), .percent(share.basisPoints)))
        }
        lines.append(
            NoticeText(
                "At least %s of each dividend is paid in cash; the rest is credited to the member's capital account.",
                .percent(f.cashMinimum.basisPoints)))
        return lines
    }

    /// The proposal number a bylaws version or policy change came from (`proposal #12` is 12), nil
    /// for founding and anything else.
    public static func proposalNumber(fromSource source: String) -> Int? {
        let prefix = "proposal #"
        guard source.hasPrefix(prefix), let n = Int(source.dropFirst(prefix.count)), n > 0 else { return nil }
        return n
    }

    /// Which version introduced the value in force: given every version's value oldest first,
    /// the index of the first version of the last unbroken run equal to the latest; nil if none.
    /// A rule amended away and back is credited to the amendment that brought it back.
    public static func introduced<T: Equatable>(_ values: [T]) -> Int? {
        guard var i = values.indices.last else { return nil }
        while i > 0 && values[i - 1] == values[i] { i -= 1 }
        return i
    }
}
