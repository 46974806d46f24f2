import FluentKit
import Foundation

public final class ListingRecord: Model, @unchecked Sendable {
    public static let schema = "listings"
    @ID(key: .id) public var id: UUID?
    @Field(key: "worker_id") public var workerID: UUID
    @Field(key: "kind") public var kind: String
    @Field(key: "title") public var title: String
    @Field(key: "description") public var description: String
    @Field(key: "category") public var category: String
    @Field(key: "unit") public var unit: String
    @Field(key: "price_minor") public var priceMinor: Int64
    @OptionalField(key: "estimated_minutes") public var estimatedMinutes: Int64?
    @OptionalField(key: "stock") public var stock: Int64?
    @Field(key: "area") public var area: String
    @OptionalField(key: "lat_e6") public var latitudeE6: Int64?
    @OptionalField(key: "lon_e6") public var longitudeE6: Int64?
    @Field(key: "active") public var active: Bool
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "search_text") public var searchText: String
    @Field(key: "rotation_key") public var rotationKey: Int64

    public init() {}
}
