import CoopCore
import CoopStore
import Fluent
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
        let result: Listings.Found
        var status = HTTPStatus.ok
        var problem: String?
        do {
            result = try await Listings.find(query, cache: req.coop.search, coop: req.coop, on: req.db, at: req.now)
        } catch let error as any AbortError {
            problem = error.reason
            status = error.status
            result = Listings.Found(hits: [], total: 0, page: 1, pages: 1, ordering: "")
        }
        func pageLink(_ n: Int) -> String {
            var parts: [String] = []
            for (k, v) in [
                ("q", query.q), ("category", query.category), ("minPrice", query.minPrice), ("maxPrice", query.maxPrice),
                ("near", query.near), ("within", query.within),
            ] {
                if let v, !v.isEmpty { parts.append("\(k)=\(v.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")") }
            }
            parts.append("page=\(n)")
            return FastText.html(SiteURL.listings.path + "?" + parts.joined(separator: "&"))
        }
        // Written as text, like each result's list item (escaped once, when the listing is loaded).
        var body = searchForm(query, categories: bylaws.categories)
        if let problem { body += "<p class=\"error\" role=\"alert\">\(FastText.html(problem))</p>" }
        body += "<p id=\"ordering\">\(FastText.html(result.ordering))</p>"
        if c.user != nil { body += "<p><a href=\"\(SiteURL.newListing.path)\">List a service or a good</a></p>" }
        body += "<p id=\"result-count\">\(result.total) listing\(result.total == 1 ? "" : "s")</p>"
        body += "<ul id=\"listings\" class=\"listings\">" + result.hits.map { $0.item.html(distance: $0.distance) }.joined() + "</ul>"
        if result.pages > 1 {
            body += "<nav class=\"pages\" aria-label=\"Pages\">"
            if result.page > 1 { body += "<a href=\"\(pageLink(result.page - 1))\" rel=\"prev\">Previous</a>" }
            body += " Page \(result.page) of \(result.pages) "
            if result.page < result.pages { body += "<a href=\"\(pageLink(result.page + 1))\" rel=\"next\">Next</a>" }
            body += "</nav>"
        }
        return Layout.page(c, status: status, .raw(body))
    }

    static func show(_ req: Request) async throws -> PageResponse {
        let (l, record) = try await Listings.summary(req)
        let rating = try await Listings.rating(of: record.workerID, on: req.db)
        let bylaws = try await req.bylaws()
        let (fee, _) = try await Listings.payTerms(bylaws, on: req.db)
        let b = PriceBreakdown(price: Money(minorUnits: l.priceMinorUnits, currency: bylaws.currency), feeRate: fee)
        let c = try await req.layout(l.title, forms: true)
        return Layout.page(
            c,
            .p(
                .class("meta"),
                .text("\(l.kind == "good" ? "Good" : "Service") in \(l.category.replacingOccurrences(of: "_", with: " ")), by \(l.worker)")),
            .p(.id("price"), .strong(.text("\(l.price) \(unitLabel(l.unit))"))),
            .p(
                .id("rating"),
                .text(
                    rating.map {
                        "\(l.worker): " + String(format: "%.1f", $0.average) + " of 5 from \($0.count) review\($0.count == 1 ? "" : "s")"
                    }
                        ?? "\(l.worker) has no reviews yet.")),
            .if(l.estimatedMinutes != nil, .p(.text("Takes about \(l.estimatedMinutes ?? 0) minutes."))),
            .if(l.stock != nil, .p(.id("stock"), .text("\(l.stock ?? 0) in stock."))),
            .if(!l.area.isEmpty, .p(.text("Area: \(l.area)"))),
            .p(.text(l.description)),
            .h2("Where the money goes"),
            .p(
                .id("breakdown"),
                .text(
                    "Of every \(b.price), \(l.worker) receives \(b.workerReceives) and the co-op keeps \(b.fee): the \(fee) platform fee the members set by vote."
                )),
            Layout.error(req.storage[FormErrorKey.self]),
            .if(c.user != nil, OrderPages.form(l, csrf: c.csrf)),
            .if(c.user == nil, .p(.a(.href(SiteURL.login.path), .text("Log in")), .text(" to order.")))
        )
    }

    static func newForm(_ req: Request) async throws -> PageResponse {
        let (_, member) = try await req.requireMember()
        let bylaws = try await req.bylaws()
        guard Listings.mayList(member, bylaws: bylaws) else {
            throw Abort(.forbidden, reason: "Only worker-members (a class paid for its work through the platform) can list.")
        }
        let (fee, minimum) = try await Listings.payTerms(bylaws, on: req.db)
        let c = try await req.layout("List a service or a good", forms: true)
        return Layout.page(
            c,
            Layout.error(req.storage[FormErrorKey.self]),
            .p(
                .text(
                    "The co-op keeps \(fee) of each order; after it, a service must pay you at least \(minimum) an hour (the minimum pay the members set)."
                )),
            .form(
                .method(.post), .action(SiteURL.listings.path),
                Layout.csrfField(c.csrf),
                .div(
                    .class("field"), .label(.for("kind"), .text("What")),
                    .select(.id("kind"), .attribute(named: "name", value: "kind"), option("service", "A service"), option("good", "A good"))
                ),
                Layout.field("Title", name: "title"),
                .div(
                    .class("field"), .label(.for("description"), .text("Description")),
                    .textarea(.id("description"), .name("description"), .attribute(named: "rows", value: "4"))),
                .div(
                    .class("field"), .label(.for("category"), .text("Category")),
                    .select(
                        .id("category"), .attribute(named: "name", value: "category"),
                        .forEach(bylaws.categories) { cat in option(cat, cat.replacingOccurrences(of: "_", with: " ")) })),
                .div(
                    .class("field"), .label(.for("unit"), .text("Priced")),
                    .select(
                        .id("unit"), .attribute(named: "name", value: "unit"), option("per_hour", "by the hour (service)"),
                        option("fixed", "at a fixed price (service)"), option("per_item", "by the item (good)"))),
                Layout.field("Price (\(bylaws.currency))", name: "price"),
                Layout.field("Minutes it takes (fixed-price services)", name: "estimatedMinutes", type: .number, required: false),
                Layout.field("Stock (goods)", name: "stock", type: .number, required: false),
                Layout.field("Area (optional)", name: "area", required: false),
                Layout.field("Latitude (optional)", name: "latitude", required: false),
                Layout.field("Longitude (optional)", name: "longitude", required: false),
                .button(.type(.submit), .text("List it")))
        )
    }
}
