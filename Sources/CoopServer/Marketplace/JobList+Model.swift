import CoopCore
import CoopStore
import FluentKit
import Foundation

/// My job requests (`GET /jobs`), newest first.
enum JobList {
    struct Model {
        let jobs: [JobRequestRecord]

        /// The job requests `user` posted.
        static func load(user: UUID, on db: any Database) async throws -> Model {
            Model(jobs: try await JobQueries.mine(customer: user, on: db))
        }
    }
}
