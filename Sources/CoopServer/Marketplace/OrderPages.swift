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
                    try MembershipPages.requireConfirmation(req, "Tick the box to confirm that you want to \(input.action) this order.")
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
                    .class("field"), .label(.for("day"), .text("Day")),
                    .input(.id("day"), .name("day"), .type(.date))),
                Layout.field("Minutes to book", name: "quantity", type: .number, value: "60"),
                .button(.type(.submit), .text("See free times")))
        }
        return .form(
            .id("order"), .method(.post), .action(SiteURL.orders.path),
            Layout.csrfField(csrf),
            .input(.type(.hidden), .name("listing"), .value(l.id.uuidString)),
            .if(l.unit == PriceUnit.perItem.rawValue, Layout.field("Items", name: "quantity", type: .number, value: "1")),
            .div(
                .class("field"), .label(.for("note"), .text("A note for the worker (optional)")),
                .textarea(.id("note"), .name("note"), .attribute(named: "rows", value: "2"))),
            .button(.type(.submit), .text("Order")))
    }

    static func show(_ req: Request) async throws -> PageResponse {
        let n = try Orders.number(req)
        let m = try await OrderShow.Model.load(
            number: n, user: req.user?.id, currency: try await req.bylaws().currency, gateways: Payments.gateways(req.coop.config),
            zone: try await req.viewerZone(), on: req.db)
        let c = try await req.layout("Order #\(n)", forms: true)
        return OrderShow.render(m, c, error: req.storage[FormErrorKey.self])
    }

    static func breakdown(_ v: Orders.View) -> Node<HTML.BodyContext> {
        .table(
            .id("breakdown"),
            .tbody(
                .tr(.th("The customer pays"), .td(.text(v.price))),
                .tr(.th("The worker receives"), .td(.text(v.workerReceives))),
                .tr(
                    .th("The co-op keeps (\(v.feeRate) fee\(v.feeCap.map { ", at most \($0) an order" } ?? ""), as in force when ordered)"),
                    .td(.text(v.fee)))))
    }

    static func paymentLine(_ p: OrderPaymentRecord, currency: Currency, confirmable: Bool, csrf: String) -> Node<HTML.BodyContext> {
        let amount = Money(minorUnits: p.amountMinor, currency: currency).description
        let method = p.method.replacingOccurrences(of: "_", with: " ")
        return .p(
            .text("Payment: \(amount) by \(method), \(p.status.rawValue)\(p.failureReason.map { " (\($0))" } ?? "")."),
            .if(
                confirmable,
                .group(
                    .form(
                        .class("inline"), .method(.post), .action(SiteURL.orderPaymentConfirm(p.id ?? UUID()).path),
                        Layout.csrfField(csrf), .button(.type(.submit), .text("Confirm it arrived"))),
                    StewardPages.notReceivedForm(.orderPaymentFail(p.id ?? UUID()), id: (p.id ?? UUID()).uuidString, csrf: csrf))))
    }

    static func payForm(_ v: Orders.View, gateways: [any PaymentGateway], csrf: String) -> Node<HTML.BodyContext> {
        let gatewayOptions: [Node<HTML.SelectContext>] = gateways.map { g in
            ListingPages.option(g.id, g.id == "offline" ? "Cash or bank transfer to the co-op" : "Test payment (demo)")
        }
        return .form(
            .id("pay"), .method(.post), .action(SiteURL.orderPay(v.number).path),
            Layout.csrfField(csrf),
            .div(
                .class("field"), .label(.for("gateway"), .text("Pay by")),
                .select(.id("gateway"), .attribute(named: "name", value: "gateway"), .group(gatewayOptions))),
            .div(
                .class("field"), .label(.for("method"), .text("Method (offline)")),
                .select(
                    .id("method"), .attribute(named: "name", value: "method"), ListingPages.option("bank_transfer", "Bank transfer"),
                    ListingPages.option("cash", "Cash"))),
            .button(.type(.submit), .text("Pay \(v.price)")))
    }

    static func actionForm(_ action: String, number: Int, csrf: String) -> Node<HTML.BodyContext> {
        let stars: [Node<HTML.SelectContext>] = [5, 4, 3, 2, 1].map { n in
            ListingPages.option(String(n), String(repeating: "★", count: n) + " \(n)")
        }
        let reviewFields: Node<HTML.FormContext> = .group(
            .div(
                .class("field"), .label(.for("rating"), .text("Stars")),
                .select(.id("rating"), .attribute(named: "name", value: "rating"), .group(stars))),
            .div(
                .class("field"), .label(.for("comment"), .text("Comment")),
                .textarea(.id("comment"), .name("comment"), .attribute(named: "rows", value: "2"))))
        let label = action.prefix(1).uppercased() + action.dropFirst()
        return .form(
            .class(action == "review" || action == "settle" ? "" : "inline"), .method(.post), .action(SiteURL.orderAction(number).path),
            Layout.csrfField(csrf),
            .input(.type(.hidden), .name("action"), .value(action)),
            .if(action == "review", reviewFields),
            .if(action == "settle", Layout.field("Refund to the customer", name: "refund", value: "0")),
            .button(.type(.submit), .text(label)))
    }

    static func messages(
        _ v: Orders.View, number: Int, canWrite: Bool, csrf: String, zone: TimeZone = BookingZone.zone(nil)
    ) -> Node<HTML.BodyContext> {
        let items: [Node<HTML.ListContext>] = v.messages.map { m in
            .li(.strong(.text("The \(m.by)")), .text(" (\(Layout.date(m.at, in: zone))): \(m.body)"))
        }
        return .group(
            .h2("Messages"),
            .ul(.id("messages"), .group(items)),
            .if(
                canWrite,
                .form(
                    .method(.post), .action(SiteURL.orderMessage(number).path), Layout.csrfField(csrf),
                    .div(
                        .class("field"), .label(.for("body"), .text("Write to the other party")),
                        .textarea(.id("body"), .name("body"), .attribute(named: "rows", value: "2"))),
                    .button(.type(.submit), .text("Send")))))
    }

    static func reviews(_ v: Orders.View) -> Node<HTML.BodyContext> {
        let items: [Node<HTML.ListContext>] = v.reviews.map { r in
            .li(.text("The \(r.by): \(String(repeating: "★", count: r.rating)) (\(r.rating)/5) \(r.comment)"))
        }
        return .if(!v.reviews.isEmpty, .group(.h2("Reviews"), .ul(.id("reviews"), .group(items))))
    }

    static func history(_ v: Orders.View, zone: TimeZone = BookingZone.zone(nil)) -> Node<HTML.BodyContext> {
        let items: [Node<HTML.ListContext>] = v.history.map { e in
            .li(.text("\(Layout.date(e.at, in: zone)): \(e.action) by the \(e.role) → \(e.state.replacingOccurrences(of: "_", with: " "))"))
        }
        return .group(.h2("History"), .ol(.id("history"), .group(items)))
    }

    static func mine(_ req: Request) async throws -> PageResponse {
        let user = try req.requireUser()
        let m = try await OrderList.Model.load(
            user: user.id, currency: try await req.bylaws().currency, zone: try await req.viewerZone(), on: req.db)
        let c = try await req.layout("My orders")
        return OrderList.render(m, c)
    }
}
