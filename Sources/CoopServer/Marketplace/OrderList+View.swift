import CoopCore
import Foundation
import Plot

extension OrderList {
    static func render(_ m: Model, _ c: Layout.Context) -> PageResponse {
        Layout.page(
            c,
            m.orders.isEmpty
                ? .p("No orders yet.")
                : .table(
                    .id("orders"),
                    .thead(.tr(.th("Order"), .th("What"), .th("Placed"), .th("Amount"), .th("State"))),
                    .tbody(
                        .forEach(m.orders) { o in
                            .tr(
                                .td(.a(.href(SiteURL.order(o.number).path), .text("#\(o.number)"))),
                                .td(
                                    .a(.href(SiteURL.order(o.number).path), .text(m.titles[o.listingID] ?? "A listing no longer offered")),
                                    .text(o.customerID == m.user ? " (you ordered)" : " (you work on it)"),
                                    .unwrap(o.scheduledAt) { .text(", booked for \(Layout.date($0, in: m.zone))") }),
                                .td(.text(Layout.date(o.createdAt, in: m.zone))),
                                .td(.text(Money(minorUnits: o.priceMinor, currency: m.currency).description)),
                                .td(Layout.badge(o.state.label, CalendarShow.tone(o.state))))
                        })))
    }
}
