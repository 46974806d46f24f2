import CoopCore
import CoopStore
import Fluent
import Foundation
import SQLKit
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
            guard let rating, Self.stars.contains(Int64(rating)) else { throw CoopError.invalid("A review gives 1 to 5 stars.") }
            let text = (comment ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard Self.commentLength.contains(text.count) else { throw CoopError.invalid("A review's comment is at most 2000 characters.") }
            return (rating, text)
        }

        func parsed(currency: Currency) throws -> (OrderAction, Int64?) {
            guard let a = OrderAction(rawValue: action) else {
                throw CoopError.invalid(
                    "'\(action)' is not an action; use one of \(OrderAction.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            guard let refund, !refund.isEmpty else { return (a, nil) }
            do { return (a, try Money.parseFixed(refund, digits: currency.minorDigits)) } catch {
                throw CoopError.invalid("The refund '\(refund)' is not an amount in \(currency).")
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
            throw Abort(.notFound, reason: "There is no such listing.")
        }
        guard offer.active else { throw CoopError.conflict("This listing is no longer offered.") }
        let quantity = offer.unit == PriceUnit.fixed.rawValue ? 1 : (input.quantity ?? 0)
        let note = (input.note ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard note.count <= 2_000 else { throw CoopError.invalid("A note is at most 2000 characters.") }
        // A listing never changes worker, and a membership never changes user: checked once, here.
        if offer.own { throw CoopError.conflict("You cannot order your own listing.") }
        // The total is checked before the transaction (a bad quantity writes nothing).
        _ = try breakdown(
            unit: offer.unit, priceMinor: offer.priceMinor, quantity: quantity, fee: Fraction(basisPoints: 0), currency: bylaws.currency)
        let now = req.now
        let o = try await req.coop.orders.submit(
            OrderStore.Placement(
                offer: offer, customer: user.id, quantity: quantity, scheduledAt: input.scheduledAt, note: note, unlisted: false,
                currency: bylaws.currency, at: now),
            on: req.db)
        let cur = bylaws.currency
        let view = View(
            number: o.number, listing: offer.id, title: offer.title, state: o.state, quantity: o.quantity, unit: o.unit,
            price: Money(minorUnits: o.priceMinor, currency: cur).description,
            fee: Money(minorUnits: o.feeMinor, currency: cur).description,
            feeRate: Fraction(basisPoints: o.feeBasisPoints).description,
            workerReceives: Money(minorUnits: o.workerMinor, currency: cur).description, customer: user.name, worker: offer.workerName,
            scheduledAt: o.scheduledAt, note: o.note, createdAt: o.createdAt, actions: o.flow.allowed(for: .customer).map(\.rawValue),
            history: [View.Event(action: "place", role: OrderRole.customer.rawValue, state: o.state, at: now)], reviews: [], messages: [])
        return (o, view)
    }

    /// Places an order of a listing at the fee in force, taking goods from stock, with its
    /// record; in the caller's transaction, after the caller's checks (see ``OrderStore/record(_:on:)``).
    static func insert(
        listing offer: Offer, customer: UUID, quantity: Int64, scheduledAt: Date?, note: String, bylaws: Bylaws,
        unlisted: Bool = false, on db: any Database, at now: Date
    ) async throws -> OrderRecord {
        let job = OrderStore.Placement(
            offer: offer, customer: customer, quantity: quantity, scheduledAt: scheduledAt, note: note, unlisted: unlisted,
            currency: bylaws.currency, at: now)
        return try await OrderStore.record([job], on: db)[0].get()
    }

    /// The requester's role on an order, if any.
    static func role(of user: CurrentUser, on o: OrderRecord, db: any Database) async throws -> OrderRole? {
        if o.customerID == user.id { return .customer }
        guard let m = try await MembershipRecord.query(on: db).filter(\.$userID == user.id).first() else { return nil }
        if try m.requireID() == o.workerID { return .worker }
        if m.steward && m.status == MembershipStatus.admitted.rawValue { return .steward }
        return nil
    }

    static func order(_ req: Request) async throws -> OrderRecord {
        let n = try req.pathParameter(.number, expecting: "an order number")
        guard let o = try await OrderRecord.query(on: req.db).filter(\.$number == n).first() else {
            throw Abort(.notFound, reason: "There is no order #\(n).")
        }
        return o
    }

    /// Moves an order by one action, if the state machine allows it for the requester's role.
    static func act(
        _ req: Request, action: OrderAction, refund: Int64? = nil, review: (rating: Int, comment: String)? = nil
    ) async throws -> OrderRecord {
        if action == .review && review == nil { throw CoopError.invalid("A review gives 1 to 5 stars.") }
        let user = try req.requireUser()
        let id = try await order(req).requireID()
        let bylaws = try await req.bylaws()
        let now = req.now
        return try await req.write { db in
            guard let o = try await OrderRecord.find(id, on: db) else { throw Abort(.notFound) }
            // Only the two parties (and a steward, to settle) may see or touch an order.
            guard let role = try await role(of: user, on: o, db: db) else {
                throw Abort(.forbidden, reason: "This is not your order.")
            }
            try await move(o, action, by: role, refund: refund, review: review, bylaws: bylaws, on: db, at: now)
            return o
        }
    }

    /// Moves an order by one action of `role`, in the caller's transaction: the state machine's
    /// check, the review it carries, the money and the stock that move with it, and the record.
    static func move(
        _ o: OrderRecord, _ action: OrderAction, by role: OrderRole, refund: Int64?, review: (rating: Int, comment: String)?,
        bylaws: Bylaws, on db: any Database, at now: Date
    ) async throws {
        var flow = o.flow
        let previous = flow.state
        do { try flow.apply(action, by: role) } catch { throw CoopError.conflict(error.description) }
        if action == .review, let review {
            let r = ReviewRecord()
            r.orderID = try o.requireID()
            r.authorRole = role.rawValue
            r.workerID = o.workerID
            r.rating = review.rating
            r.body = review.comment
            r.createdAt = now
            try await r.create(on: db)
        }
        // The order's money moves with it, in the same transaction.
        try await Payments.release(o, after: action, role: role, previous: previous, refund: refund, bylaws: bylaws, on: db, at: now)
        if [.cancel, .decline].contains(action), let l = try await ListingRecord.find(o.listingID, on: db),
            l.kind == ListingKind.good.rawValue
        {
            // Items not sold go back to stock.
            l.stock = (l.stock ?? 0) + o.quantity
            try await l.save(on: db)
        }
        o.state = flow.state.rawValue
        o.customerReviewed = flow.customerReviewed
        o.workerReviewed = flow.workerReviewed
        o.updatedAt = now
        try await o.save(on: db)
        try await record(o, action: action.rawValue, role: role, on: db, at: now)
        if flow.state.isFinal {
            try await Payments.failPending(of: o, on: db, at: now)
        }
    }

    static func record(_ o: OrderRecord, action: String, role: OrderRole, on db: any Database, at now: Date) async throws {
        guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError) }
        try await sql.raw(
            """
            INSERT INTO order_events (id, order_id, action, role, state, at) \
            VALUES (\(bind: UUID()), \(bind: try o.requireID()), \(bind: action), \(bind: role.rawValue), \(bind: o.state), \(bind: now))
            """
        ).run()
        let event = AuditEvent(
            kind: "order.\(action)",
            [
                "order": .int(Int64(o.number)), "state": .string(o.state), "role": .string(role.rawValue),
                "price_minor": .int(o.priceMinor), "fee_minor": .int(o.feeMinor),
            ])
        try await AuditLog.append(event, on: db, at: now)
    }

    /// The order as the requester sees it; only its parties and stewards may.
    static func view(_ req: Request, _ o: OrderRecord) async throws -> View {
        let user = try req.requireUser()
        guard let role = try await role(of: user, on: o, db: req.db) else { throw Abort(.forbidden, reason: "This is not your order.") }
        let bylaws = try await req.bylaws()
        let cur = bylaws.currency
        let listing = try await ListingRecord.find(o.listingID, on: req.db)
        let customer = try await UserRecord.find(o.customerID, on: req.db)?.name ?? ""
        var worker = ""
        if let m = try await MembershipRecord.find(o.workerID, on: req.db) {
            worker = try await UserRecord.find(m.userID, on: req.db)?.name ?? ""
        }
        let flow = o.flow
        let events = try await OrderEventRecord.query(on: req.db).filter(\.$orderID == o.requireID()).sort(\.$at).all()
        return View(
            number: o.number, listing: o.listingID, title: listing?.title ?? "", state: o.state, quantity: o.quantity, unit: o.unit,
            price: Money(minorUnits: o.priceMinor, currency: cur).description,
            fee: Money(minorUnits: o.feeMinor, currency: cur).description,
            feeRate: Fraction(basisPoints: o.feeBasisPoints).description,
            workerReceives: Money(minorUnits: o.workerMinor, currency: cur).description, customer: customer, worker: worker,
            scheduledAt: o.scheduledAt, note: o.note, createdAt: o.createdAt, actions: flow.allowed(for: role).map(\.rawValue),
            history: events.map { View.Event(action: $0.action, role: $0.role, state: $0.state, at: $0.at) },
            reviews: try await ReviewRecord.query(on: req.db).filter(\.$orderID == o.requireID()).sort(\.$createdAt).all().map {
                View.Review(by: $0.authorRole, rating: $0.rating, comment: $0.body)
            },
            messages: try await OrderMessageRecord.query(on: req.db).filter(\.$orderID == o.requireID()).sort(\.$createdAt).all().map {
                View.Message(by: $0.authorRole, body: $0.body, at: $0.createdAt)
            })
    }
}

extension Orders {
    /// The requester's orders, as customer and as worker, newest first.
    static func mine(_ req: Request) async throws -> [OrderRecord] {
        let user = try req.requireUser()
        let membership = try await MembershipRecord.query(on: req.db).filter(\.$userID == user.id).first()?.requireID()
        return try await OrderRecord.query(on: req.db).group(.or) { or in
            or.filter(\.$customerID == user.id)
            if let membership { or.filter(\.$workerID == membership) }
        }.sort(\.$number, .descending).limit(200).all()
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
        guard (1...2_000).contains(body.count) else { throw CoopError.invalid("A message is 1 to 2000 characters.") }
        let id = try await order(req).requireID()
        let now = req.now
        return try await req.write { db in
            guard let o = try await OrderRecord.find(id, on: db) else { throw Abort(.notFound) }
            guard let role = try await role(of: user, on: o, db: db), role == .customer || role == .worker else {
                throw Abort(.forbidden, reason: "Only the two parties of an order write to each other on it.")
            }
            let m = OrderMessageRecord()
            m.orderID = id
            m.authorRole = role.rawValue
            m.body = body
            m.createdAt = now
            try await m.create(on: db)
            return o
        }
    }
}

extension Orders {
    /// Completes, as the platform, every paid order delivered more than the governed number of
    /// days ago that its customer neither completed nor disputed. Each in its own serialized
    /// transaction that re-reads the order, so running it from several processes completes once.
    /// An unpaid order stays delivered: it completes once paid.
    static func completeDue(app: Application) async throws {
        let now = app.coop.config.now()
        guard let bylaws = try await app.coop.bylaws(on: app.db) else { return }
        let days = try await PolicyStore.number(.autoCompleteDays, on: app.db)
        let cutoff = now.addingTimeInterval(-Double(days) * 86_400)
        for stale in try await OrderRecord.query(on: app.db).filter(\.$state == OrderState.delivered.rawValue).all() {
            let id = try stale.requireID()
            guard
                let delivered = try await OrderEventRecord.query(on: app.db).filter(\.$orderID == id).filter(\.$action == "deliver")
                    .sort(\.$at, .descending).first(), delivered.at <= cutoff,
                try await Payments.held(stale.number, currency: bylaws.currency, on: app.db) >= stale.priceMinor
            else { continue }
            // One order that cannot complete is logged and skipped: it does not hold up the others.
            do {
                try await app.coop.write(on: app.db) { db in
                    guard let o = try await OrderRecord.find(id, on: db), o.state == OrderState.delivered.rawValue else { return }
                    try await move(o, .complete, by: .system, refund: nil, review: nil, bylaws: bylaws, on: db, at: now)
                }
            } catch {
                app.logger.error("order could not complete", metadata: ["order": "\(stale.number)", "error": "\(plainDescription(error))"])
            }
        }
    }
}

extension OrderRecord {
    /// The order's place in the state machine, as stored.
    var flow: OrderFlow {
        OrderFlow(state: OrderState(rawValue: state) ?? .requested, customerReviewed: customerReviewed, workerReviewed: workerReviewed)
    }
}
