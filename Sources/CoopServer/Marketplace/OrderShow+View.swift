import CoopCore
import CoopStore
import Foundation
import Plot

extension OrderShow {
    /// The order page; `error` is why the last action on it was refused, if it was.
    static func render(_ m: Model, _ c: Layout.Context, error: String?) -> PageResponse {
        let v = m.order
        let paymentNodes: [Node<HTML.BodyContext>] = m.payments.map { p in
            OrderPages.paymentLine(
                p, currency: m.currency, confirmable: p.status == .pending && c.isSteward && !m.isCustomer,
                csrf: c.csrf)
        }
        let header: Node<HTML.BodyContext> = .group(
            Layout.error(error),
            .p(
                .a(
                    .href(SiteURL.listing(v.listing).path),
                    .unwrap(
                        m.job, { MarketText.jobName($0.number, $0.title, language: $0.language ?? c.coopLanguage) },
                        else: .element(named: "bdi", nodes: [.text(v.title)]))),
                .text(t(" — %1$s orders from %2$s", v.customer, v.worker))),
            .p(.text(t("State: ")), Layout.badge(MarketText.state(v.state), "info", id: "order-state")),
            .unwrap(m.scheduledAt) { at in
                .p(
                    .id("booked-at"),
                    .text(
                        t(
                            "Booked for %1$s to %2$s.", Layout.date(at, in: m.zone),
                            ZonedText.time(at.addingTimeInterval(Double(v.quantity) * 60), in: m.zone))
                    )
                )
            },
            OrderPages.breakdown(v, currency: m.currency),
            .if(
                !v.note.isEmpty,
                .p(
                    .text(t("Note: ")),
                    MarketText.written(
                        v.note, language: m.job.flatMap { $0.description == v.note ? $0.language ?? c.coopLanguage : nil }))))
        let paymentSection: Node<HTML.BodyContext> = .div(
            .id("payment"), .group(paymentNodes),
            .if(m.payable, OrderPages.payForm(v, gateways: m.gateways, currency: m.currency, csrf: c.csrf)))
        let actions = OrderTimelineView.actions(v.actions, number: v.number, role: m.role, csrf: c.csrf)
        return Layout.page(
            c, header, OrderTimelineView.render(m.timeline, next: m.next, viewer: m.role), paymentSection, actions,
            OrderPages.messages(v, number: v.number, canWrite: m.isParty, csrf: c.csrf, zone: m.zone),
            OrderPages.reviews(v), OrderPages.history(v, zone: m.zone))
    }
}
