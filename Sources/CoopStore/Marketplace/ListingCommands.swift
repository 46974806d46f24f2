import CoopCore
import FluentKit
import Foundation
import SQLKit

/// What a worker does to their own listing after listing it: edit it, pause, resume or delete
/// it. Each runs in the caller's write transaction, checks that the one asking is the listing's
/// worker, and writes its audit entry. Orders already placed keep the terms frozen on them.
public enum ListingCommands {
    /// The listing `id` for a change by `worker` (a membership id): not found, or not theirs, is refused.
    static func own(_ id: UUID, by worker: UUID, on db: any Database) async throws -> ListingRecord {
        guard let l = try await ListingRecord.find(id, on: db) else { throw CoopError.notFound("There is no such listing.") }
        guard l.workerID == worker else {
            throw CoopError.forbidden("Only the worker who listed it can change this listing.")
        }
        return l
    }

    /// Replaces the listing's text, terms and place with a checked draft. A listing stays a
    /// service or a good, and a deleted one cannot be edited. Orders placed before keep their terms.
    public static func edit(_ id: UUID, to draft: ListingDraft, by worker: UUID, on db: any Database, at now: Date)
        async throws -> ListingRecord
    {
        let l = try await own(id, by: worker, on: db)
        if l.status == .deleted || l.status == .unlisted {
            throw CoopError.conflict("This listing is no longer offered; it cannot be edited. List it again instead.")
        }
        if l.kind != draft.kind {
            throw CoopError.invalid(
                Words(
                    "A listing stays a %1$s; list a new one to offer a %2$s.", .notice(l.kind.words), .notice(draft.kind.words))
            )
        }
        ListingStore.fill(l, from: draft)
        l.updatedAt = now
        try await l.update(on: db)
        try await AuditLog.append(
            AuditEvent(
                kind: "listing.edited",
                [
                    "listing": .string(id.uuidString), "worker": .string(worker.uuidString),
                    "price_minor": .int(draft.price.minorUnits), "unit": .string(draft.unit.rawValue),
                ]), on: db, at: now)
        return l
    }

    /// Pauses, resumes or deletes the listing (``ListingStatus/applying(_:)`` says which apply).
    /// A deleted listing is kept, for the orders placed from it.
    public static func change(_ id: UUID, _ change: ListingStatus.Change, by worker: UUID, on db: any Database, at now: Date)
        async throws -> ListingRecord
    {
        let l = try await own(id, by: worker, on: db)
        let next = try l.status.applying(change)
        l.status = next
        l.active = next.isOffered
        l.updatedAt = now
        try await l.update(on: db)
        try await AuditLog.append(
            AuditEvent(
                kind: "listing.\(next == .active ? "resumed" : next.rawValue)",
                ["listing": .string(id.uuidString), "worker": .string(worker.uuidString)]), on: db, at: now)
        return l
    }

    /// A worker's listings, newest first, except those made for one job.
    public static func listings(of worker: UUID, on db: any Database) async throws -> [ListingRecord] {
        try await ListingRecord.query(on: db).filter(\.$workerID == worker).filter(\.$status != .unlisted)
            .sort(\.$createdAt, .descending).all()
    }

    /// A review of an order placed from a listing, as its page shows it.
    public struct Review: Sendable, Equatable {
        /// Stars, 1 to 5.
        public let rating: Int
        /// What the customer wrote; may be empty.
        public let body: String
        /// When it was written.
        public let createdAt: Date
    }

    /// The newest reviews customers wrote of orders placed from this listing, at most `limit`.
    public static func reviews(of listing: UUID, limit: Int, on db: any Database) async throws -> [Review] {
        try await db.sql().raw(
            """
            SELECT r.rating, r.body, r.created_at FROM reviews r JOIN orders o ON o.id = r.order_id \
            WHERE o.listing_id = \(bind: listing) AND r.author_role = \(bind: WorkerRating.countedAuthor.rawValue) \
            ORDER BY r.created_at DESC LIMIT \(literal: max(1, limit))
            """
        ).all().map { row in
            Review(
                rating: try row.decode(column: "rating", as: Int.self), body: try row.decode(column: "body", as: String.self),
                createdAt: try row.decode(column: "created_at", as: Date.self))
        }
    }
}
