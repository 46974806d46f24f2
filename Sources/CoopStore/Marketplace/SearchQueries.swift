import CoopCore
import FluentKit
import Foundation
import SQLKit

/// What the search's in-memory copy of the listings reads: the search revision and the listings
/// changed since one.
public enum SearchQueries {
    /// A listing as search loads it, with its worker's name.
    public struct Row: Sendable {
        /// The listing's id.
        public let id: UUID
        /// The worker's membership id.
        public let workerID: UUID
        /// `service` or `good` (`ListingKind`).
        public let kind: String
        /// The listing's title.
        public let title: String
        /// What is offered.
        public let description: String
        /// Its category id.
        public let category: String
        /// How it is priced: `per_hour`, `fixed` or `per_item` (`PriceUnit`).
        public let unit: String
        /// The price of one unit, in minor units of the co-op's currency.
        public let priceMinor: Int64
        /// Minutes a fixed-price service takes (unused for other units).
        public let estimatedMinutes: Int64?
        /// Items in stock (goods); nil for a service.
        public let stock: Int64?
        /// Where it applies, in words; may be empty.
        public let area: String
        /// Latitude in millionths of a degree, if located.
        public let latitudeE6: Int64?
        /// Longitude in millionths of a degree, if located.
        public let longitudeE6: Int64?
        /// Whether it is still offered.
        public let active: Bool
        /// When it was listed.
        public let createdAt: Date
        /// Lowercased title, description and area: what word search looks in.
        public let searchText: String
        /// A random number fixed at listing, by which fair rotation orders results.
        public let rotationKey: Int64
        /// The worker's name.
        public let workerName: String
        /// `active`, `paused`, `deleted` or `unlisted` (``ListingStatus``).
        public let status: String
        /// The id of the co-op's area it is placed in, if any.
        public let areaID: String?
        /// Its first photo, the one search results show, if it has any.
        public let cover: ListingPhotoStore.Info?
        /// The language its title and description were written in; nil: the co-op's.
        public var language: String? = nil
    }

    /// The stored search revision (0 before any listing changed).
    public static func revision(on db: any Database) async throws -> Int64 {
        struct Revision: Decodable { let v: Int64 }
        return try await db.sql().raw("SELECT v FROM search_revision WHERE id = 1").first(decoding: Revision.self)?.v ?? 0
    }

    /// Every listing, active or not, changed since `revision`.
    public static func changed(since revision: Int64, on db: any Database) async throws -> [Row] {
        let rows = try await db.sql().raw(
            """
            SELECT l.id, l.worker_id, l.kind, l.title, l.description, l.category, l.unit, l.price_minor, l.estimated_minutes, \
            l.stock, l.area, l.lat_e6, l.lon_e6, l.active, l.created_at, l.search_text, l.rotation_key, l.status, l.area_id, l.language, u.name, \
            p.id AS photo_id, p.format AS photo_format, p.width AS photo_width, p.height AS photo_height, \
            p.sha256 AS photo_sha256, p.alt AS photo_alt \
            FROM listings l JOIN memberships m ON m.id = l.worker_id JOIN users u ON u.id = m.user_id \
            LEFT JOIN listing_photos p ON p.id = \
            (SELECT p1.id FROM listing_photos p1 WHERE p1.listing_id = l.id ORDER BY p1.position LIMIT 1) \
            WHERE l.revision > \(bind: revision)
            """
        ).all()
        return try rows.map { row in
            var cover: ListingPhotoStore.Info?
            if let photo = try row.decode(column: "photo_id", as: UUID?.self) {
                cover = ListingPhotoStore.Info(
                    id: photo, listingID: try row.decode(column: "id", as: UUID.self),
                    format: PhotoFormat(rawValue: try row.decode(column: "photo_format", as: String.self)) ?? .jpeg,
                    width: try row.decode(column: "photo_width", as: Int?.self),
                    height: try row.decode(column: "photo_height", as: Int?.self),
                    sha256: try row.decode(column: "photo_sha256", as: String.self),
                    alt: try row.decode(column: "photo_alt", as: String.self))
            }
            return Row(
                id: try row.decode(column: "id", as: UUID.self), workerID: try row.decode(column: "worker_id", as: UUID.self),
                kind: try row.decode(column: "kind", as: String.self), title: try row.decode(column: "title", as: String.self),
                description: try row.decode(column: "description", as: String.self),
                category: try row.decode(column: "category", as: String.self), unit: try row.decode(column: "unit", as: String.self),
                priceMinor: try row.decode(column: "price_minor", as: Int64.self),
                estimatedMinutes: try row.decode(column: "estimated_minutes", as: Int64?.self),
                stock: try row.decode(column: "stock", as: Int64?.self), area: try row.decode(column: "area", as: String.self),
                latitudeE6: try row.decode(column: "lat_e6", as: Int64?.self),
                longitudeE6: try row.decode(column: "lon_e6", as: Int64?.self),
                active: try row.decode(column: "active", as: Bool.self), createdAt: try row.decode(column: "created_at", as: Date.self),
                searchText: try row.decode(column: "search_text", as: String.self),
                rotationKey: try row.decode(column: "rotation_key", as: Int64.self),
                workerName: try row.decode(column: "name", as: String.self), status: try row.decode(column: "status", as: String.self),
                areaID: try row.decode(column: "area_id", as: String?.self), cover: cover,
                language: try row.decode(column: "language", as: String?.self))
        }
    }
}
