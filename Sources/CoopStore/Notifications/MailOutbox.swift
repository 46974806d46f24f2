import CoopCore
import FluentKit
import Foundation
import SQLKit

/// The mail waiting to go: claimed by the scheduler in a write transaction, sent outside it,
/// then marked sent or tried again later. Each row is one Message-ID, sent once.
public enum MailOutbox {
    /// A mail to send now, with what rendering it needs.
    public struct Due: Sendable {
        /// The outbox row's id.
        public let id: UUID
        /// The recipient's user id.
        public let recipient: UUID
        /// The recipient's address and name.
        public let email: String
        /// The recipient's name.
        public let name: String
        /// The kind (nil: a digest).
        public let kind: NotificationKind?
        /// The digest's day (nil: one notification).
        public let digestDay: String?
        /// The Message-ID's stable part.
        public let messageKey: String
        /// When the row was written: the mail's Date, the same on every retry.
        public let createdAt: Date
        /// Attempts made before this one.
        public let attempts: Int
        /// The notification (nil: a digest, whose items are read by ``digestItems(of:on:)``).
        public let notification: NotificationStore.Item?
        /// The language the recipient chose (nil: not chosen; the bylaws' default, else English).
        public let language: Language?
    }

    /// How long a claimed row is left to the process that claimed it before another may retry it
    /// (a process killed mid-send).
    public static let lease: TimeInterval = 300

    /// Claims up to `limit` due rows for this process, in the caller's write transaction (one at
    /// a time across processes, so no row is claimed twice), and returns them.
    public static func claim(limit: Int, on db: any Database, at now: Date) async throws -> [Due] {
        let sql = try db.sql()
        let ms = now.millis
        struct Row: Decodable {
            let id: UUID
            let recipient_id: UUID
            let kind: String?
            let digest_day: String?
            let message_key: String
            let created_ms: Int64
            let attempts: Int
            let email: String
            let name: String
            let n_id: UUID?
            let n_subject: String?
            let n_body: String?
            let n_target: String?
            let n_created_ms: Int64?
            let n_message: String?
            let language: String?
        }
        let rows = try await sql.raw(
            """
            SELECT o.id, o.recipient_id, o.kind, o.digest_day, o.message_key, o.created_ms, o.attempts, u.email, u.name, \
            n.id AS n_id, n.subject AS n_subject, n.body AS n_body, n.target AS n_target, n.created_ms AS n_created_ms, \
            n.message AS n_message, u.language \
            FROM mail_outbox o JOIN users u ON u.id = o.recipient_id LEFT JOIN notifications n ON n.id = o.notification_id \
            WHERE o.status = \(bind: OutboxStatus.pending.rawValue) AND o.next_attempt_ms <= \(bind: ms) \
            AND (o.claimed_until_ms IS NULL OR o.claimed_until_ms <= \(bind: ms)) \
            ORDER BY o.next_attempt_ms, o.id LIMIT \(literal: max(1, limit))
            """
        ).all(decoding: Row.self)
        guard !rows.isEmpty else { return [] }
        try await sql.raw(
            "UPDATE mail_outbox SET claimed_until_ms = \(bind: (now.addingTimeInterval(lease)).millis) WHERE id IN (\(binds: rows.map(\.id)))"
        ).run()
        return rows.map { r in
            var item: NotificationStore.Item?
            if let id = r.n_id, let kind = r.kind.flatMap(NotificationKind.init(rawValue:)) {
                let words = r.n_message.flatMap(NoticeMessage.init(json:))
                let english = NotificationStore.Item.english(subject: r.n_subject ?? "", body: r.n_body ?? "", message: words)
                item = NotificationStore.Item(
                    id: id, kind: kind, subject: english.subject, body: english.body,
                    target: NotificationTarget(stored: r.n_target ?? ""),
                    createdAt: Date(timeIntervalSince1970: Double(r.n_created_ms ?? r.created_ms) / 1000), read: false,
                    message: words)
            }
            return Due(
                id: r.id, recipient: r.recipient_id, email: r.email, name: r.name, kind: r.kind.flatMap(NotificationKind.init(rawValue:)),
                digestDay: r.digest_day, messageKey: r.message_key, createdAt: Date(timeIntervalSince1970: Double(r.created_ms) / 1000),
                attempts: r.attempts, notification: item, language: r.language.flatMap { Language(tag: $0) })
        }
    }

    /// The notifications a digest gathers, oldest first.
    public static func digestItems(of outbox: UUID, on db: any Database) async throws -> [NotificationStore.Item] {
        try await db.sql().raw(
            """
            SELECT id, kind, subject, body, target, created_ms, read_ms, message FROM notifications \
            WHERE digest_id = \(bind: outbox) ORDER BY created_ms, id
            """
        ).all(decoding: NotificationStore.ItemRow.self).compactMap(\.item)
    }

    /// Marks claimed mail sent, in one statement however many.
    public static func markSent(_ ids: [UUID], on db: any Database, at now: Date) async throws {
        guard !ids.isEmpty else { return }
        try await db.sql().raw(
            """
            UPDATE mail_outbox SET status = \(bind: OutboxStatus.sent.rawValue), sent_ms = \(bind: now.millis), \
            attempts = attempts + 1, claimed_until_ms = NULL, last_error = NULL WHERE id IN (\(binds: ids))
            """
        ).run()
    }

    /// Gives claimed rows back unsent and unattempted (the server failed on another mail first).
    public static func release(_ ids: [UUID], on db: any Database) async throws {
        guard !ids.isEmpty else { return }
        try await db.sql().raw("UPDATE mail_outbox SET claimed_until_ms = NULL WHERE id IN (\(binds: ids))").run()
    }

    /// Records a failed attempt: tried again after the backoff, or given up after the last one.
    public static func markFailed(_ id: UUID, attempts before: Int, error: String, on db: any Database, at now: Date) async throws {
        let attempts = before + 1
        let status: OutboxStatus = MailRetry.givesUp(afterAttempts: attempts) ? .failed : .pending
        let next = now.addingTimeInterval(MailRetry.wait(afterAttempts: attempts)).millis
        try await db.sql().raw(
            """
            UPDATE mail_outbox SET status = \(bind: status.rawValue), attempts = \(bind: attempts), next_attempt_ms = \(bind: next), \
            claimed_until_ms = NULL, last_error = \(bind: String(error.prefix(500))) WHERE id = \(bind: id)
            """
        ).run()
    }

    /// Makes the digests due at `due` (for `day`): one outbox row per user with digest items made
    /// before it and not yet in a digest, and attaches those items to it. A few statements,
    /// however many members; a digest already made for that user and day is not made again.
    /// Returns how many digests were made.
    @discardableResult
    public static func makeDigests(due: Date, day: String, on db: any Database, at now: Date) async throws -> Int {
        let sql = try db.sql()
        struct Row: Decodable { let recipient_id: UUID }
        let digest = MailChoice.digest.rawValue
        let users = try await sql.raw(
            """
            SELECT DISTINCT recipient_id FROM notifications WHERE mail = \(bind: digest) AND digest_id IS NULL \
            AND created_ms < \(bind: due.millis)
            """
        ).all(decoding: Row.self).map(\.recipient_id)
        guard !users.isEmpty else { return 0 }
        var made = 0
        var start = 0
        while start < users.count {
            let part = Array(users[start..<min(start + NotificationStore.chunk, users.count)])
            start += NotificationStore.chunk
            let insert = SQLInsertBuilder(SQLInsert(table: SQLIdentifier("mail_outbox")), on: sql).columns(
                "id", "recipient_id", "digest_day", "message_key", "status", "attempts", "next_attempt_ms", "created_ms"
            ).ignoringConflicts(with: ["message_key"])
            for u in part {
                insert.values(
                    [
                        SQLBind(UUID()), SQLBind(u), SQLBind(day), SQLBind(MailMessageID.key(event: "digest:\(day)", recipient: u)),
                        SQLBind(OutboxStatus.pending.rawValue), SQLBind(0), SQLBind(now.millis), SQLBind(now.millis),
                    ] as [any SQLExpression])
            }
            try await insert.run()
            made += part.count
        }
        // Items join their user's digest of the day while it has not gone; once it has, they wait
        // for the next day's.
        try await sql.raw(
            """
            UPDATE notifications SET digest_id = (SELECT o.id FROM mail_outbox o WHERE o.recipient_id = notifications.recipient_id \
            AND o.digest_day = \(bind: day) AND o.status = \(bind: OutboxStatus.pending.rawValue) AND o.claimed_until_ms IS NULL) \
            WHERE mail = \(bind: digest) AND digest_id IS NULL AND created_ms < \(bind: due.millis)
            """
        ).run()
        return made
    }

    /// A row of the outbox, for tests and the operator.
    public struct Row: Sendable, Decodable {
        /// The row's id.
        public let id: UUID
        /// The recipient.
        public let recipient_id: UUID
        /// The kind; nil for a digest.
        public let kind: String?
        /// The digest's day; nil for one notification.
        public let digest_day: String?
        /// The Message-ID's stable part.
        public let message_key: String
        /// ``OutboxStatus`` as stored.
        public let status: String
        /// Attempts made.
        public let attempts: Int
        /// The last failure, if any.
        public let last_error: String?
    }

    /// Every outbox row of a user (nil: all), oldest first.
    public static func rows(of user: UUID?, on db: any Database) async throws -> [Row] {
        let filter: SQLQueryString = user.map { "WHERE recipient_id = \(bind: $0)" } ?? ""
        return try await db.sql().raw(
            "SELECT id, recipient_id, kind, digest_day, message_key, status, attempts, last_error FROM mail_outbox \(filter) ORDER BY created_ms, id"
        ).all(decoding: Row.self)
    }
}

extension MailOutbox {
    /// Whether any mail is due at `now`: one indexed read, so that the scheduler takes the write
    /// lock only when there is mail to claim.
    public static func hasDue(on db: any Database, at now: Date) async throws -> Bool {
        struct Row: Decodable { let id: UUID }
        return try await db.sql().raw(
            """
            SELECT id FROM mail_outbox WHERE status = \(bind: OutboxStatus.pending.rawValue) AND next_attempt_ms <= \(bind: now.millis) \
            AND (claimed_until_ms IS NULL OR claimed_until_ms <= \(bind: now.millis)) LIMIT 1
            """
        ).first(decoding: Row.self) != nil
    }

    /// Whether any digest item made before `due` waits for its digest.
    public static func digestWaiting(before due: Date, on db: any Database) async throws -> Bool {
        struct Row: Decodable { let id: UUID }
        return try await db.sql().raw(
            """
            SELECT id FROM notifications WHERE mail = \(bind: MailChoice.digest.rawValue) AND digest_id IS NULL \
            AND created_ms < \(bind: due.millis) LIMIT 1
            """
        ).first(decoding: Row.self) != nil
    }
}

extension Notices {
    /// Proposals whose vote closes within 24 hours of `now` and whose reminder is not made yet.
    public static func closingSoon(on db: any Database, at now: Date) async throws -> [ProposalRecord] {
        let open = try await ProposalRecord.query(on: db).filter(\.$status == .voting)
            .filter(\.$votingClosesAt > now).filter(\.$votingClosesAt <= now.addingTimeInterval(86_400)).all()
        var out: [ProposalRecord] = []
        for p in open where try await !NotificationStore.isDone("proposal:\(try p.requireID().uuidString):closing", on: db) {
            out.append(p)
        }
        return out
    }
}
