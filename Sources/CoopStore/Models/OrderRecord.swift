import FluentKit
import Foundation

public final class OrderRecord: Model, @unchecked Sendable {
    public static let schema = "orders"
    @ID(key: .id) public var id: UUID?
    @Field(key: "number") public var number: Int
    @Field(key: "listing_id") public var listingID: UUID
    @Field(key: "customer_id") public var customerID: UUID
    @Field(key: "worker_id") public var workerID: UUID
    @Field(key: "quantity") public var quantity: Int64
    @Field(key: "unit") public var unit: String
    @Field(key: "unit_price_minor") public var unitPriceMinor: Int64
    @Field(key: "price_minor") public var priceMinor: Int64
    @Field(key: "fee_bp") public var feeBasisPoints: Int64
    /// The most the fee could take from this order, in minor units, as in force when it was placed; nil for no cap.
    @OptionalField(key: "fee_cap_minor") public var feeCapMinor: Int64?
    @Field(key: "fee_minor") public var feeMinor: Int64
    @Field(key: "worker_minor") public var workerMinor: Int64
    @Field(key: "state") public var state: String
    @Field(key: "customer_reviewed") public var customerReviewed: Bool
    @Field(key: "worker_reviewed") public var workerReviewed: Bool
    @OptionalField(key: "scheduled_at") public var scheduledAt: Date?
    @Field(key: "note") public var note: String
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "updated_at") public var updatedAt: Date

    public init() {}
}

public final class OrderEventRecord: Model, @unchecked Sendable {
    public static let schema = "order_events"
    @ID(key: .id) public var id: UUID?
    @Field(key: "order_id") public var orderID: UUID
    @Field(key: "action") public var action: String
    @Field(key: "role") public var role: String
    @Field(key: "state") public var state: String
    @Field(key: "at") public var at: Date

    public init() {}
}

public final class ReviewRecord: Model, @unchecked Sendable {
    public static let schema = "reviews"
    @ID(key: .id) public var id: UUID?
    @Field(key: "order_id") public var orderID: UUID
    /// `customer` (reviewing the worker) or `worker` (reviewing the customer).
    @Field(key: "author_role") public var authorRole: String
    @Field(key: "worker_id") public var workerID: UUID
    @Field(key: "rating") public var rating: Int
    @Field(key: "body") public var body: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}

public final class OrderMessageRecord: Model, @unchecked Sendable {
    public static let schema = "order_messages"
    @ID(key: .id) public var id: UUID?
    @Field(key: "order_id") public var orderID: UUID
    @Field(key: "author_role") public var authorRole: String
    @Field(key: "body") public var body: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}
