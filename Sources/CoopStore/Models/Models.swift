import CoopCore
import FluentKit
import Foundation

/// A person's account.
public final class UserRecord: Model, @unchecked Sendable {
    /// The table.
    public static let schema = "users"
    /// The user's id.
    @ID(key: .id) public var id: UUID?
    /// The login email, unique.
    @Field(key: "email") public var email: String
    /// The name shown to other members.
    @Field(key: "name") public var name: String
    /// The password's hash (never the password).
    @Field(key: "password_hash") public var passwordHash: String
    /// When the account was made.
    @Field(key: "created_at") public var createdAt: Date
    /// The language the person chose (`es`), or nil when they have not.
    @OptionalField(key: "language") public var language: String?

    /// An empty record, for Fluent.
    public init() {}
    /// A new account.
    public init(email: String, name: String, passwordHash: String, createdAt: Date) {
        self.email = email
        self.name = name
        self.passwordHash = passwordHash
        self.createdAt = createdAt
    }
}

/// A person's application to, and membership of, the co-op.
public final class MembershipRecord: Model, @unchecked Sendable {
    /// The table.
    public static let schema = "memberships"
    /// The membership's id.
    @ID(key: .id) public var id: UUID?
    /// The user who applied; one membership per user.
    @Field(key: "user_id") public var userID: UUID
    /// The member class in the bylaws (`worker`, `consumer`...).
    @Field(key: "class_id") public var classID: String
    /// Where the application or membership stands.
    @Field(key: "status") public var status: MembershipStatus
    /// The member number, unique; nil until admitted.
    @OptionalField(key: "member_number") public var memberNumber: Int?
    /// Shares held (confirmed payments only).
    @Field(key: "shares") public var shares: Int
    /// Whether the member is a steward.
    @Field(key: "steward") public var steward: Bool
    /// When the person applied.
    @Field(key: "applied_at") public var appliedAt: Date
    /// When the person was admitted; nil before.
    @OptionalField(key: "admitted_at") public var admittedAt: Date?
    /// When the membership ended (withdrawn, rejected); nil while it lasts.
    @OptionalField(key: "ended_at") public var endedAt: Date?

    /// An empty record, for Fluent.
    public init() {}
    /// A new application, with no shares and no stewardship.
    public init(userID: UUID, classID: String, status: MembershipStatus, appliedAt: Date) {
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
    /// The table.
    public static let schema = "payments"
    /// The payment's id.
    @ID(key: .id) public var id: UUID?
    /// The membership the shares are for.
    @Field(key: "membership_id") public var membershipID: UUID
    /// The amount, in minor units of `currency`.
    @Field(key: "amount") public var amount: Int64
    /// The ISO 4217 code of the amount's currency.
    @Field(key: "currency") public var currency: String
    /// How many shares it buys.
    @Field(key: "shares") public var shares: Int
    /// How the member says they paid (`bank_transfer`...).
    @Field(key: "method") public var method: String
    /// The member's reference for the payment; erased on a request for erasure.
    @Field(key: "reference") public var reference: String
    /// Pending, confirmed by a steward, or failed.
    @Field(key: "status") public var status: SharePaymentStatus
    /// When it was recorded.
    @Field(key: "created_at") public var createdAt: Date
    /// When a steward confirmed it; nil unless confirmed.
    @OptionalField(key: "confirmed_at") public var confirmedAt: Date?
    /// The steward's user who confirmed it; nil unless confirmed.
    @OptionalField(key: "confirmed_by") public var confirmedBy: UUID?
    /// The ledger transaction that posted it; nil unless confirmed.
    @OptionalField(key: "transaction_id") public var transactionID: UUID?
    /// Why it failed; nil unless failed.
    @OptionalField(key: "failure_reason") public var failureReason: String?
    /// The steward's user who marked it failed; nil unless failed.
    @OptionalField(key: "failed_by") public var failedBy: UUID?

    /// An empty record, for Fluent.
    public init() {}
}

/// A posted ledger transaction. Never updated (the database refuses); corrected by a reversal.
public final class LedgerTransactionRecord: Model, @unchecked Sendable {
    /// The table.
    public static let schema = "ledger_transactions"
    /// The transaction's id.
    @ID(key: .id) public var id: UUID?
    /// What kind of movement it is (`share-purchase`, `reversal`...), an open set.
    @Field(key: "kind") public var kind: String
    /// Its memo, in words.
    @Field(key: "memo") public var memo: String
    /// When it was posted.
    @Field(key: "posted_at") public var postedAt: Date
    /// The transaction it reverses; nil for any other.
    @OptionalField(key: "reverses_id") public var reversesID: UUID?

    /// An empty record, for Fluent.
    public init() {}
}

/// One posting of a ledger transaction.
public final class LedgerPostingRecord: Model, @unchecked Sendable {
    /// The table.
    public static let schema = "ledger_postings"
    /// The posting's id.
    @ID(key: .id) public var id: UUID?
    /// The transaction it belongs to.
    @Field(key: "transaction_id") public var transactionID: UUID
    /// The account's code (``Account/code``).
    @Field(key: "account") public var account: String
    /// The amount in minor units: positive debits, negative credits.
    @Field(key: "amount") public var amount: Int64
    /// The ISO 4217 code of the amount's currency.
    @Field(key: "currency") public var currency: String
    /// When its transaction was posted, in milliseconds since 1970 (the transaction's `posted_at`).
    @OptionalField(key: "posted_ms") public var postedMillis: Int64?

    /// An empty record, for Fluent.
    public init() {}
}

/// One version of the bylaws, as the YAML text adopted.
public final class BylawsVersionRecord: Model, @unchecked Sendable {
    /// The table.
    public static let schema = "bylaws_versions"
    /// The version's id.
    @ID(key: .id) public var id: UUID?
    /// The version number, from 1, unique.
    @Field(key: "version") public var version: Int
    /// The bylaws' YAML text as adopted.
    @Field(key: "text") public var text: String
    /// When it was adopted.
    @Field(key: "adopted_at") public var adoptedAt: Date
    /// What adopted it: `founding`, or `proposal #N`.
    @Field(key: "source") public var source: String

    /// An empty record, for Fluent.
    public init() {}
}

/// A governed policy's current value.
public final class PolicyRecord: Model, @unchecked Sendable {
    /// The table.
    public static let schema = "policies"
    /// The policy's key (``PolicyKey``'s raw value).
    @ID(custom: "key", generatedBy: .user) public var id: String?
    /// The value of a numeric policy, in the policy's own unit (basis points, minor units, hours...); nil for an option.
    @OptionalField(key: "value_number") public var valueNumber: Int64?
    /// The value of an option policy; nil for a numeric one.
    @OptionalField(key: "value_option") public var valueOption: String?
    /// When the value was last set.
    @Field(key: "updated_at") public var updatedAt: Date

    /// An empty record, for Fluent.
    public init() {}
}

/// One value a policy has had, and what set it (the bylaws at founding, or a proposal).
public final class PolicyChangeRecord: Model, @unchecked Sendable {
    /// The table.
    public static let schema = "policy_changes"
    /// The change's id.
    @ID(key: .id) public var id: UUID?
    /// The policy's key (``PolicyKey``'s raw value).
    @Field(key: "key") public var key: String
    /// The numeric value set, as in ``PolicyRecord/valueNumber``; nil for an option.
    @OptionalField(key: "value_number") public var valueNumber: Int64?
    /// The option set; nil for a numeric value.
    @OptionalField(key: "value_option") public var valueOption: String?
    /// When it was set.
    @Field(key: "changed_at") public var changedAt: Date
    /// What set it, in words: `bylaws v1 (founding)` or `proposal #N`.
    @Field(key: "source") public var source: String
    /// The proposal that set it; nil when the bylaws did.
    @OptionalField(key: "proposal_id") public var proposalID: UUID?

    /// An empty record, for Fluent.
    public init() {}
}

/// A stored link of the audit chain.
public final class AuditEntryRecord: Model, @unchecked Sendable {
    /// The table.
    public static let schema = "audit_entries"
    /// The link's place in the chain, from 1.
    @ID(custom: "sequence", generatedBy: .user) public var id: Int64?
    /// When it happened, in milliseconds since 1970.
    @Field(key: "at_millis") public var atMillis: Int64
    /// The event's kind (`founded`, `member.admitted`...), an open set.
    @Field(key: "kind") public var kind: String
    /// The event's payload, as canonical JSON.
    @Field(key: "payload") public var payload: String
    /// The previous link's hash, hex.
    @Field(key: "previous_hash") public var previousHash: String
    /// This link's hash, hex.
    @Field(key: "hash") public var hash: String

    /// An empty record, for Fluent.
    public init() {}
}

/// A login attempt, kept to throttle guessing per account and per address.
public final class LoginAttemptRecord: Model, @unchecked Sendable {
    /// The table.
    public static let schema = "login_attempts"
    /// The attempt's id.
    @ID(key: .id) public var id: UUID?
    /// What it counts against: `account:<email>`, `address:<ip>` or `signup:<ip>`.
    @Field(key: "key") public var key: String
    /// When it was made.
    @Field(key: "at") public var at: Date
    /// Whether it succeeded.
    @Field(key: "succeeded") public var succeeded: Bool

    /// An empty record, for Fluent.
    public init() {}
    /// A new attempt.
    public init(key: String, at: Date, succeeded: Bool) {
        self.key = key
        self.at = at
        self.succeeded = succeeded
    }
}

/// A personal API token; only its SHA-256 is stored.
public final class APITokenRecord: Model, @unchecked Sendable {
    /// The table.
    public static let schema = "api_tokens"
    /// The token's id.
    @ID(key: .id) public var id: UUID?
    /// The user it acts for.
    @Field(key: "user_id") public var userID: UUID
    /// The user's label for it.
    @Field(key: "label") public var label: String
    /// The token's SHA-256, hex, unique.
    @Field(key: "token_hash") public var tokenHash: String
    /// When it was made.
    @Field(key: "created_at") public var createdAt: Date
    /// When it was last used; nil if never.
    @OptionalField(key: "last_used_at") public var lastUsedAt: Date?

    /// An empty record, for Fluent.
    public init() {}
}

/// A translation of one version of the bylaws into another language; never binding.
public final class BylawsTranslationRecord: Model, @unchecked Sendable {
    /// The table.
    public static let schema = "bylaws_translations"
    /// The row's id.
    @ID(key: .id) public var id: UUID?
    /// The version of the bylaws it translates.
    @Field(key: "version") public var version: Int
    /// Its language (`es`).
    @Field(key: "language") public var language: String
    /// The translated YAML text.
    @Field(key: "text") public var text: String
    /// The steward's user who added it.
    @Field(key: "added_by") public var addedBy: UUID
    /// When.
    @Field(key: "added_at") public var addedAt: Date

    /// An empty record, for Fluent.
    public init() {}
}
