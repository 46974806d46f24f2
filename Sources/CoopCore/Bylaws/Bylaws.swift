/// A share of a whole, in basis points (1/10,000): exact, never floating point.
public struct Fraction: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// The share in basis points, 0 to 10,000 for a proper fraction.
    public let basisPoints: Int64

    /// Creates a fraction from basis points.
    public init(basisPoints: Int64) { self.basisPoints = basisPoints }

    /// The whole.
    public static let one = Fraction(basisPoints: 10_000)

    /// Parses `0.5`, `0.6667`, `50%` or `66.67%` exactly.
    public static func parse(_ text: String) throws(MoneyError) -> Fraction {
        let trimmed = text.filter { $0 != " " }
        if trimmed.hasSuffix("%") {
            return Fraction(basisPoints: try Money.parseFixed(String(trimmed.dropLast()), digits: 2))
        }
        return Fraction(basisPoints: try Money.parseFixed(trimmed, digits: 4))
    }

    /// Orders by basis points: the smaller share first.
    public static func < (a: Fraction, b: Fraction) -> Bool { a.basisPoints < b.basisPoints }

    /// As a percentage: `66.67%`.
    public var description: String {
        var text = Money.format(basisPoints, digits: 2)
        while text.hasSuffix("0") && text.contains(".") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text + "%"
    }
}

/// How an applicant to a class becomes a member.
public enum AdmissionRule: String, Sendable, Codable, CaseIterable {
    /// Admitted as soon as the required shares are paid.
    case automatic
    /// A steward decides, after the shares are paid.
    case steward
    /// The members decide by a vote (arrives with governance; until then applications wait).
    case memberVote = "member_vote"
}

/// A stakeholder class of members: workers, users, supporters...
public struct StakeholderClass: Hashable, Sendable, Codable {
    /// Short identifier used in the bylaws and URLs (`worker`).
    public let id: String
    /// Display name (`Worker-members`).
    public let name: String
    /// What membership of this class means.
    public let description: String
    /// Price of one share.
    public let sharePrice: Money
    /// Shares a member of this class must hold.
    public let sharesRequired: Int
    /// How applicants are admitted.
    public let admission: AdmissionRule

    /// The amount an applicant pays for the required shares.
    public var requiredPayment: Money {
        // Validation bounds price and count, so this does not overflow.
        (try? sharePrice.times(sharesRequired)) ?? sharePrice
    }
}

/// Voting methods a kind of proposal can use.
public enum VotingMethod: String, Sendable, Codable, CaseIterable {
    /// `majority`: yes, no or abstain against a quorum and threshold; `approval`: the most approved win; `score`: the highest
    /// total scores win; `irv`: instant-runoff, one seat; `stv`: single transferable vote, several seats; `schulze`: ranked,
    /// by strongest pairwise paths.
    case majority, approval, score, irv, stv, schulze
}

/// Kinds of proposal the bylaws give rules for.
public enum ProposalKind: String, Sendable, Codable, CaseIterable {
    /// Sets a governed policy to a new value within its bounds.
    case policyChange = "policy_change"
    /// Replaces the bylaws with a new version.
    case bylawAmendment = "bylaw_amendment"
    /// Admits an applicant to a class whose admission rule is a member vote.
    case admission
    /// Elects members to the board's seats.
    case election
    /// Spends the co-op's money: a payment, or a period's surplus allocation.
    case budget
    /// A non-binding decision or idea; changes nothing on the platform.
    case general
}

/// The rules a kind of proposal is decided by; frozen into a proposal when its vote opens.
public struct ProposalRules: Hashable, Sendable, Codable {
    /// How the ballots are counted.
    public let method: VotingMethod
    /// Share of eligible members who must take part.
    public let quorum: Fraction
    /// Share of the counted votes needed to pass (majority method).
    public let threshold: Fraction
    /// Days of discussion before voting opens, 0 to 365 (0: voting opens at once).
    public let discussionDays: Int
    /// Days voting stays open, 1 to 365.
    public let votingDays: Int
    /// Hours a passed proposal waits before it is enacted, 0 to 8760.
    public let timelockHours: Int
    /// Secret ballot (true) or open, named voting.
    public let secret: Bool

    /// Creates rules from values already checked; ``Bylaws/validate(_:)`` enforces the bounds.
    public init(
        method: VotingMethod, quorum: Fraction, threshold: Fraction, discussionDays: Int, votingDays: Int, timelockHours: Int,
        secret: Bool
    ) {
        self.method = method
        self.quorum = quorum
        self.threshold = threshold
        self.discussionDays = discussionDays
        self.votingDays = votingDays
        self.timelockHours = timelockHours
        self.secret = secret
    }
}

/// The board: seats, terms, seats reserved per class, and how it is elected.
public struct BoardRules: Hashable, Sendable, Codable {
    /// Seats on the board, 1 to 99.
    public let seats: Int
    /// Months a board member serves, 1 to 120.
    public let termMonths: Int
    /// Seats reserved for members of a class, by class id.
    public let reserved: [String: Int]
    /// How board elections are counted.
    public let method: VotingMethod
}

/// What a class's patronage is measured by.
public enum PatronageMeasure: String, Sendable, Codable, CaseIterable {
    /// `earnings`: a worker's earnings, in minor units; `hours`: minutes worked on completed orders; `spending`: what a
    /// customer paid for completed orders, in minor units; `orders`: completed orders, as worker or customer.
    case earnings, hours, spending, orders
}

/// How a period's surplus is divided; locked to a fiscal period when it opens.
public struct SurplusFormula: Hashable, Sendable, Codable {
    /// Share kept in the indivisible reserve.
    public let reserve: Fraction
    /// Share returned as patronage dividends.
    public let patronage: Fraction
    /// Share given to a community fund.
    public let community: Fraction
    /// Split of the patronage pool among classes, by class id; sums to the whole.
    public let classShares: [String: Fraction]
    /// Each class's patronage measure, by class id.
    public let measures: [String: PatronageMeasure]
    /// Least share of a dividend paid in cash; the rest is credited to capital accounts.
    public let cashMinimum: Fraction
}

/// How fiscal periods run: their length, and whether Coop closes one by itself when it ends.
public struct FiscalRules: Hashable, Sendable, Codable {
    /// Months in a fiscal period.
    public let periodMonths: Int
    /// Coop closes a period by itself when it ends (`close: schedule`); otherwise a steward does.
    public let closesOnSchedule: Bool

    /// Creates fiscal rules; validation keeps `periodMonths` within 1 to 24.
    public init(periodMonths: Int, closesOnSchedule: Bool) {
        self.periodMonths = periodMonths
        self.closesOnSchedule = closesOnSchedule
    }
}

/// A founder: gets an account, membership in a class, and (if so) the steward role at founding.
public struct Founder: Hashable, Sendable, Codable {
    /// The founder's name.
    public let name: String
    /// The founder's email, lower-cased; unique among founders.
    public let email: String
    /// The id of the stakeholder class the founder joins.
    public let classID: String
    /// Whether the founder holds the steward role from founding.
    public let steward: Bool
}

/// The co-op's bylaws, validated. Built by ``Bylaws/validate(_:)`` from a ``BylawsDocument``.
public struct Bylaws: Hashable, Sendable, Codable {
    /// The co-op's name.
    public let name: String
    /// What the co-op is for, in its own words.
    public let purpose: String
    /// The one currency every amount of the co-op is in.
    public let currency: Currency
    /// The stakeholder classes, at least one, with unique ids.
    public let classes: [StakeholderClass]
    /// The founders; at least one is a steward.
    public let founders: [Founder]
    /// The rules for each kind of proposal; every kind has an entry.
    public let proposals: [ProposalKind: ProposalRules]
    /// The board's seats, terms, reservations and election method.
    public let board: BoardRules
    /// How each fiscal period's surplus is divided.
    public let surplus: SurplusFormula
    /// Fiscal periods' length and closing, from the `surplus` section.
    public let fiscal: FiscalRules
    /// The governed policies, with their initial values and bounds; includes every policy the platform requires.
    public let policies: [PolicyDefinition]
    /// The marketplace's categories (ids such as `cleaning`), in the order pages show them.
    public let categories: [String]
    /// The co-op's IANA time zone, members' default; nil (UTC) for bylaws written before there was one.
    public var timezone: String? = nil

    /// The co-op's default language; nil (English) for bylaws that name none.
    public var language: Language? = nil

    /// The co-op's time zone's identifier: its own, or `UTC`.
    public var timeZoneID: String { timezone ?? "UTC" }

    /// The co-op's own areas (named places with a centre), in the order pages show them; none
    /// when the bylaws predate areas (listings then have no place until an amendment names some).
    public var areas: [Area] = []

    /// Categories for bylaws that name none.
    public static let defaultCategories = ["cleaning", "delivery", "repairs", "care", "tutoring", "crafts", "food"]

    /// The class with an id, if the bylaws define it.
    public func stakeholderClass(_ id: String) -> StakeholderClass? { classes.first { $0.id == id } }

    /// The definition of a governed policy, if the bylaws define it.
    public func policy(_ key: String) -> PolicyDefinition? { policies.first { $0.key == key } }
}
