import Fluent
import Foundation

final class ListingRecord: Model, @unchecked Sendable {
    static let schema = "listings"
    @ID(key: .id) var id: UUID?
    @Field(key: "worker_id") var workerID: UUID
    @Field(key: "kind") var kind: String
    @Field(key: "title") var title: String
    @Field(key: "description") var description: String
    @Field(key: "category") var category: String
    @Field(key: "unit") var unit: String
    @Field(key: "price_minor") var priceMinor: Int64
    @OptionalField(key: "estimated_minutes") var estimatedMinutes: Int64?
    @OptionalField(key: "stock") var stock: Int64?
    @Field(key: "area") var area: String
    @OptionalField(key: "lat_e6") var latitudeE6: Int64?
    @OptionalField(key: "lon_e6") var longitudeE6: Int64?
    @Field(key: "active") var active: Bool
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "search_text") var searchText: String
    @Field(key: "rotation_key") var rotationKey: Int64

    init() {}
}
