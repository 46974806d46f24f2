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
                    .thead(.tr(.th("#"), .th("State"), .th("Price"), .th("Placed"))),
                    .tbody(
                        .forEach(m.orders) { o in
                            .tr(
                                .td(.a(.href(SiteURL.order(o.number).path), .text(String(o.number)))),
                                .td(.text(o.state.label)),
                                .td(.text(Money(minorUnits: o.priceMinor, currency: m.currency).description)),
                                .td(.text(Layout.date(o.createdAt))))
                        })))
    }
}
