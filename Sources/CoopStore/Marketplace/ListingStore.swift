import CoopCore
import FluentKit
import Foundation
import SQLKit

/// Listings in the database: one listing with its worker's name, ratings, the pay terms in force,
/// and storing a new listing.
public enum ListingStore {
    /// The listing with this id, active or not, and its worker's name ("" if not found).
    public static func listing(_ id: UUID, on db: any Database) async throws -> (ListingRecord, worker: String)? {
        guard let l = try await ListingRecord.find(id, on: db) else { return nil }
        var worker = ""
        if let m = try await MembershipRecord.find(l.workerID, on: db), let u = try await UserRecord.find(m.userID, on: db) {
            worker = u.name
        }
        return (l, worker)
    }

    /// The fee rate and the minimum pay per hour in force.
    public static func payTerms(currency: Currency, on db: any Database) async throws -> (fee: Fraction, minimum: Money) {
        let fee = try await PolicyStore.number(.platformFee, on: db)
        let minimum = try await PolicyStore.number(.minimumPayPerHour, on: db)
        return (Fraction(basisPoints: fee), Money(minorUnits: minimum, currency: currency))
    }

    /// Every rated worker's stars from reviews that count (``WorkerRating/countedAuthor``), in all
    /// and how many, by membership id.
    public static func ratings(on db: any Database) async throws -> [UUID: (stars: Int64, count: Int64)] {
        let sql = try db.sql()
        var out: [UUID: (stars: Int64, count: Int64)] = [:]
        for row in try await sql.raw(
            """
            SELECT worker_id AS worker, COUNT(*) AS n, CAST(SUM(rating) AS BIGINT) AS stars FROM reviews \
            WHERE author_role = \(bind: WorkerRating.countedAuthor.rawValue) GROUP BY worker_id
            """
        ).all() {
            let n = try row.decode(column: "n", as: Int64.self)
            if n > 0 { out[try row.decode(column: "worker", as: UUID.self)] = (try row.decode(column: "stars", as: Int64.self), n) }
        }
        return out
    }

    /// A worker's rating from reviews that count: the sum of their stars and how many, or nil
    /// when there are none. Counted in the database: a busy worker's reviews are not all read.
    public static func rating(of worker: UUID, on db: any Database) async throws -> (stars: Int, count: Int)? {
        guard
            let row = try await db.sql().raw(
                "SELECT COUNT(*) AS n, CAST(COALESCE(SUM(rating), 0) AS BIGINT) AS stars FROM reviews WHERE worker_id = \(bind: worker) AND author_role = \(bind: WorkerRating.countedAuthor.rawValue)"
            ).first()
        else { return nil }
        let count = try row.decode(column: "n", as: Int.self)
        guard count > 0 else { return nil }
        return (try row.decode(column: "stars", as: Int.self), count)
    }

    /// What word search looks in: the title, description and area, lower-cased.
    static func searchText(_ draft: ListingDraft) -> String {
        [draft.title, draft.description, draft.area].joined(separator: " ").lowercased()
    }

    /// Writes a checked draft's terms, place and search text onto a listing: the one copy that
    /// listing and editing share.
    public static func fill(_ l: ListingRecord, from draft: ListingDraft) {
        l.title = draft.title
        l.description = draft.description
        l.category = draft.category
        l.unit = draft.unit
        l.priceMinor = draft.price.minorUnits
        l.estimatedMinutes = draft.unit == .fixed ? draft.estimatedMinutes : nil
        l.stock = draft.kind == .good ? draft.stock : nil
        l.area = draft.area
        l.areaID = draft.areaID
        l.latitudeE6 = draft.latitudeE6
        l.longitudeE6 = draft.longitudeE6
        l.searchText = searchText(draft)
    }

    /// Stores a checked draft, at `rotationKey` in the fair rotation, and its audit entry;
    /// `language` is the one its text was written in (nil: the co-op's).
    public static func insert(
        _ draft: ListingDraft, worker workerID: UUID, rotationKey: Int64, language: String? = nil, on db: any Database, at now: Date
    ) async throws -> ListingRecord {
        let l = ListingRecord()
        l.id = UUID()
        l.workerID = workerID
        l.kind = draft.kind
        fill(l, from: draft)
        l.active = true
        l.status = .active
        l.createdAt = now
        l.rotationKey = rotationKey
        l.language = language
        try await l.create(on: db)
        try await AuditLog.append(
            AuditEvent(
                kind: "listing.created",
                [
                    "listing": .string(try l.requireID().uuidString), "worker": .string(workerID.uuidString),
                    "price_minor": .int(draft.price.minorUnits), "unit": .string(draft.unit.rawValue),
                ]), on: db, at: now)
        return l
    }
}
