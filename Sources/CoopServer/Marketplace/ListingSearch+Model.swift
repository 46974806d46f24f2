import CoopCore
import CoopStore
import FluentKit
import Vapor

/// The marketplace's search page (`GET /listings`), its busiest.
enum ListingSearch {
    struct Model {
        let query: Listings.SearchQuery
        let categories: [String]
        let areas: [Area]
        /// Whether the one searching may list (nil: nobody is logged in).
        let mayList: Bool?
        let result: Listings.Found
        /// Why the search was refused, shown above an empty result.
        let problem: String?
        let status: HTTPStatus

        /// One page of results for `query`, from the listings held in memory; a refused search
        /// (a bad price or place) is an empty page with the reason and its status.
        static func load(
            query: Listings.SearchQuery, categories: [String], areas: [Area] = [], mayList: Bool? = nil, cache: SearchCache,
            coop: CoopContext, on db: any Database, at now: Date
        ) async throws -> Model {
            do {
                let result = try await Listings.search(query, cache: cache, coop: coop, on: db, at: now)
                return Model(
                    query: query, categories: categories, areas: areas, mayList: mayList, result: result, problem: nil, status: .ok)
            } catch let error as any AbortError {
                return Model(
                    query: query, categories: categories, areas: areas, mayList: mayList,
                    result: Listings.Found(hits: [], total: 0, page: 1, pages: 1, ordering: ""),
                    problem: localReason(error), status: error.status)
            }
        }
    }
}
