import CoopCore
import CoopStore
import FluentKit
import Foundation

/// The list of proposals, newest first.
enum ProposalList {
    struct Model {
        let proposals: [ProposalRecord]
        /// The open proposals the viewer may vote on and has not yet.
        var awaitingVote: Set<UUID> = []
    }

    /// Every proposal, newest first, marked for `viewer` (a user, or nobody).
    static func load(viewer: UUID? = nil, on db: any Database) async throws -> Model {
        let proposals = try await ProposalQueries.all(on: db)
        guard let viewer, let member = try await MembershipQueries.membership(ofUser: viewer, on: db), member.status == .admitted
        else { return Model(proposals: proposals) }
        let open = proposals.filter { $0.status == .voting }.compactMap(\.id)
        return Model(
            proposals: proposals, awaitingVote: try await ProposalQueries.awaitingVote(of: try member.requireID(), among: open, on: db))
    }
}
