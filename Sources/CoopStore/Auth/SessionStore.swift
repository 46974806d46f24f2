import CoopCore
import FluentKit
import Foundation
import SQLKit

/// Sessions in the `sessions` table, in plain SQL (read on most requests).
public enum SessionStore {
    /// A stored session.
    public struct Row: Sendable {
        /// The session's data, as JSON.
        public let data: String
        /// Whether someone is logged in.
        public let loggedIn: Bool
        /// When it began (milliseconds since 1970).
        public let createdMillis: Int64
        /// When it was last used (milliseconds since 1970).
        public let seenMillis: Int64
    }

    /// Stores a new session.
    public static func insert(key: String, data: String, loggedIn: Bool, at nowMillis: Int64, on db: any Database) async throws {
        try await db.sql().raw(
            "INSERT INTO sessions (key, data, logged_in, created_ms, seen_ms) VALUES (\(bind: key), \(bind: data), \(bind: loggedIn), \(bind: nowMillis), \(bind: nowMillis))"
        ).run()
    }

    /// The session with this key, if there is one.
    public static func read(key: String, on db: any Database) async throws -> Row? {
        guard
            let row = try await db.sql().raw("SELECT data, logged_in, created_ms, seen_ms FROM sessions WHERE key = \(bind: key)").first()
        else { return nil }
        return Row(
            data: try row.decode(column: "data", as: String.self), loggedIn: try row.decode(column: "logged_in", as: Bool.self),
            createdMillis: try row.decode(column: "created_ms", as: Int64.self),
            seenMillis: try row.decode(column: "seen_ms", as: Int64.self))
    }

    /// Writes a session's data and time of last use; `false` if there is no such session.
    public static func update(key: String, data: String, loggedIn: Bool, at nowMillis: Int64, on db: any Database) async throws -> Bool {
        !(try await db.sql().raw(
            "UPDATE sessions SET data = \(bind: data), logged_in = \(bind: loggedIn), seen_ms = \(bind: nowMillis) WHERE key = \(bind: key) RETURNING key"
        ).all()).isEmpty
    }

    /// Deletes a session.
    public static func delete(key: String, on db: any Database) async throws {
        try await db.sql().raw("DELETE FROM sessions WHERE key = \(bind: key)").run()
    }

    /// Deletes every session that has ended at `nowMillis` under `limits`.
    public static func deleteExpired(_ limits: SessionLimits, at nowMillis: Int64, on db: any Database) async throws {
        let cut = limits.cutoffs(nowMillis: nowMillis)
        try await db.sql().raw(
            """
            DELETE FROM sessions WHERE created_ms < \(bind: cut.created) \
            OR seen_ms < \(bind: cut.seen) \
            OR (logged_in = \(bind: false) AND seen_ms < \(bind: cut.seenAnonymous))
            """
        ).run()
    }
}

/// Login and sign-up attempts, counted for throttling.
public enum LoginAttemptStore {
    /// How many attempts under `key` since `since` (failures only, if asked).
    public static func count(key: String, since: Date, failuresOnly: Bool, on db: any Database) async throws -> Int {
        var q = LoginAttemptRecord.query(on: db).filter(\.$key == key).filter(\.$at >= since)
        if failuresOnly { q = q.filter(\.$succeeded == false) }
        return try await q.count()
    }

    /// Records an attempt under `key`, as a failure until ``succeeded(_:on:)``; its id.
    public static func record(key: String, on db: any Database, at date: Date) async throws -> UUID {
        let row = LoginAttemptRecord(key: key, at: date, succeeded: false)
        try await row.create(on: db)
        return try row.requireID()
    }

    /// Marks attempts as succeeded: they no longer count as failures.
    public static func succeeded(_ ids: [UUID], on db: any Database) async throws {
        guard !ids.isEmpty else { return }
        try await db.sql().raw("UPDATE login_attempts SET succeeded = \(bind: true) WHERE id IN (\(binds: ids))").run()
    }

    /// Forgets attempts made before `date`.
    public static func forget(before date: Date, on db: any Database) async throws {
        try await LoginAttemptRecord.query(on: db).filter(\.$at < date).delete()
    }
}
