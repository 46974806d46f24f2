import CoopCore
import Foundation
import Vapor

extension ListingSearch {
    /// The search page, written as text like each result's list item (escaped once, when the
    /// listing is loaded): Plot's escaping of every node costs more here than the search itself.
    static func render(_ m: Model, _ c: Layout.Context) -> PageResponse {
        let query = m.query
        let result = m.result
        func pageLink(_ n: Int) -> String {
            var parts: [String] = []
            for (k, v) in [
                ("q", query.q), ("category", query.category), ("minPrice", query.minPrice), ("maxPrice", query.maxPrice),
                ("area", query.area), ("near", query.near), ("within", query.within),
            ] {
                if let v, !v.isEmpty { parts.append("\(k)=\(v.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")") }
            }
            parts.append("page=\(n)")
            return FastText.html(SiteURL.listings.path + "?" + parts.joined(separator: "&"))
        }
        var body = ListingPages.searchForm(query, categories: m.categories, areas: m.areas)
        if let problem = m.problem { body += "<p class=\"error\" role=\"alert\">\(FastText.html(problem))</p>" }
        body += "<p id=\"ordering\">\(FastText.html(result.ordering))</p>"
        switch m.mayList {
        case true?:
            body += "<p><a class=\"button\" href=\"\(SiteURL.newListing.path)\">\(FastText.html(t("List a service or a good")))</a></p>"
        case false?: body += "<p class=\"hint\" id=\"who-lists\">\(FastText.html(Listings.whoMayList))</p>"
        case nil: break
        }
        body += "<p id=\"result-count\">\(FastText.html(tn("%d listing", "%d listings", result.total)))</p>"
        body +=
            "<ul id=\"listings\" class=\"listings listing-cards\">"
            + result.hits.map { $0.item.html(distance: $0.distance, rating: $0.rating) }.joined() + "</ul>"
        if result.pages > 1 {
            body += "<nav class=\"pages\" aria-label=\"\(FastText.html(t("Pages")))\">"
            if result.page > 1 { body += "<a href=\"\(pageLink(result.page - 1))\" rel=\"prev\">\(FastText.html(t("Previous")))</a>" }
            body += " \(FastText.html(t("Page %1$s of %2$s", num(result.page), num(result.pages)))) "
            if result.page < result.pages {
                body += "<a href=\"\(pageLink(result.page + 1))\" rel=\"next\">\(FastText.html(t("Next")))</a>"
            }
            body += "</nav>"
        }
        return Layout.page(c, status: m.status, .raw(body))
    }
}
