import CoopCore
import CoopStore
import Foundation
import Plot

extension ListingShow {
    /// The listing page; `error` is why an order from it was refused, if it was.
    static func render(_ m: Model, _ c: Layout.Context, error: String?) -> PageResponse {
        let l = m.listing
        let b = m.breakdown
        return Layout.page(
            c,
            notice(m),
            .if(
                m.isOwner && (m.status == .active || m.status == .paused),
                .p(.class("owner-actions"), .a(.class("button"), .href(SiteURL.editListing(l.id).path), .text("Edit this listing")))),
            gallery(m.photos),
            .p(
                .class("meta"),
                .text("\(l.kind == "good" ? "Good" : "Service") in \(l.category.replacingOccurrences(of: "_", with: " ")), by \(l.worker)")),
            .p(.id("price"), .strong(.text("\(l.price) \(ListingPages.unitLabel(l.unit))"))),
            .p(
                .id("rating"),
                .text(
                    m.rating.map {
                        "\(l.worker): " + String(format: "%.1f", $0.average) + " of 5 from \($0.count) review\($0.count == 1 ? "" : "s")"
                    }
                        ?? "\(l.worker) has no reviews yet.")),
            .unwrap(m.workerID) {
                .p(
                    .id("worker-skills"),
                    .a(.href(SiteURL.workerSkills($0).path), .text(t("%s's skills, as peers recognise them", l.worker))))
            },
            .if(l.estimatedMinutes != nil, .p(.text("Takes about \(l.estimatedMinutes ?? 0) minutes."))),
            .if(l.stock != nil, .p(.id("stock"), .text("\(l.stock ?? 0) in stock."))),
            .if(!l.area.isEmpty, .p(.id("area"), .text("Area: \(l.area)"))),
            .div(.id("description"), Layout.paragraphs(l.description)),
            .h2("Where the money goes"),
            .p(
                .id("breakdown"),
                .text(
                    "Of every \(b.price), \(l.worker) receives \(b.workerReceives) and the co-op keeps \(b.fee): the \(m.fee) platform fee the members set by vote"
                        + (b.feeCap.map { ", which never takes more than \($0) from one order" } ?? "")
                        + (b.isCapped ? " (the cap applies here)." : ".")
                )),
            Layout.error(error),
            .if(m.status == .active && c.user != nil && !m.isOwner, OrderPages.form(l, csrf: c.csrf)),
            .if(
                m.status == .active && c.user == nil,
                .p(
                    .a(.id("login-to-order"), .href(AuthPages.loginLink(next: SiteURL.listing(l.id).path)), .text("Log in")),
                    .text(" to order."))),
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
                    ? "You have paused this listing: it is not found by search and takes no orders until you resume it."
                    : "This listing is paused: its worker is not taking orders for now."
            case .deleted: "This listing is no longer offered. Orders placed from it are kept and still show it."
            case .unlisted: "This listing was made for one job request; it is not offered to others."
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
            .id("reviews"), .h2("Reviews of this listing"),
            .if(reviews.isEmpty, .p("No reviews of this listing yet.")),
            .ul(
                .class("reviews"),
                .forEach(reviews) { r in
                    .li(
                        .p(
                            .class("review-head"), .strong(.text("\(r.rating) of 5")),
                            .text(" · a customer, \(Layout.day(r.createdAt))")),
                        .if(!r.body.isEmpty, Layout.paragraphs(r.body)))
                }))
    }
}
