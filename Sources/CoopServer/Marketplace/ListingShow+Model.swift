import CoopCore
import CoopStore
import FluentKit
import Foundation

/// A listing's page (`GET /listings/:id`): what it is, its photos, its worker's rating and the
/// reviews of orders placed from it, where the money goes; whether it is still offered.
enum ListingShow {
    struct Model {
        let listing: Listings.Summary
        let status: ListingStatus
        let photos: [Listings.Photo]
        /// The worker's average stars from customers and how many reviews, if any.
        let rating: (average: Double, count: Int)?
        /// The newest customers' reviews of orders placed from this listing.
        let reviews: [ListingCommands.Review]
        /// The platform fee in force.
        let fee: Fraction
        /// The listing's price split under that fee.
        let breakdown: PriceBreakdown
        /// Whether the one looking listed it (and so may edit it).
        let isOwner: Bool
        /// The worker's membership, whose skills page the listing links to.
        var workerID: UUID? = nil

        /// How many reviews the page shows.
        static let reviewLimit = 20

        /// The listing `id`, active or not, priced in `currency`, as `viewer` (a membership id) sees it.
        static func load(id: UUID, currency: Currency, viewer: UUID? = nil, on db: any Database) async throws -> Model {
            guard let (l, worker) = try await ListingStore.listing(id, on: db) else {
                throw CoopError.notFound(t("There is no such listing."))
            }
            let photos = try await ListingPhotoStore.photos(of: id, on: db)
            let summary = try Listings.summary(l, worker: worker, currency: currency, cover: photos.first)
            let rating = try await ListingStore.rating(of: l.workerID, on: db).map { (Double($0.stars) / Double($0.count), $0.count) }
            let (fee, _) = try await ListingStore.payTerms(currency: currency, on: db)
            let cap = PriceBreakdown.cap(minorUnits: try await PolicyStore.number(.platformFeeCap, on: db), currency: currency)
            let breakdown = PriceBreakdown(
                price: Money(minorUnits: summary.priceMinorUnits, currency: currency), feeRate: fee, feeCap: cap)
            return Model(
                listing: summary, status: l.status, photos: photos.map(Listings.Photo.init), rating: rating,
                reviews: try await ListingCommands.reviews(of: id, limit: reviewLimit, on: db), fee: fee, breakdown: breakdown,
                isOwner: viewer == l.workerID, workerID: l.workerID)
        }
    }
}
