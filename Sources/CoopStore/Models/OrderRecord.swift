import CoopCore
import FluentKit
import Foundation

/// An order of a listing: its price breakdown, frozen when placed, and where it is.
public final class OrderRecord: Model, @unchecked Sendable {
    /// The table.
    public static let schema = "orders"
    /// The order's id.
    @ID(key: .id) public var id: UUID?
    /// The order's number, from 1, unique.
    @Field(key: "number") public var number: Int
    /// The listing ordered.
    @Field(key: "listing_id") public var listingID: UUID
    /// The customer's user.
    @Field(key: "customer_id") public var customerID: UUID
    /// The worker's membership.
    @Field(key: "worker_id") public var workerID: UUID
    /// How many units: minutes by the hour, 1 for a fixed price, items for a good.
    @Field(key: "quantity") public var quantity: Int64
    /// The listing's price unit when ordered.
    @Field(key: "unit") public var unit: PriceUnit
    /// The listing's price per unit when ordered, in minor units.
    @Field(key: "unit_price_minor") public var unitPriceMinor: Int64
    /// The listing's title when the order was placed; nil for orders placed before titles were frozen.
    @OptionalField(key: "title") public var title: String?
    /// What the customer pays, in minor units.
    @Field(key: "price_minor") public var priceMinor: Int64
    /// The platform fee's rate when placed, in basis points.
    @Field(key: "fee_bp") public var feeBasisPoints: Int64
    /// The most the fee could take from this order, in minor units, as in force when it was placed; nil for no cap.
    @OptionalField(key: "fee_cap_minor") public var feeCapMinor: Int64?
    /// What the co-op keeps, in minor units.
    @Field(key: "fee_minor") public var feeMinor: Int64
    /// What the worker receives, in minor units: `price_minor` − `fee_minor`.
    @Field(key: "worker_minor") public var workerMinor: Int64
    /// Where the order is.
    @Field(key: "state") public var state: OrderState
    /// Whether the customer has reviewed the worker.
    @Field(key: "customer_reviewed") public var customerReviewed: Bool
    /// Whether the worker has reviewed the customer.
    @Field(key: "worker_reviewed") public var workerReviewed: Bool
    /// When the work is to be done; nil for no particular time.
    @OptionalField(key: "scheduled_at") public var scheduledAt: Date?
    /// The customer's note to the worker; empty for none.
    @Field(key: "note") public var note: String
    /// When it was placed.
    @Field(key: "created_at") public var createdAt: Date
    /// When it last moved.
    @Field(key: "updated_at") public var updatedAt: Date

    /// An empty record, for Fluent.
    public init() {}
}

/// One step in an order's history: what was done, by whom, and the state it left.
public final class OrderEventRecord: Model, @unchecked Sendable {
    /// The table.
    public static let schema = "order_events"
    /// The event's id.
    @ID(key: .id) public var id: UUID?
    /// The order.
    @Field(key: "order_id") public var orderID: UUID
    /// What was done: `place`, or an ``OrderAction``'s raw value.
    @Field(key: "action") public var action: String
    /// Who did it.
    @Field(key: "role") public var role: OrderRole
    /// The order's state after it.
    @Field(key: "state") public var state: OrderState
    /// When.
    @Field(key: "at") public var at: Date

    /// An empty record, for Fluent.
    public init() {}
}

/// One party's review of an order: the customer's of the worker, or the worker's of the customer.
public final class ReviewRecord: Model, @unchecked Sendable {
    /// The table.
    public static let schema = "reviews"
    /// The review's id.
    @ID(key: .id) public var id: UUID?
    /// The order reviewed.
    @Field(key: "order_id") public var orderID: UUID
    /// `customer` (reviewing the worker) or `worker` (reviewing the customer).
    @Field(key: "author_role") public var authorRole: OrderRole
    /// The order's worker (so that a worker's ratings are read without the order).
    @Field(key: "worker_id") public var workerID: UUID
    /// The rating, 1 to 5.
    @Field(key: "rating") public var rating: Int
    /// The comment; empty for none.
    @Field(key: "body") public var body: String
    /// When it was written.
    @Field(key: "created_at") public var createdAt: Date

    /// An empty record, for Fluent.
    public init() {}
}

/// A message between the two parties of an order.
public final class OrderMessageRecord: Model, @unchecked Sendable {
    /// The table.
    public static let schema = "order_messages"
    /// The message's id.
    @ID(key: .id) public var id: UUID?
    /// The order.
    @Field(key: "order_id") public var orderID: UUID
    /// Who wrote it: the `customer` or the `worker`.
    @Field(key: "author_role") public var authorRole: OrderRole
    /// The message's text.
    @Field(key: "body") public var body: String
    /// When it was written.
    @Field(key: "created_at") public var createdAt: Date

    /// An empty record, for Fluent.
    public init() {}
}
