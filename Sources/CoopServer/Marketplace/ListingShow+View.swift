import CoopCore
import CoopStore
import Foundation
import Plot

extension ListingShow {
    /// The listing page; `error` is why an order from it was refused, if it was.
    static func render(_ m: Model, _ c: Layout.Context, error: String?) -> PageResponse {
        let l = m.listing
        let b = m.breakdown
        let language = l.language ?? c.coopLanguage
        let category = l.category.replacingOccurrences(of: "_", with: " ")
        return Layout.page(
            c,
            notice(m),
            .if(
                m.isOwner && (m.status == .active || m.status == .paused),
                .p(.class("owner-actions"), .a(.class("button"), .href(SiteURL.editListing(l.id).path), .text(t("Edit this listing"))))),
            gallery(m.photos),
            .p(
                .class("meta"),
                .text(
                    l.kind == "good" ? t("Good in %1$s, by %2$s", category, l.worker) : t("Service in %1$s, by %2$s", category, l.worker))),
            .p(.id("price"), .strong(.text("\(MarketText.amount(l.price, b.price.currency)) \(ListingPages.unitLabel(l.unit))"))),
            .p(
                .id("rating"),
                .text(
                    m.rating.map {
                        tn(
                            "%2$s: %3$s of 5 from %1$d review", "%2$s: %3$s of 5 from %1$d reviews", $0.count, l.worker,
                            Lang.current == .es || Lang.current == .fr
                                ? MarketText.decimal(Int64(($0.average * 10).rounded()), places: 1) : String(format: "%.1f", $0.average))
                    }
                        ?? t("%s has no reviews yet.", l.worker))),
            .unwrap(m.workerID) {
                .p(
                    .id("worker-skills"),
                    .a(.href(SiteURL.workerSkills($0).path), .text(t("%s's skills, as peers recognise them", l.worker))))
            },
            .if(
                l.estimatedMinutes != nil,
                .p(.text(tn("Takes about %d minute.", "Takes about %d minutes.", Int(l.estimatedMinutes ?? 0))))),
            .if(l.stock != nil, .p(.id("stock"), .text(t("%s in stock.", num(l.stock ?? 0))))),
            .if(!l.area.isEmpty, .p(.id("area"), .text(t("Area: %s", l.area)))),
            .div(.id("description"), Layout.paragraphs(l.description, language: language)),
            .h2(.text(t("Where the money goes"))),
            .p(
                .id("breakdown"),
                .text(
                    t(
                        "Of every %1$s, %2$s receives %3$s and the co-op keeps %4$s: the %5$s platform fee the members set by vote",
                        money(b.price), l.worker, money(b.workerReceives), money(b.fee), MarketText.percent(m.fee))
                        + (b.feeCap.map { t(", which never takes more than %s from one order", money($0)) } ?? "")
                        + (b.isCapped ? t(" (the cap applies here).") : ".")
                )),
            Layout.error(error),
            .if(m.status == .active && c.user != nil && !m.isOwner, OrderPages.form(l, csrf: c.csrf)),
            .if(
                m.status == .active && c.user == nil,
                .p(
                    .a(.id("login-to-order"), .href(AuthPages.loginLink(next: SiteURL.listing(l.id).path)), .text(t("Log in"))),
                    .text(t(" to order.")))),
            reviews(m.reviews)
        )
    }

    /// Says when the listing is not offered, and why no order form is shown.
    static func notice(_ m: Model) -> Node<HTML.BodyContext> {
        let text: String? =
            switch m.status {
            case .active: nil
            case .paused:
                m.isOwner
                    ? t("You have paused this listing: it is not found by search and takes no orders until you resume it.")
                    : t("This listing is paused: its worker is not taking orders for now.")
            case .deleted: t("This listing is no longer offered. Orders placed from it are kept and still show it.")
            case .unlisted: t("This listing was made for one job request; it is not offered to others.")
            }
        return .unwrap(text) { .p(.id("listing-status"), .class("notice"), .text($0)) }
    }

    /// The listing's photos, each with its size (so the page does not move as they load) and alt text.
    static func gallery(_ photos: [Listings.Photo]) -> Node<HTML.BodyContext> {
        .if(
            !photos.isEmpty,
            .div(
                .id("photos"), .class("gallery"),
                .forEach(photos) { p in
                    .img(
                        .src(p.url), .alt(FastText.html(p.alt)), .attribute(named: "width", value: p.width.map(String.init)),
                        .attribute(named: "height", value: p.height.map(String.init)), .attribute(named: "loading", value: "lazy"))
                }))
    }

    /// What customers wrote of orders placed from this listing, newest first, without their names
    /// (as an order's page names only "the customer").
    static func reviews(_ reviews: [ListingCommands.Review]) -> Node<HTML.BodyContext> {
        .section(
            .id("reviews"), .h2(.text(t("Reviews of this listing"))),
            .if(reviews.isEmpty, .p(.text(t("No reviews of this listing yet.")))),
            .ul(
                .class("reviews"),
                .forEach(reviews) { r in
                    .li(
                        .p(
                            .class("review-head"), .strong(.text(t("%s of 5", num(r.rating)))),
                            .text(t(" · a customer, %s", Lang.current == .en ? Layout.day(r.createdAt) : day(r.createdAt)))),
                        .if(!r.body.isEmpty, Layout.paragraphs(r.body)))
                }))
    }
}
