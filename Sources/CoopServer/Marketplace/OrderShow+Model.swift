import CoopCore
import CoopStore
import FluentKit
import Foundation

/// An order's page (`GET /orders/:number`): its breakdown, payment, actions, messages, reviews
/// and history, for its parties and stewards.
enum OrderShow {
    struct Model {
        let order: Orders.View
        let payments: [OrderPaymentRecord]
        let currency: Currency
        /// The viewer's role on the order.
        let role: OrderRole
        /// Whether the viewer may pay for it now.
        let payable: Bool
        let gateways: [any PaymentGateway]

        var isCustomer: Bool { role == .customer }
        /// Only the two parties write to each other.
        var isParty: Bool { role == .customer || role == .worker }

        /// Order `number` as `user` sees it (they must be one of its parties or a steward).
        static func load(
            number: Int, user: UUID?, currency: Currency, gateways: [any PaymentGateway], on db: any Database
        ) async throws -> Model {
            guard let o = try await OrderQueries.order(number: number, on: db) else {
                throw CoopError.notFound("There is no order #\(number).")
            }
            guard let user else { throw CoopError.unauthorized("Log in first.") }
            guard let role = try await OrderQueries.role(of: user, on: o, db: db) else {
                throw CoopError.forbidden("This is not your order.")
            }
            let view = Orders.view(o, role: role, details: try await OrderQueries.details(of: o, on: db), currency: currency)
            let payments = try await PaymentStore.payments(of: o.requireID(), on: db)
            // A payment marked as not received (failed) leaves the order to be paid again.
            let payable =
                role == .customer
                && OrderPaymentStatus.mayPay(
                    state: o.state, existing: payments.map(\.status))
            return Model(order: view, payments: payments, currency: currency, role: role, payable: payable, gateways: gateways)
        }
    }
}
