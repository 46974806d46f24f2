import CoopCore
import Foundation
import Plot

extension OrderList {
    static func render(_ m: Model, _ c: Layout.Context) -> PageResponse {
        Layout.page(
            c,
            m.orders.isEmpty
                ? .p(.text(t("No orders yet.")))
                : .table(
                    .id("orders"),
                    .thead(
                        .tr(
                            .th(.text(t("Order"))), .th(.text(t("What"))), .th(.text(t("Placed"))), .th(.text(t("Amount"))),
                            .th(.text(t("State"))))),
                    .tbody(
                        .forEach(m.orders) { o in
                            .tr(
                                .td(.a(.href(SiteURL.order(o.number).path), .text("#\(o.number)"))),
                                .td(
                                    .a(
                                        .href(SiteURL.order(o.number).path),
                                        m.titles[o.listingID].map { .element(named: "bdi", nodes: [.text($0)]) }
                                            ?? .text(t("A listing no longer offered"))),
                                    .text(o.customerID == m.user ? t(" (you ordered)") : t(" (you work on it)")),
                                    .unwrap(o.scheduledAt) { .text(t(", booked for %s", Layout.date($0, in: m.zone))) }),
                                .td(MarketText.time(Layout.date(o.createdAt, in: m.zone), o.createdAt)),
                                .td(.text(money(Money(minorUnits: o.priceMinor, currency: m.currency)))),
                                .td(Layout.badge(MarketText.state(o.state), CalendarShow.tone(o.state))))
                        })))
    }
}
