import CoopCore
import Vapor

/// The marketplace part of the JSON API.
enum MarketplaceAPI {
    static func register(_ api: any RoutesBuilder) {
        api.on(.GET, APIPath.listings) { req async throws -> Listings.SearchResult in
            try await Listings.search(
                try req.query.decode(Listings.SearchQuery.self), bylaws: try await req.bylaws(), on: req.db, at: req.now)
        }
        api.on(.POST, APIPath.listings) { req async throws -> Response in
            let l = try await Listings.create(req)
            req.parameters.set("id", to: try l.requireID().uuidString)
            return try await Listings.summary(req).0.encodeResponse(status: .created, for: req)
        }
        api.on(.GET, APIPath.listing) { req async throws -> Listings.Summary in try await Listings.summary(req).0 }
    }
}
