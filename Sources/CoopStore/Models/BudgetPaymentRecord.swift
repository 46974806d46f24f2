import FluentKit
import Foundation

/// A payment against a budget the members approved.
public final class BudgetPaymentRecord: Model, @unchecked Sendable {
    /// The table.
    public static let schema = "budget_payments"
    /// The payment's id.
    @ID(key: .id) public var id: UUID?
    /// The budget proposal it pays.
    @Field(key: "proposal_id") public var proposalID: UUID
    /// The ledger transaction that paid it.
    @Field(key: "transaction_id") public var transactionID: UUID
    /// In minor units of the co-op's currency.
    @Field(key: "amount_minor") public var amountMinor: Int64
    /// What was paid for.
    @Field(key: "description") public var description: String
    /// When it was recorded.
    @Field(key: "paid_at") public var paidAt: Date
    /// The steward's user who recorded it.
    @Field(key: "recorded_by") public var recordedBy: UUID

    /// An empty record, for Fluent and for a new payment.
    public init() {}
}
