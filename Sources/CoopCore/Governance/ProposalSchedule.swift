import Foundation

/// A step a proposal takes by its clock alone, with no one acting.
public enum ProposalStep: Sendable, Equatable {
    /// Discussion is over: voting opens.
    case open
    /// The vote's period is over: it closes and is counted.
    case close
    /// It passed and its timelock is over: it is carried out.
    case enact
}

extension ProposalStatus {
    /// The statuses a proposal can leave by its clock alone (the others are final).
    public static let scheduled: [ProposalStatus] = [.discussion, .voting, .passed]

    /// The step due at `now` for a proposal in this status with these times, if any: voting opens
    /// once discussion has run to `opensAt`, closes at `closesAt` (never before), and a passed
    /// proposal is enacted once its timelock, `enactAfter`, is over.
    public func dueStep(opensAt: Date, closesAt: Date, enactAfter: Date?, at now: Date) -> ProposalStep? {
        switch self {
        case .discussion where opensAt <= now: .open
        case .voting where closesAt <= now: .close
        case .passed where (enactAfter.map { $0 <= now } ?? false): .enact
        default: nil
        }
    }
}

extension BoardRules {
    /// When a term that begins at `seatedAt` ends: the bylaws' term in calendar months.
    public func termEnd(seatedAt: Date) -> Date {
        Calendar(identifier: .gregorian).date(byAdding: .month, value: termMonths, to: seatedAt) ?? seatedAt
    }
}
