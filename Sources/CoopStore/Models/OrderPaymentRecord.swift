import FluentKit
import Foundation

/// A payment of an order through a gateway: pending until confirmed, settled, or failed.
public final class OrderPaymentRecord: Model, @unchecked Sendable {
    public static let schema = "order_payments"
    @ID(key: .id) public var id: UUID?
    @Field(key: "order_id") public var orderID: UUID
    @Field(key: "gateway") public var gateway: String
    @Field(key: "method") public var method: String
    @Field(key: "reference") public var reference: String
    @Field(key: "amount_minor") public var amountMinor: Int64
    @Field(key: "status") public var status: String
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "settled_at") public var settledAt: Date?
    @OptionalField(key: "confirmed_by") public var confirmedBy: UUID?
    @OptionalField(key: "failure_reason") public var failureReason: String?
    @OptionalField(key: "failed_by") public var failedBy: UUID?

    /// An empty record, for Fluent and for a new payment.
    public init() {}
}
