import CoopCore
import FluentKit
import Foundation

/// A payment of an order through a gateway: pending until confirmed, settled, or failed.
public final class OrderPaymentRecord: Model, @unchecked Sendable {
    /// The table.
    public static let schema = "order_payments"
    /// The payment's id.
    @ID(key: .id) public var id: UUID?
    /// The order it pays.
    @Field(key: "order_id") public var orderID: UUID
    /// The gateway that took it (`offline`...).
    @Field(key: "gateway") public var gateway: String
    /// How the customer paid, as the gateway names it (`bank_transfer`...).
    @Field(key: "method") public var method: String
    /// The gateway's reference for it.
    @Field(key: "reference") public var reference: String
    /// The amount, in minor units of the co-op's currency: the order's price.
    @Field(key: "amount_minor") public var amountMinor: Int64
    /// Pending, settled, or failed.
    @Field(key: "status") public var status: OrderPaymentStatus
    /// When it was recorded.
    @Field(key: "created_at") public var createdAt: Date
    /// When the money arrived; nil unless settled.
    @OptionalField(key: "settled_at") public var settledAt: Date?
    /// The steward's user who confirmed it; nil when the gateway settled it or it is not settled.
    @OptionalField(key: "confirmed_by") public var confirmedBy: UUID?
    /// Why it failed; nil unless failed.
    @OptionalField(key: "failure_reason") public var failureReason: String?
    /// The steward's user who marked it failed; nil unless a steward did.
    @OptionalField(key: "failed_by") public var failedBy: UUID?

    /// An empty record, for Fluent and for a new payment.
    public init() {}
}
