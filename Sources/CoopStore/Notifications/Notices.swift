import CoopCore
import FluentKit
import Foundation

/// The notifications each event makes, written in the event's transaction by the code that makes
/// the event (one call at each event site).
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
            let note = o.note.isEmpty ? "" : "\n\nThe customer's note: \(o.note)"
            return NotificationStore.Notice(
                recipient: worker, kind: .orderToAccept, event: "order:\(try o.requireID().uuidString):placed",
                subject: "Order #\(o.number) to accept: \(title)",
                body: "A customer ordered \(title). Accept or decline order #\(o.number).\(note)", target: .order(o.number))
        }
        try await NotificationStore.notify(notices, on: db, at: now)
    }

    /// The dispatcher offered a job to a worker, until `expires`.
    public static func jobOffered(_ job: JobRequestRecord, to candidate: JobCandidateRecord, on db: any Database, at now: Date)
        async throws
    {
        guard let user = try await NotificationStore.users(ofMemberships: [candidate.workerID], on: db)[candidate.workerID] else { return }
        let expiry = candidate.expiresAt.map { " The offer expires at \(when($0)); after that it passes to the next worker." } ?? ""
        try await NotificationStore.notify(
            [
                .init(
                    recipient: user, kind: .jobOffered, event: "job-offer:\(try candidate.requireID().uuidString)",
                    subject: "Job #\(job.number) offered to you: \(job.title)",
                    body: "The dispatcher offered you job #\(job.number), \(job.title), in \(job.area).\(expiry) Take it or pass.",
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
        let who = role == .customer ? "The customer" : "The worker"
        try await NotificationStore.notify(
            [
                .init(
                    recipient: recipient, kind: .message, event: "message:\(id.uuidString)", subject: "New message on order #\(o.number)",
                    body: "\(who) wrote on order #\(o.number):\n\n\(body)", target: .order(o.number))
            ], on: db, at: now)
    }

    /// A payment of an order settled: the worker is told the order is paid; the customer that a
    /// steward confirmed their payment.
    public static func paymentSettled(_ p: OrderPaymentRecord, order o: OrderRecord, amount: Money, on db: any Database, at now: Date)
        async throws
    {
        let event = "payment:\(try p.requireID().uuidString)"
        var notices: [NotificationStore.Notice] = []
        if let worker = try await NotificationStore.users(ofMemberships: [o.workerID], on: db)[o.workerID] {
            notices.append(
                .init(
                    recipient: worker, kind: .paymentConfirmed, event: event, subject: "Payment confirmed for order #\(o.number)",
                    body: "\(amount) for order #\(o.number) has arrived and is held for the order.", target: .order(o.number)))
        }
        if p.confirmedBy != nil {
            notices.append(
                .init(
                    recipient: o.customerID, kind: .paymentConfirmed, event: event,
                    subject: "Your payment for order #\(o.number) is confirmed",
                    body: "A steward confirmed that your payment of \(amount) for order #\(o.number) arrived.", target: .order(o.number)))
        }
        try await NotificationStore.notify(notices, on: db, at: now)
    }

    /// Voting opened on a proposal: every admitted member is told (one insert per 400 of them).
    public static func votingOpened(_ p: ProposalRecord, on db: any Database, at now: Date) async throws {
        let event = "proposal:\(try p.requireID().uuidString):opened"
        let notices = try await NotificationStore.admittedUsers(on: db).map {
            NotificationStore.Notice(
                recipient: $0, kind: .votingOpened, event: event, subject: "Vote open on proposal #\(p.number): \(p.title)",
                body: "Voting is open on proposal #\(p.number), \(p.title), until \(when(p.votingClosesAt)). Read it and vote.",
                target: .proposal(p.number))
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
        try await NotificationStore.notify(
            users.map {
                .init(
                    recipient: $0, kind: .voteClosing, event: event, subject: "Vote closing soon on proposal #\(p.number): \(p.title)",
                    body: "You have not voted on proposal #\(p.number), \(p.title). Voting closes at \(when(p.votingClosesAt)).",
                    target: .proposal(p.number))
            }, on: db, at: now)
        try await NotificationStore.markDone(event, on: db, at: now)
    }

    /// A vote was counted (or could not be): every admitted member is told its result.
    public static func result(_ p: ProposalRecord, summary: String, on db: any Database, at now: Date) async throws {
        let event = "proposal:\(try p.requireID().uuidString):result"
        let notices = try await NotificationStore.admittedUsers(on: db).map {
            NotificationStore.Notice(
                recipient: $0, kind: .result, event: event, subject: "Result of proposal #\(p.number): \(p.title)",
                body: "The vote on proposal #\(p.number), \(p.title), has closed: \(summary).", target: .proposal(p.number))
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
            return .init(
                recipient: user, kind: .dividend, event: "period:\(number):dividend",
                subject: "Your patronage dividend for fiscal period \(number)",
                body:
                    "The members approved the allocation of fiscal period \(number): \(cash) is payable to you in cash and \(capital) is credited to your capital account.",
                target: .statement)
        }
        try await NotificationStore.notify(notices, on: db, at: now)
    }
}
