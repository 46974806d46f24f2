import CoopCore
import CoopStore
import FluentKit
import Foundation

/// The page where a worker manages one of their listings (`GET /listings/:id/edit`): its text
/// and terms, its photos, and pausing, resuming or deleting it.
enum ListingEdit {
    struct Model {
        let id: UUID
        let title: String
        let status: ListingStatus
        /// What the form's fields show: the listing (what was typed, when it is shown again).
        let values: ListingForm.Values
        let photos: [Listings.Photo]
        let categories: [String]
        let areas: [Area]
        let currency: Currency
        let fee: Fraction
        let minimum: Money
        /// The language its text was written in; nil: the co-op's.
        var language: String? = nil

        /// The listing `id` of the worker `member` (a membership id): anyone else is refused.
        static func load(id: UUID, member: UUID, bylaws: Bylaws, on db: any Database) async throws
            -> Model
        {
            guard let (l, _) = try await ListingStore.listing(id, on: db) else { throw CoopError.notFound(t("There is no such listing.")) }
            guard l.workerID == member else { throw CoopError.forbidden(t("Only the worker who listed it can change this listing.")) }
            let (fee, minimum) = try await ListingStore.payTerms(currency: bylaws.currency, on: db)
            return Model(
                id: id, title: l.title, status: l.status, values: ListingForm.Values(l, currency: bylaws.currency),
                photos: try await ListingPhotoStore.photos(of: id, on: db).map(Listings.Photo.init), categories: bylaws.categories,
                areas: bylaws.areas, currency: bylaws.currency, fee: fee, minimum: minimum, language: l.language)
        }
    }
}
