import CoopCore
import CoopStore
import Vapor

/// The marketplace part of the JSON API.
enum MarketplaceAPI {
    static func register(_ api: any RoutesBuilder) {
        api.on(.GET, APIPath.listings) { req async throws -> Response in
            let found = try await Listings.find(
                try Listings.SearchQuery(urlQuery: req.url.query), cache: req.coop.search, coop: req.coop, on: req.db, at: req.now)
            var headers = HTTPHeaders()
            headers.contentType = .json
            return Response(status: .ok, headers: headers, body: .init(string: found.json))
        }
        api.on(.POST, APIPath.listings) { req async throws -> Response in
            let l = try await Listings.create(req)
            req.parameters.set("id", to: try l.requireID().uuidString)
            return try await Listings.summary(req).0.encodeResponse(status: .created, for: req)
        }
        api.on(.GET, APIPath.listing) { req async throws -> Listings.Summary in try await Listings.summary(req).0 }
        api.on(.POST, APIPath.orders) { req async throws -> Response in
            try await Orders.place(req).1.encodeResponse(status: .created, for: req)
        }
        api.on(.GET, APIPath.orders) { req async throws -> [Orders.View] in
            var views: [Orders.View] = []
            for o in try await Orders.mine(req) { views.append(try await Orders.view(req, o)) }
            return views
        }
        api.on(.GET, APIPath.order) { req async throws -> Orders.View in try await Orders.view(req, try await Orders.order(req)) }
        api.on(.POST, APIPath.orderActions) { req async throws -> Orders.View in
            let input = try req.content.decode(Orders.ActionInput.self)
            let (action, refund) = try input.parsed(currency: try await req.bylaws().currency)
            return try await Orders.view(req, try await Orders.act(req, action: action, refund: refund, review: try input.review()))
        }
        api.on(.POST, APIPath.orderMessages) { req async throws -> Response in
            try await Orders.view(req, try await Orders.message(req)).encodeResponse(status: .created, for: req)
        }
        api.on(.POST, APIPath.orderPayment) { req async throws -> Response in
            try await Payments.pay(req).encodeResponse(status: .created, for: req)
        }
        api.on(.POST, APIPath.jobs) { req async throws -> Response in
            try await Jobs.view(req, try await Jobs.post(req)).encodeResponse(status: .created, for: req)
        }
        api.on(.GET, APIPath.jobs) { req async throws -> [Jobs.View] in
            var views: [Jobs.View] = []
            for j in try await Jobs.mine(req) { views.append(try await Jobs.view(req, j)) }
            return views
        }
        api.on(.GET, APIPath.job) { req async throws -> Jobs.View in try await Jobs.view(req, try await Jobs.job(req)) }
        api.on(.POST, APIPath.jobAnswer) { req async throws -> Jobs.View in
            try await Jobs.view(req, try await Jobs.answer(req, try Jobs.Answer.parse(req)))
        }
        api.on(.GET, APIPath.workerProfile) { req async throws -> Jobs.Profile in try await Jobs.profile(req) }
        api.on(.PUT, APIPath.workerProfile) { req async throws -> Jobs.Profile in try await Jobs.setProfile(req) }
        api.on(.GET, APIPath.dashboard) { req async throws -> Dashboard in try await Dashboard.build(req) }
        api.on(.POST, APIPath.orderPaymentConfirm) { req async throws -> HTTPStatus in
            try await Payments.confirm(req)
            return .noContent
        }
        api.on(.POST, APIPath.orderPaymentFail) { req async throws -> HTTPStatus in
            try await Payments.markNotReceived(req)
            return .noContent
        }
    }
}
