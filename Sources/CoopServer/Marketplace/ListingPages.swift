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
    }

    static func option(_ value: String, _ label: String, selected: Bool = false) -> Node<HTML.SelectContext> {
        .element(
            named: "option",
            nodes: [
                .attribute(named: "value", value: value), .if(selected, .attribute(named: "selected", value: "selected")), .text(label),
            ])
    }

    static func unitLabel(_ unit: String) -> String {
        switch PriceUnit(rawValue: unit) {
        case .perHour: "an hour"
        case .fixed: "fixed price"
        case .perItem: "an item"
        case nil: unit
        }
    }

    /// The search form, written as text: it is on the busiest page, and Plot's escaping of every
    /// node costs more there than the search itself.
    static func searchForm(_ query: Listings.SearchQuery, categories: [String]) -> String {
        func field(_ id: String, _ label: String, _ value: String?, _ extra: String = "") -> String {
            "<div class=\"field\"><label for=\"\(id)\">\(label)</label><input id=\"\(id)\" name=\"\(id)\"\(extra)"
                + " value=\"\(FastText.html(value ?? ""))\"/></div>"
        }
        var options = "<option value=\"\">Any</option>"
        for cat in categories {
            let selected = cat == query.category ? " selected=\"selected\"" : ""
            options +=
                "<option value=\"\(FastText.html(cat))\"\(selected)>\(FastText.html(cat.replacingOccurrences(of: "_", with: " ")))</option>"
        }
        return "<form id=\"search\" method=\"get\" action=\"\(SiteURL.listings.path)\">"
            + field("q", "Words", query.q, " type=\"search\"")
            + "<div class=\"field\"><label for=\"category\">Category</label><select id=\"category\" name=\"category\">\(options)</select></div>"
            + field("minPrice", "Lowest price", query.minPrice, " inputmode=\"decimal\"")
            + field("maxPrice", "Highest price", query.maxPrice, " inputmode=\"decimal\"")
            + field("near", "Near (latitude,longitude)", query.near) + field("within", "Within (km)", query.within, " type=\"number\"")
            + "<button type=\"submit\">Search</button></form>"
    }

    static func search(_ req: Request) async throws -> PageResponse {
        let bylaws = try await req.bylaws()
        let query = try Listings.SearchQuery(urlQuery: req.url.query)
        let c = try await req.layout("Marketplace")
        let m = try await ListingSearch.Model.load(
            query: query, categories: bylaws.categories, cache: req.coop.search, coop: req.coop, on: req.db, at: req.now)
        return ListingSearch.render(m, c)
    }

    static func show(_ req: Request) async throws -> PageResponse {
        let id = try Listings.id(req)
        let m = try await ListingShow.Model.load(id: id, currency: try await req.bylaws().currency, on: req.db)
        let c = try await req.layout(m.listing.title, forms: true)
        return ListingShow.render(m, c, error: req.storage[FormErrorKey.self])
    }

    static func newForm(_ req: Request) async throws -> PageResponse {
        let (_, member) = try await req.requireMember()
        let bylaws = try await req.bylaws()
        guard Listings.mayList(member, bylaws: bylaws) else {
            throw Abort(.forbidden, reason: "Only worker-members (a class paid for its work through the platform) can list.")
        }
        let m = try await ListingNew.Model.load(bylaws: bylaws, on: req.db)
        let c = try await req.layout("List a service or a good", forms: true)
        return ListingNew.render(m, c, error: req.storage[FormErrorKey.self])
    }
}
