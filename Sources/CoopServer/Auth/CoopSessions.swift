import CoopStore
import Foundation
import SQLKit
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

    private func sql(_ req: Request) -> any SQLDatabase { req.db as! any SQLDatabase }

    static func now(_ req: Request) -> Date { req.coop.config.sessionClock?() ?? req.now }

    func createSession(_ data: SessionData, for req: Request) -> EventLoopFuture<SessionID> {
        let id = SessionID(string: randomSecret())
        guard !data.snapshot.isEmpty else { return req.eventLoop.makeSucceededFuture(id) }
        let now = Self.now(req).millis
        return req.eventLoop.makeFutureWithTask {
            try await sql(req).raw(
                "INSERT INTO sessions (key, data, logged_in, created_ms, seen_ms) VALUES (\(bind: id.string), \(bind: try Self.encode(data)), \(bind: data["user"] != nil), \(bind: now), \(bind: now))"
            ).run()
            return id
        }
    }

    func readSession(_ id: SessionID, for req: Request) -> EventLoopFuture<SessionData?> {
        let now = Self.now(req).millis
        let config = req.coop.config
        return req.eventLoop.makeFutureWithTask {
            guard
                let row = try await sql(req).raw(
                    "SELECT data, logged_in, created_ms, seen_ms FROM sessions WHERE key = \(bind: id.string)"
                ).first()
            else { return nil }
            let loggedIn = try row.decode(column: "logged_in", as: Bool.self)
            let created = try row.decode(column: "created_ms", as: Int64.self)
            let seen = try row.decode(column: "seen_ms", as: Int64.self)
            let idle = Int64((loggedIn ? config.sessionIdle : Self.anonymousIdle) * 1000)
            guard now - seen <= idle, now - created <= Int64(config.sessionLifetime * 1000) else {
                try await sql(req).raw("DELETE FROM sessions WHERE key = \(bind: id.string)").run()
                return nil
            }
            let data = try JSONDecoder().decode([String: String].self, from: Data(try row.decode(column: "data", as: String.self).utf8))
            req.storage[Read.self] = (data, seen)
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
            let changed = try await sql(req).raw(
                "UPDATE sessions SET data = \(bind: text), logged_in = \(bind: loggedIn), seen_ms = \(bind: now) WHERE key = \(bind: id.string) RETURNING key"
            ).all()
            if changed.isEmpty && !data.snapshot.isEmpty {
                try await sql(req).raw(
                    "INSERT INTO sessions (key, data, logged_in, created_ms, seen_ms) VALUES (\(bind: id.string), \(bind: text), \(bind: loggedIn), \(bind: now), \(bind: now))"
                ).run()
            }
            return id
        }
    }

    func deleteSession(_ id: SessionID, for req: Request) -> EventLoopFuture<Void> {
        req.eventLoop.makeFutureWithTask {
            try await sql(req).raw("DELETE FROM sessions WHERE key = \(bind: id.string)").run()
        }
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
        let config = app.coop.config
        let ms = now.millis
        guard let sql = app.db as? any SQLDatabase else { return }
        try await sql.raw(
            """
            DELETE FROM sessions WHERE created_ms < \(bind: ms - Int64(config.sessionLifetime * 1000)) \
            OR seen_ms < \(bind: ms - Int64(config.sessionIdle * 1000)) \
            OR (logged_in = \(bind: false) AND seen_ms < \(bind: ms - Int64(anonymousIdle * 1000)))
            """
        ).run()
    }
}
