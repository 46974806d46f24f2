import CoopCore
import CoopStore
import Foundation
import Plot

extension DashboardShow {
    /// The dashboard; `error` is why the last form on it was refused, if it was.
    static func render(
        _ d: Model, _ c: Layout.Context, error: String?, hours: Hours.Model? = nil, listings: [ListingRecord] = [],
        currency: Currency = Currency(code: "EUR"), areas: [Area] = []
    ) -> PageResponse {
        Layout.page(
            c, Layout.error(error),
            .if(d.worker != nil || !listings.isEmpty, myListings(listings, currency: currency, coopLanguage: c.coopLanguage)),
            .unwrap(d.worker) { JobPages.workerPart($0, csrf: c.csrf, areas: areas, currency: currency, coopLanguage: c.coopLanguage) },
            .unwrap(hours) { Hours.render($0, csrf: c.csrf) },
            .section(
                .id("my-jobs"), .h2(.text(t("My job requests"))),
                .p(.a(.href(SiteURL.newJob.path), .text(t("Ask for a job to be done")))),
                .ul(
                    .forEach(d.jobs) { j in
                        .li(
                            .a(.href(SiteURL.job(j.number).path), .element(named: "bdi", nodes: [.text("#\(j.number) \(j.title)")])),
                            .text(" — \(MarketText.jobState(j.state))"))
                    })),
            .section(
                .id("my-orders"), .h2(.text(t("My orders"))),
                .if(d.orders.isEmpty, .p(.text(t("No orders yet.")))),
                .ul(
                    .forEach(d.orders) { o in
                        .li(
                            .a(
                                .href(SiteURL.order(o.number).path), .element(named: "bdi", nodes: [.text("#\(o.number) \(o.title)")])
                            ),
                            .text(
                                " — "
                                    + (o.role == "customer"
                                        ? t("%1$s, %2$s, as customer", MarketText.state(o.state), MarketText.amount(o.price, currency))
                                        : t("%1$s, %2$s, as worker", MarketText.state(o.state), MarketText.amount(o.price, currency)))))
                    })))
    }

    /// The worker's own listings, each with its status and a link to manage it.
    static func myListings(_ listings: [ListingRecord], currency: Currency, coopLanguage: String = "en") -> Node<HTML.BodyContext> {
        .section(
            .id("my-listings"), .h2(.text(t("My listings"))),
            .p(.a(.href(SiteURL.newListing.path), .text(t("List a service or a good")))),
            .if(listings.isEmpty, .p(.text(t("You have not listed anything yet.")))),
            .ul(
                .class("my-listings"),
                .forEach(listings) { l in
                    let id = l.id ?? UUID()
                    return .li(
                        .a(.href(SiteURL.listing(id).path), .attribute(named: "lang", value: l.language ?? coopLanguage), .text(l.title)),
                        .text(
                            " — \(money(Money(minorUnits: l.priceMinor, currency: currency))) \(ListingPages.unitLabel(l.unit.rawValue)) "),
                        ListingPages.badge(l.status),
                        .if(
                            l.status == .active || l.status == .paused,
                            .group(
                                .text(" "),
                                .a(
                                    .href(SiteURL.editListing(id).path),
                                    .attribute(named: "aria-label", value: FastText.html(t("Manage %s", l.title))),
                                    .text(t("Manage"))))))
                }))
    }
}
