import CoopCore
import CoopStore
import Fluent
import Foundation
import Vapor

/// A way to pay for an order. A gateway either settles a payment at once or leaves it pending
/// until the receiving side confirms that the money arrived.
protocol PaymentGateway: Sendable {
    var id: String { get }
    /// The methods it accepts (`cash`, `bank_transfer`, `card`...).
    var methods: [String] { get }
    /// Starts a payment of an order; settled now, or pending with what the payer must do.
    func begin(order: Int, amount: Money, method: String, reference: String) async throws -> PaymentOutcome
}

enum PaymentOutcome: Sendable, Equatable {
    case settled(reference: String)
    case pending(instructions: String)
}

/// The built-in gateway: an offline payment (cash, bank transfer) to the co-op, recorded by the
/// customer and settled when a steward (the receiving side, for the co-op) confirms it arrived.
struct OfflineGateway: PaymentGateway {
    let id = "offline"
    let methods = ["cash", "bank_transfer"]
    func begin(order: Int, amount: Money, method: String, reference: String) async throws -> PaymentOutcome {
        .pending(
            instructions:
                "Pay \(amount) to the co-op by \(method.replacingOccurrences(of: "_", with: " ")) with the reference ORDER-\(order); a steward confirms it on receipt."
        )
    }
}

/// A gateway for the demo and tests: settles at once, though no money moves.
struct TestGateway: PaymentGateway {
    let id = "test"
    let methods = ["test"]
    func begin(order: Int, amount: Money, method: String, reference: String) async throws -> PaymentOutcome {
        .settled(reference: "test-\(UUID().uuidString.prefix(8))")
    }
}

/// Paying for orders, and the ledger transactions of an order's money.
enum Payments {
    struct Input: Content {
        var gateway: String
        var method: String?
        var reference: String?
    }

    struct View: Content {
        let id: UUID
        let order: Int
        let gateway: String
        let method: String
        let amount: String
        let status: String
        let instructions: String?
    }

    static func gateways(_ config: AppConfig) -> [any PaymentGateway] {
        config.testPayments ? [OfflineGateway(), TestGateway()] : [OfflineGateway()]
    }

    /// What is held for an order now (paid and not yet released), in minor units.
    static func held(_ number: Int, currency: Currency, on db: any Database) async throws -> Int64 {
        -(try await LedgerStore.balance(of: .orderHeld(number), currency: currency, on: db))
    }

    /// The customer pays for their order through a gateway.
    static func pay(_ req: Request) async throws -> View {
        let user = try req.requireUser()
        let input = try req.content.decode(Input.self)
        guard let gateway = gateways(req.coop.config).first(where: { $0.id == input.gateway }) else {
            throw CoopError.invalid(
                "'\(input.gateway)' is not a payment gateway here; use \(gateways(req.coop.config).map(\.id).joined(separator: " or ")).")
        }
        // A gateway with one method (the test one) takes it whatever the form's method field says.
        let method = gateway.methods.count == 1 ? gateway.methods[0] : (input.method ?? gateway.methods[0])
        guard gateway.methods.contains(method) else {
            throw CoopError.invalid("The \(gateway.id) gateway takes \(gateway.methods.joined(separator: " or ")), not '\(method)'.")
        }
        let reference = String((input.reference ?? "").prefix(100))
        let bylaws = try await req.bylaws()
        let order = try await Orders.order(req)
        let id = try order.requireID()
        let now = req.now
        /// Who may pay, when, and only once: checked before the gateway is asked, and again under the write lock.
        @Sendable func checkPayable(_ o: OrderRecord, on db: any Database) async throws {
            guard o.customerID == user.id else { throw Abort(.forbidden, reason: "Only the customer pays for an order.") }
            guard OrderState(rawValue: o.state)?.takesPayment == true else {
                throw CoopError.conflict("An order that is \(o.state.replacingOccurrences(of: "_", with: " ")) takes no payment.")
            }
            let open = try await OrderPaymentRecord.query(on: db).filter(\.$orderID == id).filter(\.$status != "failed").count()
            guard open == 0 else { throw CoopError.conflict("This order is already paid or has a payment waiting for confirmation.") }
        }
        try await checkPayable(order, on: req.db)
        // Begun outside the write: a real gateway would call out over the network.
        let outcome = try await gateway.begin(
            order: order.number, amount: Money(minorUnits: order.priceMinor, currency: bylaws.currency), method: method,
            reference: reference)
        return try await req.write { db in
            guard let o = try await OrderRecord.find(id, on: db) else { throw Abort(.notFound) }
            try await checkPayable(o, on: db)
            let p = OrderPaymentRecord()
            p.id = UUID()
            p.orderID = id
            p.gateway = gateway.id
            p.method = method
            p.amountMinor = o.priceMinor
            p.createdAt = now
            switch outcome {
            case .settled(let ref):
                p.reference = ref
                p.status = "settled"
                p.settledAt = now
                try await p.create(on: db)
                try await settle(p, order: o, bylaws: bylaws, on: db, at: now)
                return View(
                    id: try p.requireID(), order: o.number, gateway: p.gateway, method: method,
                    amount: Money(minorUnits: p.amountMinor, currency: bylaws.currency).description, status: p.status, instructions: nil)
            case .pending(let instructions):
                p.reference = reference
                p.status = "pending"
                try await p.create(on: db)
                try await AuditLog.append(
                    AuditEvent(kind: "order.payment_recorded", ["order": .int(Int64(o.number)), "amount_minor": .int(o.priceMinor)]),
                    on: db, at: now)
                return View(
                    id: try p.requireID(), order: o.number, gateway: p.gateway, method: method,
                    amount: Money(minorUnits: p.amountMinor, currency: bylaws.currency).description, status: p.status,
                    instructions: instructions)
            }
        }
    }

    /// A pending payment and its order, for a steward to decide on: never one of their own
    /// orders, as customer or as worker.
    private static func pendingForSteward(_ id: UUID, steward user: CurrentUser, membership: UUID, on db: any Database) async throws
        -> (OrderPaymentRecord, OrderRecord)
    {
        guard let p = try await OrderPaymentRecord.find(id, on: db) else { throw Abort(.notFound, reason: "There is no such payment.") }
        guard p.status == "pending" else { throw CoopError.conflict("This payment is \(p.status), not waiting for confirmation.") }
        guard let o = try await OrderRecord.find(p.orderID, on: db) else { throw Abort(.notFound) }
        guard o.customerID != user.id else { throw Abort(.forbidden, reason: "A steward does not decide on their own payment.") }
        guard o.workerID != membership else {
            throw Abort(.forbidden, reason: "A steward does not decide on the payment of their own sale; another steward must.")
        }
        return (p, o)
    }

    static func paymentID(_ req: Request) throws -> UUID {
        try req.pathParameter(.id, expecting: "a payment id")
    }

    /// A steward confirms an offline payment arrived: never for their own order or sale, and only
    /// while the order can still be paid (a cancelled order's money would be held for ever).
    static func confirm(_ req: Request) async throws {
        let (user, m) = try await req.requireSteward()
        let id = try paymentID(req)
        let membership = try m.requireID()
        let bylaws = try await req.bylaws()
        let now = req.now
        try await req.write { db in
            let (p, o) = try await pendingForSteward(id, steward: user, membership: membership, on: db)
            guard OrderState(rawValue: o.state)?.takesPayment == true else {
                throw CoopError.conflict(
                    "Order #\(o.number) is \(o.state.replacingOccurrences(of: "_", with: " ")): its payment cannot be confirmed. Mark it as not received instead."
                )
            }
            p.status = "settled"
            p.settledAt = now
            p.confirmedBy = user.id
            try await p.save(on: db)
            try await settle(p, order: o, bylaws: bylaws, on: db, at: now)
        }
    }

    /// What a steward gives when marking a payment as not received.
    struct FailInput: Content, APIFieldRules {
        var reason: String
        /// Characters, once trimmed.
        static let reasonLength = 3...500
        static let fieldRules: [String: APIFieldRule] = ["reason": .length(reasonLength)]
    }

    /// The reason for marking a payment as not received, checked: 3 to 500 characters.
    static func failureReason(_ req: Request) throws -> String {
        let reason = (try? req.content.decode(FailInput.self).reason)?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard FailInput.reasonLength.contains(reason.count) else {
            throw CoopError.invalid("Say why the payment is marked as not received (3 to 500 characters).")
        }
        return reason
    }

    /// A steward marks an offline payment as not received, with the reason: it no longer waits
    /// (nor blocks the books), and the customer may pay again while the order takes payment.
    static func markNotReceived(_ req: Request) async throws {
        let (user, m) = try await req.requireSteward()
        let id = try paymentID(req)
        let membership = try m.requireID()
        let reason = try failureReason(req)
        let now = req.now
        try await req.write { db in
            let (p, o) = try await pendingForSteward(id, steward: user, membership: membership, on: db)
            try await fail(p, order: o, reason: reason, by: user.id, on: db, at: now)
        }
    }

    static func fail(_ p: OrderPaymentRecord, order o: OrderRecord, reason: String, by user: UUID?, on db: any Database, at now: Date)
        async throws
    {
        p.status = "failed"
        p.failureReason = reason
        p.failedBy = user
        p.settledAt = now
        try await p.save(on: db)
        try await AuditLog.append(
            AuditEvent(
                kind: "order.payment_failed",
                ["order": .int(Int64(o.number)), "amount_minor": .int(p.amountMinor), "reason": .string(reason)]),
            on: db, at: now)
    }

    /// Fails the payments still pending when an order ends: nothing can be paid for it any more.
    static func failPending(of o: OrderRecord, on db: any Database, at now: Date) async throws {
        let pending = try await OrderPaymentRecord.query(on: db).filter(\.$orderID == o.requireID()).filter(\.$status == "pending").all()
        for p in pending {
            try await fail(
                p, order: o, reason: "the order was \(o.state.replacingOccurrences(of: "_", with: " ")) before it arrived", by: nil, on: db,
                at: now)
        }
    }

    /// A settled payment: the money comes into the co-op's cash, held for the order.
    static func settle(_ p: OrderPaymentRecord, order o: OrderRecord, bylaws: Bylaws, on db: any Database, at now: Date) async throws {
        let tx = try OrderMoney.payment(
            order: o.number, amount: Money(minorUnits: p.amountMinor, currency: bylaws.currency), method: p.method)
        try await LedgerStore.post(tx, on: db, at: now)
        try await AuditLog.append(
            AuditEvent(
                kind: "order.paid", ["order": .int(Int64(o.number)), "amount_minor": .int(p.amountMinor), "gateway": .string(p.gateway)]),
            on: db, at: now)
    }

    /// Releases what is held for an order after an action: all of it to the worker and the fee on
    /// completion; refunds on a decline, a cancellation (under the governed rules) or a settlement.
    static func release(
        _ o: OrderRecord, after action: OrderAction, role: OrderRole, previous: OrderState, refund requested: Int64?, bylaws: Bylaws,
        on db: any Database, at now: Date
    ) async throws {
        let cur = bylaws.currency
        let held = try await held(o.number, currency: cur, on: db)
        if action == .complete && held < o.priceMinor {
            throw CoopError.conflict("Order #\(o.number) is not paid yet: it completes once its payment is settled.")
        }
        guard held > 0 else { return }
        let refund: Int64
        let reason: String
        switch action {
        case .complete:
            (refund, reason) = (0, "completed")
        case .decline:
            (refund, reason) = (held, "declined")
        case .cancel:
            let window = try await PolicyStore.number(.cancellationWindowHours, on: db)
            let latePay = try await PolicyStore.number(.lateCancellationPay, on: db)
            let terms = CancellationRules(windowHours: window, latePay: Fraction(basisPoints: latePay)).terms(
                price: Money(minorUnits: held, currency: cur), by: role, state: previous, startMillis: o.scheduledAt?.millis,
                nowMillis: now.millis)
            (refund, reason) = (terms.refund.minorUnits, terms.late ? "cancelled-late" : "cancelled")
        case .settle:
            guard let requested, (0...held).contains(requested) else {
                throw CoopError.invalid("Settle with a refund from 0 to \(Money(minorUnits: held, currency: cur)).")
            }
            (refund, reason) = (requested, "settled")
        default:
            return
        }
        let tx = try OrderMoney.release(
            order: o.number, held: Money(minorUnits: held, currency: cur), refund: Money(minorUnits: refund, currency: cur),
            feeRate: Fraction(basisPoints: o.feeBasisPoints), worker: o.workerID.uuidString.lowercased(), reason: reason)
        try await LedgerStore.post(tx, on: db, at: now)
    }
}
