import Fluent
import Foundation

final class OrderRecord: Model, @unchecked Sendable {
    static let schema = "orders"
    @ID(key: .id) var id: UUID?
    @Field(key: "number") var number: Int
    @Field(key: "listing_id") var listingID: UUID
    @Field(key: "customer_id") var customerID: UUID
    @Field(key: "worker_id") var workerID: UUID
    @Field(key: "quantity") var quantity: Int64
    @Field(key: "unit") var unit: String
    @Field(key: "unit_price_minor") var unitPriceMinor: Int64
    @Field(key: "price_minor") var priceMinor: Int64
    @Field(key: "fee_bp") var feeBasisPoints: Int64
    @Field(key: "fee_minor") var feeMinor: Int64
    @Field(key: "worker_minor") var workerMinor: Int64
    @Field(key: "state") var state: String
    @Field(key: "customer_reviewed") var customerReviewed: Bool
    @Field(key: "worker_reviewed") var workerReviewed: Bool
    @OptionalField(key: "scheduled_at") var scheduledAt: Date?
    @Field(key: "note") var note: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}
}

final class OrderEventRecord: Model, @unchecked Sendable {
    static let schema = "order_events"
    @ID(key: .id) var id: UUID?
    @Field(key: "order_id") var orderID: UUID
    @Field(key: "action") var action: String
    @Field(key: "role") var role: String
    @Field(key: "state") var state: String
    @Field(key: "at") var at: Date

    init() {}
}

final class ReviewRecord: Model, @unchecked Sendable {
    static let schema = "reviews"
    @ID(key: .id) var id: UUID?
    @Field(key: "order_id") var orderID: UUID
    /// `customer` (reviewing the worker) or `worker` (reviewing the customer).
    @Field(key: "author_role") var authorRole: String
    @Field(key: "worker_id") var workerID: UUID
    @Field(key: "rating") var rating: Int
    @Field(key: "body") var body: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

final class OrderMessageRecord: Model, @unchecked Sendable {
    static let schema = "order_messages"
    @ID(key: .id) var id: UUID?
    @Field(key: "order_id") var orderID: UUID
    @Field(key: "author_role") var authorRole: String
    @Field(key: "body") var body: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}
