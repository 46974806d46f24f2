import CoopCore
import CoopStore
import Fluent
import Foundation
import SQLKit
import Vapor

/// A person's data rights: everything Coop holds about them as one JSON document, and erasure,
/// which pseudonymises every personal field while the ledger, the tallies and the audit chain
/// stay as they are (they hold ids and amounts, never names), so the chain still verifies.
enum MyData {
    /// Everything held about a user, table by table, as the stored rows (less password and token hashes).
    static func export(_ user: UserRecord, bylaws: Bylaws, on db: any Database, at now: Date) async throws -> String {
        let uid = try user.requireID()
        let memberships = try await MembershipRecord.query(on: db).filter(\.$userID == uid).all()
        let mids = memberships.compactMap(\.id)
        let ordersAsCustomer = try await OrderRecord.query(on: db).filter(\.$customerID == uid).all()
        let ordersAsWorker = mids.isEmpty ? [] : try await OrderRecord.query(on: db).filter(\.$workerID ~~ mids).all()
        let orderIDs = (ordersAsCustomer + ordersAsWorker).compactMap(\.id)
        let accounts = mids.flatMap { id -> [String] in
            let key = id.uuidString.lowercased()
            return [
                Account.shareCapital(member: key), .redemptionPayable(member: key), .earningsPayable(member: key),
                .dividendPayable(member: key), .capitalAccount(member: key),
            ].map(\.code)
        }
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
        }
        var statements: [Statement] = []
        for m in memberships { statements.append(try await Statement.of(m, bylaws: bylaws, on: db)) }
        let export = Export(
            generatedAt: now, coop: bylaws.name,
            about:
                "Everything this co-op's Coop holds about you. Secret ballots are stored without the voter, so they are not here; votedIn lists the votes you took part in.",
            person: Person(id: uid, name: user.name, email: user.email, createdAt: user.createdAt),
            apiTokens: try await APITokenRecord.query(on: db).filter(\.$userID == uid).all().map {
                Token(label: $0.label, createdAt: $0.createdAt, lastUsedAt: $0.lastUsedAt)
            },
            memberships: memberships,
            sharePayments: mids.isEmpty ? [] : try await PaymentRecord.query(on: db).filter(\.$membershipID ~~ mids).all(),
            statements: statements,
            ledger: try await LedgerStore.entries(accounts: accounts, on: db),
            periodDividends: mids.isEmpty ? [] : try await PeriodDividendRecord.query(on: db).filter(\.$membershipID ~~ mids).all(),
            listings: mids.isEmpty ? [] : try await ListingRecord.query(on: db).filter(\.$workerID ~~ mids).all(),
            workerProfiles: mids.isEmpty ? [] : try await WorkerProfileRecord.query(on: db).filter(\.$membershipID ~~ mids).all(),
            ordersAsCustomer: ordersAsCustomer, ordersAsWorker: ordersAsWorker,
            orderEvents: orderIDs.isEmpty ? [] : try await OrderEventRecord.query(on: db).filter(\.$orderID ~~ orderIDs).all(),
            orderPayments: orderIDs.isEmpty ? [] : try await OrderPaymentRecord.query(on: db).filter(\.$orderID ~~ orderIDs).all(),
            orderMessages: orderIDs.isEmpty ? [] : try await OrderMessageRecord.query(on: db).filter(\.$orderID ~~ orderIDs).all(),
            reviews: orderIDs.isEmpty ? [] : try await ReviewRecord.query(on: db).filter(\.$orderID ~~ orderIDs).all(),
            jobRequests: try await JobRequestRecord.query(on: db).filter(\.$customerID == uid).all(),
            jobOffers: mids.isEmpty ? [] : try await JobCandidateRecord.query(on: db).filter(\.$workerID ~~ mids).all(),
            proposalsAuthored: mids.isEmpty ? [] : try await ProposalRecord.query(on: db).filter(\.$authorID ~~ mids).all(),
            comments: mids.isEmpty ? [] : try await ProposalCommentRecord.query(on: db).filter(\.$membershipID ~~ mids).all(),
            votedIn: mids.isEmpty ? [] : try await ProposalVoterRecord.query(on: db).filter(\.$membershipID ~~ mids).all(),
            openBallots: mids.isEmpty ? [] : try await BallotRecord.query(on: db).filter(\.$voterID ~~ mids).all(),
            boardSeats: mids.isEmpty ? [] : try await BoardSeatRecord.query(on: db).filter(\.$membershipID ~~ mids).all())
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(export), as: UTF8.self)
    }

    static let erased = "[erased]"

    /// Erases a person: refused while they are an admitted member or have an order under way.
    /// Their name, email, password, sessions and tokens go; what they wrote is replaced by
    /// `[erased]`; their places are dropped. Ids, amounts, ratings and ballots stay, so the
    /// ledger, the tallies and the audit chain are untouched. In the caller's transaction.
    static func erase(_ user: UserRecord, on db: any Database, at now: Date) async throws {
        let uid = try user.requireID()
        let memberships = try await MembershipRecord.query(on: db).filter(\.$userID == uid).all()
        let active: Set<String> = [
            MembershipStatus.admitted.rawValue, MembershipStatus.awaitingPayment.rawValue,
            MembershipStatus.awaitingSteward.rawValue, MembershipStatus.awaitingVote.rawValue,
        ]
        if memberships.contains(where: { active.contains($0.status) }) {
            throw CoopError.conflict(
                "Withdraw your membership (or application) first: a member's shares are on the register. Then ask for erasure.")
        }
        let mids = memberships.compactMap(\.id)
        let finished = [OrderState.completed, .declined, .cancelled, .settled, .reviewed].map(\.rawValue)
        var orders = try await OrderRecord.query(on: db).filter(\.$customerID == uid).all()
        if !mids.isEmpty { orders += try await OrderRecord.query(on: db).filter(\.$workerID ~~ mids).all() }
        if let open = orders.first(where: { !finished.contains($0.state) }) {
            throw CoopError.conflict("Order #\(open.number) is still under way: erasure waits until it is finished.")
        }
        let short = String(uid.uuidString.lowercased().prefix(8))
        user.name = "Erased person \(short)"
        user.email = "erased-\(uid.uuidString.lowercased())@erased.invalid"
        user.passwordHash = "!erased"
        try await user.save(on: db)
        try await APITokenRecord.query(on: db).filter(\.$userID == uid).delete()
        if let sql = db as? any SQLDatabase {
            // Sessions hold the user's id in their data; every session of theirs ends.
            try await sql.raw("DELETE FROM _fluent_sessions WHERE CAST(data AS TEXT) LIKE \(bind: "%" + uid.uuidString + "%")").run()
        }
        for o in orders {
            let role = o.customerID == uid ? "customer" : "worker"
            if role == "customer" {
                o.note = o.note.isEmpty ? "" : erased
                try await o.save(on: db)
            }
            for m in try await OrderMessageRecord.query(on: db).filter(\.$orderID == o.requireID()).filter(\.$authorRole == role).all() {
                m.body = erased
                try await m.save(on: db)
            }
            for r in try await ReviewRecord.query(on: db).filter(\.$orderID == o.requireID()).filter(\.$authorRole == role).all() {
                r.body = r.body.isEmpty ? "" : erased
                try await r.save(on: db)
            }
        }
        for j in try await JobRequestRecord.query(on: db).filter(\.$customerID == uid).all() {
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
            for c in try await ProposalCommentRecord.query(on: db).filter(\.$membershipID ~~ mids).all() {
                c.body = erased
                try await c.save(on: db)
            }
            for p in try await PaymentRecord.query(on: db).filter(\.$membershipID ~~ mids).all() {
                p.reference = erased
                try await p.save(on: db)
            }
        }
        try await AuditLog.append(AuditEvent(kind: "person.erased", ["user": .string(uid.uuidString)]), on: db, at: now)
    }
}
