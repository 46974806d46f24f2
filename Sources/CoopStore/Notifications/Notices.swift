import CoopCore
import FluentKit
import Foundation

/// The notifications each event makes, written in the event's transaction by the code that makes
/// the event (one call at each event site). Their words are ``NoticeText``s, written in each
/// reader's language when shown or mailed (`docs/languages.md`); a number that names something
/// (order #1234) is `.text`, never grouped as a quantity would be.
public enum Notices {
    /// A date as notifications write it: `2026-11-30 07:00 UTC`.
    static func when(_ d: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        return f.string(from: d)
    }

    /// Orders just placed: each one's worker has an order to accept (not a job's order, which the
    /// worker accepted by taking the job).
    public static func ordersPlaced(_ placed: [(order: OrderRecord, title: String, workerUser: UUID?)], on db: any Database, at now: Date)
        async throws
    {
        guard !placed.isEmpty else { return }
        // The worker's user came with the listing when the order was placed; looked up only when not.
        let unknown = placed.filter { $0.workerUser == nil }.map(\.order.workerID)
        let looked = try await NotificationStore.users(ofMemberships: Array(Set(unknown)), on: db)
        let notices = try placed.compactMap { o, title, user -> NotificationStore.Notice? in
            guard let worker = user ?? looked[o.workerID] else { return nil }
            let number = NoticeText.Arg.text(String(o.number))
            let body =
                o.note.isEmpty
                ? NoticeText("A customer ordered %1$s. Accept or decline order #%2$s.", .text(title), number)
                : NoticeText(
                    "A customer ordered %1$s. Accept or decline order #%2$s.\n\nThe customer's note: %3$s", .text(title), number,
                    .text(o.note))
            return NotificationStore.Notice(
                recipient: worker, kind: .orderToAccept, event: "order:\(try o.requireID().uuidString):placed",
                text: .init(subject: NoticeText("Order #%1$s to accept: %2$s", number, .text(title)), body: body), target: .order(o.number))
        }
        try await NotificationStore.notify(notices, on: db, at: now)
    }

    /// The dispatcher offered a job to a worker, until `expires`.
    public static func jobOffered(_ job: JobRequestRecord, to candidate: JobCandidateRecord, on db: any Database, at now: Date)
        async throws
    {
        guard let user = try await NotificationStore.users(ofMemberships: [candidate.workerID], on: db)[candidate.workerID] else { return }
        let number = NoticeText.Arg.text(String(job.number))
        let body =
            candidate.expiresAt.map {
                NoticeText(
                    "The dispatcher offered you job #%1$s, %2$s, in %3$s. The offer expires at %4$s; after that it passes to the next worker. Take it or pass.",
                    number, .text(job.title), .text(job.area), .date($0))
            }
            ?? NoticeText(
                "The dispatcher offered you job #%1$s, %2$s, in %3$s. Take it or pass.", number, .text(job.title), .text(job.area))
        try await NotificationStore.notify(
            [
                .init(
                    recipient: user, kind: .jobOffered, event: "job-offer:\(try candidate.requireID().uuidString)",
                    text: .init(subject: NoticeText("Job #%1$s offered to you: %2$s", number, .text(job.title)), body: body),
                    target: .job(job.number))
            ], on: db, at: now)
    }

    /// A party of an order wrote to the other.
    public static func message(_ id: UUID, on o: OrderRecord, from role: OrderRole, body: String, on db: any Database, at now: Date)
        async throws
    {
        let recipient: UUID?
        if role == .customer {
            recipient = try await NotificationStore.users(ofMemberships: [o.workerID], on: db)[o.workerID]
        } else {
            recipient = o.customerID
        }
        guard let recipient else { return }
        let number = NoticeText.Arg.text(String(o.number))
        let words =
            role == .customer
            ? NoticeText("The customer wrote on order #%1$s:\n\n%2$s", number, .text(body))
            : NoticeText("The worker wrote on order #%1$s:\n\n%2$s", number, .text(body))
        try await NotificationStore.notify(
            [
                .init(
                    recipient: recipient, kind: .message, event: "message:\(id.uuidString)",
                    text: .init(subject: NoticeText("New message on order #%s", number), body: words), target: .order(o.number))
            ], on: db, at: now)
    }

    /// A payment of an order settled: the worker is told the order is paid; the customer that a
    /// steward confirmed their payment.
    public static func paymentSettled(_ p: OrderPaymentRecord, order o: OrderRecord, amount: Money, on db: any Database, at now: Date)
        async throws
    {
        let event = "payment:\(try p.requireID().uuidString)"
        let number = NoticeText.Arg.text(String(o.number))
        var notices: [NotificationStore.Notice] = []
        if let worker = try await NotificationStore.users(ofMemberships: [o.workerID], on: db)[o.workerID] {
            notices.append(
                .init(
                    recipient: worker, kind: .paymentConfirmed, event: event,
                    text: .init(
                        subject: NoticeText("Payment confirmed for order #%s", number),
                        body: NoticeText("%1$s for order #%2$s has arrived and is held for the order.", .money(amount), number)),
                    target: .order(o.number)))
        }
        if p.confirmedBy != nil {
            notices.append(
                .init(
                    recipient: o.customerID, kind: .paymentConfirmed, event: event,
                    text: .init(
                        subject: NoticeText("Your payment for order #%s is confirmed", number),
                        body: NoticeText("A steward confirmed that your payment of %1$s for order #%2$s arrived.", .money(amount), number)),
                    target: .order(o.number)))
        }
        try await NotificationStore.notify(notices, on: db, at: now)
    }

    /// Voting opened on a proposal: every admitted member is told (one insert per 400 of them).
    public static func votingOpened(_ p: ProposalRecord, on db: any Database, at now: Date) async throws {
        let event = "proposal:\(try p.requireID().uuidString):opened"
        let number = NoticeText.Arg.text(String(p.number))
        // The same words for every member: made once, however many members.
        let text = NotificationStore.Text(
            subject: NoticeText("Vote open on proposal #%1$s: %2$s", number, .text(p.title)),
            body: NoticeText(
                "Voting is open on proposal #%1$s, %2$s, until %3$s. Read it and vote.", number, .text(p.title), .date(p.votingClosesAt)))
        let notices = try await NotificationStore.admittedUsers(on: db).map {
            NotificationStore.Notice(recipient: $0, kind: .votingOpened, event: event, text: text, target: .proposal(p.number))
        }
        try await NotificationStore.notify(notices, on: db, at: now)
    }

    /// A vote closes within 24 hours: each eligible member who has not voted is told, once per
    /// proposal (re-read under the write lock, so several processes make it once).
    public static func voteClosing(_ p: ProposalRecord, on db: any Database, at now: Date) async throws {
        let id = try p.requireID()
        let event = "proposal:\(id.uuidString):closing"
        guard try await !NotificationStore.isDone(event, on: db) else { return }
        struct Row: Decodable { let user_id: UUID }
        let users = try await db.sql().raw(
            """
            SELECT m.user_id FROM proposal_voters v JOIN memberships m ON m.id = v.membership_id \
            WHERE v.proposal_id = \(bind: id) AND v.voted = \(bind: false) AND m.status = 'admitted'
            """
        ).all(decoding: Row.self).map(\.user_id)
        let number = NoticeText.Arg.text(String(p.number))
        let text = NotificationStore.Text(
            subject: NoticeText("Vote closing soon on proposal #%1$s: %2$s", number, .text(p.title)),
            body: NoticeText(
                "You have not voted on proposal #%1$s, %2$s. Voting closes at %3$s.", number, .text(p.title), .date(p.votingClosesAt)))
        try await NotificationStore.notify(
            users.map { .init(recipient: $0, kind: .voteClosing, event: event, text: text, target: .proposal(p.number)) }, on: db, at: now)
        try await NotificationStore.markDone(event, on: db, at: now)
    }

    /// A vote was counted (or could not be): every admitted member is told its result. The
    /// summary is the English one (``ProposalOutcome/summary``); it is translated when it is the
    /// summary of the outcome stored on the proposal or the count's failure, else kept as given.
    public static func result(_ p: ProposalRecord, summary: String, on db: any Database, at now: Date) async throws {
        try await result(p, summary: summaryText(summary, of: p), on: db, at: now)
    }

    /// A vote was counted (or could not be): every admitted member is told its result, in words
    /// each reads in their language.
    public static func result(_ p: ProposalRecord, summary: NoticeText, on db: any Database, at now: Date) async throws {
        let event = "proposal:\(try p.requireID().uuidString):result"
        let number = NoticeText.Arg.text(String(p.number))
        let text = NotificationStore.Text(
            subject: NoticeText("Result of proposal #%1$s: %2$s", number, .text(p.title)),
            body: NoticeText("The vote on proposal #%1$s, %2$s, has closed: %3$s.", number, .text(p.title), .notice(summary)))
        let notices = try await NotificationStore.admittedUsers(on: db).map {
            NotificationStore.Notice(recipient: $0, kind: .result, event: event, text: text, target: .proposal(p.number))
        }
        try await NotificationStore.notify(notices, on: db, at: now)
    }

    /// A period's allocation was posted: each member with a dividend is told theirs.
    public static func dividends(
        period number: Int, _ lines: [(member: UUID, cash: Int64, capital: Int64)], currency: Currency, on db: any Database,
        at now: Date
    ) async throws {
        let paid = lines.filter { $0.cash + $0.capital > 0 }
        let users = try await NotificationStore.users(ofMemberships: paid.map(\.member), on: db)
        let notices = paid.compactMap { line -> NotificationStore.Notice? in
            guard let user = users[line.member] else { return nil }
            let cash = Money(minorUnits: line.cash, currency: currency)
            let capital = Money(minorUnits: line.capital, currency: currency)
            let period = NoticeText.Arg.text(String(number))
            return .init(
                recipient: user, kind: .dividend, event: "period:\(number):dividend",
                text: .init(
                    subject: NoticeText("Your patronage dividend for fiscal period %s", period),
                    body: NoticeText(
                        "The members approved the allocation of fiscal period %1$s: %2$s is payable to you in cash and %3$s is credited to your capital account.",
                        period, .money(cash), .money(capital))),
                target: .statement)
        }
        try await NotificationStore.notify(notices, on: db, at: now)
    }

    /// The words of a result's summary: the outcome's own when `summary` is the English of the
    /// outcome stored on the proposal, the count's failure with its reason, else `summary` as given.
    static func summaryText(_ summary: String, of p: ProposalRecord) -> NoticeText {
        if let stored = p.outcome, let outcome = try? StoredJSON.decode(ProposalOutcome.self, stored), outcome.summary == summary {
            return outcome.summaryText
        }
        let head = "it could not be counted (", tail = "); nothing was enacted"
        if summary.hasPrefix(head), summary.hasSuffix(tail), summary.count >= head.count + tail.count {
            let reason = String(summary.dropFirst(head.count).dropLast(tail.count))
            return NoticeText("it could not be counted (%s); nothing was enacted", .text(reason))
        }
        return .verbatim(summary)
    }
}
