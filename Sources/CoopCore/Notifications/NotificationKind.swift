import Foundation

/// What a member is told about: something to act on or something they would want to know.
public enum NotificationKind: String, Sendable, Codable, CaseIterable {
    /// An order of one of the worker's listings waits for them to accept or decline it.
    case orderToAccept = "order_to_accept"
    /// The dispatcher offered the worker a job; the offer expires.
    case jobOffered = "job_offered"
    /// The other party of an order wrote a message on it.
    case message
    /// A payment for an order was confirmed.
    case paymentConfirmed = "payment_confirmed"
    /// Voting opened on a proposal.
    case votingOpened = "voting_opened"
    /// A vote the member has not voted in closes within 24 hours.
    case voteClosing = "vote_closing"
    /// A vote was counted: its result.
    case result
    /// A patronage dividend was posted to the member.
    case dividend
    /// A general assembly was convened: when, where and its agenda.
    case assemblyConvened = "assembly_convened"

    /// The kind's name in settings and digests.
    public var label: String {
        switch self {
        case .orderToAccept: "An order to accept"
        case .jobOffered: "A job offered to you"
        case .message: "A message on an order"
        case .paymentConfirmed: "A payment confirmed"
        case .votingOpened: "Voting opened on a proposal"
        case .voteClosing: "A vote closing within 24 hours that you have not voted in"
        case .result: "The result of a vote"
        case .dividend: "A dividend posted to you"
        case .assemblyConvened: "A general assembly convened"
        }
    }

    /// Notices of a vote, of its result and of a general assembly, which the bylaws require every member be given:
    /// their channel may change, but they cannot be turned off.
    public var isRequired: Bool { self == .votingOpened || self == .result || self == .assemblyConvened }

    /// Kinds asking the member to act, by a deadline: by mail at once unless they chose otherwise.
    public var asksToAct: Bool { [.orderToAccept, .jobOffered, .message, .votingOpened, .voteClosing, .assemblyConvened].contains(self) }

    /// The channel used when the member has not chosen one.
    public var defaultChoice: MailChoice { asksToAct ? .immediate : .digest }
}

/// How a member receives one kind of notification by e-mail. In the app every notification is
/// listed whatever the choice.
public enum MailChoice: String, Sendable, Codable, CaseIterable {
    /// One mail per notification, as soon as the scheduler sends it.
    case immediate
    /// Gathered into one mail a day.
    case digest
    /// No mail.
    case never

    /// The choice's name in settings.
    public var label: String {
        switch self {
        case .immediate: "At once"
        case .digest: "Daily digest"
        case .never: "Never"
        }
    }
}

/// The rules of members' mail choices.
public enum NotificationRules {
    /// The choice in force for `kind`: the stored one if any (a required kind is never off, even
    /// if a stored row says so), else the kind's default.
    public static func choice(for kind: NotificationKind, stored: MailChoice?) -> MailChoice {
        guard let stored else { return kind.defaultChoice }
        if stored == .never && kind.isRequired { return kind.defaultChoice }
        return stored
    }

    /// Checks a choice a member asks for; a required kind cannot be turned off.
    public static func check(_ choice: MailChoice, for kind: NotificationKind) throws(CoopError) {
        if choice == .never && kind.isRequired {
            throw CoopError.invalid(
                Words("%s: the bylaws require this notice; choose at once or the daily digest.", .notice(kind.words)))
        }
    }
}
