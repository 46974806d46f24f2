import CoopCore
import CoopStore
import FluentKit
import Foundation
import Synchronization

/// Listings held in memory for search, in step with the database by the search revision (see
/// ``M016AddSearchRevision``): a search reads the stored revision at most every `refresh`
/// interval, or at once after this process wrote, and loads only the listings changed since the
/// revision held. The database stays the record; this is a derived copy that can always be rebuilt.
final class SearchCache: Sendable {
    /// A listing as search shows it, with its JSON and its card's HTML written in advance.
    struct Item: Sendable {
        let summary: Listings.Summary
        /// The JSON object after its opening brace: a distance, when there is one, goes first.
        let jsonTail: String
        /// The search page's card in English: before the rating and distance, and after them.
        let htmlHead: String
        let htmlTail: String
        /// The card's photo and title, the same in every language (the title is marked with its own).
        let htmlTop: String
        /// The price, category and worker, escaped once, for cards in other languages.
        let price: Money
        let category: String
        let worker: String

        init(_ s: Listings.Summary, currency: Currency = Currency(code: "EUR"), coopLanguage: String = "en") {
            summary = s
            var j = "\"id\":\"\(s.id.uuidString)\",\"kind\":\(FastText.json(s.kind)),\"title\":\(FastText.json(s.title))"
            j +=
                ",\"description\":\(FastText.json(s.description)),\"category\":\(FastText.json(s.category)),\"unit\":\(FastText.json(s.unit))"
            j += ",\"price\":\(FastText.json(s.price)),\"priceMinorUnits\":\(s.priceMinorUnits)"
            if let m = s.estimatedMinutes { j += ",\"estimatedMinutes\":\(m)" }
            if let n = s.stock { j += ",\"stock\":\(n)" }
            j += ",\"area\":\(FastText.json(s.area)),\"worker\":\(FastText.json(s.worker))"
            j += ",\"status\":\(FastText.json(s.status))"
            if let l = s.language { j += ",\"language\":\(FastText.json(l))" }
            if let a = s.areaID { j += ",\"areaID\":\(FastText.json(a))" }
            if let c = s.cover {
                j += ",\"cover\":{\"id\":\"\(c.id.uuidString)\",\"url\":\(FastText.json(c.url))"
                if let w = c.width, let h = c.height { j += ",\"width\":\(w),\"height\":\(h)" }
                j += ",\"alt\":\(FastText.json(c.alt))}"
            }
            j += ",\"createdAt\":\"\(s.createdAt.formatted(.iso8601))\"}"
            jsonTail = j
            let category = FastText.spaced(s.category)
            var h = "<li class=\"listing-card\"><a class=\"card-link\" href=\"\(SiteURL.listing(s.id).path)\">"
            if let c = s.cover {
                h += "<img class=\"card-photo\" src=\"\(FastText.html(c.url))\" alt=\"\(FastText.html(c.alt))\" loading=\"lazy\""
                if let w = c.width, let ht = c.height { h += " width=\"\(w)\" height=\"\(ht)\"" }
                h += "/>"
            } else {
                h += "<span class=\"card-photo no-photo\" aria-hidden=\"true\"></span>"
            }
            h += "<strong class=\"card-title\" lang=\"\(FastText.html(s.language ?? coopLanguage))\">\(FastText.html(s.title))</strong></a>"
            htmlTop = h
            price = Money(minorUnits: s.priceMinorUnits, currency: currency)
            self.category = FastText.html(category)
            worker = s.worker
            // English, whatever the language of the request that loads it (other languages are
            // written per request).
            let unit = Lang.$catalog.withValue(.source) { MarketText.unit(s.unit) }
            h += "<span class=\"card-price\">\(FastText.html("\(s.price) \(unit)"))</span>"
            h += "<span class=\"card-meta\">\(FastText.html("\(category) · by \(s.worker)"))</span>"
            htmlHead = h
            htmlTail = (s.area.isEmpty ? "" : "<span class=\"card-area\" translate=\"no\">\(FastText.html(s.area))</span>") + "</li>"
        }

        func json(distance: Int64?) -> String {
            guard let distance else { return "{" + jsonTail }
            return "{\"distanceMeters\":\(distance)," + jsonTail
        }

        /// The card; `rating` is the worker's, as ``SearchCache/ratingHTML(stars:count:)`` wrote it.
        /// English cards are written in advance; in another language the words around the
        /// listing's own are written for the request.
        func html(distance: Int64?, rating: CardRating?) -> String {
            guard Lang.current == .en else { return localized(distance: distance, rating: rating) }
            let stars = rating?.html ?? SearchCache.noRating
            guard let distance else { return htmlHead + stars + htmlTail }
            return htmlHead + stars + "<span class=\"card-distance\">\(distance / 1000).\(distance % 1000 / 100) km away</span>" + htmlTail
        }

        private func localized(distance: Int64?, rating: CardRating?) -> String {
            var h = htmlTop
            h += "<span class=\"card-price\">\(FastText.html(money(price) + " " + MarketText.unit(summary.unit)))</span>"
            h += "<span class=\"card-meta\">\(FastText.html(t("%1$s · by %2$s", category, worker)))</span>"
            let stars =
                rating.map {
                    tn("%2$s of 5 · %1$d review", "%2$s of 5 · %1$d reviews", Int($0.count), MarketText.decimal($0.tenths, places: 1))
                } ?? t("No reviews yet")
            h += "<span class=\"card-rating\">\(FastText.html(stars))</span>"
            if let distance {
                h += "<span class=\"card-distance\">\(FastText.html(t("%s away", MarketText.kilometres(distance))))</span>"
            }
            return h + htmlTail
        }
    }

    /// A worker's rating as cards show it: the English line written once per change of reviews,
    /// and what other languages write it from.
    struct CardRating: Sendable {
        let tenths: Int64
        let count: Int64
        let html: String
    }

    /// A card's rating line, written once per change of reviews.
    static func ratingHTML(stars: Int64, count: Int64) -> String {
        let tenths = (stars * 10 + count / 2) / count
        return "<span class=\"card-rating\">\(tenths / 10).\(tenths % 10) of 5 · \(count) review\(count == 1 ? "" : "s")</span>"
    }

    /// A card's rating line for a worker nobody has reviewed yet.
    static let noRating = "<span class=\"card-rating\">No reviews yet</span>"

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
        /// Each rated worker's rating as search cards show it, by membership id.
        var cardRatings: [String: CardRating] = [:]
        /// The co-op's language: that of listings that do not say theirs.
        var coopLanguage = "en"
        /// The co-op's areas, to search around one.
        var areas: [Area] = []
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
        let stored = try await SearchQueries.revision(on: db)
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
        next.areas = b.areas
        next.coopLanguage = b.language?.rawValue ?? "en"
        next.ratings = [:]
        next.cardRatings = [:]
        // Cards show every worker's rating: one grouped query each time the revision moves (a
        // review moves it), none per search.
        let rankByRating = next.ranking == .rating && next.ratingsCount
        for (worker, r) in try await ListingStore.ratings(on: db) {
            next.cardRatings[worker.uuidString] = CardRating(
                tenths: (r.stars * 10 + r.count / 2) / r.count, count: r.count, html: Self.ratingHTML(stars: r.stars, count: r.count))
            if rankByRating { next.ratings[worker.uuidString] = WorkerRating.hundredths(stars: r.stars, count: r.count) }
        }
        for row in try await SearchQueries.changed(since: held.revision, on: db) {
            let summary = Listings.Summary(
                id: row.id, kind: row.kind, title: row.title, description: row.description, category: row.category, unit: row.unit,
                price: Money(minorUnits: row.priceMinor, currency: next.currency).description, priceMinorUnits: row.priceMinor,
                estimatedMinutes: row.estimatedMinutes, stock: row.stock, area: row.area, worker: row.workerName, distanceMeters: nil,
                createdAt: row.createdAt, status: row.status, areaID: row.areaID, cover: row.cover.map(Listings.Photo.init),
                language: row.language)
            next.index.upsert(
                SearchEntry(
                    key: row.id.uuidString, worker: row.workerID.uuidString, category: summary.category, priceMinor: row.priceMinor,
                    latitudeE6: row.latitudeE6, longitudeE6: row.longitudeE6,
                    createdAt: Int64((row.createdAt.timeIntervalSince1970 * 1000).rounded()), rotationKey: row.rotationKey,
                    text: row.searchText, active: row.active),
                payload: Item(summary, currency: next.currency, coopLanguage: next.coopLanguage))
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
