import Fluent
import Foundation

/// A person's account.
final class UserRecord: Model, @unchecked Sendable {
    static let schema = "users"
    @ID(key: .id) var id: UUID?
    @Field(key: "email") var email: String
    @Field(key: "name") var name: String
    @Field(key: "password_hash") var passwordHash: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
    init(email: String, name: String, passwordHash: String, createdAt: Date) {
        self.email = email
        self.name = name
        self.passwordHash = passwordHash
        self.createdAt = createdAt
    }
}

/// A person's application to, and membership of, the co-op.
final class MembershipRecord: Model, @unchecked Sendable {
    static let schema = "memberships"
    @ID(key: .id) var id: UUID?
    @Field(key: "user_id") var userID: UUID
    @Field(key: "class_id") var classID: String
    @Field(key: "status") var status: String
    @OptionalField(key: "member_number") var memberNumber: Int?
    @Field(key: "shares") var shares: Int
    @Field(key: "steward") var steward: Bool
    @Field(key: "applied_at") var appliedAt: Date
    @OptionalField(key: "admitted_at") var admittedAt: Date?
    @OptionalField(key: "ended_at") var endedAt: Date?

    init() {}
    init(userID: UUID, classID: String, status: String, appliedAt: Date) {
        self.userID = userID
        self.classID = classID
        self.status = status
        self.shares = 0
        self.steward = false
        self.appliedAt = appliedAt
    }
}

/// A payment recorded through the offline path, waiting for or having had a steward's confirmation.
final class PaymentRecord: Model, @unchecked Sendable {
    static let schema = "payments"
    @ID(key: .id) var id: UUID?
    @Field(key: "membership_id") var membershipID: UUID
    @Field(key: "amount") var amount: Int64
    @Field(key: "currency") var currency: String
    @Field(key: "shares") var shares: Int
    @Field(key: "method") var method: String
    @Field(key: "reference") var reference: String
    @Field(key: "status") var status: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "confirmed_at") var confirmedAt: Date?
    @OptionalField(key: "confirmed_by") var confirmedBy: UUID?
    @OptionalField(key: "transaction_id") var transactionID: UUID?
    @OptionalField(key: "failure_reason") var failureReason: String?
    @OptionalField(key: "failed_by") var failedBy: UUID?

    init() {}
}

/// A posted ledger transaction. Never updated (the database refuses); corrected by a reversal.
final class LedgerTransactionRecord: Model, @unchecked Sendable {
    static let schema = "ledger_transactions"
    @ID(key: .id) var id: UUID?
    @Field(key: "kind") var kind: String
    @Field(key: "memo") var memo: String
    @Field(key: "posted_at") var postedAt: Date
    @OptionalField(key: "reverses_id") var reversesID: UUID?

    init() {}
}

/// One posting of a ledger transaction.
final class LedgerPostingRecord: Model, @unchecked Sendable {
    static let schema = "ledger_postings"
    @ID(key: .id) var id: UUID?
    @Field(key: "transaction_id") var transactionID: UUID
    @Field(key: "account") var account: String
    @Field(key: "amount") var amount: Int64
    @Field(key: "currency") var currency: String
    /// When its transaction was posted, in milliseconds since 1970 (the transaction's `posted_at`).
    @OptionalField(key: "posted_ms") var postedMillis: Int64?

    init() {}
}

/// One version of the bylaws, as the YAML text adopted.
final class BylawsVersionRecord: Model, @unchecked Sendable {
    static let schema = "bylaws_versions"
    @ID(key: .id) var id: UUID?
    @Field(key: "version") var version: Int
    @Field(key: "text") var text: String
    @Field(key: "adopted_at") var adoptedAt: Date
    @Field(key: "source") var source: String

    init() {}
}

/// A governed policy's current value.
final class PolicyRecord: Model, @unchecked Sendable {
    static let schema = "policies"
    @ID(custom: "key", generatedBy: .user) var id: String?
    @OptionalField(key: "value_number") var valueNumber: Int64?
    @OptionalField(key: "value_option") var valueOption: String?
    @Field(key: "updated_at") var updatedAt: Date

    init() {}
}

/// One value a policy has had, and what set it (the bylaws at founding, or a proposal).
final class PolicyChangeRecord: Model, @unchecked Sendable {
    static let schema = "policy_changes"
    @ID(key: .id) var id: UUID?
    @Field(key: "key") var key: String
    @OptionalField(key: "value_number") var valueNumber: Int64?
    @OptionalField(key: "value_option") var valueOption: String?
    @Field(key: "changed_at") var changedAt: Date
    @Field(key: "source") var source: String
    @OptionalField(key: "proposal_id") var proposalID: UUID?

    init() {}
}

/// A stored link of the audit chain.
final class AuditEntryRecord: Model, @unchecked Sendable {
    static let schema = "audit_entries"
    @ID(custom: "sequence", generatedBy: .user) var id: Int64?
    @Field(key: "at_millis") var atMillis: Int64
    @Field(key: "kind") var kind: String
    @Field(key: "payload") var payload: String
    @Field(key: "previous_hash") var previousHash: String
    @Field(key: "hash") var hash: String

    init() {}
}

/// A login attempt, kept to throttle guessing per account and per address.
final class LoginAttemptRecord: Model, @unchecked Sendable {
    static let schema = "login_attempts"
    @ID(key: .id) var id: UUID?
    @Field(key: "key") var key: String
    @Field(key: "at") var at: Date
    @Field(key: "succeeded") var succeeded: Bool

    init() {}
    init(key: String, at: Date, succeeded: Bool) {
        self.key = key
        self.at = at
        self.succeeded = succeeded
    }
}

/// A personal API token; only its SHA-256 is stored.
final class APITokenRecord: Model, @unchecked Sendable {
    static let schema = "api_tokens"
    @ID(key: .id) var id: UUID?
    @Field(key: "user_id") var userID: UUID
    @Field(key: "label") var label: String
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "last_used_at") var lastUsedAt: Date?

    init() {}
}
