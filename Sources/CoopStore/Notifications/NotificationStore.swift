import CoopCore
import FluentKit
import Foundation
import SQLKit

/// Notifications: written with the event that causes them (in its transaction), listed in the
/// app, and queued for mail by each recipient's choice.
public enum NotificationStore {
    /// One notification to write: who gets it, about what, and the event it comes from.
    public struct Notice: Sendable {
        /// The user told.
        public let recipient: UUID
        /// What kind of notification it is (the recipient's mail choice is per kind).
        public let kind: NotificationKind
        /// The event's stable key (`order:<id>:placed`): one notification per event and recipient,
        /// however often the event's code runs, and the mail's Message-ID comes from it.
        public let event: String
        /// One line, also the mail's subject.
        public let subject: String
        /// A few lines saying what happened and what to do.
        public let body: String
        /// What the notification links to.
        public let target: NotificationTarget
        /// The words as a message id and arguments (``NoticeMessage``, stored JSON), written in the
        /// reader's language when shown or mailed; nil: `subject` and `body` are shown as they are.
        public let message: String?

        /// A notification of `kind` for `recipient` whose words are shown as given, in any language.
        public init(recipient: UUID, kind: NotificationKind, event: String, subject: String, body: String, target: NotificationTarget) {
            self.recipient = recipient
            self.kind = kind
            self.event = event
            self.subject = String(subject.prefix(200))
            self.body = String(body.prefix(4_000))
            self.target = target
            self.message = nil
        }

        /// A notification of `kind` for `recipient` in the reader's language: `text` is made once
        /// and shared by every recipient of the same words.
        public init(recipient: UUID, kind: NotificationKind, event: String, text: Text, target: NotificationTarget) {
            self.recipient = recipient
            self.kind = kind
            self.event = event
            self.subject = text.subject
            self.body = text.body
            self.target = target
            self.message = text.json
        }
    }

    /// A notice's words, ready to store: their English (what the `subject` and `body` columns
    /// keep, for old readers and the data export) and their message for the reader's language.
    public struct Text: Sendable {
        /// The subject in English.
        public let subject: String
        /// The body in English.
        public let body: String
        /// The stored ``NoticeMessage``.
        public let json: String

        /// The words of a message, rendered in English once.
        public init(_ message: NoticeMessage) {
            subject = String(message.subject.render(.source).prefix(200))
            body = String(message.body.render(.source).prefix(4_000))
            json = message.json
        }

        /// A subject and a body, both translatable.
        public init(subject: NoticeText, body: NoticeText) { self.init(NoticeMessage(subject: subject, body: body)) }
    }

    /// Rows per insert statement: well within both databases' limits on bound values.
    static let chunk = 400

    /// Writes the notifications, and an outbox row for each one its recipient gets by mail at
    /// once, in the caller's transaction: a few statements per 400 notices (their recipients'
    /// choices, then one insert each of notifications and mail), however many there are. A
    /// notice whose event and recipient were already notified is skipped.
    public static func notify(_ notices: [Notice], on db: any Database, at now: Date) async throws {
        guard !notices.isEmpty else { return }
        let sql = try db.sql()
        let ms = now.millis
        var start = 0
        while start < notices.count {
            let part = Array(notices[start..<min(start + chunk, notices.count)])
            start += chunk
            let stored = try await storedChoices(users: Array(Set(part.map(\.recipient))), on: sql)
            let rows = SQLInsertBuilder(SQLInsert(table: SQLIdentifier("notifications")), on: sql).columns(
                "id", "recipient_id", "kind", "event_key", "subject", "body", "target", "mail", "created_ms", "message"
            ).ignoringConflicts(with: ["event_key", "recipient_id"])
            let mail = SQLInsertBuilder(SQLInsert(table: SQLIdentifier("mail_outbox")), on: sql).columns(
                "id", "recipient_id", "notification_id", "kind", "message_key", "status", "attempts", "next_attempt_ms", "created_ms"
            ).ignoringConflicts(with: ["message_key"])
            var mails = 0
            for n in part {
                let id = UUID()
                let choice = NotificationRules.choice(for: n.kind, stored: stored[n.recipient]?[n.kind])
                rows.values(
                    [
                        SQLBind(id), SQLBind(n.recipient), SQLBind(n.kind.rawValue), SQLBind(n.event),
                        // Words stored as a message are not stored twice: their English is written on read (`Item.english`).
                        SQLBind(n.message == nil ? n.subject : ""), SQLBind(n.message == nil ? n.body : ""),
                        SQLBind(n.target.stored), SQLBind(choice.rawValue), SQLBind(ms), SQLBind(n.message),
                    ] as [any SQLExpression])
                guard choice == .immediate else { continue }
                mails += 1
                mail.values(
                    [
                        SQLBind(UUID()), SQLBind(n.recipient), SQLBind(id), SQLBind(n.kind.rawValue),
                        SQLBind(MailMessageID.key(event: n.event, recipient: n.recipient)), SQLBind(OutboxStatus.pending.rawValue),
                        SQLBind(0), SQLBind(ms), SQLBind(ms),
                    ] as [any SQLExpression])
            }
            try await rows.run()
            if mails > 0 { try await mail.run() }
        }
    }

    /// The choices users stored, for the given users, in one query.
    static func storedChoices(users: [UUID], on sql: any SQLDatabase) async throws -> [UUID: [NotificationKind: MailChoice]] {
        guard !users.isEmpty else { return [:] }
        struct Row: Decodable {
            let user_id: UUID
            let kind: String
            let choice: String
        }
        var out: [UUID: [NotificationKind: MailChoice]] = [:]
        for r in try await sql.raw(
            "SELECT user_id, kind, choice FROM notification_preferences WHERE user_id IN (\(binds: users))"
        ).all(decoding: Row.self) {
            guard let k = NotificationKind(rawValue: r.kind), let c = MailChoice(rawValue: r.choice) else { continue }
            out[r.user_id, default: [:]][k] = c
        }
        return out
    }

    /// The users of these memberships, by membership id, in one query.
    public static func users(ofMemberships ids: [UUID], on db: any Database) async throws -> [UUID: UUID] {
        guard !ids.isEmpty else { return [:] }
        struct Row: Decodable {
            let id: UUID
            let user_id: UUID
        }
        var out: [UUID: UUID] = [:]
        var start = 0
        while start < ids.count {
            let part = Array(ids[start..<min(start + 1_000, ids.count)])
            start += 1_000
            for r in try await db.sql().raw("SELECT id, user_id FROM memberships WHERE id IN (\(binds: part))").all(decoding: Row.self) {
                out[r.id] = r.user_id
            }
        }
        return out
    }

    /// The users of every admitted member, in one query.
    public static func admittedUsers(on db: any Database) async throws -> [UUID] {
        struct Row: Decodable { let user_id: UUID }
        return try await db.sql().raw("SELECT user_id FROM memberships WHERE status = 'admitted'").all(decoding: Row.self).map(\.user_id)
    }

    /// How many notifications the user has not read: one indexed count (the navigation shows it
    /// on every page).
    public static func unreadCount(of user: UUID, on db: any Database) async throws -> Int {
        struct Row: Decodable { let n: Int }
        return try await db.sql().raw("SELECT COUNT(*) AS n FROM notifications WHERE recipient_id = \(bind: user) AND read_ms IS NULL")
            .first(decoding: Row.self)?.n ?? 0
    }

    /// A notification as the app lists it.
    public struct Item: Sendable, Equatable {
        /// The notification's id.
        public let id: UUID
        /// Its kind.
        public let kind: NotificationKind
        /// Its one line.
        public let subject: String
        /// Its text.
        public let body: String
        /// What it links to.
        public let target: NotificationTarget
        /// When it was made.
        public let createdAt: Date
        /// Whether the recipient has read it.
        public let read: Bool
        /// Its words as a message for the reader's language; nil for notifications made before
        /// (and erased ones), shown by `subject` and `body` as stored.
        public var message: NoticeMessage? = nil

        /// The subject and body of a stored row: as stored, or, for a row whose words are stored
        /// only as a message (every notice since session 22: subject and body columns empty), the
        /// message written in English, what the columns held before.
        static func english(subject: String, body: String, message: NoticeMessage?) -> (subject: String, body: String) {
            guard subject.isEmpty, body.isEmpty, let message else { return (subject, body) }
            return (String(message.subject.render(.source).prefix(200)), String(message.body.render(.source).prefix(4_000)))
        }
    }

    struct ItemRow: Decodable {
        let id: UUID
        let kind: String
        let subject: String
        let body: String
        let target: String
        let created_ms: Int64
        let read_ms: Int64?
        let message: String?

        var item: Item? {
            guard let k = NotificationKind(rawValue: kind) else { return nil }
            let words = message.flatMap(NoticeMessage.init(json:))
            let english = Item.english(subject: subject, body: body, message: words)
            return Item(
                id: id, kind: k, subject: english.subject, body: english.body, target: NotificationTarget(stored: target),
                createdAt: Date(timeIntervalSince1970: Double(created_ms) / 1000), read: read_ms != nil, message: words)
        }
    }

    /// The user's latest notifications, newest first.
    public static func list(of user: UUID, limit: Int = 100, on db: any Database) async throws -> [Item] {
        try await db.sql().raw(
            """
            SELECT id, kind, subject, body, target, created_ms, read_ms, message FROM notifications \
            WHERE recipient_id = \(bind: user) ORDER BY created_ms DESC, id DESC LIMIT \(literal: max(1, min(limit, 1_000)))
            """
        ).all(decoding: ItemRow.self).compactMap(\.item)
    }

    /// One of the user's notifications; nil if it is not theirs.
    public static func item(_ id: UUID, of user: UUID, on db: any Database) async throws -> Item? {
        try await db.sql().raw(
            "SELECT id, kind, subject, body, target, created_ms, read_ms, message FROM notifications WHERE id = \(bind: id) AND recipient_id = \(bind: user)"
        ).first(decoding: ItemRow.self)?.item
    }

    /// Marks one of the user's notifications read (nil: all of them). Another user's is not found.
    @discardableResult
    public static func markRead(_ id: UUID?, of user: UUID, on db: any Database, at now: Date) async throws -> Int {
        let sql = try db.sql()
        if let id {
            struct Row: Decodable { let read_ms: Int64? }
            guard
                let row = try await sql.raw("SELECT read_ms FROM notifications WHERE id = \(bind: id) AND recipient_id = \(bind: user)")
                    .first(decoding: Row.self)
            else { throw CoopError.notFound("You have no such notification.") }
            guard row.read_ms == nil else { return 0 }
            try await sql.raw("UPDATE notifications SET read_ms = \(bind: now.millis) WHERE id = \(bind: id)").run()
            return 1
        }
        let before = try await unreadCount(of: user, on: db)
        try await sql.raw(
            "UPDATE notifications SET read_ms = \(bind: now.millis) WHERE recipient_id = \(bind: user) AND read_ms IS NULL"
        ).run()
        return before
    }

    /// The user's choice in force for every kind.
    public static func choices(of user: UUID, on db: any Database) async throws -> [NotificationKind: MailChoice] {
        let stored = try await storedChoices(users: [user], on: db.sql())[user] ?? [:]
        var out: [NotificationKind: MailChoice] = [:]
        for k in NotificationKind.allCases { out[k] = NotificationRules.choice(for: k, stored: stored[k]) }
        return out
    }

    /// Stores the user's choices; a required kind turned off is refused and nothing is stored.
    public static func setChoices(_ choices: [NotificationKind: MailChoice], of user: UUID, on db: any Database) async throws {
        for (kind, choice) in choices { try NotificationRules.check(choice, for: kind) }
        let sql = try db.sql()
        for (kind, choice) in choices.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            try await sql.raw(
                """
                INSERT INTO notification_preferences (user_id, kind, choice) VALUES (\(bind: user), \(bind: kind.rawValue), \(bind: choice.rawValue)) \
                ON CONFLICT (user_id, kind) DO UPDATE SET choice = excluded.choice
                """
            ).run()
        }
    }

    /// Turns off the mail of `kind` for the user, or (nil, or a kind the bylaws require) every
    /// kind that may be turned off. Returns the kinds turned off. Mail of those kinds not yet sent
    /// is not sent.
    @discardableResult
    public static func unsubscribe(_ user: UUID, from kind: NotificationKind?, on db: any Database) async throws -> [NotificationKind] {
        let kinds = kind.flatMap { $0.isRequired ? nil : [$0] } ?? NotificationKind.allCases.filter { !$0.isRequired }
        try await setChoices(Dictionary(uniqueKeysWithValues: kinds.map { ($0, MailChoice.never) }), of: user, on: db)
        let sql = try db.sql()
        try await sql.raw(
            """
            UPDATE mail_outbox SET status = \(bind: OutboxStatus.cancelled.rawValue) WHERE recipient_id = \(bind: user) \
            AND status = \(bind: OutboxStatus.pending.rawValue) AND kind IN (\(binds: kinds.map(\.rawValue)))
            """
        ).run()
        try await sql.raw(
            """
            UPDATE notifications SET mail = \(bind: MailChoice.never.rawValue) WHERE recipient_id = \(bind: user) \
            AND digest_id IS NULL AND mail = \(bind: MailChoice.digest.rawValue) AND kind IN (\(binds: kinds.map(\.rawValue)))
            """
        ).run()
        return kinds
    }

    /// Erasure: what an erased person wrote, copied into others' notifications of `event` (a
    /// message, a job's title), is replaced; mail of it not yet sent is not sent.
    public static func eraseCopies(of event: String, on db: any Database) async throws {
        let sql = try db.sql()
        try await sql.raw(
            """
            UPDATE mail_outbox SET status = \(bind: OutboxStatus.cancelled.rawValue) WHERE status = \(bind: OutboxStatus.pending.rawValue) \
            AND notification_id IN (SELECT id FROM notifications WHERE event_key = \(bind: event))
            """
        ).run()
        try await sql.raw(
            """
            UPDATE notifications SET subject = \(bind: "A notification whose text was erased"), body = \(bind: MyDataStore.erased), \
            message = \(bind: NoticeMessage.erased.json) \
            WHERE event_key = \(bind: event)
            """
        ).run()
    }

    /// Erasure: the person's own notifications, mail and choices go.
    public static func forget(_ user: UUID, on db: any Database) async throws {
        let sql = try db.sql()
        try await sql.raw("DELETE FROM mail_outbox WHERE recipient_id = \(bind: user)").run()
        try await sql.raw("DELETE FROM notifications WHERE recipient_id = \(bind: user)").run()
        try await sql.raw("DELETE FROM notification_preferences WHERE user_id = \(bind: user)").run()
    }

    /// The key that signs unsubscribe links (made by the migration).
    public static func mailKey(on db: any Database) async throws -> [UInt8] {
        struct Row: Decodable { let key_hex: String }
        guard let row = try await db.sql().raw("SELECT key_hex FROM mail_keys WHERE id = 1").first(decoding: Row.self) else {
            throw CoopError.storage("The mail key is missing.")
        }
        var bytes: [UInt8] = []
        var chars = Array(row.key_hex)
        while chars.count >= 2 {
            guard let b = UInt8(String(chars[0...1]), radix: 16) else { break }
            bytes.append(b)
            chars.removeFirst(2)
        }
        return bytes
    }

    /// Whether a scheduled notice (a vote's closing reminder) was already made.
    public static func isDone(_ event: String, on db: any Database) async throws -> Bool {
        struct Row: Decodable { let event_key: String }
        return try await db.sql().raw("SELECT event_key FROM notification_events WHERE event_key = \(bind: event)")
            .first(decoding: Row.self) != nil
    }

    /// Records that a scheduled notice was made, in the transaction that made it.
    public static func markDone(_ event: String, on db: any Database, at now: Date) async throws {
        try await db.sql().raw(
            "INSERT INTO notification_events (event_key, created_ms) VALUES (\(bind: event), \(bind: now.millis)) ON CONFLICT (event_key) DO NOTHING"
        ).run()
    }
}

/// Where a mail in the outbox stands.
public enum OutboxStatus: String, Sendable, Codable {
    /// Waiting to be sent (again).
    case pending
    /// Accepted by the mail server (or written as a file).
    case sent
    /// Given up after ``MailRetry/maxAttempts`` attempts.
    case failed
    /// Its recipient turned that mail off before it went.
    case cancelled
}
