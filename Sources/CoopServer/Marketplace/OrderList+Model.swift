import CoopCore
import CoopStore
import FluentKit
import Foundation

/// My orders (`GET /orders`): as customer and as worker, newest first.
enum OrderList {
    struct Model {
        let orders: [OrderRecord]
        let currency: Currency

        /// The orders of `user`.
        static func load(user: UUID, currency: Currency, on db: any Database) async throws -> Model {
            Model(orders: try await OrderQueries.mine(user: user, on: db), currency: currency)
        }
    }
}
