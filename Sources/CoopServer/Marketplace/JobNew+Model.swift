import CoopCore
import CoopStore
import FluentKit

/// The form to ask for a job to be done (`GET /jobs/new`), with the dispatch rules and pay terms in force.
enum JobNew {
    struct Model {
        let rules: DispatchRules
        let fee: Fraction
        let minimum: Money
        let categories: [String]
        let currency: Currency
        let areas: [Area]

        /// The rules and terms in force and the bylaws' categories.
        static func load(bylaws: Bylaws, on db: any Database) async throws -> Model {
            let rules = try await JobQueries.rules(on: db)
            let (fee, minimum) = try await ListingStore.payTerms(currency: bylaws.currency, on: db)
            return Model(
                rules: rules, fee: fee, minimum: minimum, categories: bylaws.categories, currency: bylaws.currency,
                areas: bylaws.areas)
        }
    }
}
