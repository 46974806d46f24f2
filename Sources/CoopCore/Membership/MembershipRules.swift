extension MembershipStatus {
    /// Whether a person with a membership in this status may apply again: only after it ended,
    /// withdrawn or refused; one membership record a person, reused.
    public var mayApplyAgain: Bool { self == .withdrawn || self == .rejected }

    /// Whether the person holds or still seeks a membership (an application or a membership not
    /// ended): they are shown their membership rather than asked to apply.
    public var isCurrent: Bool { !mayApplyAgain }

    /// What a steward's queue shows an application waiting for, given whether a share payment of
    /// it waits for confirmation; nil when it waits for nobody but the applicant (no payment
    /// recorded yet), so it is not in the queue.
    public func stewardWaitsFor(paymentPending: Bool) -> String? {
        if paymentPending { return "payment_pending" }
        switch self {
        case .awaitingSteward, .awaitingVote: return rawValue
        default: return nil
        }
    }

    /// The statuses an application waits in, in a steward's queue or for a vote.
    public static let waiting: [MembershipStatus] = [.awaitingPayment, .awaitingSteward, .awaitingVote]
}

/// The next member number: one past the highest given so far, never reused.
public func nextMemberNumber(after last: Int?) -> Int { (last ?? 0) + 1 }

/// What a member's share capital owes them back when the membership ends: the account's credit
/// balance (negative in the ledger), in minor units; nothing for a zero or debit balance.
public func shareCapitalOwed(balance: Int64) -> Int64 { max(-balance, 0) }
