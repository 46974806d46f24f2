import CoopCore
import CoopStore
import FluentKit
import Foundation

/// The members page: counts per class for everyone, the register of names for members.
enum MemberList {
    struct Model {
        let bylaws: Bylaws
        /// Admitted members per class id.
        let counts: [String: Int]
        /// The register, only when the viewer is an admitted member.
        let register: [RegisterRow]?
    }

    /// The page as `viewer` (a user, or nobody) sees it.
    static func load(bylaws: Bylaws, viewer: UUID?, on db: any Database) async throws -> Model {
        var isMember = false
        if let viewer, let m = try await MembershipQueries.membership(ofUser: viewer, on: db) {
            isMember = m.status.isMember
        }
        let counts = try await MembershipQueries.counts(on: db)
        return Model(bylaws: bylaws, counts: counts, register: isMember ? try await MembershipQueries.register(on: db) : nil)
    }
}
