import CoopCore
import CoopStore
import FluentKit
import Foundation

/// The audit log page: the chain's head, its signature, and fifty entries at a time, newest first.
enum AuditShow {
    struct Model {
        let entries: [AuditEntry]
        let head: AuditEntry?
        let key: String?
        let checkpoint: AuditCheckpoint?
    }

    /// The fifty entries before the sequence number `before` (the newest without it).
    static func load(before: Int64?, on db: any Database) async throws -> Model {
        Model(
            entries: try await AuditLog.recent(limit: 50, before: before, on: db), head: try await AuditLog.head(on: db),
            key: try await AuditSeal.publicKey(on: db), checkpoint: try await AuditSeal.latest(on: db))
    }
}
