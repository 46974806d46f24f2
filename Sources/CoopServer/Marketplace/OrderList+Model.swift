import CoopCore
import CoopStore
import FluentKit
import Foundation

/// My orders (`GET /orders`): as customer and as worker, newest first, with what was ordered.
enum OrderList {
    struct Model {
        let orders: [OrderRecord]
        let currency: Currency
        /// The listings' titles by id.
        var titles: [UUID: String] = [:]
        /// The viewer's zone, for dates.
        var zone = BookingZone.zone(nil)
        /// The viewer, to say whether they ordered or work on each order.
        var user: UUID?

        /// The orders of `user`.
        static func load(user: UUID, currency: Currency, zone: TimeZone = BookingZone.zone(nil), on db: any Database) async throws
            -> Model
        {
            let orders = try await OrderQueries.mine(user: user, on: db)
            var m = Model(orders: orders, currency: currency)
            m.titles = try await OrderQueries.listingTitles(Set(orders.map(\.listingID)), on: db)
            m.zone = zone
            m.user = user
            return m
        }
    }
}
