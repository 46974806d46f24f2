/// The handbook's wording: the bylaws' rules said in plain words, with worked examples computed by
/// the same arithmetic the tally uses (``MajorityOutcome``), so the handbook cannot promise a
/// number the count would not honour.
public enum HandbookWords {
    /// What a kind of proposal does, as a heading: "Changing a policy".
    public static func kind(_ k: ProposalKind) -> String {
        switch k {
        case .policyChange: "Changing a policy"
        case .bylawAmendment: "Amending the bylaws"
        case .admission: "Admitting a member"
        case .election: "Electing the board"
        case .budget: "Spending the co-op's money"
        case .general: "General decisions"
        }
    }

    /// How a method counts, in a sentence a member reads once.
    public static func method(_ m: VotingMethod) -> String {
        switch m {
        case .majority:
            "Each member votes yes, no or abstain. Abstentions count toward the quorum but not toward the threshold."
        case .approval: "Each member approves as many options as they like; the most approved win."
        case .score: "Each member gives every option a score; the options with the highest total win."
        case .irv:
            "Each member ranks the options. The option with the fewest first choices is dropped and its ballots go to their next choice, until one option has more than half."
        case .stv:
            "Each member ranks the candidates. A candidate who reaches the quota is elected and the surplus of their votes passes on to the next choices; the last is dropped until every seat is filled."
        case .schulze:
            "Each member ranks the options. Every pair of options is compared; the option that beats every other, directly or through a chain of stronger wins, wins."
        }
    }

    /// Whether ballots are secret, in words.
    public static func ballot(secret: Bool) -> String {
        secret
            ? "The ballot is secret: nobody, stewards included, can see how you voted; your receipt lets you check your vote was counted."
            : "The vote is open: everyone can see how each member voted."
    }

    /// How an applicant to a class is admitted.
    public static func admission(_ rule: AdmissionRule) -> String {
        switch rule {
        case .automatic: "admitted as soon as the shares are paid"
        case .steward: "a steward decides, after the shares are paid"
        case .memberVote: "the members decide by a vote, after the shares are paid"
        }
    }

    /// What a class's patronage is measured by.
    public static func measure(_ m: PatronageMeasure) -> String {
        switch m {
        case .earnings: "by what each member earned"
        case .hours: "by the hours each member worked"
        case .spending: "by what each member spent"
        case .orders: "by the orders each member completed"
        }
    }

    /// A count with its noun: "1 day", "3 days", "no days" stays "0 days".
    public static func count(_ n: Int, _ one: String, _ many: String) -> String { "\(n) \(n == 1 ? one : many)" }

    /// The timeline of a kind's proposals: discussion, voting, and the wait before enactment.
    public static func timeline(_ r: ProposalRules) -> String {
        let discussion =
            r.discussionDays == 0
            ? "Voting opens at once"
            : "Members discuss it for \(count(r.discussionDays, "day", "days")), then voting opens"
        let wait =
            r.timelockHours == 0
            ? "if it passes, it takes effect at once"
            : "if it passes, it takes effect \(count(r.timelockHours, "hour", "hours")) later, so members can see it coming"
        return "\(discussion) for \(count(r.votingDays, "day", "days")); \(wait)."
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
    public static func example(members: Int, rules r: ProposalRules) -> String {
        let who = count(members, "member", "members")
        let voters = quorumBallots(members: members, quorum: r.quorum)
        let quorum =
            r.quorum.basisPoints == 0
            ? "With \(who) and no quorum, any number of votes counts"
            : "With \(who), a quorum of \(r.quorum) means \(voters) must vote"
        guard r.method == .majority else {
            return "\(quorum); then the count decides among the options as above."
        }
        let decided = max(voters, members > 0 ? 1 : 0)
        guard let yes = yesNeeded(decided: decided, threshold: r.threshold) else {
            return decided == 0
                ? "\(quorum); with no members yet, nothing can pass."
                : "\(quorum); with a threshold of \(r.threshold), no number of yes votes passes it: the bylaws must be amended first."
        }
        return
            "\(quorum); with a threshold of \(r.threshold), \(yes) of \(decided) yes votes pass it (more than \(r.threshold) of those voting yes or no), \(yes - 1) do not."
    }

    /// The surplus formula in sentences, class names looked up in `classes`.
    public static func surplus(_ f: SurplusFormula, classes: [StakeholderClass]) -> [String] {
        var lines = [
            "Of each year's surplus, \(f.reserve) goes to the indivisible reserve (never paid out to anyone), \(f.patronage) is returned to members as patronage dividends, and \(f.community) goes to the community fund."
        ]
        for c in classes {
            guard let share = f.classShares[c.id] else { continue }
            let by = f.measures[c.id].map { ", shared among them " + measure($0) } ?? ""
            lines.append("\(c.name) receive \(share) of the dividends\(by).")
        }
        lines.append(
            "At least \(f.cashMinimum) of each dividend is paid in cash; the rest is credited to the member's capital account.")
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
