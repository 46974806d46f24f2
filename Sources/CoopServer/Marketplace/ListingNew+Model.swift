import CoopCore
import CoopStore
import FluentKit

/// The form to list a service or a good (`GET /listings/new`), with the pay terms in force.
enum ListingNew {
    struct Model {
        let fee: Fraction
        let minimum: Money
        let categories: [String]
        let currency: Currency
        let areas: [Area]
        /// What the fields show (empty; what was typed when shown again).
        let values = ListingForm.Values()

        /// The terms in force, the bylaws' categories and areas.
        static func load(bylaws: Bylaws, on db: any Database) async throws -> Model {
            let (fee, minimum) = try await ListingStore.payTerms(currency: bylaws.currency, on: db)
            return Model(
                fee: fee, minimum: minimum, categories: bylaws.categories, currency: bylaws.currency, areas: bylaws.areas)
        }
    }
}
