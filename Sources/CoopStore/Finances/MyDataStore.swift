import CoopCore
import FluentKit
import Foundation
import SQLKit

/// A person's data rights in the database: every row held about them, and erasure, which
/// pseudonymises every personal field while ids and amounts stay, so the ledger, the tallies and
/// the audit chain are untouched.
public enum MyDataStore {
    /// Every row held about one user, table by table (less password and token hashes).
    public struct Rows: Sendable {
        /// The user's API tokens as (label, created, last used): never their hashes.
        public var apiTokens: [(label: String, createdAt: Date, lastUsedAt: Date?)] = []
        /// The memberships rows.
        public var memberships: [MembershipRecord] = []
        /// The sharePayments rows.
        public var sharePayments: [PaymentRecord] = []
        /// The ledger rows.
        public var ledger: [LedgerEntryView] = []
        /// The periodDividends rows.
        public var periodDividends: [PeriodDividendRecord] = []
        /// The listings rows.
        public var listings: [ListingRecord] = []
        /// The workerProfiles rows.
        public var workerProfiles: [WorkerProfileRecord] = []
        /// The ordersAsCustomer rows.
        public var ordersAsCustomer: [OrderRecord] = []
        /// The ordersAsWorker rows.
        public var ordersAsWorker: [OrderRecord] = []
        /// The orderEvents rows.
        public var orderEvents: [OrderEventRecord] = []
        /// The orderPayments rows.
        public var orderPayments: [OrderPaymentRecord] = []
        /// The orderMessages rows.
        public var orderMessages: [OrderMessageRecord] = []
        /// The reviews rows.
        public var reviews: [ReviewRecord] = []
        /// The jobRequests rows.
        public var jobRequests: [JobRequestRecord] = []
        /// The jobOffers rows.
        public var jobOffers: [JobCandidateRecord] = []
        /// The proposalsAuthored rows.
        public var proposalsAuthored: [ProposalRecord] = []
        /// The comments rows.
        public var comments: [ProposalCommentRecord] = []
        /// The votedIn rows.
        public var votedIn: [ProposalVoterRecord] = []
        /// The openBallots rows.
        public var openBallots: [BallotRecord] = []
        /// The boardSeats rows.
        public var boardSeats: [BoardSeatRecord] = []
        /// The learning modules completed.
        public var moduleCompletions: [ModuleStore.Completion] = []
        /// The skill endorsements the person gave.
        public var endorsementsGiven: [SkillEndorsementStore.Endorsement] = []
        /// The skill endorsements the person received.
        public var endorsementsReceived: [SkillEndorsementStore.Endorsement] = []
    }

    /// The accounts of a membership: its share capital, what is owed to it and its capital account.
    public static func accounts(of membership: UUID) -> [Account] {
        let key = membership.uuidString.lowercased()
        return [
            .shareCapital(member: key), .redemptionPayable(member: key), .earningsPayable(member: key), .dividendPayable(member: key),
            .capitalAccount(member: key),
        ]
    }

    /// Every row held about user `uid`.
    public static func rows(of uid: UUID, on db: any Database) async throws -> Rows {
        var out = Rows()
        out.memberships = try await MembershipRecord.query(on: db).filter(\.$userID == uid).all()
        let mids = out.memberships.compactMap(\.id)
        out.ordersAsCustomer = try await OrderRecord.query(on: db).filter(\.$customerID == uid).all()
        out.ordersAsWorker = mids.isEmpty ? [] : try await OrderRecord.query(on: db).filter(\.$workerID ~~ mids).all()
        let orderIDs = (out.ordersAsCustomer + out.ordersAsWorker).compactMap(\.id)
        out.apiTokens = try await APITokenRecord.query(on: db).filter(\.$userID == uid).all().map {
            ($0.label, $0.createdAt, $0.lastUsedAt)
        }
        out.ledger = try await LedgerStore.entries(accounts: mids.flatMap { accounts(of: $0).map(\.code) }, on: db)
        out.jobRequests = try await JobRequestRecord.query(on: db).filter(\.$customerID == uid).all()
        if !mids.isEmpty {
            out.sharePayments = try await PaymentRecord.query(on: db).filter(\.$membershipID ~~ mids).all()
            out.periodDividends = try await PeriodDividendRecord.query(on: db).filter(\.$membershipID ~~ mids).all()
            out.listings = try await ListingRecord.query(on: db).filter(\.$workerID ~~ mids).all()
            out.workerProfiles = try await WorkerProfileRecord.query(on: db).filter(\.$membershipID ~~ mids).all()
            out.jobOffers = try await JobCandidateRecord.query(on: db).filter(\.$workerID ~~ mids).all()
            out.proposalsAuthored = try await ProposalRecord.query(on: db).filter(\.$authorID ~~ mids).all()
            out.comments = try await ProposalCommentRecord.query(on: db).filter(\.$membershipID ~~ mids).all()
            out.votedIn = try await ProposalVoterRecord.query(on: db).filter(\.$membershipID ~~ mids).all()
            out.openBallots = try await BallotRecord.query(on: db).filter(\.$voterID ~~ mids).all()
            out.boardSeats = try await BoardSeatRecord.query(on: db).filter(\.$membershipID ~~ mids).all()
            out.moduleCompletions = try await ModuleStore.completions(of: mids, on: db)
            for m in mids {
                out.endorsementsGiven += try await SkillEndorsementStore.given(by: m, on: db)
                out.endorsementsReceived += try await SkillEndorsementStore.received(by: m, on: db)
            }
        }
        if !orderIDs.isEmpty {
            out.orderEvents = try await OrderEventRecord.query(on: db).filter(\.$orderID ~~ orderIDs).all()
            out.orderPayments = try await OrderPaymentRecord.query(on: db).filter(\.$orderID ~~ orderIDs).all()
            out.orderMessages = try await OrderMessageRecord.query(on: db).filter(\.$orderID ~~ orderIDs).all()
            out.reviews = try await ReviewRecord.query(on: db).filter(\.$orderID ~~ orderIDs).all()
        }
        return out
    }

    /// What erased text reads as.
    public static let erased = "[erased]"

    /// Erases user `uid`: refused (``Erasure``) while they are an admitted member or applicant, or
    /// have an order under way. Their name, email, password, sessions and tokens go; what they
    /// wrote is replaced by `[erased]`; their places are dropped. Ids, amounts, ratings and ballots
    /// stay. In the caller's transaction; audited as `person.erased`.
    public static func erase(_ uid: UUID, on db: any Database, at now: Date) async throws {
        guard let user = try await UserRecord.find(uid, on: db) else { throw CoopError.unauthorized("Unauthorized") }
        let memberships = try await MembershipRecord.query(on: db).filter(\.$userID == uid).all()
        if memberships.contains(where: { Erasure.blocks($0.status) }) {
            throw CoopError.conflict(
                "Withdraw your membership (or application) first: a member's shares are on the register. Then ask for erasure.")
        }
        let mids = memberships.compactMap(\.id)
        var orders = try await OrderRecord.query(on: db).filter(\.$customerID == uid).all()
        if !mids.isEmpty { orders += try await OrderRecord.query(on: db).filter(\.$workerID ~~ mids).all() }
        if let open = orders.first(where: { Erasure.blocks($0.state) }) {
            throw CoopError.conflict(Words("Order #%s is still under way: erasure waits until it is finished.", .text("\(open.number)")))
        }
        let short = String(uid.uuidString.lowercased().prefix(8))
        user.name = "Erased person \(short)"
        user.email = "erased-\(uid.uuidString.lowercased())@erased.invalid"
        user.passwordHash = "!erased"
        try await user.save(on: db)
        try await APITokenRecord.query(on: db).filter(\.$userID == uid).delete()
        // Sessions hold the user's id in their data; every session of theirs ends.
        try await db.sql().raw("DELETE FROM _fluent_sessions WHERE CAST(data AS TEXT) LIKE \(bind: "%" + uid.uuidString + "%")").run()
        for o in orders {
            let role: OrderRole = o.customerID == uid ? .customer : .worker
            if role == .customer {
                o.note = o.note.isEmpty ? "" : erased
                try await o.save(on: db)
            }
            for m in try await OrderMessageRecord.query(on: db).filter(\.$orderID == o.requireID()).filter(\.$authorRole == role).all() {
                m.body = erased
                try await m.save(on: db)
                try await NotificationStore.eraseCopies(of: "message:\(try m.requireID().uuidString)", on: db)
            }
            for r in try await ReviewRecord.query(on: db).filter(\.$orderID == o.requireID()).filter(\.$authorRole == role).all() {
                r.body = r.body.isEmpty ? "" : erased
                try await r.save(on: db)
            }
        }
        for j in try await JobRequestRecord.query(on: db).filter(\.$customerID == uid).all() {
            for c in try await JobCandidateRecord.query(on: db).filter(\.$jobID == j.requireID()).all() {
                try await NotificationStore.eraseCopies(of: "job-offer:\(try c.requireID().uuidString)", on: db)
            }
            j.title = erased
            j.description = erased
            j.area = erased
            j.latitudeE6 = nil
            j.longitudeE6 = nil
            try await j.save(on: db)
        }
        if !mids.isEmpty {
            for l in try await ListingRecord.query(on: db).filter(\.$workerID ~~ mids).all() {
                l.title = erased
                l.description = erased
                l.area = erased
                l.latitudeE6 = nil
                l.longitudeE6 = nil
                l.active = false
                try await l.save(on: db)
            }
            for p in try await WorkerProfileRecord.query(on: db).filter(\.$membershipID ~~ mids).all() {
                p.available = false
                p.skills = ""
                p.latitudeE6 = nil
                p.longitudeE6 = nil
                try await p.save(on: db)
            }
            try await SkillEndorsementStore.forget(mids, on: db)
            for c in try await ProposalCommentRecord.query(on: db).filter(\.$membershipID ~~ mids).all() {
                c.body = erased
                try await c.save(on: db)
            }
            for p in try await PaymentRecord.query(on: db).filter(\.$membershipID ~~ mids).all() {
                p.reference = erased
                try await p.save(on: db)
            }
        }
        try await NotificationStore.forget(uid, on: db)
        try await AuditLog.append(AuditEvent(kind: "person.erased", ["user": .string(uid.uuidString)]), on: db, at: now)
    }
}
