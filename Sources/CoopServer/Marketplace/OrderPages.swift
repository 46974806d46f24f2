import CoopCore
import Fluent
import Plot
import Vapor

/// Orders' pages: placing one from a listing, an order with its actions, and my orders.
enum OrderPages {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(.orders) { req in try await mine(req) }
        routes.post(.orders) { req async throws -> Response in
            try await MembershipPages.formAction(req, retry: { try await retryListing($0) }) {
                let o = try await Orders.place(req)
                return req.redirect(to: SiteURL.order(o.number).path)
            }
        }
        routes.get(.order(0)) { req in try await show(req) }
        routes.post(.orderPay(0)) { req async throws -> Response in
            try await MembershipPages.formAction(req, retry: { try await show($0) }) {
                let p = try await Payments.pay(req)
                return req.redirect(to: SiteURL.order(p.order).path)
            }
        }
        routes.post(.orderPaymentConfirm(UUID())) { req async throws -> Response in
            try await MembershipPages.formAction(req, retry: { try await mine($0) }) {
                try await Payments.confirm(req)
                return req.redirect(to: SiteURL.orders.path)
            }
        }
        routes.post(.orderAction(0)) { req async throws -> Response in
            try await MembershipPages.formAction(req, retry: { try await show($0) }) {
                let (action, refund) = try req.content.decode(Orders.ActionInput.self).parsed(currency: try await req.bylaws().currency)
                let o = try await Orders.act(req, action: action, refund: refund)
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
        .form(
            .id("order"), .method(.post), .action(SiteURL.orders.path),
            Layout.csrfField(csrf),
            .input(.type(.hidden), .name("listing"), .value(l.id.uuidString)),
            .if(
                l.unit == PriceUnit.perHour.rawValue,
                Layout.field("Minutes to book", name: "quantity", type: .number, value: "60")),
            .if(l.unit == PriceUnit.perItem.rawValue, Layout.field("Items", name: "quantity", type: .number, value: "1")),
            .div(
                .class("field"), .label(.for("note"), .text("A note for the worker (optional)")),
                .textarea(.id("note"), .name("note"), .attribute(named: "rows", value: "2"))),
            .button(.type(.submit), .text("Order")))
    }

    static func show(_ req: Request) async throws -> PageResponse {
        let o = try await Orders.order(req)
        let v = try await Orders.view(req, o)
        let c = try await req.layout("Order #\(v.number)", forms: true)
        let payments = try await OrderPaymentRecord.query(on: req.db).filter(\.$orderID == o.requireID()).all()
        let isCustomer = o.customerID == c.user?.id
        let payable = isCustomer && payments.isEmpty && ["requested", "accepted", "in_progress", "delivered"].contains(o.state)
        let gateways = Payments.gateways(req.coop.config)
        let currency = try await req.bylaws().currency
        return Layout.page(
            c,
            Layout.error(req.storage[FormErrorKey.self]),
            .p(.a(.href(SiteURL.listing(v.listing).path), .text(v.title)), .text(" — \(v.customer) orders from \(v.worker)")),
            .p(.text("State: "), .strong(.id("order-state"), .text(v.state.replacingOccurrences(of: "_", with: " ")))),
            .table(
                .id("breakdown"),
                .tbody(
                    .tr(.th("The customer pays"), .td(.text(v.price))),
                    .tr(.th("The worker receives"), .td(.text(v.workerReceives))),
                    .tr(.th("The co-op keeps (\(v.feeRate) fee, as in force when ordered)"), .td(.text(v.fee))))),
            .if(!v.note.isEmpty, .p(.text("Note: \(v.note)"))),
            .div(
                .id("payment"),
                .forEach(payments) { p in
                    .p(
                        .text(
                            "Payment: \(Money(minorUnits: p.amountMinor, currency: currency).description) by \(p.method.replacingOccurrences(of: "_", with: " ")), \(p.status)."
                        ),
                        .if(
                            p.status == "pending" && c.isSteward && !isCustomer,
                            .form(
                                .class("inline"), .method(.post), .action(SiteURL.orderPaymentConfirm(p.id ?? UUID()).path),
                                Layout.csrfField(c.csrf), .button(.type(.submit), .text("Confirm it arrived")))))
                },
                .if(
                    payable,
                    .form(
                        .id("pay"), .method(.post), .action(SiteURL.orderPay(v.number).path),
                        Layout.csrfField(c.csrf),
                        .div(
                            .class("field"), .label(.for("gateway"), .text("Pay by")),
                            .select(
                                .id("gateway"), .attribute(named: "name", value: "gateway"),
                                .forEach(gateways) { g in
                                    ListingPages.option(
                                        g.id, g.id == "offline" ? "Cash or bank transfer to the co-op" : "Test payment (demo)")
                                })),
                        .div(
                            .class("field"), .label(.for("method"), .text("Method (offline)")),
                            .select(
                                .id("method"), .attribute(named: "name", value: "method"),
                                ListingPages.option("bank_transfer", "Bank transfer"),
                                ListingPages.option("cash", "Cash"))),
                        .button(.type(.submit), .text("Pay \(v.price)"))))),
            .div(
                .id("actions"),
                .forEach(v.actions) { action in
                    .form(
                        .class("inline"), .method(.post), .action(SiteURL.orderAction(v.number).path),
                        Layout.csrfField(c.csrf),
                        .input(.type(.hidden), .name("action"), .value(action)),
                        .button(.type(.submit), .text(action.prefix(1).uppercased() + action.dropFirst())))
                }),
            .h2("History"),
            .ol(
                .id("history"),
                .forEach(v.history) { e in
                    .li(.text("\(Layout.date(e.at)): \(e.action) by the \(e.role) → \(e.state.replacingOccurrences(of: "_", with: " "))"))
                })
        )
    }

    static func mine(_ req: Request) async throws -> PageResponse {
        let orders = try await Orders.mine(req)
        let bylaws = try await req.bylaws()
        let c = try await req.layout("My orders")
        return Layout.page(
            c,
            orders.isEmpty
                ? .p("No orders yet.")
                : .table(
                    .id("orders"),
                    .thead(.tr(.th("#"), .th("State"), .th("Price"), .th("Placed"))),
                    .tbody(
                        .forEach(orders) { o in
                            .tr(
                                .td(.a(.href(SiteURL.order(o.number).path), .text(String(o.number)))),
                                .td(.text(o.state.replacingOccurrences(of: "_", with: " "))),
                                .td(.text(Money(minorUnits: o.priceMinor, currency: bylaws.currency).description)),
                                .td(.text(Layout.date(o.createdAt))))
                        })))
    }
}
