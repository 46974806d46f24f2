import CoopCore
import CoopStore
import FluentKit
import Foundation

/// The co-op's home page: its members by class, the policies in force, the board, the audit head.
enum HomeShow {
    struct Model {
        let bylaws: Bylaws
        /// Admitted members per class id.
        let counts: [String: Int]
        let policies: [PolicyView]
        let board: [BoardStore.Member]
        let head: AuditEntry?
        let key: String?
        let checkpoint: AuditCheckpoint?
        /// Whether the viewer holds or seeks a membership (shown it, not asked to apply).
        let isMember: Bool
    }

    /// The home page under `bylaws` as `viewer` (a user, or nobody) sees it.
    static func load(bylaws: Bylaws, viewer: UUID?, on db: any Database) async throws -> Model {
        var isMember = false
        if let viewer, let m = try await MembershipQueries.membership(ofUser: viewer, on: db) {
            isMember = m.status.isCurrent
        }
        return Model(
            bylaws: bylaws, counts: try await MembershipQueries.counts(on: db), policies: try await PolicyStore.all(bylaws, on: db),
            board: try await BoardStore.current(on: db), head: try await AuditLog.head(on: db),
            key: try await AuditSeal.publicKey(on: db), checkpoint: try await AuditSeal.latest(on: db), isMember: isMember)
    }
}
