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
        /// One of the co-op's areas, by id (`GET /api/v1/coop` lists them): the listing takes its
        /// name and centre. Pages send only this.
        var areaID: String?
        /// Kept for API clients written before areas: a place in words, used when `areaID` is absent.
        var area: String?
        /// Kept for API clients written before areas: decimal degrees, with `longitude`, used when `areaID` is absent.
        var latitude: String?
        /// Kept for API clients written before areas.
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
        /// `active` (offered), `paused`, `deleted` or `unlisted` (made for one job request).
        var status: String = ListingStatus.active.rawValue
        /// The id of the co-op's area it is placed in, if any.
        var areaID: String? = nil
        /// Its first photo, the one search results show.
        var cover: Photo? = nil
        /// The language its title and description were written in (`es`); absent: the co-op's.
        var language: String? = nil
    }

    /// A listing's photo as pages and the API show it: its stable URL and what it shows.
    struct Photo: Content, Equatable {
        let id: UUID
        /// The photo's address; it never changes, and its content never changes at that address.
        let url: String
        let width: Int?
        let height: Int?
        let alt: String

        init(_ p: ListingPhotoStore.Info) {
            id = p.id
            url = SiteURL.photo(p.id, ListingPhotos.fileName(p)).path
            width = p.width
            height = p.height
            alt = p.alt
        }
    }

    struct SearchQuery: Content {
        var q: String?
        var category: String?
        var minPrice: String?
        var maxPrice: String?
        /// One of the co-op's areas, by id: search around its centre. What the search page sends.
        var area: String?
        /// A place as "latitude,longitude" in decimal degrees, for API clients (used when `area` is absent).
        var near: String?
        /// Kilometres around `area` or `near` (default 25).
        /// Text, as a form sends it (empty when left blank).
        var within: String?
        var page: Int?

        init(
            q: String? = nil, category: String? = nil, minPrice: String? = nil, maxPrice: String? = nil, area: String? = nil,
            near: String? = nil, within: String? = nil, page: Int? = nil
        ) {
            (self.q, self.category, self.minPrice, self.maxPrice, self.area, self.near, self.within, self.page) = (
                q, category, minPrice, maxPrice, area, near, within, page
            )
        }

        /// From a URL's query string, read directly: the busiest request's parameters are a few
        /// plain fields, and a general form decoder costs more than the search.
        init(urlQuery: String?) throws {
            for pair in (urlQuery ?? "").split(separator: "&") {
                let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let raw = kv.count > 1 ? String(kv[1]) : ""
                guard let value = raw.replacingOccurrences(of: "+", with: " ").removingPercentEncoding else {
                    throw CoopError.invalid(t("The search's '%s' is not properly encoded.", String(kv[0])))
                }
                switch kv[0] {
                case "q": q = value
                case "category": category = value
                case "minPrice": minPrice = value
                case "maxPrice": maxPrice = value
                case "area": area = value
                case "near": near = value
                case "within": within = value
                case "page":
                    guard value.isEmpty || Int(value) != nil else { throw CoopError.invalid(t("A page is a number, not '%s'.", value)) }
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
            throw CoopError.invalid(
                what == "latitude"
                    ? t("The latitude '%s' is not a decimal number.", text) : t("The longitude '%s' is not a decimal number.", text))
        }
    }

    /// An optional place from decimal degrees: both given or neither, and on the globe.
    static func place(latitude: String?, longitude: String?) throws -> (latitudeE6: Int64?, longitudeE6: Int64?) {
        let lat = try microDegrees(latitude, "latitude")
        let lon = try microDegrees(longitude, "longitude")
        guard (lat == nil) == (lon == nil) else { throw CoopError.invalid(t("Give both a latitude and a longitude, or neither.")) }
        if let lat, let lon, abs(lat) > 90_000_000 || abs(lon) > 180_000_000 {
            throw CoopError.invalid(t("A latitude is within ±90 and a longitude within ±180 degrees."))
        }
        return (lat, lon)
    }

    static func create(_ req: Request) async throws -> ListingRecord {
        let (_, member) = try await req.requireMember()
        let bylaws = try await req.bylaws()
        guard mayList(member, bylaws: bylaws) else { throw Abort(.forbidden, reason: whoMayList) }
        let draft = try await checkedDraft(try req.content.decode(Input.self), bylaws: bylaws, on: req.db)
        let now = req.now
        let workerID = try member.requireID()
        // The language the worker wrote it in: the page's (the pseudo-language is English
        // underneath); the API does not say, so the co-op's is taken.
        let language = req.storage[LanguageKey.self].map { $0 == .qps ? Language.en : $0 }?.rawValue
        return try await req.write { db in try await insert(draft, worker: workerID, language: language, on: db, at: now) }
    }

    /// Replaces the text, terms and area of the requester's listing `id` with what was sent,
    /// checked as a new listing is. Orders placed before keep their terms.
    static func edit(_ req: Request, id: UUID) async throws -> ListingRecord {
        let (member, m) = try await ListingPhotos.owner(req)
        // Whose listing it is, first: someone else learns nothing from how their input was judged.
        guard let (l, _) = try await ListingStore.listing(id, on: req.db) else { throw CoopError.notFound(t("There is no such listing.")) }
        guard l.workerID == member else { throw CoopError.forbidden(t("Only the worker who listed it can change this listing.")) }
        let bylaws = try await req.bylaws()
        guard mayList(m, bylaws: bylaws) else { throw Abort(.forbidden, reason: whoMayList) }
        let draft = try await checkedDraft(try req.content.decode(Input.self), bylaws: bylaws, on: req.db)
        let now = req.now
        return try await req.write { db in try await ListingCommands.edit(id, to: draft, by: member, on: db, at: now) }
    }

    /// Pauses, resumes or deletes the requester's listing `id`. Resuming needs the right to list;
    /// a member who has left may still pause or delete what they listed.
    static func change(_ req: Request, id: UUID, _ change: ListingStatus.Change) async throws -> ListingRecord {
        let (member, m) = try await ListingPhotos.owner(req)
        if change == .resume, !mayList(m, bylaws: try await req.bylaws()) { throw Abort(.forbidden, reason: whoMayList) }
        let now = req.now
        return try await req.write { db in try await ListingCommands.change(id, change, by: member, on: db, at: now) }
    }

    /// The co-op's area with this id; nil when none is given; refused when it is not one of them.
    static func area(_ id: String?, in bylaws: Bylaws) throws -> Area? {
        guard let id, !id.isEmpty else { return nil }
        guard let area = bylaws.area(id) else {
            throw CoopError.invalid(
                bylaws.areas.isEmpty
                    ? t("This co-op has not named its areas yet; leave the area out.")
                    : t("'%1$s' is not one of the co-op's areas: %2$s.", id, bylaws.areas.map(\.name).joined(separator: ", ")))
        }
        return area
    }

    /// Why someone may not list, in words for them.
    static var whoMayList: String {
        t("Only worker-members list services and goods (members of a class paid for its work through the platform).")
    }

    /// A draft from what was sent, placed in the area it names, checked under the terms in force;
    /// every problem at once.
    static func checkedDraft(_ input: Input, bylaws: Bylaws, on db: any Database) async throws -> ListingDraft {
        guard let kind = ListingKind(rawValue: input.kind) else { throw CoopError.invalid(t("Choose a service or a good.")) }
        guard let unit = PriceUnit(rawValue: input.unit) else {
            throw CoopError.invalid(t("Choose how it is priced: per_hour, fixed or per_item."))
        }
        let price: Money
        do {
            price = Money(minorUnits: try Money.parseFixed(input.price, digits: bylaws.currency.minorDigits), currency: bylaws.currency)
        } catch { throw CoopError.invalid(t("The price '%1$s' is not an amount in %2$s.", input.price, bylaws.currency.code)) }
        var draft = ListingDraft(
            kind: kind, title: input.title.trimmingCharacters(in: .whitespacesAndNewlines), description: input.description ?? "",
            category: input.category, unit: unit, price: price, estimatedMinutes: unit == .fixed ? input.estimatedMinutes : nil,
            stock: kind == .good ? input.stock : nil, area: (input.area ?? "").trimmingCharacters(in: .whitespaces),
            latitudeE6: try microDegrees(input.latitude, "latitude"), longitudeE6: try microDegrees(input.longitude, "longitude"))
        if let area = try area(input.areaID, in: bylaws) { draft = draft.placed(in: area) }
        let (fee, minimum) = try await payTerms(bylaws, on: db)
        let problems = draft.problemWords(categories: bylaws.categories, feeRate: fee, minimumPerHour: minimum)
        guard problems.isEmpty else { throw CoopError.invalid(.sentences(problems)) }
        return draft
    }

    /// Stores a checked draft and its audit entry, in the caller's transaction.
    static func insert(
        _ draft: ListingDraft, worker workerID: UUID, language: String? = nil, on db: any Database, at now: Date
    ) async throws -> ListingRecord {
        try await ListingStore.insert(
            draft, worker: workerID, rotationKey: Int64.random(in: 0..<rotationModulus), language: language, on: db, at: now)
    }

    /// Fair rotation orders by `(rotation_key + hour seed) mod this prime` (``FairRotation``).
    static let rotationModulus = FairRotation.modulus

    /// One page of search results, with each listing's JSON and HTML written in advance.
    struct Found {
        /// Each listing found, with its distance from the place searched around and its worker's
        /// rating as the card shows it (written once per change of reviews, not per search).
        let hits: [(item: SearchCache.Item, distance: Int64?, rating: SearchCache.CardRating?)]
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
            throw CoopError.invalid(t("'%1$s' is not a category; choose one of %2$s.", c, snap.categories.joined(separator: ", ")))
        }
        func amount(_ text: String?, lowest: Bool) throws -> Int64? {
            guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            do { return try Money.parseFixed(text, digits: snap.currency.minorDigits) } catch {
                throw CoopError.invalid(
                    lowest
                        ? t("The lowest price '%1$s' is not an amount in %2$s.", text, snap.currency.code)
                        : t("The highest price '%1$s' is not an amount in %2$s.", text, snap.currency.code))
            }
        }
        let minPrice = try amount(query.minPrice, lowest: true)
        let maxPrice = try amount(query.maxPrice, lowest: false)
        var place: (latitudeE6: Int64, longitudeE6: Int64)?
        if let id = query.area, !id.isEmpty {
            guard let area = snap.areas.first(where: { $0.id == id }) else {
                throw CoopError.invalid(t("'%s' is not one of the co-op's areas.", id))
            }
            place = (area.latitudeE6, area.longitudeE6)
        } else if let near = query.near?.trimmingCharacters(in: .whitespaces), !near.isEmpty {
            let parts = near.split(separator: ",")
            guard parts.count == 2, let lat = try microDegrees(String(parts[0]), "latitude"),
                let lon = try microDegrees(String(parts[1]), "longitude"), abs(lat) <= 90_000_000, abs(lon) <= 180_000_000
            else { throw CoopError.invalid(t("A place is 'latitude,longitude' in decimal degrees, such as 52.37,4.89.")) }
            place = (lat, lon)
        }
        var withinKm: Int64 = 25
        if let text = query.within?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            guard let km = Int64(text), (1...500).contains(km) else { throw CoopError.invalid(t("Search within 1 to 500 km.")) }
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
            hits: found.map {
                (snap.index.payloads[$0.slot], $0.distanceMeters, snap.cardRatings[snap.index.entries[$0.slot].worker])
            }, total: total, page: page,
            pages: max(1, (total + pageSize - 1) / pageSize),
            ordering: MarketText.ordering(snap.ranking, ratingsCount: snap.ratingsCount, hasPlace: place != nil))
    }

    /// The hour's shift of fair rotation: every listing takes its turn at the top.
    static func rotationSeed(_ now: Date) -> Int64 {
        FairRotation.seed(secondsSince1970: now.timeIntervalSince1970)
    }
}

extension Listings {
    /// The listing id in the request's path.
    static func id(_ req: Request) throws -> UUID {
        try req.pathParameter(.id, expecting: t("a listing id"))
    }

    /// A listing as pages and the API show it.
    static func summary(_ l: ListingRecord, worker: String, currency: Currency, cover: ListingPhotoStore.Info? = nil) throws
        -> Summary
    {
        Summary(
            id: try l.requireID(), kind: l.kind.rawValue, title: l.title, description: l.description, category: l.category,
            unit: l.unit.rawValue,
            price: Money(minorUnits: l.priceMinor, currency: currency).description, priceMinorUnits: l.priceMinor,
            estimatedMinutes: l.estimatedMinutes, stock: l.stock, area: l.area, worker: worker, distanceMeters: nil,
            createdAt: l.createdAt, status: l.status.rawValue, areaID: l.areaID, cover: cover.map(Photo.init), language: l.language)
    }

    /// One listing, active or not, as pages and the API show it.
    static func summary(_ req: Request) async throws -> (Summary, ListingRecord) {
        let id = try id(req)
        guard let (l, worker) = try await ListingStore.listing(id, on: req.db) else {
            throw Abort(.notFound, reason: t("There is no such listing."))
        }
        let cover = try await ListingPhotoStore.photos(of: id, on: req.db).first
        return (try summary(l, worker: worker, currency: try await req.bylaws().currency, cover: cover), l)
    }
}
