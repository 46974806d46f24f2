import CoopCore
import CoopStore
import Fluent
import Foundation
import Vapor

/// A person's data rights: everything Coop holds about them as one JSON document, and erasure,
/// which pseudonymises every personal field while the ledger, the tallies and the audit chain
/// stay as they are (they hold ids and amounts, never names), so the chain still verifies.
enum MyData {
    /// Everything held about a user, table by table, as the stored rows (less password and token hashes).
    static func export(_ user: UserRecord, bylaws: Bylaws, on db: any Database, at now: Date) async throws -> String {
        let uid = try user.requireID()
        let rows = try await MyDataStore.rows(of: uid, on: db)
        struct Person: Encodable {
            let id: UUID
            let name: String
            let email: String
            let createdAt: Date
        }
        struct Token: Encodable {
            let label: String
            let createdAt: Date
            let lastUsedAt: Date?
        }
        struct Export: Encodable {
            let generatedAt: Date
            let coop: String
            let about: String
            let person: Person
            let apiTokens: [Token]
            let memberships: [MembershipRecord]
            let sharePayments: [PaymentRecord]
            let statements: [Statement]
            let ledger: [LedgerEntryView]
            let periodDividends: [PeriodDividendRecord]
            let listings: [ListingRecord]
            let workerProfiles: [WorkerProfileRecord]
            let ordersAsCustomer: [OrderRecord]
            let ordersAsWorker: [OrderRecord]
            let orderEvents: [OrderEventRecord]
            let orderPayments: [OrderPaymentRecord]
            let orderMessages: [OrderMessageRecord]
            let reviews: [ReviewRecord]
            let jobRequests: [JobRequestRecord]
            let jobOffers: [JobCandidateRecord]
            let proposalsAuthored: [ProposalRecord]
            let comments: [ProposalCommentRecord]
            let votedIn: [ProposalVoterRecord]
            let openBallots: [BallotRecord]
            let boardSeats: [BoardSeatRecord]
            let moduleCompletions: [ModuleStore.Completion]
            let endorsementsGiven: [SkillEndorsementStore.Endorsement]
            let endorsementsReceived: [SkillEndorsementStore.Endorsement]
            let notifications: [Notice]
            let mailChoices: [String: String]
        }
        struct Notice: Encodable {
            let kind: String
            let subject: String
            let body: String
            let link: String
            let createdAt: Date
            let read: Bool
        }
        let notices = try await NotificationStore.list(of: uid, limit: 1_000, on: db).map {
            Notice(
                kind: $0.kind.rawValue, subject: $0.subject, body: $0.body, link: NotificationPages.link($0.target),
                createdAt: $0.createdAt,
                read: $0.read)
        }
        let choices = try await NotificationStore.choices(of: uid, on: db)
        var statements: [Statement] = []
        for m in rows.memberships { statements.append(try await Statement.of(m, bylaws: bylaws, on: db)) }
        let export = Export(
            generatedAt: now, coop: bylaws.name,
            about:
                "Everything this co-op's Coop holds about you. Secret ballots are stored without the voter, so they are not here; votedIn lists the votes you took part in.",
            person: Person(id: uid, name: user.name, email: user.email, createdAt: user.createdAt),
            apiTokens: rows.apiTokens.map { Token(label: $0.label, createdAt: $0.createdAt, lastUsedAt: $0.lastUsedAt) },
            memberships: rows.memberships, sharePayments: rows.sharePayments, statements: statements, ledger: rows.ledger,
            periodDividends: rows.periodDividends, listings: rows.listings, workerProfiles: rows.workerProfiles,
            ordersAsCustomer: rows.ordersAsCustomer, ordersAsWorker: rows.ordersAsWorker, orderEvents: rows.orderEvents,
            orderPayments: rows.orderPayments, orderMessages: rows.orderMessages, reviews: rows.reviews, jobRequests: rows.jobRequests,
            jobOffers: rows.jobOffers, proposalsAuthored: rows.proposalsAuthored, comments: rows.comments, votedIn: rows.votedIn,
            openBallots: rows.openBallots, boardSeats: rows.boardSeats, moduleCompletions: rows.moduleCompletions,
            endorsementsGiven: rows.endorsementsGiven, endorsementsReceived: rows.endorsementsReceived,
            notifications: notices,
            mailChoices: Dictionary(uniqueKeysWithValues: choices.map { ($0.key.rawValue, $0.value.rawValue) }))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(export), as: UTF8.self)
    }

    static let erased = MyDataStore.erased

    /// Erases a person (see ``MyDataStore/erase(_:on:at:)``): refused while they are an admitted
    /// member or have an order under way. In the caller's transaction.
    static func erase(_ id: UUID, on db: any Database, at now: Date) async throws {
        try await MyDataStore.erase(id, on: db, at: now)
    }
}
