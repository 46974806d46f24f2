import CoopCore
import CoopStore
import FluentKit
import Foundation

/// A listing's page (`GET /listings/:id`): what it is, its worker's rating, where the money goes.
enum ListingShow {
    struct Model {
        let listing: Listings.Summary
        /// The worker's average stars from customers and how many reviews, if any.
        let rating: (average: Double, count: Int)?
        /// The platform fee in force.
        let fee: Fraction
        /// The listing's price split under that fee.
        let breakdown: PriceBreakdown

        /// The listing `id`, active or not, priced in `currency`.
        static func load(id: UUID, currency: Currency, on db: any Database) async throws -> Model {
            guard let (l, worker) = try await ListingStore.listing(id, on: db) else {
                throw CoopError.notFound("There is no such listing.")
            }
            let summary = try Listings.summary(l, worker: worker, currency: currency)
            let rating = try await ListingStore.rating(of: l.workerID, on: db).map { (Double($0.stars) / Double($0.count), $0.count) }
            let (fee, _) = try await ListingStore.payTerms(currency: currency, on: db)
            let cap = PriceBreakdown.cap(minorUnits: try await PolicyStore.number(.platformFeeCap, on: db), currency: currency)
            let breakdown = PriceBreakdown(
                price: Money(minorUnits: summary.priceMinorUnits, currency: currency), feeRate: fee, feeCap: cap)
            return Model(listing: summary, rating: rating, fee: fee, breakdown: breakdown)
        }
    }
}
