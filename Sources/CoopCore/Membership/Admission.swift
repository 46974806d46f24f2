/// Where an application to join stands.
public enum MembershipStatus: String, Sendable, Codable, CaseIterable {
    /// Applied; the required shares are not yet paid (confirmed).
    case awaitingPayment = "awaiting_payment"
    /// Paid; waiting for a steward's decision.
    case awaitingSteward = "awaiting_steward"
    /// Paid; waiting for a member vote (the governance issue brings the vote).
    case awaitingVote = "awaiting_vote"
    /// A member.
    case admitted
    /// Refused by a steward (shares paid are owed back).
    case rejected
    /// Withdrew; the share capital is owed back.
    case withdrawn

    /// Whether the person counts as a member.
    public var isMember: Bool { self == .admitted }
}

/// What follows once an applicant's shares are paid, under the class's admission rule.
public func statusAfterPayment(rule: AdmissionRule) -> MembershipStatus {
    switch rule {
    case .automatic: .admitted
    case .steward: .awaitingSteward
    case .memberVote: .awaitingVote
    }
}

/// What can go wrong with an application or membership.
public enum MembershipError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The bylaws define no stakeholder class with this id.
    case unknownClass(String)
    /// The person already has a membership or application, in this status.
    case alreadyApplied(status: MembershipStatus)
    /// The step needs the application in `expected` status, but it is in `actual`.
    case notAwaiting(expected: MembershipStatus, actual: MembershipStatus)
    /// The action is for admitted members only.
    case notAMember
    /// A payment does not match the required shares' price: what was expected and what was paid.
    case paymentAmount(expected: Money, actual: Money)

    /// One sentence for the applicant, `the payment is 10.00 EUR, the shares cost 25.00 EUR`.
    public var description: String { words.english }

    /// The same sentence as words to write in the reader's language.
    public var words: Words {
        switch self {
        case .unknownClass(let c): Words("there is no stakeholder class '%s'", .text(c))
        case .alreadyApplied(let s): Words("you already have a membership application (%s)", .notice(s.words))
        case .notAwaiting(let e, let a): Words("the application is %1$s, not %2$s", .notice(a.words), .notice(e.words))
        case .notAMember: Words("only an admitted member can do this")
        case .paymentAmount(let e, let a): Words("the payment is %1$s, the shares cost %2$s", .money(a), .money(e))
        }
    }
}
