import CoopCore
import FluentKit
import Foundation
import SQLKit

/// Listings' photos: adding one (checked by content), deleting one, and reading them back.
public enum ListingPhotoStore {
    /// A photo as pages show it, without its bytes.
    public struct Info: Sendable, Equatable {
        /// The photo's id.
        public let id: UUID
        /// The listing it shows.
        public let listingID: UUID
        /// Its format, read from its bytes.
        public let format: PhotoFormat
        /// Width in pixels, if known.
        public let width: Int?
        /// Height in pixels, if known.
        public let height: Int?
        /// SHA-256 of the bytes, hex.
        public let sha256: String
        /// What it shows.
        public let alt: String

        /// Creates the description of a stored photo.
        public init(id: UUID, listingID: UUID, format: PhotoFormat, width: Int?, height: Int?, sha256: String, alt: String) {
            self.id = id
            self.listingID = listingID
            self.format = format
            self.width = width
            self.height = height
            self.sha256 = sha256
            self.alt = alt
        }
    }

    /// Adds a photo to the listing `id` of `worker`, after its other photos; refused when it is
    /// not theirs, deleted, already has ``PhotoRules/maxPerListing`` photos, or the bytes are not
    /// a JPEG, PNG or WebP of at most ``PhotoRules/maxBytes``.
    public static func add(
        _ bytes: [UInt8], alt: String?, to id: UUID, by worker: UUID, on db: any Database, at now: Date
    ) async throws -> Info {
        let l = try await ListingCommands.own(id, by: worker, on: db)
        if l.status == .deleted || l.status == .unlisted {
            throw CoopError.conflict("This listing is no longer offered; its photos cannot change.")
        }
        let existing = try await ListingPhotoRecord.query(on: db).filter(\.$listingID == id).count()
        let header = try PhotoRules.check(bytes, existing: existing)
        let last = try await ListingPhotoRecord.query(on: db).filter(\.$listingID == id).max(\.$position) ?? -1
        let p = ListingPhotoRecord()
        p.id = UUID()
        p.listingID = id
        p.position = last + 1
        p.format = header.format
        p.width = header.width
        p.height = header.height
        p.byteCount = Int64(bytes.count)
        p.sha256 = PhotoRules.digest(bytes)
        p.alt = try PhotoRules.altText(alt, title: l.title)
        p.bytes = Data(bytes)
        p.createdAt = now
        try await p.create(on: db)
        try await touch(l, at: now, on: db)
        let info = try info(p)
        try await AuditLog.append(
            AuditEvent(
                kind: "listing.photo_added",
                [
                    "listing": .string(id.uuidString), "photo": .string(info.id.uuidString), "sha256": .string(info.sha256),
                    "bytes": .int(Int64(bytes.count)),
                ]), on: db, at: now)
        return info
    }

    /// Deletes photo `id` of one of `worker`'s listings; returns the listing's id.
    public static func delete(_ id: UUID, by worker: UUID, on db: any Database, at now: Date) async throws -> UUID {
        guard let p = try await ListingPhotoRecord.query(on: db).filter(\.$id == id).field(\.$id).field(\.$listingID).first()
        else { throw CoopError.notFound("There is no such photo.") }
        let l = try await ListingCommands.own(p.listingID, by: worker, on: db)
        try await ListingPhotoRecord.query(on: db).filter(\.$id == id).delete()
        try await touch(l, at: now, on: db)
        try await AuditLog.append(
            AuditEvent(kind: "listing.photo_deleted", ["listing": .string(p.listingID.uuidString), "photo": .string(id.uuidString)]),
            on: db, at: now)
        return p.listingID
    }

    /// Marks the listing changed, so search (which shows its first photo) reloads it.
    static func touch(_ l: ListingRecord, at now: Date, on db: any Database) async throws {
        l.updatedAt = now
        try await l.update(on: db)
    }

    static func info(_ p: ListingPhotoRecord) throws -> Info {
        Info(
            id: try p.requireID(), listingID: p.listingID, format: p.format, width: p.width, height: p.height, sha256: p.sha256,
            alt: p.alt)
    }

    /// The listing's photos in order, without their bytes.
    public static func photos(of listing: UUID, on db: any Database) async throws -> [Info] {
        try await db.sql().raw(
            """
            SELECT id, listing_id, format, width, height, sha256, alt FROM listing_photos \
            WHERE listing_id = \(bind: listing) ORDER BY position
            """
        ).all().map(decodeInfo)
    }

    static func decodeInfo(_ row: any SQLRow) throws -> Info {
        let format = try row.decode(column: "format", as: String.self)
        return Info(
            id: try row.decode(column: "id", as: UUID.self), listingID: try row.decode(column: "listing_id", as: UUID.self),
            format: PhotoFormat(rawValue: format) ?? .jpeg, width: try row.decode(column: "width", as: Int?.self),
            height: try row.decode(column: "height", as: Int?.self), sha256: try row.decode(column: "sha256", as: String.self),
            alt: try row.decode(column: "alt", as: String.self))
    }

    /// Photo `id` with its bytes, to serve it.
    public static func photo(_ id: UUID, on db: any Database) async throws -> (Info, Data)? {
        guard let p = try await ListingPhotoRecord.find(id, on: db) else { return nil }
        return (try info(p), p.bytes)
    }
}
