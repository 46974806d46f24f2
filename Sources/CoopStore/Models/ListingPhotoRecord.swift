import CoopCore
import FluentKit
import Foundation

/// A photo of a listing, its bytes kept in the database.
public final class ListingPhotoRecord: Model, @unchecked Sendable {
    /// The table.
    public static let schema = "listing_photos"
    /// The photo's id.
    @ID(key: .id) public var id: UUID?
    /// The listing it shows.
    @Field(key: "listing_id") public var listingID: UUID
    /// Its place among the listing's photos; the first is the one search results show.
    @Field(key: "position") public var position: Int
    /// The format read from its bytes.
    @Field(key: "format") public var format: PhotoFormat
    /// Width in pixels, when its header gave it.
    @OptionalField(key: "width") public var width: Int?
    /// Height in pixels, when its header gave it.
    @OptionalField(key: "height") public var height: Int?
    /// Its size in bytes.
    @Field(key: "byte_count") public var byteCount: Int64
    /// SHA-256 of the bytes, hex.
    @Field(key: "sha256") public var sha256: String
    /// What it shows, for people who cannot see it.
    @Field(key: "alt") public var alt: String
    /// The image itself.
    @Field(key: "bytes") public var bytes: Data
    /// When it was added.
    @Field(key: "created_at") public var createdAt: Date

    /// An empty record, for Fluent.
    public init() {}
}
