import CoopCore
import Foundation

/// A line of the member register.
public struct RegisterRow: Codable, Sendable, Equatable {
    public let memberNumber: Int
    public let name: String
    public let classID: String
    public let shares: Int
    public let steward: Bool
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
    public let membershipID: UUID
    public let paymentID: UUID?
    public let name: String
    public let email: String
    public let classID: String
    /// What it waits for (``MembershipStatus/stewardWaitsFor(paymentPending:)``).
    public let status: String
    public let amount: String?
    public let method: String?
    public let reference: String?
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
        public let id: UUID
        public let amount: String
        public let shares: Int
        public let method: String
        public let reference: String
        public let status: String
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
    public let id: UUID
    public let status: String
    public let classID: String
    public let className: String
    public let memberNumber: Int?
    public let shares: Int
    public let steward: Bool
    public let shareCapital: String
    public let redemptionOwed: String
    public let amountDue: String?
    public let payments: [Payment]
    public let appliedAt: Date
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
