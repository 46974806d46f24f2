import CoopCore
import CoopStore
import FluentKit
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
        try await PaymentStore.held(number, currency: currency, on: db)
    }

    /// The customer pays for their order through a gateway.
    static func pay(_ req: Request) async throws -> View {
        let user = try req.requireUser()
        let input = try req.content.decode(Input.self)
        guard let gateway = gateways(req.coop.config).first(where: { $0.id == input.gateway }) else {
            throw CoopError.invalid(
                t(
                    "'%1$s' is not a payment gateway here; use %2$s.", input.gateway,
                    gateways(req.coop.config).map(\.id).joined(separator: t(" or "))))
        }
        // A gateway with one method (the test one) takes it whatever the form's method field says.
        let method = gateway.methods.count == 1 ? gateway.methods[0] : (input.method ?? gateway.methods[0])
        guard gateway.methods.contains(method) else {
            throw CoopError.invalid(
                t("The %1$s gateway takes %2$s, not '%3$s'.", gateway.id, gateway.methods.joined(separator: t(" or ")), method))
        }
        let reference = String((input.reference ?? "").prefix(100))
        let bylaws = try await req.bylaws()
        let order = try await Orders.order(req)
        let id = try order.requireID()
        let now = req.now
        // Who may pay, when, and only once: checked before the gateway is asked, and again under the write lock.
        try await PaymentStore.checkPayable(order, by: user.id, on: req.db)
        // Begun outside the write: a real gateway would call out over the network.
        let outcome = try await gateway.begin(
            order: order.number, amount: Money(minorUnits: order.priceMinor, currency: bylaws.currency), method: method,
            reference: reference)
        let recorded: PaymentStore.Outcome
        var instructions: String?
        switch outcome {
        case .settled(let ref): recorded = .settled(reference: ref)
        case .pending(let text):
            recorded = .pending(reference: reference)
            instructions = text
        }
        let (p, o) = try await req.write { db in
            try await PaymentStore.pay(
                order: id, by: user.id, gateway: gateway.id, method: method, outcome: recorded, currency: bylaws.currency, on: db, at: now)
        }
        return View(
            id: try p.requireID(), order: o.number, gateway: p.gateway, method: method,
            amount: Money(minorUnits: p.amountMinor, currency: bylaws.currency).description, status: p.status.rawValue,
            instructions: instructions)
    }

    static func paymentID(_ req: Request) throws -> UUID {
        try req.pathParameter(.id, expecting: t("a payment id"))
    }

    /// A steward confirms an offline payment arrived: never for their own order or sale, and only
    /// while the order can still be paid (a cancelled order's money would be held for ever).
    static func confirm(_ req: Request) async throws {
        let (user, m) = try await req.requireSteward()
        let id = try paymentID(req)
        let membership = try m.requireID()
        let currency = try await req.bylaws().currency
        let now = req.now
        try await req.write { db in
            try await PaymentStore.confirm(id, steward: user.id, membership: membership, currency: currency, on: db, at: now)
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
            throw CoopError.invalid(t("Say why the payment is marked as not received (3 to 500 characters)."))
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
            try await PaymentStore.markNotReceived(id, steward: user.id, membership: membership, reason: reason, on: db, at: now)
        }
    }

    /// A settled payment: the money comes into the co-op's cash, held for the order.
    static func settle(_ p: OrderPaymentRecord, order o: OrderRecord, bylaws: Bylaws, on db: any Database, at now: Date) async throws {
        try await PaymentStore.settle(p, order: o, currency: bylaws.currency, on: db, at: now)
    }
}
