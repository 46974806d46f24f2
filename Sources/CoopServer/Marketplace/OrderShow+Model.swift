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
        /// The steps of the order, what happens next and who acts.
        var timeline = OrderTimeline.of(flow: OrderFlow(), actions: [], payment: .none, isGood: false)
        /// The zone the viewer reads dates in.
        var zone = BookingZone.zone(nil)
        /// When the booked work starts, if it was booked at a time.
        var scheduledAt: Date?
        /// What happens next, in the request's language (the timeline's own sentence is English).
        var next = ""
        /// The job request the order came from, if it came from one: its title and description
        /// (the order's note) are marked with the language the customer wrote them in.
        var job: (number: Int, title: String, description: String, language: String?)?

        var isCustomer: Bool { role == .customer }
        /// Only the two parties write to each other.
        var isParty: Bool { role == .customer || role == .worker }

        /// Order `number` as `user` sees it (they must be one of its parties or a steward).
        static func load(
            number: Int, user: UUID?, currency: Currency, gateways: [any PaymentGateway], zone: TimeZone = BookingZone.zone(nil),
            on db: any Database
        ) async throws -> Model {
            guard let o = try await OrderQueries.order(number: number, on: db) else {
                throw CoopError.notFound(t("There is no order #%s.", String(number)))
            }
            guard let user else { throw CoopError.unauthorized(t("Log in first.")) }
            guard let role = try await OrderQueries.role(of: user, on: o, db: db) else {
                throw CoopError.forbidden(t("This is not your order."))
            }
            let view = Orders.view(o, role: role, details: try await OrderQueries.details(of: o, on: db), currency: currency)
            let payments = try await PaymentStore.payments(of: o.requireID(), on: db)
            // A payment marked as not received (failed) leaves the order to be paid again.
            let payable =
                role == .customer
                && OrderPaymentStatus.mayPay(
                    state: o.state, existing: payments.map(\.status))
            var model = Model(order: view, payments: payments, currency: currency, role: role, payable: payable, gateways: gateways)
            model.zone = zone
            model.scheduledAt = o.scheduledAt
            if let job = try await JobQueries.job(order: o.requireID(), on: db) {
                model.job = (job.number, job.title, job.description, job.language)
            }
            let payment: OrderTimeline.Payment =
                payments.contains { $0.status == .settled } ? .settled : payments.contains { $0.status == .pending } ? .pending : .none
            let kind = try await ListingRecord.find(o.listingID, on: db)?.kind
            let booked = o.scheduledAt.map { Layout.date($0, in: zone) }
            let days = try await PolicyStore.number(.autoCompleteDays, on: db)
            model.timeline = OrderTimeline.of(
                flow: o.flow, actions: view.history.map(\.action), payment: payment, isGood: kind == .good, booked: booked,
                autoCompleteDays: days)
            model.next = OrderTimelineView.next(
                o.state, flow: o.flow, payment: payment, isGood: kind == .good, booked: booked, autoCompleteDays: days)
            return model
        }
    }
}
