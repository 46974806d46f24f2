import CoopCore
import CoopStore
import Plot
import Vapor

/// The marketplace's pages: search, a listing, and listing a service or a good.
enum ListingPages {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(.listings) { req in try await search(req) }
        routes.get(.newListing) { req in try await newForm(req) }
        routes.post(.listings) { req async throws -> Response in
            try await MembershipPages.formAction(req, retry: { try await newForm($0) }) {
                let l = try await Listings.create(req)
                return req.redirect(to: SiteURL.listing(try l.requireID()).path)
            }
        }
        routes.get(SiteURL.listing) { req in try await show(req) }
        routes.get(SiteURL.editListing) { req in try await editForm(req, id: try Listings.id(req)) }
        routes.post(SiteURL.editListing) { req async throws -> Response in
            let id = try Listings.id(req)
            return try await MembershipPages.formAction(req, retry: { try await editForm($0, id: id) }) {
                _ = try await Listings.edit(req, id: id)
                return req.redirect(to: SiteURL.listing(id).path)
            }
        }
        routes.post(SiteURL.listingStatus) { req async throws -> Response in
            let id = try Listings.id(req)
            return try await MembershipPages.formAction(req, retry: { try await editForm($0, id: id) }) {
                struct Form: Decodable { var change: String? }
                guard let change = ListingStatus.Change(rawValue: (try? req.content.decode(Form.self))?.change ?? "") else {
                    throw CoopError.invalid(t("Choose to pause, resume or delete the listing."))
                }
                if change == .delete {
                    try MembershipPages.requireConfirmation(req, t("Tick the box to confirm that you want to delete this listing."))
                }
                let l = try await Listings.change(req, id: id, change)
                return req.redirect(to: l.status == .deleted ? SiteURL.dashboard.path + "#my-listings" : SiteURL.editListing(id).path)
            }
        }
    }

    /// An option of a select; `asWritten`: its label is the co-op's own word (a category, an
    /// area) or a code (a time zone), kept as written in every language (`translate="no"`).
    static func option(_ value: String, _ label: String, selected: Bool = false, asWritten: Bool = false) -> Node<HTML.SelectContext> {
        .element(
            named: "option",
            nodes: [
                // An empty value is written too: without it, a browser sends the option's label.
                .attribute(named: "value", value: value, ignoreIfValueIsEmpty: false),
                .if(selected, .attribute(named: "selected", value: "selected")),
                .if(asWritten, .attribute(named: "translate", value: "no")), .text(label),
            ])
    }

    /// A listing's status as a badge: offered, paused, deleted.
    static func badge(_ status: ListingStatus) -> Node<HTML.BodyContext> {
        let tone =
            switch status {
            case .active: "ok"
            case .paused: "wait"
            case .deleted, .unlisted: "info"
            }
        return Layout.badge(MarketText.status(status), tone)
    }

    static func unitLabel(_ unit: String) -> String { MarketText.unit(unit) }

    /// The search form, written as text: it is on the busiest page, and Plot's escaping of every
    /// node costs more there than the search itself.
    static func searchForm(_ query: Listings.SearchQuery, categories: [String], areas: [Area]) -> String {
        func field(_ id: String, _ label: String, _ value: String?, _ extra: String = "") -> String {
            "<div class=\"field\"><label for=\"\(id)\">\(label)</label><input id=\"\(id)\" name=\"\(id)\"\(extra)"
                + " value=\"\(FastText.html(value ?? ""))\"/></div>"
        }
        var options = "<option value=\"\">\(FastText.html(t("Any")))</option>"
        for cat in categories {
            let selected = cat == query.category ? " selected=\"selected\"" : ""
            options +=
                "<option value=\"\(FastText.html(cat))\"\(selected) translate=\"no\">\(FastText.html(FastText.spaced(cat)))</option>"
        }
        return "<form id=\"search\" method=\"get\" action=\"\(SiteURL.listings.path)\">"
            + field("q", FastText.html(t("Words")), query.q, " type=\"search\"")
            + "<div class=\"field\"><label for=\"category\">\(FastText.html(t("Category")))</label><select id=\"category\" name=\"category\">\(options)</select></div>"
            + field("minPrice", FastText.html(t("Lowest price")), query.minPrice, " inputmode=\"decimal\"")
            + field("maxPrice", FastText.html(t("Highest price")), query.maxPrice, " inputmode=\"decimal\"")
            + areaSelect(query.area, areas)
            + field("within", FastText.html(t("Within (km)")), query.within, " type=\"number\" min=\"1\" max=\"500\"")
            + "<button type=\"submit\">\(FastText.html(t("Search")))</button></form>"
    }

    /// "Near" as one of the co-op's areas, picked by name (search looks around its centre).
    static func areaSelect(_ selected: String?, _ areas: [Area]) -> String {
        var options = "<option value=\"\">\(FastText.html(t("Anywhere")))</option>"
        for a in areas {
            let mark = a.id == selected ? " selected=\"selected\"" : ""
            options += "<option value=\"\(FastText.html(a.id))\"\(mark) translate=\"no\">\(FastText.html(a.name))</option>"
        }
        return
            "<div class=\"field\"><label for=\"area\">\(FastText.html(t("Near")))</label><select id=\"area\" name=\"area\">\(options)</select></div>"
    }

    static func search(_ req: Request) async throws -> PageResponse {
        let bylaws = try await req.bylaws()
        let query = try Listings.SearchQuery(urlQuery: req.url.query)
        let c = try await req.layout(t("Marketplace"))
        var mayList: Bool?
        if let user = req.user {
            mayList = try await req.membership(of: user).map { Listings.mayList($0, bylaws: bylaws) } ?? false
        }
        let m = try await ListingSearch.Model.load(
            query: query, categories: bylaws.categories, areas: bylaws.areas, mayList: mayList, cache: req.coop.search, coop: req.coop,
            on: req.db, at: req.now)
        return ListingSearch.render(m, c)
    }

    static func show(_ req: Request) async throws -> PageResponse {
        let id = try Listings.id(req)
        var viewer: UUID?
        if let user = req.user { viewer = try await req.membership(of: user)?.requireID() }
        let m = try await ListingShow.Model.load(id: id, currency: try await req.bylaws().currency, viewer: viewer, on: req.db)
        var c = try await req.layout(m.listing.title, forms: true)
        c.titleLanguage = m.listing.language ?? c.coopLanguage
        return ListingShow.render(m, c, error: req.storage[FormErrorKey.self])
    }

    static func newForm(_ req: Request) async throws -> PageResponse {
        let (_, member) = try await req.requireMember()
        let bylaws = try await req.bylaws()
        guard Listings.mayList(member, bylaws: bylaws) else { throw Abort(.forbidden, reason: Listings.whoMayList) }
        let m = try await ListingNew.Model.load(bylaws: bylaws, on: req.db)
        let c = try await req.layout(t("List a service or a good"), forms: true)
        return ListingNew.render(m, c, error: req.storage[FormErrorKey.self])
    }

    /// The page to manage a listing of one's own.
    static func editForm(_ req: Request, id: UUID) async throws -> PageResponse {
        let (member, _) = try await ListingPhotos.owner(req)
        let m = try await ListingEdit.Model.load(id: id, member: member, bylaws: try await req.bylaws(), on: req.db)
        let c = try await req.layout(t("Manage: %s", m.title), forms: true)
        return ListingEdit.render(m, c, error: req.storage[FormErrorKey.self])
    }
}
