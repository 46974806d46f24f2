import CoopCore
import FluentKit
import Foundation

/// A member's request to be paid what the co-op owes them, and its payment.
public final class PayoutRecord: Model, @unchecked Sendable {
    /// The table.
    public static let schema = "payouts"
    /// The request's id.
    @ID(key: .id) public var id: UUID?
    /// The member to be paid.
    @Field(key: "membership_id") public var membershipID: UUID
    /// Asked for from their earnings payable, in minor units.
    @Field(key: "earnings_minor") public var earningsMinor: Int64
    /// Asked for from their cash dividends payable, in minor units.
    @Field(key: "dividends_minor") public var dividendsMinor: Int64
    /// The co-op's currency code.
    @Field(key: "currency") public var currency: String
    /// Requested, paid or cancelled.
    @Field(key: "status") public var status: PayoutStatus
    /// When the member asked.
    @Field(key: "requested_at") public var requestedAt: Date
    /// When a steward recorded it paid.
    @OptionalField(key: "paid_at") public var paidAt: Date?
    /// The steward's user who recorded it.
    @OptionalField(key: "paid_by") public var paidBy: UUID?
    /// How it was paid (`bank_transfer`, `cash`).
    @OptionalField(key: "method") public var method: String?
    /// The bank's or the steward's reference for it.
    @OptionalField(key: "reference") public var reference: String?
    /// The ledger transaction that paid it.
    @OptionalField(key: "ledger_transaction_id") public var ledgerTransactionID: UUID?

    /// What was asked for.
    public var amounts: Payout.Amounts { .init(earnings: earningsMinor, dividends: dividendsMinor) }

    /// An empty record, for Fluent and for a new request.
    public init() {}
}
