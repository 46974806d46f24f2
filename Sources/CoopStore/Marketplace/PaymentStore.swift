import CoopCore
import FluentKit
import Foundation

/// Orders' payments and the ledger transactions of an order's money, in the caller's transaction.
public enum PaymentStore {
    /// What is held for an order now (paid and not yet released), in minor units.
    public static func held(_ number: Int, currency: Currency, on db: any Database) async throws -> Int64 {
        -(try await LedgerStore.balance(of: .orderHeld(number), currency: currency, on: db))
    }

    /// An order's payments, in the order stored.
    public static func payments(of order: UUID, on db: any Database) async throws -> [OrderPaymentRecord] {
        try await OrderPaymentRecord.query(on: db).filter(\.$orderID == order).all()
    }

    /// Who may pay, when, and only once: the customer, while the order takes payment, with no
    /// payment of it settled or waiting. Checked before the gateway is asked and again under the lock.
    public static func checkPayable(_ o: OrderRecord, by user: UUID, on db: any Database) async throws {
        guard o.customerID == user else { throw CoopError.forbidden("Only the customer pays for an order.") }
        guard o.state.takesPayment else {
            throw CoopError.conflict(Words("An order that is %s takes no payment.", .notice(o.state.words)))
        }
        let open = try await OrderPaymentRecord.query(on: db).filter(\.$orderID == o.requireID())
            .filter(\.$status != .failed).count()
        guard open == 0 else { throw CoopError.conflict("This order is already paid or has a payment waiting for confirmation.") }
    }

    /// What a gateway made of a payment it was asked to begin.
    public enum Outcome: Sendable, Equatable {
        /// Settled now, under the gateway's reference.
        case settled(reference: String)
        /// Waiting for confirmation, under the payer's reference.
        case pending(reference: String)
    }

    /// Records the customer's payment of order `id` (checked again here), settling it at once when
    /// the gateway did. Returns the payment and its order.
    public static func pay(
        order id: UUID, by user: UUID, gateway: String, method: String, outcome: Outcome, currency: Currency, on db: any Database,
        at now: Date
    ) async throws -> (OrderPaymentRecord, OrderRecord) {
        guard let o = try await OrderRecord.find(id, on: db) else { throw CoopError.notFound("Not Found") }
        try await checkPayable(o, by: user, on: db)
        let p = OrderPaymentRecord()
        p.id = UUID()
        p.orderID = id
        p.gateway = gateway
        p.method = method
        p.amountMinor = o.priceMinor
        p.createdAt = now
        switch outcome {
        case .settled(let ref):
            p.reference = ref
            p.status = .settled
            p.settledAt = now
            try await p.create(on: db)
            try await settle(p, order: o, currency: currency, on: db, at: now)
        case .pending(let ref):
            p.reference = ref
            p.status = .pending
            try await p.create(on: db)
            try await AuditLog.append(
                AuditEvent(kind: "order.payment_recorded", ["order": .int(Int64(o.number)), "amount_minor": .int(o.priceMinor)]),
                on: db, at: now)
        }
        return (p, o)
    }

    /// A pending payment and its order, for a steward to decide on: never one of their own
    /// orders, as customer or as worker.
    static func pendingForSteward(_ id: UUID, steward user: UUID, membership: UUID, on db: any Database) async throws
        -> (OrderPaymentRecord, OrderRecord)
    {
        guard let p = try await OrderPaymentRecord.find(id, on: db) else { throw CoopError.notFound("There is no such payment.") }
        guard p.status == .pending else {
            throw CoopError.conflict(Words("This payment is %s, not waiting for confirmation.", .notice(p.status.words)))
        }
        guard let o = try await OrderRecord.find(p.orderID, on: db) else { throw CoopError.notFound("Not Found") }
        guard o.customerID != user else { throw CoopError.forbidden("A steward does not decide on their own payment.") }
        guard o.workerID != membership else {
            throw CoopError.forbidden("A steward does not decide on the payment of their own sale; another steward must.")
        }
        return (p, o)
    }

    /// A steward confirms an offline payment arrived: never for their own order or sale, and only
    /// while the order can still be paid (a cancelled order's money would be held for ever).
    public static func confirm(_ id: UUID, steward user: UUID, membership: UUID, currency: Currency, on db: any Database, at now: Date)
        async throws
    {
        let (p, o) = try await pendingForSteward(id, steward: user, membership: membership, on: db)
        guard o.state.takesPayment else {
            throw CoopError.conflict(
                Words(
                    "Order #%1$s is %2$s: its payment cannot be confirmed. Mark it as not received instead.", .text("\(o.number)"),
                    .notice(o.state.words))
            )
        }
        p.status = .settled
        p.settledAt = now
        p.confirmedBy = user
        try await p.save(on: db)
        try await settle(p, order: o, currency: currency, on: db, at: now)
    }

    /// A steward marks an offline payment as not received, with the reason.
    public static func markNotReceived(_ id: UUID, steward user: UUID, membership: UUID, reason: String, on db: any Database, at now: Date)
        async throws
    {
        let (p, o) = try await pendingForSteward(id, steward: user, membership: membership, on: db)
        try await fail(p, order: o, reason: reason, by: user, on: db, at: now)
    }

    /// Marks a payment failed, with the reason and who said so (nil: the platform).
    public static func fail(
        _ p: OrderPaymentRecord, order o: OrderRecord, reason: String, by user: UUID?, on db: any Database, at now: Date
    )
        async throws
    {
        p.status = .failed
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
    public static func failPending(of o: OrderRecord, on db: any Database, at now: Date) async throws {
        let pending = try await OrderPaymentRecord.query(on: db).filter(\.$orderID == o.requireID())
            .filter(\.$status == .pending).all()
        for p in pending {
            try await fail(
                p, order: o, reason: OrderPaymentFailure.orderEnded(o.state).english, by: nil, on: db,
                at: now)
        }
    }

    /// A settled payment: the money comes into the co-op's cash, held for the order.
    public static func settle(_ p: OrderPaymentRecord, order o: OrderRecord, currency: Currency, on db: any Database, at now: Date)
        async throws
    {
        let tx = try OrderMoney.payment(order: o.number, amount: Money(minorUnits: p.amountMinor, currency: currency), method: p.method)
        try await LedgerStore.post(tx, on: db, at: now)
        try await Notices.paymentSettled(p, order: o, amount: Money(minorUnits: p.amountMinor, currency: currency), on: db, at: now)
        try await AuditLog.append(
            AuditEvent(
                kind: "order.paid", ["order": .int(Int64(o.number)), "amount_minor": .int(p.amountMinor), "gateway": .string(p.gateway)]),
            on: db, at: now)
    }

    /// The cancellation rules in force.
    public static func cancellationRules(on db: any Database) async throws -> CancellationRules {
        let window = try await PolicyStore.number(.cancellationWindowHours, on: db)
        let latePay = try await PolicyStore.number(.lateCancellationPay, on: db)
        return CancellationRules(windowHours: window, latePay: Fraction(basisPoints: latePay))
    }

    /// Releases what is held for an order after an action, as ``OrderRelease`` says.
    public static func release(
        _ o: OrderRecord, after action: OrderAction, role: OrderRole, previous: OrderState, refund requested: Int64?,
        currency cur: Currency,
        on db: any Database, at now: Date
    ) async throws {
        let held = try await held(o.number, currency: cur, on: db)
        let rules = OrderRelease.needsCancellationRules(action) && held > 0 ? try await cancellationRules(on: db) : nil
        guard
            let release = try OrderRelease.after(
                action, by: role, previous: previous, order: o.number, price: Money(minorUnits: o.priceMinor, currency: cur),
                held: Money(minorUnits: held, currency: cur), requestedRefund: requested, cancellation: rules,
                startMillis: o.scheduledAt?.millis, nowMillis: now.millis)
        else { return }
        let tx = try OrderMoney.release(
            order: o.number, held: Money(minorUnits: held, currency: cur), refund: release.refund,
            feeRate: Fraction(basisPoints: o.feeBasisPoints), feeCap: PriceBreakdown.cap(minorUnits: o.feeCapMinor, currency: cur),
            worker: o.workerID.uuidString.lowercased(), reason: release.reason)
        try await LedgerStore.post(tx, on: db, at: now)
    }
}
