import CoopCore
import Foundation
import Plot

extension ListingShow {
    /// The listing page; `error` is why an order from it was refused, if it was.
    static func render(_ m: Model, _ c: Layout.Context, error: String?) -> PageResponse {
        let l = m.listing
        let b = m.breakdown
        return Layout.page(
            c,
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
            .if(l.estimatedMinutes != nil, .p(.text("Takes about \(l.estimatedMinutes ?? 0) minutes."))),
            .if(l.stock != nil, .p(.id("stock"), .text("\(l.stock ?? 0) in stock."))),
            .if(!l.area.isEmpty, .p(.text("Area: \(l.area)"))),
            .p(.text(l.description)),
            .h2("Where the money goes"),
            .p(
                .id("breakdown"),
                .text(
                    "Of every \(b.price), \(l.worker) receives \(b.workerReceives) and the co-op keeps \(b.fee): the \(m.fee) platform fee the members set by vote"
                        + (b.feeCap.map { ", which never takes more than \($0) from one order" } ?? "")
                        + (b.isCapped ? " (the cap applies here)." : ".")
                )),
            Layout.error(error),
            .if(c.user != nil, OrderPages.form(l, csrf: c.csrf)),
            .if(c.user == nil, .p(.a(.href(SiteURL.login.path), .text("Log in")), .text(" to order.")))
        )
    }
}
