import CoopCore
import CoopStore
import FluentKit
import Foundation
import Vapor

/// Listings: a worker-member lists a service or a good; anyone searches them.
enum Listings {
    struct Input: Content, APIFieldRules {
        static let fieldRules: [String: APIFieldRule] = [
            "kind": .oneOf(ListingKind.allCases.map(\.rawValue)), "unit": .oneOf(PriceUnit.allCases.map(\.rawValue)),
        ]
        var kind: String
        var title: String
        var description: String?
        var category: String
        var unit: String
        var price: String
        var estimatedMinutes: Int64?
        var stock: Int64?
        var area: String?
        var latitude: String?
        var longitude: String?
    }

    /// A listing as search results, pages and the API show it.
    struct Summary: Content, Equatable {
        let id: UUID
        let kind: String
        let title: String
        let description: String
        let category: String
        let unit: String
        let price: String
        let priceMinorUnits: Int64
        let estimatedMinutes: Int64?
        let stock: Int64?
        let area: String
        let worker: String
        let distanceMeters: Int64?
        let createdAt: Date
    }

    struct SearchQuery: Content {
        var q: String?
        var category: String?
        var minPrice: String?
        var maxPrice: String?
        /// A place as "latitude,longitude" in decimal degrees.
        var near: String?
        /// Kilometres around `near` (default 25).
        /// Text, as a form sends it (empty when left blank).
        var within: String?
        var page: Int?

        init(
            q: String? = nil, category: String? = nil, minPrice: String? = nil, maxPrice: String? = nil, near: String? = nil,
            within: String? = nil, page: Int? = nil
        ) {
            (self.q, self.category, self.minPrice, self.maxPrice, self.near, self.within, self.page) = (
                q, category, minPrice, maxPrice, near, within, page
            )
        }

        /// From a URL's query string, read directly: the busiest request's parameters are a few
        /// plain fields, and a general form decoder costs more than the search.
        init(urlQuery: String?) throws {
            for pair in (urlQuery ?? "").split(separator: "&") {
                let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let raw = kv.count > 1 ? String(kv[1]) : ""
                guard let value = raw.replacingOccurrences(of: "+", with: " ").removingPercentEncoding else {
                    throw CoopError.invalid("The search's '\(kv[0])' is not properly encoded.")
                }
                switch kv[0] {
                case "q": q = value
                case "category": category = value
                case "minPrice": minPrice = value
                case "maxPrice": maxPrice = value
                case "near": near = value
                case "within": within = value
                case "page":
                    guard value.isEmpty || Int(value) != nil else { throw CoopError.invalid("A page is a number, not '\(value)'.") }
                    page = Int(value)
                default: continue
                }
            }
        }
    }

    struct SearchResult: Content {
        let listings: [Summary]
        let total: Int
        let page: Int
        let pages: Int
        /// One line: how results are ordered and why.
        let ordering: String
    }

    static let pageSize = 20

    /// Whether members of a class may list: those whose patronage is their work through the
    /// platform (earnings or hours), that is, worker-members.
    static func mayList(_ m: MembershipRecord, bylaws: Bylaws) -> Bool {
        bylaws.mayList(status: m.status, classID: m.classID)
    }

    /// The fee rate and the minimum pay per hour in force.
    static func payTerms(_ bylaws: Bylaws, on db: any Database) async throws -> (fee: Fraction, minimum: Money) {
        try await ListingStore.payTerms(currency: bylaws.currency, on: db)
    }

    /// Decimal degrees to millionths, exactly.
    static func microDegrees(_ text: String?, _ what: String) throws -> Int64? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        do { return try Money.parseFixed(text, digits: 6) } catch {
            throw CoopError.invalid("The \(what) '\(text)' is not a decimal number.")
        }
    }

    /// An optional place from decimal degrees: both given or neither, and on the globe.
    static func place(latitude: String?, longitude: String?) throws -> (latitudeE6: Int64?, longitudeE6: Int64?) {
        let lat = try microDegrees(latitude, "latitude")
        let lon = try microDegrees(longitude, "longitude")
        guard (lat == nil) == (lon == nil) else { throw CoopError.invalid("Give both a latitude and a longitude, or neither.") }
        if let lat, let lon, abs(lat) > 90_000_000 || abs(lon) > 180_000_000 {
            throw CoopError.invalid("A latitude is within ±90 and a longitude within ±180 degrees.")
        }
        return (lat, lon)
    }

    static func create(_ req: Request) async throws -> ListingRecord {
        let (_, member) = try await req.requireMember()
        let bylaws = try await req.bylaws()
        guard mayList(member, bylaws: bylaws) else {
            throw Abort(.forbidden, reason: "Only worker-members (a class paid for its work through the platform) can list.")
        }
        let input = try req.content.decode(Input.self)
        guard let kind = ListingKind(rawValue: input.kind) else { throw CoopError.invalid("Choose a service or a good.") }
        guard let unit = PriceUnit(rawValue: input.unit) else {
            throw CoopError.invalid("Choose how it is priced: per_hour, fixed or per_item.")
        }
        let price: Money
        do {
            price = Money(minorUnits: try Money.parseFixed(input.price, digits: bylaws.currency.minorDigits), currency: bylaws.currency)
        } catch { throw CoopError.invalid("The price '\(input.price)' is not an amount in \(bylaws.currency).") }
        let draft = ListingDraft(
            kind: kind, title: input.title.trimmingCharacters(in: .whitespacesAndNewlines), description: input.description ?? "",
            category: input.category, unit: unit, price: price, estimatedMinutes: input.estimatedMinutes,
            stock: kind == .good ? input.stock : nil, area: (input.area ?? "").trimmingCharacters(in: .whitespaces),
            latitudeE6: try microDegrees(input.latitude, "latitude"), longitudeE6: try microDegrees(input.longitude, "longitude"))
        let (fee, minimum) = try await payTerms(bylaws, on: req.db)
        let problems = draft.problems(categories: bylaws.categories, feeRate: fee, minimumPerHour: minimum)
        guard problems.isEmpty else { throw CoopError.invalid(problems.joined(separator: " ")) }
        let now = req.now
        let workerID = try member.requireID()
        return try await req.write { db in try await insert(draft, worker: workerID, on: db, at: now) }
    }

    /// Stores a checked draft and its audit entry, in the caller's transaction.
    static func insert(_ draft: ListingDraft, worker workerID: UUID, on db: any Database, at now: Date) async throws -> ListingRecord {
        try await ListingStore.insert(
            draft, worker: workerID, rotationKey: Int64.random(in: 0..<rotationModulus), on: db, at: now)
    }

    /// Fair rotation orders by `(rotation_key + hour seed) mod this prime` (``FairRotation``).
    static let rotationModulus = FairRotation.modulus

    /// One page of search results, with each listing's JSON and HTML written in advance.
    struct Found {
        let hits: [(item: SearchCache.Item, distance: Int64?)]
        let total: Int
        let page: Int
        let pages: Int
        let ordering: String

        /// The result as the API's JSON, assembled from the pieces.
        var json: String {
            var out = "{\"listings\":["
            for (i, h) in hits.enumerated() {
                if i > 0 { out += "," }
                out += h.item.json(distance: h.distance)
            }
            out += "],\"total\":\(total),\"page\":\(page),\"pages\":\(pages),\"ordering\":\(FastText.json(ordering))}"
            return out
        }
    }

    /// Searches active listings: words (each beginning a word of the title, description or area),
    /// category, price range and distance from a place; paged, in the order the members chose.
    /// Served from the listings held in memory (``SearchCache``), brought up to date first.
    static func search(_ query: SearchQuery, cache: SearchCache, coop: CoopContext, on db: any Database, at now: Date) async throws
        -> Found
    {
        let snap = try await cache.snapshot(on: db) { try await coop.bylaws(on: db) }
        let page = max(1, min(query.page ?? 1, 10_000))
        if let c = query.category, !c.isEmpty, !snap.categories.contains(c) {
            throw CoopError.invalid("'\(c)' is not a category; choose one of \(snap.categories.joined(separator: ", ")).")
        }
        func amount(_ text: String?, _ what: String) throws -> Int64? {
            guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            do { return try Money.parseFixed(text, digits: snap.currency.minorDigits) } catch {
                throw CoopError.invalid("The \(what) '\(text)' is not an amount in \(snap.currency).")
            }
        }
        let minPrice = try amount(query.minPrice, "lowest price")
        let maxPrice = try amount(query.maxPrice, "highest price")
        var place: (latitudeE6: Int64, longitudeE6: Int64)?
        if let near = query.near?.trimmingCharacters(in: .whitespaces), !near.isEmpty {
            let parts = near.split(separator: ",")
            guard parts.count == 2, let lat = try microDegrees(String(parts[0]), "latitude"),
                let lon = try microDegrees(String(parts[1]), "longitude"), abs(lat) <= 90_000_000, abs(lon) <= 180_000_000
            else { throw CoopError.invalid("A place is 'latitude,longitude' in decimal degrees, such as 52.37,4.89.") }
            place = (lat, lon)
        }
        var withinKm: Int64 = 25
        if let text = query.within?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            guard let km = Int64(text), (1...500).contains(km) else { throw CoopError.invalid("Search within 1 to 500 km.") }
            withinKm = km
        }
        let used = snap.ranking.effective(ratingsCount: snap.ratingsCount, hasPlace: place != nil)
        let filter = SearchFilter(
            words: Array((query.q ?? "").lowercased().split(whereSeparator: { $0.isWhitespace }).prefix(8).map(String.init)),
            category: (query.category?.isEmpty ?? true) ? nil : query.category, minPrice: minPrice, maxPrice: maxPrice, place: place,
            withinMeters: withinKm * 1_000)
        let (found, total) = snap.index.search(
            filter, ranking: used, seed: rotationSeed(now), ratings: snap.ratings, page: page, pageSize: pageSize)
        return Found(
            hits: found.map { (snap.index.payloads[$0.slot], $0.distanceMeters) }, total: total, page: page,
            pages: max(1, (total + pageSize - 1) / pageSize),
            ordering: snap.ranking.explanation(ratingsCount: snap.ratingsCount, hasPlace: place != nil))
    }

    /// The hour's shift of fair rotation: every listing takes its turn at the top.
    static func rotationSeed(_ now: Date) -> Int64 {
        FairRotation.seed(secondsSince1970: now.timeIntervalSince1970)
    }
}

extension Listings {
    /// The listing id in the request's path.
    static func id(_ req: Request) throws -> UUID {
        try req.pathParameter(.id, expecting: "a listing id")
    }

    /// A listing as pages and the API show it.
    static func summary(_ l: ListingRecord, worker: String, currency: Currency) throws -> Summary {
        Summary(
            id: try l.requireID(), kind: l.kind.rawValue, title: l.title, description: l.description, category: l.category,
            unit: l.unit.rawValue,
            price: Money(minorUnits: l.priceMinor, currency: currency).description, priceMinorUnits: l.priceMinor,
            estimatedMinutes: l.estimatedMinutes, stock: l.stock, area: l.area, worker: worker, distanceMeters: nil,
            createdAt: l.createdAt)
    }

    /// One listing, active or not, as pages and the API show it.
    static func summary(_ req: Request) async throws -> (Summary, ListingRecord) {
        let id = try id(req)
        guard let (l, worker) = try await ListingStore.listing(id, on: req.db) else {
            throw Abort(.notFound, reason: "There is no such listing.")
        }
        return (try summary(l, worker: worker, currency: try await req.bylaws().currency), l)
    }
}
