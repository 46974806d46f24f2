import CoopCore
import FluentKit
import Foundation

/// A service or good a worker-member offers on the marketplace.
public final class ListingRecord: Model, @unchecked Sendable {
    /// The table.
    public static let schema = "listings"
    /// The listing's id.
    @ID(key: .id) public var id: UUID?
    /// The worker's membership.
    @Field(key: "worker_id") public var workerID: UUID
    /// A service or a good.
    @Field(key: "kind") public var kind: ListingKind
    /// The listing's title.
    @Field(key: "title") public var title: String
    /// What is offered, in the worker's words.
    @Field(key: "description") public var description: String
    /// The category it is listed under.
    @Field(key: "category") public var category: String
    /// What the price is for: an hour, a fixed-price job, or an item.
    @Field(key: "unit") public var unit: PriceUnit
    /// The price per unit, in minor units.
    @Field(key: "price_minor") public var priceMinor: Int64
    /// A fixed-price service's estimate of the work, in minutes; nil otherwise.
    @OptionalField(key: "estimated_minutes") public var estimatedMinutes: Int64?
    /// Items in stock, for a good; nil for a service.
    @OptionalField(key: "stock") public var stock: Int64?
    /// Where, in words.
    @Field(key: "area") public var area: String
    /// The latitude in millionths of a degree; nil when not given.
    @OptionalField(key: "lat_e6") public var latitudeE6: Int64?
    /// The longitude in millionths of a degree; nil when not given.
    @OptionalField(key: "lon_e6") public var longitudeE6: Int64?
    /// Whether it is shown and can be ordered.
    @Field(key: "active") public var active: Bool
    /// When it was listed.
    @Field(key: "created_at") public var createdAt: Date
    /// Lowercased title, description and area: what word search looks in.
    @Field(key: "search_text") public var searchText: String
    /// A random number fixed at listing: fair rotation orders by it, shifted every hour.
    @Field(key: "rotation_key") public var rotationKey: Int64
    /// Offered, paused, deleted, or made for one job; `active` is true only while it is offered.
    @Field(key: "status") public var status: ListingStatus
    /// The id of the bylaws' area it was placed in, if any.
    @OptionalField(key: "area_id") public var areaID: String?
    /// When its worker last changed it (its text, terms, status or photos); nil if never.
    @OptionalField(key: "updated_at") public var updatedAt: Date?
    /// The language its title and description were written in (`es`); nil: the co-op's default.
    @OptionalField(key: "language") public var language: String?

    /// An empty record, for Fluent.
    public init() {}
}
