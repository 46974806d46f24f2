import CoopCore
import CoopStore
import Fluent
import Foundation
import SQLKit
import Synchronization

/// Listings held in memory for search, in step with the database by the search revision (see
/// ``M016AddSearchRevision``): a search reads the stored revision at most every `refresh`
/// interval, or at once after this process wrote, and loads only the listings changed since the
/// revision held. The database stays the record; this is a derived copy that can always be rebuilt.
final class SearchCache: Sendable {
    /// A listing as search shows it, with its JSON and HTML written in advance.
    struct Item: Sendable {
        let summary: Listings.Summary
        /// The JSON object after its opening brace: a distance, when there is one, goes first.
        let jsonTail: String
        /// The search page's list item, before and after the distance.
        let htmlHead: String
        let htmlTail: String

        init(_ s: Listings.Summary) {
            summary = s
            var j = "\"id\":\"\(s.id.uuidString)\",\"kind\":\(FastText.json(s.kind)),\"title\":\(FastText.json(s.title))"
            j +=
                ",\"description\":\(FastText.json(s.description)),\"category\":\(FastText.json(s.category)),\"unit\":\(FastText.json(s.unit))"
            j += ",\"price\":\(FastText.json(s.price)),\"priceMinorUnits\":\(s.priceMinorUnits)"
            if let m = s.estimatedMinutes { j += ",\"estimatedMinutes\":\(m)" }
            if let n = s.stock { j += ",\"stock\":\(n)" }
            j += ",\"area\":\(FastText.json(s.area)),\"worker\":\(FastText.json(s.worker))"
            j += ",\"createdAt\":\"\(s.createdAt.formatted(.iso8601))\"}"
            jsonTail = j
            let category = s.category.replacingOccurrences(of: "_", with: " ")
            htmlHead =
                "<li><a href=\"\(SiteURL.listing(s.id).path)\"><strong>\(FastText.html(s.title))</strong></a> — "
                + FastText.html("\(s.price) \(ListingPages.unitLabel(s.unit)), \(category), by \(s.worker)")
            htmlTail = (s.area.isEmpty ? "" : FastText.html(" (\(s.area))")) + "</li>"
        }

        func json(distance: Int64?) -> String {
            guard let distance else { return "{" + jsonTail }
            return "{\"distanceMeters\":\(distance)," + jsonTail
        }

        func html(distance: Int64?) -> String {
            guard let distance else { return htmlHead + htmlTail }
            return htmlHead + ", \(distance / 1000).\(distance % 1000 / 100) km away" + htmlTail
        }
    }

    /// What a search needs, as of one revision.
    struct Snapshot: Sendable {
        var index = ListingIndex<Item>(modulus: Listings.rotationModulus)
        var revision: Int64 = -1
        var currency = Currency(code: "EUR")
        var categories: [String] = []
        var ranking = SearchRanking.fairRotation
        var ratingsCount = false
        /// Workers' average stars from customers, in hundredths, by membership id; loaded only
        /// when results are ranked by rating.
        var ratings: [String: Int64] = [:]
    }

    private let state = Mutex<(snapshot: Snapshot, checked: ContinuousClock.Instant?)>((Snapshot(), nil))
    private let dirty = Atomic<Bool>(true)
    let refresh: Duration

    init(refresh: Duration) { self.refresh = refresh }

    /// This process changed the database: the next search checks the revision.
    func changed() { dirty.store(true, ordering: .relaxed) }

    /// The snapshot to search, brought up to date first if it may be stale.
    func snapshot(on db: any Database, bylaws: @Sendable () async throws -> Bylaws?) async throws -> Snapshot {
        let now = ContinuousClock.now
        let (held, checked) = state.withLock { ($0.snapshot, $0.checked) }
        let wasDirty = dirty.exchange(false, ordering: .relaxed)
        if !wasDirty, let checked, now - checked < refresh { return held }
        guard let sql = db as? any SQLDatabase else { return held }
        struct Revision: Decodable { let v: Int64 }
        let stored = try await sql.raw("SELECT v FROM search_revision WHERE id = 1").first(decoding: Revision.self)?.v ?? 0
        if stored == held.revision {
            state.withLock { $0.checked = now }
            return held
        }
        var next = held
        guard let b = try await bylaws() else { return held }
        next.currency = b.currency
        next.categories = b.categories
        if case .option(let o) = try await PolicyStore.value(.searchRanking, on: db), let r = SearchRanking(rawValue: o) {
            next.ranking = r
        } else {
            next.ranking = .fairRotation
        }
        next.ratingsCount = try await PolicyStore.isOn(.ratingsAffectRanking, on: db)
        next.ratings = [:]
        if next.ranking == .rating && next.ratingsCount {
            for (worker, r) in try await Listings.ratings(on: db) { next.ratings[worker.uuidString] = r.stars * 100 / r.count }
        }
        let rows = try await sql.raw(
            """
            SELECT l.id, l.worker_id, l.kind, l.title, l.description, l.category, l.unit, l.price_minor, l.estimated_minutes, \
            l.stock, l.area, l.lat_e6, l.lon_e6, l.active, l.created_at, l.search_text, l.rotation_key, u.name \
            FROM listings l JOIN memberships m ON m.id = l.worker_id JOIN users u ON u.id = m.user_id \
            WHERE l.revision > \(bind: held.revision)
            """
        ).all()
        for row in rows {
            let id = try row.decode(column: "id", as: UUID.self)
            let priceMinor = try row.decode(column: "price_minor", as: Int64.self)
            let createdAt = try row.decode(column: "created_at", as: Date.self)
            let summary = Listings.Summary(
                id: id, kind: try row.decode(column: "kind", as: String.self), title: try row.decode(column: "title", as: String.self),
                description: try row.decode(column: "description", as: String.self),
                category: try row.decode(column: "category", as: String.self), unit: try row.decode(column: "unit", as: String.self),
                price: Money(minorUnits: priceMinor, currency: next.currency).description, priceMinorUnits: priceMinor,
                estimatedMinutes: try row.decode(column: "estimated_minutes", as: Int64?.self),
                stock: try row.decode(column: "stock", as: Int64?.self), area: try row.decode(column: "area", as: String.self),
                worker: try row.decode(column: "name", as: String.self), distanceMeters: nil, createdAt: createdAt)
            next.index.upsert(
                SearchEntry(
                    key: id.uuidString, worker: try row.decode(column: "worker_id", as: UUID.self).uuidString, category: summary.category,
                    priceMinor: priceMinor, latitudeE6: try row.decode(column: "lat_e6", as: Int64?.self),
                    longitudeE6: try row.decode(column: "lon_e6", as: Int64?.self),
                    createdAt: Int64((createdAt.timeIntervalSince1970 * 1000).rounded()),
                    rotationKey: try row.decode(column: "rotation_key", as: Int64.self),
                    text: try row.decode(column: "search_text", as: String.self), active: try row.decode(column: "active", as: Bool.self)),
                payload: Item(summary))
        }
        next.index.prepare()
        next.revision = stored
        let fresh = next
        return state.withLock { s in
            // Another search may have brought it further meanwhile: keep the newer.
            if s.snapshot.revision < fresh.revision { s.snapshot = fresh }
            s.checked = now
            return s.snapshot
        }
    }
}
