import FluentKit
import Foundation

/// A person's account.
public final class UserRecord: Model, @unchecked Sendable {
    public static let schema = "users"
    @ID(key: .id) public var id: UUID?
    @Field(key: "email") public var email: String
    @Field(key: "name") public var name: String
    @Field(key: "password_hash") public var passwordHash: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
    public init(email: String, name: String, passwordHash: String, createdAt: Date) {
        self.email = email
        self.name = name
        self.passwordHash = passwordHash
        self.createdAt = createdAt
    }
}

/// A person's application to, and membership of, the co-op.
public final class MembershipRecord: Model, @unchecked Sendable {
    public static let schema = "memberships"
    @ID(key: .id) public var id: UUID?
    @Field(key: "user_id") public var userID: UUID
    @Field(key: "class_id") public var classID: String
    @Field(key: "status") public var status: String
    @OptionalField(key: "member_number") public var memberNumber: Int?
    @Field(key: "shares") public var shares: Int
    @Field(key: "steward") public var steward: Bool
    @Field(key: "applied_at") public var appliedAt: Date
    @OptionalField(key: "admitted_at") public var admittedAt: Date?
    @OptionalField(key: "ended_at") public var endedAt: Date?

    public init() {}
    public init(userID: UUID, classID: String, status: String, appliedAt: Date) {
        self.userID = userID
        self.classID = classID
        self.status = status
        self.shares = 0
        self.steward = false
        self.appliedAt = appliedAt
    }
}

/// A payment recorded through the offline path, waiting for or having had a steward's confirmation.
public final class PaymentRecord: Model, @unchecked Sendable {
    public static let schema = "payments"
    @ID(key: .id) public var id: UUID?
    @Field(key: "membership_id") public var membershipID: UUID
    @Field(key: "amount") public var amount: Int64
    @Field(key: "currency") public var currency: String
    @Field(key: "shares") public var shares: Int
    @Field(key: "method") public var method: String
    @Field(key: "reference") public var reference: String
    @Field(key: "status") public var status: String
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "confirmed_at") public var confirmedAt: Date?
    @OptionalField(key: "confirmed_by") public var confirmedBy: UUID?
    @OptionalField(key: "transaction_id") public var transactionID: UUID?
    @OptionalField(key: "failure_reason") public var failureReason: String?
    @OptionalField(key: "failed_by") public var failedBy: UUID?

    public init() {}
}

/// A posted ledger transaction. Never updated (the database refuses); corrected by a reversal.
public final class LedgerTransactionRecord: Model, @unchecked Sendable {
    public static let schema = "ledger_transactions"
    @ID(key: .id) public var id: UUID?
    @Field(key: "kind") public var kind: String
    @Field(key: "memo") public var memo: String
    @Field(key: "posted_at") public var postedAt: Date
    @OptionalField(key: "reverses_id") public var reversesID: UUID?

    public init() {}
}

/// One posting of a ledger transaction.
public final class LedgerPostingRecord: Model, @unchecked Sendable {
    public static let schema = "ledger_postings"
    @ID(key: .id) public var id: UUID?
    @Field(key: "transaction_id") public var transactionID: UUID
    @Field(key: "account") public var account: String
    @Field(key: "amount") public var amount: Int64
    @Field(key: "currency") public var currency: String
    /// When its transaction was posted, in milliseconds since 1970 (the transaction's `posted_at`).
    @OptionalField(key: "posted_ms") public var postedMillis: Int64?

    public init() {}
}

/// One version of the bylaws, as the YAML text adopted.
public final class BylawsVersionRecord: Model, @unchecked Sendable {
    public static let schema = "bylaws_versions"
    @ID(key: .id) public var id: UUID?
    @Field(key: "version") public var version: Int
    @Field(key: "text") public var text: String
    @Field(key: "adopted_at") public var adoptedAt: Date
    @Field(key: "source") public var source: String

    public init() {}
}

/// A governed policy's current value.
public final class PolicyRecord: Model, @unchecked Sendable {
    public static let schema = "policies"
    @ID(custom: "key", generatedBy: .user) public var id: String?
    @OptionalField(key: "value_number") public var valueNumber: Int64?
    @OptionalField(key: "value_option") public var valueOption: String?
    @Field(key: "updated_at") public var updatedAt: Date

    public init() {}
}

/// One value a policy has had, and what set it (the bylaws at founding, or a proposal).
public final class PolicyChangeRecord: Model, @unchecked Sendable {
    public static let schema = "policy_changes"
    @ID(key: .id) public var id: UUID?
    @Field(key: "key") public var key: String
    @OptionalField(key: "value_number") public var valueNumber: Int64?
    @OptionalField(key: "value_option") public var valueOption: String?
    @Field(key: "changed_at") public var changedAt: Date
    @Field(key: "source") public var source: String
    @OptionalField(key: "proposal_id") public var proposalID: UUID?

    public init() {}
}

/// A stored link of the audit chain.
public final class AuditEntryRecord: Model, @unchecked Sendable {
    public static let schema = "audit_entries"
    @ID(custom: "sequence", generatedBy: .user) public var id: Int64?
    @Field(key: "at_millis") public var atMillis: Int64
    @Field(key: "kind") public var kind: String
    @Field(key: "payload") public var payload: String
    @Field(key: "previous_hash") public var previousHash: String
    @Field(key: "hash") public var hash: String

    public init() {}
}

/// A login attempt, kept to throttle guessing per account and per address.
public final class LoginAttemptRecord: Model, @unchecked Sendable {
    public static let schema = "login_attempts"
    @ID(key: .id) public var id: UUID?
    @Field(key: "key") public var key: String
    @Field(key: "at") public var at: Date
    @Field(key: "succeeded") public var succeeded: Bool

    public init() {}
    public init(key: String, at: Date, succeeded: Bool) {
        self.key = key
        self.at = at
        self.succeeded = succeeded
    }
}

/// A personal API token; only its SHA-256 is stored.
public final class APITokenRecord: Model, @unchecked Sendable {
    public static let schema = "api_tokens"
    @ID(key: .id) public var id: UUID?
    @Field(key: "user_id") public var userID: UUID
    @Field(key: "label") public var label: String
    @Field(key: "token_hash") public var tokenHash: String
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "last_used_at") public var lastUsedAt: Date?

    public init() {}
}
