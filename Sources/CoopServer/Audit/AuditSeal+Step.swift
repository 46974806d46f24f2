import CoopCore
import CoopStore
import Fluent
import Vapor

extension AuditSeal {
    /// The scheduler's step: a checkpoint once the head has moved and the last one is older than
    /// the configured interval.
    static func step(app: Application) async throws {
        let now = app.coop.config.now()
        let every = app.coop.config.checkpointEvery
        @Sendable func due(on db: any Database) async throws -> Bool {
            guard let last = try await latest(on: db) else { return true }
            return Double(now.millis - last.signedAtMillis) / 1000 >= every
        }
        guard try await app.coop.bylaws(on: app.db) != nil, try await due(on: app.db) else { return }
        try await app.coop.write(on: app.db) { db in
            // Re-checked under the write lock: another process may have signed meanwhile.
            if try await due(on: db) { try await checkpoint(on: db, at: now) }
        }
    }
}
