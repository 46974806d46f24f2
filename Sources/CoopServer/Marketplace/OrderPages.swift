import CoopCore
import CoopStore
import Plot
import Vapor

/// Orders' pages: placing one from a listing, an order with its actions, and my orders.
enum OrderPages {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(.orders) { req in try await mine(req) }
        routes.post(.orders) { req async throws -> Response in
            try await MembershipPages.formAction(req, retry: { try await retryListing($0) }) {
                let (o, _) = try await Orders.place(req)
                return req.redirect(to: SiteURL.order(o.number).path)
            }
        }
        routes.get(SiteURL.order) { req in try await show(req) }
        routes.post(SiteURL.orderMessage) { req async throws -> Response in
            try await MembershipPages.formAction(req, retry: { try await show($0) }) {
                let o = try await Orders.message(req)
                return req.redirect(to: SiteURL.order(o.number).path)
            }
        }
        routes.post(SiteURL.orderPay) { req async throws -> Response in
            try await MembershipPages.formAction(req, retry: { try await show($0) }) {
                let p = try await Payments.pay(req)
                return req.redirect(to: SiteURL.order(p.order).path)
            }
        }
        routes.post(SiteURL.orderPaymentConfirm) { req async throws -> Response in
            try await MembershipPages.formAction(req, retry: { try await mine($0) }) {
                try await Payments.confirm(req)
                return req.redirect(to: SiteURL.orders.path)
            }
        }
        routes.post(SiteURL.orderPaymentFail) { req async throws -> Response in
            try await MembershipPages.formAction(req, retry: { try await mine($0) }) {
                try await Payments.markNotReceived(req)
                return req.redirect(to: SiteURL.orders.path)
            }
        }
        routes.post(SiteURL.orderAction) { req async throws -> Response in
            try await MembershipPages.formAction(req, retry: { try await show($0) }) {
                let input = try req.content.decode(Orders.ActionInput.self)
                if OrderTimelineView.destructive.contains(input.action) {
                    try MembershipPages.requireConfirmation(
                        req,
                        input.action == "decline"
                            ? t("Tick the box to confirm that you want to decline this order.")
                            : input.action == "cancel"
                                ? t("Tick the box to confirm that you want to cancel this order.")
                                : t("Tick the box to confirm that you want to dispute this order."))
                }
                let (action, refund) = try input.parsed(currency: try await req.bylaws().currency)
                let o = try await Orders.act(req, action: action, refund: refund, review: try input.review())
                return req.redirect(to: SiteURL.order(o.number).path)
            }
        }
    }

    /// The listing page again, with the reason an order was refused.
    static func retryListing(_ req: Request) async throws -> PageResponse {
        let input = try req.content.decode(Orders.PlaceInput.self)
        req.parameters.set("id", to: input.listing.uuidString)
        return try await ListingPages.show(req)
    }

    /// The order form under a listing: minutes for an hourly service, items for a good.
    static func form(_ l: Listings.Summary, csrf: String) -> Node<HTML.BodyContext> {
        // A service by the hour is booked at a free time: the day and length first, on the booking page.
        if l.unit == PriceUnit.perHour.rawValue && l.kind == ListingKind.service.rawValue {
            return .form(
                .id("order"), .method(.get), .action(SiteURL.listingBook(l.id).path),
                .div(
                    .class("field"), .label(.for("day"), .text(t("Day"))),
                    .input(.id("day"), .name("day"), .type(.date))),
                Layout.field(t("Minutes to book"), name: "quantity", type: .number, value: "60"),
                .button(.type(.submit), .text(t("See free times"))))
        }
        return .form(
            .id("order"), .method(.post), .action(SiteURL.orders.path),
            Layout.csrfField(csrf),
            .input(.type(.hidden), .name("listing"), .value(l.id.uuidString)),
            .if(l.unit == PriceUnit.perItem.rawValue, Layout.field(t("Items"), name: "quantity", type: .number, value: "1")),
            .div(
                .class("field"), .label(.for("note"), .text(t("A note for the worker (optional)"))),
                .textarea(.id("note"), .name("note"), .attribute(named: "rows", value: "2"))),
            .button(.type(.submit), .text(tc("verb", "Order"))))
    }

    static func show(_ req: Request) async throws -> PageResponse {
        let n = try Orders.number(req)
        let m = try await OrderShow.Model.load(
            number: n, user: req.user?.id, currency: try await req.bylaws().currency, gateways: Payments.gateways(req.coop.config),
            zone: try await req.viewerZone(), on: req.db)
        let c = try await req.layout(t("Order #%s", String(n)), forms: true)
        return OrderShow.render(m, c, error: req.storage[FormErrorKey.self])
    }

    static func breakdown(_ v: Orders.View, currency: Currency) -> Node<HTML.BodyContext> {
        let amount = { (text: String) in MarketText.amount(text, currency) }
        let rate = (try? Fraction.parse(v.feeRate)).map(MarketText.percent) ?? v.feeRate
        return .table(
            .id("breakdown"),
            .tbody(
                .tr(.th(.text(t("The customer pays"))), .td(.text(amount(v.price)))),
                .tr(.th(.text(t("The worker receives"))), .td(.text(amount(v.workerReceives)))),
                .tr(
                    .th(
                        .text(
                            v.feeCap.map {
                                t("The co-op keeps (%1$s fee, at most %2$s an order, as in force when ordered)", rate, amount($0))
                            }
                                ?? t("The co-op keeps (%s fee, as in force when ordered)", rate))),
                    .td(.text(amount(v.fee))))))
    }

    static func paymentLine(_ p: OrderPaymentRecord, currency: Currency, confirmable: Bool, csrf: String) -> Node<HTML.BodyContext> {
        let amount = money(Money(minorUnits: p.amountMinor, currency: currency))
        let method =
            switch p.method {
            case "bank_transfer": t("bank transfer")
            case "cash": t("cash")
            case "card": t("card")
            default: p.method.replacingOccurrences(of: "_", with: " ")
            }
        let status =
            switch p.status {
            case .pending: tc("payment", "pending")
            case .settled: tc("payment", "settled")
            case .failed: tc("payment", "failed")
            }
        return .p(
            .text(t("Payment: %1$s by %2$s, %3$s", amount, method, status)),
            // The steward's reason, in the words they wrote it in; the platform's own, in the reader's language.
            .unwrap(p.failureReason) { reason in
                .group(
                    .text(" ("),
                    .element(
                        named: "bdi",
                        nodes: [.text(OrderPaymentFailure.words(stored: reason, byPlatform: p.failedBy == nil).render(Lang.catalog))]),
                    .text(")"))
            },
            .text("."),
            .if(
                confirmable,
                .group(
                    .form(
                        .class("inline"), .method(.post), .action(SiteURL.orderPaymentConfirm(p.id ?? UUID()).path),
                        Layout.csrfField(csrf), .button(.type(.submit), .text(t("Confirm it arrived")))),
                    StewardPages.notReceivedForm(.orderPaymentFail(p.id ?? UUID()), id: (p.id ?? UUID()).uuidString, csrf: csrf))))
    }

    static func payForm(_ v: Orders.View, gateways: [any PaymentGateway], currency: Currency, csrf: String) -> Node<HTML.BodyContext> {
        let gatewayOptions: [Node<HTML.SelectContext>] = gateways.map { g in
            ListingPages.option(g.id, g.id == "offline" ? t("Cash or bank transfer to the co-op") : t("Test payment (demo)"))
        }
        return .form(
            .id("pay"), .method(.post), .action(SiteURL.orderPay(v.number).path),
            Layout.csrfField(csrf),
            .div(
                .class("field"), .label(.for("gateway"), .text(t("Pay by"))),
                .select(.id("gateway"), .attribute(named: "name", value: "gateway"), .group(gatewayOptions))),
            .div(
                .class("field"), .label(.for("method"), .text(t("Method (offline)"))),
                .select(
                    .id("method"), .attribute(named: "name", value: "method"), ListingPages.option("bank_transfer", t("Bank transfer")),
                    ListingPages.option("cash", t("Cash")))),
            .button(.type(.submit), .text(t("Pay %s", MarketText.amount(v.price, currency)))))
    }

    static func actionForm(_ action: String, number: Int, csrf: String) -> Node<HTML.BodyContext> {
        let stars: [Node<HTML.SelectContext>] = [5, 4, 3, 2, 1].map { n in
            ListingPages.option(String(n), String(repeating: "★", count: n) + " \(n)")
        }
        let reviewFields: Node<HTML.FormContext> = .group(
            .div(
                .class("field"), .label(.for("rating"), .text(t("Stars"))),
                .select(.id("rating"), .attribute(named: "name", value: "rating"), .group(stars))),
            .div(
                .class("field"), .label(.for("comment"), .text(t("Comment"))),
                .textarea(.id("comment"), .name("comment"), .attribute(named: "rows", value: "2"))))
        let label = MarketText.actionButton(action)
        return .form(
            .class(action == "review" || action == "settle" ? "" : "inline"), .method(.post), .action(SiteURL.orderAction(number).path),
            Layout.csrfField(csrf),
            .input(.type(.hidden), .name("action"), .value(action)),
            .if(action == "review", reviewFields),
            .if(action == "settle", Layout.field(t("Refund to the customer"), name: "refund", value: "0")),
            .button(.type(.submit), .text(label)))
    }

    static func messages(
        _ v: Orders.View, number: Int, canWrite: Bool, csrf: String, zone: TimeZone = BookingZone.zone(nil)
    ) -> Node<HTML.BodyContext> {
        let items: [Node<HTML.ListContext>] = v.messages.map { m in
            .li(
                .strong(.text(MarketText.theRoleCapitalized(m.by))), .text(" ("), MarketText.time(Layout.date(m.at, in: zone), m.at),
                .text("): "),
                .element(named: "bdi", nodes: [.text(m.body)]))
        }
        return .group(
            .h2(.text(t("Messages"))),
            .ul(.id("messages"), .group(items)),
            .if(
                canWrite,
                .form(
                    .method(.post), .action(SiteURL.orderMessage(number).path), Layout.csrfField(csrf),
                    .div(
                        .class("field"), .label(.for("body"), .text(t("Write to the other party"))),
                        .textarea(.id("body"), .name("body"), .attribute(named: "rows", value: "2"))),
                    .button(.type(.submit), .text(t("Send"))))))
    }

    static func reviews(_ v: Orders.View) -> Node<HTML.BodyContext> {
        let items: [Node<HTML.ListContext>] = v.reviews.map { r in
            .li(
                .text("\(MarketText.theRoleCapitalized(r.by)): \(String(repeating: "★", count: r.rating)) (\(r.rating)/5) "),
                .element(named: "bdi", nodes: [.text(r.comment)]))
        }
        return .if(!v.reviews.isEmpty, .group(.h2(.text(t("Reviews"))), .ul(.id("reviews"), .group(items))))
    }

    static func history(_ v: Orders.View, zone: TimeZone = BookingZone.zone(nil)) -> Node<HTML.BodyContext> {
        let items: [Node<HTML.ListContext>] = v.history.map { e in
            .li(
                .text(
                    t(
                        "%1$s: %2$s by %3$s → %4$s", Layout.date(e.at, in: zone), MarketText.action(e.action), MarketText.theRole(e.role),
                        MarketText.state(e.state))))
        }
        return .group(.h2(.text(t("History"))), .ol(.id("history"), .group(items)))
    }

    static func mine(_ req: Request) async throws -> PageResponse {
        let user = try req.requireUser()
        let m = try await OrderList.Model.load(
            user: user.id, currency: try await req.bylaws().currency, zone: try await req.viewerZone(), on: req.db)
        let c = try await req.layout(t("My orders"))
        return OrderList.render(m, c)
    }
}
