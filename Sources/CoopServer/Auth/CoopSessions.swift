import CoopCore
import CoopStore
import Foundation
import Vapor

/// Sessions kept in the database, with an idle and an absolute expiry.
///
/// - A row is written only when there is something to keep (a CSRF token, a logged-in user):
///   a request with an unknown or made-up cookie writes nothing.
/// - A session ends after ``AppConfig/sessionIdle`` without a request (two hours for one with
///   nobody logged in) and ``AppConfig/sessionLifetime`` after it began, whatever happens; an
///   expired session is refused when read and swept by the scheduler.
/// - Its time of last use is written at most every few minutes, not on every request.
struct CoopSessions: SessionDriver {
    /// How long a session with nobody logged in lasts without a request.
    static let anonymousIdle: TimeInterval = 2 * 3600
    /// How stale the recorded time of last use may get before a request writes it again.
    static let touchEvery: Int64 = 5 * 60 * 1000

    /// What was read for this request, to write only what changed.
    private struct Read: StorageKey {
        typealias Value = (data: [String: String], seenMillis: Int64)
    }

    static func now(_ req: Request) -> Date { req.coop.config.sessionClock?() ?? req.now }

    /// The session limits the configuration sets.
    static func limits(_ config: AppConfig) -> SessionLimits {
        SessionLimits(
            idleMillis: Int64(config.sessionIdle * 1000), anonymousIdleMillis: Int64(anonymousIdle * 1000),
            lifetimeMillis: Int64(config.sessionLifetime * 1000))
    }

    func createSession(_ data: SessionData, for req: Request) -> EventLoopFuture<SessionID> {
        let id = SessionID(string: randomSecret())
        guard !data.snapshot.isEmpty else { return req.eventLoop.makeSucceededFuture(id) }
        let now = Self.now(req).millis
        return req.eventLoop.makeFutureWithTask {
            try await SessionStore.insert(key: id.string, data: try Self.encode(data), loggedIn: data["user"] != nil, at: now, on: req.db)
            return id
        }
    }

    func readSession(_ id: SessionID, for req: Request) -> EventLoopFuture<SessionData?> {
        let now = Self.now(req).millis
        let limits = Self.limits(req.coop.config)
        return req.eventLoop.makeFutureWithTask {
            guard let row = try await SessionStore.read(key: id.string, on: req.db) else { return nil }
            guard !limits.expired(loggedIn: row.loggedIn, createdMillis: row.createdMillis, seenMillis: row.seenMillis, nowMillis: now)
            else {
                try await SessionStore.delete(key: id.string, on: req.db)
                return nil
            }
            let data = try JSONDecoder().decode([String: String].self, from: Data(row.data.utf8))
            req.storage[Read.self] = (data, row.seenMillis)
            return SessionData(initialData: data)
        }
    }

    func updateSession(_ id: SessionID, to data: SessionData, for req: Request) -> EventLoopFuture<SessionID> {
        let now = Self.now(req).millis
        if let read = req.storage[Read.self], read.data == data.snapshot, now - read.seenMillis < Self.touchEvery {
            return req.eventLoop.makeSucceededFuture(id)
        }
        return req.eventLoop.makeFutureWithTask {
            let text = try Self.encode(data)
            let loggedIn = data["user"] != nil
            let changed = try await SessionStore.update(key: id.string, data: text, loggedIn: loggedIn, at: now, on: req.db)
            if !changed && !data.snapshot.isEmpty {
                try await SessionStore.insert(key: id.string, data: text, loggedIn: loggedIn, at: now, on: req.db)
            }
            return id
        }
    }

    func deleteSession(_ id: SessionID, for req: Request) -> EventLoopFuture<Void> {
        req.eventLoop.makeFutureWithTask { try await SessionStore.delete(key: id.string, on: req.db) }
    }

    static func encode(_ data: SessionData) throws -> String {
        let e = JSONEncoder()
        e.outputFormatting = .sortedKeys
        return String(decoding: try e.encode(data.snapshot), as: UTF8.self)
    }

    /// Deletes expired sessions and old login attempts (at most every ten minutes).
    static func sweep(app: Application) async throws {
        let config = app.coop.config
        let now = config.sessionClock?() ?? config.now()
        let due = app.coop.lastSweep.withLock { last -> Bool in
            if let last, now.timeIntervalSince(last) < 600 { return false }
            last = now
            return true
        }
        guard due else { return }
        try await deleteExpired(app: app, at: now)
        try await LoginThrottle.sweep(app: app)
    }

    static func deleteExpired(app: Application, at now: Date) async throws {
        try await SessionStore.deleteExpired(limits(app.coop.config), at: now.millis, on: app.db)
    }
}
