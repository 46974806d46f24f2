import CoopCore
import CoopStore
import FluentKit
import Foundation
import Vapor

/// Orders: a customer orders a listing at the breakdown shown; the parties move it through the
/// state machine of ``OrderFlow``; every step is one transaction with its audit entry.
enum Orders {
    struct PlaceInput: Content {
        var listing: UUID
        /// Minutes (by the hour), items (goods) or 1 (fixed price).
        var quantity: Int64?
        var scheduledAt: Date?
        var note: String?
    }

    struct ActionInput: Content, APIFieldRules {
        var action: String
        /// Settling a dispute: the refund to the customer, as an amount.
        var refund: String?
        /// Reviewing: 1 to 5 stars and a comment.
        var rating: Int?
        var comment: String?

        static let stars: ClosedRange<Int64> = 1...5
        static let commentLength = 0...2_000
        static let fieldRules: [String: APIFieldRule] = [
            "action": .oneOf(OrderAction.allCases.map(\.rawValue)), "rating": .range(stars), "comment": .length(commentLength),
        ]

        /// The review this action carries, checked; nil for other actions.
        func review() throws -> (rating: Int, comment: String)? {
            guard action == OrderAction.review.rawValue else { return nil }
            guard let rating, Self.stars.contains(Int64(rating)) else { throw CoopError.invalid(t("A review gives 1 to 5 stars.")) }
            let text = (comment ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard Self.commentLength.contains(text.count) else {
                throw CoopError.invalid(t("A review's comment is at most 2000 characters."))
            }
            return (rating, text)
        }

        func parsed(currency: Currency) throws -> (OrderAction, Int64?) {
            guard let a = OrderAction(rawValue: action) else {
                throw CoopError.invalid(
                    t("'%1$s' is not an action; use one of %2$s.", action, OrderAction.allCases.map(\.rawValue).joined(separator: ", ")))
            }
            guard let refund, !refund.isEmpty else { return (a, nil) }
            do { return (a, try Money.parseFixed(refund, digits: currency.minorDigits)) } catch {
                throw CoopError.invalid(t("The refund '%1$s' is not an amount in %2$s.", refund, currency.code))
            }
        }
    }

    /// An order as its parties see it.
    struct View: Content {
        let number: Int
        let listing: UUID
        let title: String
        let state: String
        let quantity: Int64
        let unit: String
        let price: String
        let fee: String
        let feeRate: String
        /// The most the fee could take from this order, as in force when it was placed; absent for no cap.
        let feeCap: String?
        let workerReceives: String
        let customer: String
        let worker: String
        let scheduledAt: Date?
        let note: String
        let createdAt: Date
        /// What the requester may do now.
        let actions: [String]
        let history: [Event]
        let reviews: [Review]
        let messages: [Message]

        struct Message: Content {
            let by: String
            let body: String
            let at: Date
        }

        struct Review: Content {
            let by: String
            let rating: Int
            let comment: String
        }

        struct Event: Content {
            let action: String
            let role: String
            let state: String
            let at: Date
        }
    }

    /// The breakdown of ordering `quantity` of a listing under the fee in force.
    static func breakdown(unit text: String, priceMinor: Int64, quantity: Int64, fee: Fraction, currency: Currency) throws
        -> PriceBreakdown
    {
        try PriceBreakdown.ordering(unit: text, priceMinor: priceMinor, quantity: quantity, fee: fee, currency: currency)
    }

    typealias Offer = OrderStore.Offer

    /// A listing as placing an order needs it; `asking` is the user who asks (for `own`).
    static func offer(_ id: UUID, asking: UUID? = nil, on db: any Database) async throws -> Offer? {
        try await OrderStore.offer(id, asking: asking, on: db)
    }

    /// Places an order: checked first, then placed with the others waiting, in the next write
    /// transaction (``OrderStore``), at the fee in force then and, for a good, from the stock then.
    /// Returns the order and the view of it its customer gets.
    static func place(_ req: Request) async throws -> (OrderRecord, View) {
        let user = try req.requireUser()
        let input = try req.content.decode(PlaceInput.self)
        let bylaws = try await req.bylaws()
        guard let offer = try await offer(input.listing, asking: user.id, on: req.db) else {
            throw Abort(.notFound, reason: t("There is no such listing."))
        }
        guard offer.active else { throw CoopError.conflict(t("This listing is no longer offered.")) }
        let quantity = offer.unit == .fixed ? 1 : (input.quantity ?? 0)
        let note = (input.note ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard note.count <= 2_000 else { throw CoopError.invalid(t("A note is at most 2000 characters.")) }
        // A listing never changes worker, and a membership never changes user: checked once, here.
        if offer.own { throw CoopError.conflict(t("You cannot order your own listing.")) }
        switch try await WorkRequirements.lack(worker: offer.workerID, offer.requires, on: req.db) {
        case .module(let module):
            throw CoopError.conflict(
                t(
                    "%1$s cannot take this work yet: the members require learning module #%2$s for it, and they have not completed it.",
                    offer.workerName, String(module)))
        case .skill(let skill):
            throw CoopError.conflict(
                t(
                    "%1$s cannot take this work: the members require the skill '%2$s' for it, and it is not among their skills.",
                    offer.workerName, skill))
        case nil: break
        }
        // The total is checked before the transaction (a bad quantity writes nothing).
        _ = try breakdown(
            unit: offer.unit.rawValue, priceMinor: offer.priceMinor, quantity: quantity, fee: Fraction(basisPoints: 0),
            currency: bylaws.currency)
        let now = req.now
        var placement = OrderStore.Placement(
            offer: offer, customer: user.id, quantity: quantity, scheduledAt: input.scheduledAt, note: note, unlisted: false,
            currency: bylaws.currency, at: now)
        placement.coopTimeZone = bylaws.timezone
        let o = try await req.coop.orders.submit(placement, on: req.db)
        let cur = bylaws.currency
        let view = View(
            number: o.number, listing: offer.id, title: offer.title, state: o.state.rawValue, quantity: o.quantity, unit: o.unit.rawValue,
            price: Money(minorUnits: o.priceMinor, currency: cur).description,
            fee: Money(minorUnits: o.feeMinor, currency: cur).description,
            feeRate: Fraction(basisPoints: o.feeBasisPoints).description,
            feeCap: PriceBreakdown.cap(minorUnits: o.feeCapMinor, currency: cur)?.description,
            workerReceives: Money(minorUnits: o.workerMinor, currency: cur).description, customer: user.name, worker: offer.workerName,
            scheduledAt: o.scheduledAt, note: o.note, createdAt: o.createdAt, actions: o.flow.allowed(for: .customer).map(\.rawValue),
            history: [View.Event(action: "place", role: OrderRole.customer.rawValue, state: o.state.rawValue, at: now)], reviews: [],
            messages: [])
        return (o, view)
    }

    /// Places an order of a listing at the fee in force, taking goods from stock, with its
    /// record; in the caller's transaction, after the caller's checks (see ``OrderStore/record(_:on:)``).
    static func insert(
        listing offer: Offer, customer: UUID, quantity: Int64, scheduledAt: Date?, note: String, bylaws: Bylaws,
        unlisted: Bool = false, on db: any Database, at now: Date
    ) async throws -> OrderRecord {
        var job = OrderStore.Placement(
            offer: offer, customer: customer, quantity: quantity, scheduledAt: scheduledAt, note: note, unlisted: unlisted,
            currency: bylaws.currency, at: now)
        job.coopTimeZone = bylaws.timezone
        return try await OrderStore.record([job], on: db)[0].get()
    }

    /// The requester's role on an order, if any.
    static func role(of user: CurrentUser, on o: OrderRecord, db: any Database) async throws -> OrderRole? {
        try await OrderQueries.role(of: user.id, on: o, db: db)
    }

    /// The order number in the request's path.
    static func number(_ req: Request) throws -> Int {
        try req.pathParameter(.number, expecting: t("an order number"))
    }

    /// The order the request's path names.
    static func order(_ req: Request) async throws -> OrderRecord {
        let n = try number(req)
        guard let o = try await OrderQueries.order(number: n, on: req.db) else {
            throw Abort(.notFound, reason: t("There is no order #%s.", String(n)))
        }
        return o
    }

    /// Moves an order by one action, if the state machine allows it for the requester's role.
    static func act(
        _ req: Request, action: OrderAction, refund: Int64? = nil, review: (rating: Int, comment: String)? = nil
    ) async throws -> OrderRecord {
        if action == .review && review == nil { throw CoopError.invalid(t("A review gives 1 to 5 stars.")) }
        let user = try req.requireUser()
        let id = try await order(req).requireID()
        let currency = try await req.bylaws().currency
        let now = req.now
        let review = review.map { OrderCommands.Review(rating: $0.rating, comment: $0.comment) }
        return try await req.write { db in
            try await OrderCommands.act(
                order: id, action, user: user.id, refund: refund, review: review, currency: currency, on: db, at: now)
        }
    }

    /// Moves an order by one action of `role`, in the caller's transaction (see ``OrderCommands/move``).
    static func move(
        _ o: OrderRecord, _ action: OrderAction, by role: OrderRole, refund: Int64?, review: (rating: Int, comment: String)?,
        bylaws: Bylaws, on db: any Database, at now: Date
    ) async throws {
        try await OrderCommands.move(
            o, action, by: role, refund: refund, review: review.map { OrderCommands.Review(rating: $0.rating, comment: $0.comment) },
            currency: bylaws.currency, on: db, at: now)
    }

    /// The order as someone in `role` sees it.
    static func view(_ o: OrderRecord, role: OrderRole, details d: OrderQueries.Details, currency cur: Currency) -> View {
        View(
            number: o.number, listing: o.listingID, title: d.title, state: o.state.rawValue, quantity: o.quantity, unit: o.unit.rawValue,
            price: Money(minorUnits: o.priceMinor, currency: cur).description,
            fee: Money(minorUnits: o.feeMinor, currency: cur).description,
            feeRate: Fraction(basisPoints: o.feeBasisPoints).description,
            feeCap: PriceBreakdown.cap(minorUnits: o.feeCapMinor, currency: cur)?.description,
            workerReceives: Money(minorUnits: o.workerMinor, currency: cur).description, customer: d.customerName, worker: d.workerName,
            scheduledAt: o.scheduledAt, note: o.note, createdAt: o.createdAt, actions: o.flow.allowed(for: role).map(\.rawValue),
            history: d.events.map { View.Event(action: $0.action, role: $0.role.rawValue, state: $0.state.rawValue, at: $0.at) },
            reviews: d.reviews.map { View.Review(by: $0.authorRole.rawValue, rating: $0.rating, comment: $0.body) },
            messages: d.messages.map { View.Message(by: $0.authorRole.rawValue, body: $0.body, at: $0.createdAt) })
    }

    /// The order as the requester sees it; only its parties and stewards may.
    static func view(_ req: Request, _ o: OrderRecord) async throws -> View {
        let user = try req.requireUser()
        guard let role = try await role(of: user, on: o, db: req.db) else { throw Abort(.forbidden, reason: t("This is not your order.")) }
        let currency = try await req.bylaws().currency
        return view(o, role: role, details: try await OrderQueries.details(of: o, on: req.db), currency: currency)
    }
}

extension Orders {
    /// The requester's orders, as customer and as worker, newest first.
    static func mine(_ req: Request) async throws -> [OrderRecord] {
        try await OrderQueries.mine(user: try req.requireUser().id, on: req.db)
    }
}

extension Orders {
    struct MessageInput: Content {
        var body: String
    }

    /// One party writes to the other on the order's page.
    static func message(_ req: Request) async throws -> OrderRecord {
        let user = try req.requireUser()
        let body = try req.content.decode(MessageInput.self).body.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...2_000).contains(body.count) else { throw CoopError.invalid(t("A message is 1 to 2000 characters.")) }
        let id = try await order(req).requireID()
        let now = req.now
        return try await req.write { db in try await OrderCommands.message(order: id, user: user.id, body: body, on: db, at: now) }
    }
}

extension Orders {
    /// Completes, as the platform, every paid order delivered more than the governed number of
    /// days ago that its customer neither completed nor disputed (``AutoCompletion``). Each in its
    /// own serialized transaction that re-reads the order, so running it from several processes
    /// completes once. An unpaid order stays delivered: it completes once paid.
    static func completeDue(app: Application) async throws {
        let now = app.coop.config.now()
        guard let bylaws = try await app.coop.bylaws(on: app.db) else { return }
        let days = try await PolicyStore.number(.autoCompleteDays, on: app.db)
        for stale in try await OrderQueries.delivered(on: app.db) {
            let id = try stale.requireID()
            guard let delivered = try await OrderQueries.deliveredAt(id, on: app.db),
                AutoCompletion.isDue(
                    deliveredMillis: delivered.millis, nowMillis: now.millis, days: days,
                    held: try await PaymentStore.held(stale.number, currency: bylaws.currency, on: app.db), price: stale.priceMinor)
            else { continue }
            // One order that cannot complete is logged and skipped: it does not hold up the others.
            do {
                try await app.coop.write(on: app.db) { db in
                    try await OrderCommands.completeIfDelivered(order: id, currency: bylaws.currency, on: db, at: now)
                }
            } catch {
                app.logger.error("order could not complete", metadata: ["order": "\(stale.number)", "error": "\(plainDescription(error))"])
            }
        }
    }
}
