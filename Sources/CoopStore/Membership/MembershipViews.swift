import CoopCore
import Foundation

/// A line of the member register.
public struct RegisterRow: Codable, Sendable, Equatable {
    /// The member number (given on admission).
    public let memberNumber: Int
    /// The person's name.
    public let name: String
    /// The stakeholder class's id.
    public let classID: String
    /// Shares held (or paid for).
    public let shares: Int
    /// Whether the bylaws' steward role was given to them.
    public let steward: Bool
    /// When they were admitted.
    public let admittedAt: Date?

    /// A member as the register shows them.
    public init(memberNumber: Int, name: String, classID: String, shares: Int, steward: Bool, admittedAt: Date?) {
        self.memberNumber = memberNumber
        self.name = name
        self.classID = classID
        self.shares = shares
        self.steward = steward
        self.admittedAt = admittedAt
    }
}

/// An application or payment waiting in the steward's queue.
public struct QueueRow: Codable, Sendable, Equatable {
    /// The application's membership.
    public let membershipID: UUID
    /// The payment waiting for confirmation, if any.
    public let paymentID: UUID?
    /// The person's name.
    public let name: String
    /// The applicant's email.
    public let email: String
    /// The stakeholder class's id.
    public let classID: String
    /// What it waits for (``MembershipStatus/stewardWaitsFor(paymentPending:)``).
    public let status: String
    /// The amount, formatted in the co-op's currency.
    public let amount: String?
    /// How it was paid (cash, bank transfer...).
    public let method: String?
    /// The payer's reference.
    public let reference: String?
    /// Since when it waits.
    public let since: Date

    /// A line of the queue.
    public init(
        membershipID: UUID, paymentID: UUID?, name: String, email: String, classID: String, status: String, amount: String?,
        method: String?, reference: String?, since: Date
    ) {
        self.membershipID = membershipID
        self.paymentID = paymentID
        self.name = name
        self.email = email
        self.classID = classID
        self.status = status
        self.amount = amount
        self.method = method
        self.reference = reference
        self.since = since
    }
}

/// A person's membership as they see it.
public struct MembershipSummary: Codable, Sendable {
    /// A share payment they recorded.
    public struct Payment: Codable, Sendable {
        /// Its id.
        public let id: UUID
        /// The amount, formatted in the co-op's currency.
        public let amount: String
        /// Shares held (or paid for).
        public let shares: Int
        /// How it was paid (cash, bank transfer...).
        public let method: String
        /// The payer's reference.
        public let reference: String
        /// Where it stands.
        public let status: String
        /// When it was recorded.
        public let createdAt: Date

        /// A payment as its payer sees it.
        public init(id: UUID, amount: String, shares: Int, method: String, reference: String, status: String, createdAt: Date) {
            self.id = id
            self.amount = amount
            self.shares = shares
            self.method = method
            self.reference = reference
            self.status = status
            self.createdAt = createdAt
        }
    }
    /// Its id.
    public let id: UUID
    /// Where it stands.
    public let status: String
    /// The stakeholder class's id.
    public let classID: String
    /// The class's name.
    public let className: String
    /// The member number (given on admission).
    public let memberNumber: Int?
    /// Shares held (or paid for).
    public let shares: Int
    /// Whether the bylaws' steward role was given to them.
    public let steward: Bool
    /// The share capital they own, formatted.
    public let shareCapital: String
    /// What the co-op owes them back, formatted.
    public let redemptionOwed: String
    /// What is still to pay for the required shares, while the shares are unpaid.
    public let amountDue: String?
    /// Their share payments, newest first.
    public let payments: [Payment]
    /// When they applied.
    public let appliedAt: Date
    /// When they were admitted.
    public let admittedAt: Date?

    /// A membership as its holder sees it.
    public init(
        id: UUID, status: String, classID: String, className: String, memberNumber: Int?, shares: Int, steward: Bool,
        shareCapital: String, redemptionOwed: String, amountDue: String?, payments: [Payment], appliedAt: Date, admittedAt: Date?
    ) {
        self.id = id
        self.status = status
        self.classID = classID
        self.className = className
        self.memberNumber = memberNumber
        self.shares = shares
        self.steward = steward
        self.shareCapital = shareCapital
        self.redemptionOwed = redemptionOwed
        self.amountDue = amountDue
        self.payments = payments
        self.appliedAt = appliedAt
        self.admittedAt = admittedAt
    }
}
