import CoopCore
import CoopStore
import FluentKit
import Foundation

/// A job request's page (`GET /jobs/:number`): the job, its ranking and, for a ranked worker,
/// why the job came to them or did not.
enum JobShow {
    struct Model {
        let job: Jobs.View
        /// The co-op's currency, to write the budget in the page's language.
        var currency = Currency(code: "EUR")

        /// Job `number` as `user` (whose membership is `member`) may see it at `now`.
        static func load(
            number: Int, user: UUID?, member: MembershipRecord?, bylaws: Bylaws, on db: any Database, at now: Date
        ) async throws -> Model {
            guard let job = try await JobQueries.job(number: number, on: db) else {
                throw CoopError.notFound(t("There is no job #%s.", String(number)))
            }
            guard let user else { throw CoopError.unauthorized(t("Log in first.")) }
            return Model(
                job: try await Jobs.load(job, user: user, member: member, bylaws: bylaws, on: db, at: now), currency: bylaws.currency)
        }
    }
}
