import CoopCore
import CoopStore
import FluentKit
import Foundation
import Vapor

/// The scheduler's mail step: vote-closing reminders, daily digests, then the mail that is due,
/// sent outside any transaction and marked in one afterwards. Safe from several processes: rows
/// are claimed under the write lock, so each is sent by one process.
enum NotificationMail {
    /// How many mails one pass claims.
    static let batch = 25
    /// The rest between two passes while mail is waiting. Mail is background work: a vote opening
    /// for thousands of members must not slow the ballots it announces. Rendering and handing over
    /// a pass takes a few tens of milliseconds here, so mail keeps to a share of the server's time
    /// and of the write lock, yet goes out at up to 100 a second.
    static let pause: Duration = .milliseconds(250)

    static func step(app: Application) async throws {
        let now = app.coop.config.now()
        for p in try await Notices.closingSoon(on: app.db, at: now) {
            let id = try p.requireID()
            try await app.coop.write(on: app.db) { db in
                // Re-read under the lock: it may have closed, or another process reminded already.
                guard let p = try await ProposalQueries.proposal(id: id, on: db), p.status == .voting, p.votingClosesAt > now else {
                    return
                }
                try await Notices.voteClosing(p, on: db, at: now)
            }
        }
        let schedule = app.coop.config.mail.digest
        let due = schedule.lastDue(atOrBefore: now)
        if try await MailOutbox.digestWaiting(before: due, on: app.db) {
            _ = try await app.coop.write(on: app.db) { db in
                try await MailOutbox.makeDigests(due: due, day: schedule.day(of: due), on: db, at: now)
            }
        }
        while true {
            // Read the clock each pass: a lease counted from the start of a long drain would run out early.
            let now = app.coop.config.now()
            guard try await MailOutbox.hasDue(on: app.db, at: now) else { break }
            let claimed = try await app.coop.write(on: app.db) { db in try await MailOutbox.claim(limit: batch, on: db, at: now) }
            if claimed.isEmpty { break }
            try await send(claimed, app: app, at: now)
            if claimed.count < batch { break }
            try await Task.sleep(for: pause)
        }
    }

    /// Sends claimed mail and records each outcome.
    static func send(_ claimed: [MailOutbox.Due], app: Application, at now: Date) async throws {
        let transport = app.mailTransport
        let mail = app.coop.config.mail
        let key = try await NotificationStore.mailKey(on: app.db)
        let bylaws = try await app.coop.bylaws(on: app.db)
        let coopName = bylaws?.name ?? "Coop"
        // Each mail is written in its recipient's language: theirs, else the co-op's, else English.
        let coopLanguage = bylaws?.language ?? .en
        var outcomes: [(MailOutbox.Due, (any Error)?)] = []
        var unsent: [UUID] = []
        for due in claimed {
            // Once the server has failed for a reason that is not this mail's, the rest of the batch
            // waits for the next pass instead of each waiting out its own timeout.
            if outcomes.contains(where: { ($0.1 as? SMTPError)?.permanent == false }) {
                unsent.append(due.id)
                continue
            }
            do {
                let language = due.language.flatMap { Language.offered.contains($0) ? $0 : nil } ?? coopLanguage
                let rendered = try await Lang.with(language) {
                    try await render(due, mail: mail, key: key, coopName: coopName, on: app.db)
                }
                guard let message = rendered else {
                    outcomes.append((due, nil))
                    continue
                }
                try await transport.deliver(message, envelopeFrom: mail.fromAddress)
                outcomes.append((due, nil))
                app.logger.info("mail sent", metadata: ["message_id": "\(message.messageID)", "kind": "\(due.kind?.rawValue ?? "digest")"])
            } catch {
                outcomes.append((due, error))
                app.logger.warning(
                    "mail not sent", metadata: ["outbox": "\(due.id)", "attempt": "\(due.attempts + 1)", "error": "\(error)"])
            }
        }
        let results = outcomes
        let released = unsent
        try await app.coop.write(on: app.db) { db in
            try await MailOutbox.release(released, on: db)
            try await MailOutbox.markSent(results.filter { $0.1 == nil }.map(\.0.id), on: db, at: now)
            for (due, error) in results {
                guard let error else { continue }
                // A permanent refusal is not retried: the last attempt is counted at once.
                let permanent = (error as? SMTPError)?.permanent == true
                try await MailOutbox.markFailed(
                    due.id, attempts: permanent ? MailRetry.maxAttempts - 1 : due.attempts, error: "\(error)", on: db, at: now)
            }
        }
    }

    /// The mail for an outbox row, in the language of the caller's ``Lang``: the same text on every
    /// retry (its date is the row's). Nil for a digest left with nothing in it.
    static func render(_ due: MailOutbox.Due, mail: MailConfig, key: [UInt8], coopName: String, on db: any Database) async throws
        -> MailMessage?
    {
        let base = mail.baseURL
        let settings = base + SiteURL.notificationSettings.path
        var lines: [String] = []
        let subject: String
        let tokenKind: NotificationKind?
        if let n = due.notification {
            subject = n.localSubject
            tokenKind = n.kind.isRequired ? nil : n.kind
            lines.append(n.localBody)
            lines.append("")
            lines.append(t("Open it: %s", base + NotificationPages.link(n.target)))
        } else {
            let items = try await MailOutbox.digestItems(of: due.id, on: db)
            guard !items.isEmpty else { return nil }
            subject = t(
                "%1$s: your daily digest for %2$s (%3$s)", coopName, NotificationPages.digestDay(due.digestDay ?? ""), num(items.count))
            tokenKind = nil
            lines.append(t("What happened at %s since your last digest:", coopName))
            for n in items {
                lines.append("")
                lines.append("* \(n.localSubject)")
                lines.append("  \(base)\(NotificationPages.link(n.target))")
            }
        }
        let token = UnsubscribeToken(
            user: due.recipient, kind: tokenKind, expires: due.createdAt.addingTimeInterval(UnsubscribeToken.lifetime))
        let unsubscribe = base + SiteURL.unsubscribe(token.encoded(key: key)).path
        lines.append("")
        lines.append("-- ")
        lines.append(t("You get this mail as a member of %s.", coopName))
        lines.append(t("Choose which mail you get: %s", settings))
        lines.append(
            tokenKind.map { t("Stop mail of this kind (%1$s): %2$s", NotificationPages.label($0).lowercased(), unsubscribe) }
                ?? t("Stop all mail that may be turned off: %s", unsubscribe))
        return MailMessage(
            from: mail.from, to: due.email, toName: due.name, subject: subject, body: lines.joined(separator: "\n"), date: due.createdAt,
            messageID: MailMessageID.header(key: due.messageKey, domain: mail.domain), unsubscribeURL: unsubscribe)
    }
}
