import CoopCore
import CoopStore
import Fluent
import Foundation
import Vapor

/// A line of the member register.
struct RegisterRow: Content, Equatable {
    let memberNumber: Int
    let name: String
    let classID: String
    let shares: Int
    let steward: Bool
    let admittedAt: Date?
}

/// An application or payment waiting in the steward's queue.
struct QueueRow: Content, Equatable {
    let membershipID: UUID
    let paymentID: UUID?
    let name: String
    let email: String
    let classID: String
    let status: String
    let amount: String?
    let method: String?
    let reference: String?
    let since: Date
}

/// A person's membership as they see it.
struct MembershipSummary: Content {
    struct Payment: Content {
        let id: UUID
        let amount: String
        let shares: Int
        let method: String
        let reference: String
        let status: String
        let createdAt: Date
    }
    let id: UUID
    let status: String
    let classID: String
    let className: String
    let memberNumber: Int?
    let shares: Int
    let steward: Bool
    let shareCapital: String
    let redemptionOwed: String
    let amountDue: String?
    let payments: [Payment]
    let appliedAt: Date
    let admittedAt: Date?
}

enum MembershipQueries {
    /// Admitted members per class id.
    static func counts(on db: any Database) async throws -> [String: Int] {
        let members = try await MembershipRecord.query(on: db).filter(\.$status == MembershipStatus.admitted.rawValue)
            .field(\.$classID).all()
        return Dictionary(grouping: members, by: \.classID).mapValues(\.count)
    }

    static func register(on db: any Database) async throws -> [RegisterRow] {
        let members = try await MembershipRecord.query(on: db).filter(\.$status == MembershipStatus.admitted.rawValue)
            .sort(\.$memberNumber).all()
        let users = try await UserRecord.query(on: db).filter(\.$id ~~ members.map(\.userID)).all()
        let names = Dictionary(uniqueKeysWithValues: users.compactMap { u in u.id.map { ($0, u.name) } })
        return members.map {
            RegisterRow(
                memberNumber: $0.memberNumber ?? 0, name: names[$0.userID] ?? "?", classID: $0.classID, shares: $0.shares,
                steward: $0.steward, admittedAt: $0.admittedAt)
        }
    }

    static func queue(bylaws: Bylaws, on db: any Database) async throws -> [QueueRow] {
        let waiting: [String] = [
            MembershipStatus.awaitingPayment, .awaitingSteward, .awaitingVote,
        ].map(\.rawValue)
        let ms = try await MembershipRecord.query(on: db).filter(\.$status ~~ waiting).sort(\.$appliedAt).all()
        let users = try await UserRecord.query(on: db).filter(\.$id ~~ ms.map(\.userID)).all()
        let byID = Dictionary(uniqueKeysWithValues: users.compactMap { u in u.id.map { ($0, u) } })
        let payments = try await PaymentRecord.query(on: db).filter(\.$membershipID ~~ ms.compactMap(\.id))
            .sort(\.$createdAt, .descending).all()
        let pendingBy = Dictionary(grouping: payments.filter { $0.status == "pending" }, by: \.membershipID)
        // For an application waiting for a decision, the payment already confirmed, so the steward sees it.
        let paidBy = Dictionary(grouping: payments.filter { $0.status == "confirmed" }, by: \.membershipID)
        return try ms.compactMap { m in
            let u = byID[m.userID]
            let id = try m.requireID()
            let pending = pendingBy[id]?.first
            if m.status == MembershipStatus.awaitingPayment.rawValue && pending == nil { return nil }
            let shown = pending ?? paidBy[id]?.first
            return QueueRow(
                membershipID: id, paymentID: pending?.id, name: u?.name ?? "?", email: u?.email ?? "?",
                classID: m.classID, status: pending == nil ? m.status : "payment_pending",
                amount: shown.map { Money(minorUnits: $0.amount, currency: bylaws.currency).description },
                method: shown?.method, reference: shown?.reference, since: pending?.createdAt ?? m.appliedAt)
        }
    }

    static func summary(of m: MembershipRecord, bylaws: Bylaws, on db: any Database) async throws -> MembershipSummary {
        let id = try m.requireID()
        let cls = bylaws.stakeholderClass(m.classID)
        let capital = try await LedgerStore.balance(of: MembershipService.shareCapital(m), currency: bylaws.currency, on: db)
        let owed = try await LedgerStore.balance(
            of: .redemptionPayable(member: id.uuidString.lowercased()), currency: bylaws.currency, on: db)
        let payments = try await PaymentRecord.query(on: db).filter(\.$membershipID == id).sort(\.$createdAt, .descending).all()
        var due: String?
        if m.status == MembershipStatus.awaitingPayment.rawValue, let cls {
            due = try cls.sharePrice.times(max(cls.sharesRequired - m.shares, 0)).description
        }
        return MembershipSummary(
            id: id, status: m.status, classID: m.classID, className: cls?.name ?? m.classID, memberNumber: m.memberNumber,
            shares: m.shares, steward: m.steward,
            shareCapital: Money(minorUnits: -capital, currency: bylaws.currency).description,
            redemptionOwed: Money(minorUnits: -owed, currency: bylaws.currency).description, amountDue: due,
            payments: try payments.map {
                .init(
                    id: try $0.requireID(), amount: Money(minorUnits: $0.amount, currency: bylaws.currency).description,
                    shares: $0.shares, method: $0.method, reference: $0.reference, status: $0.status,
                    createdAt: $0.createdAt)
            }, appliedAt: m.appliedAt, admittedAt: m.admittedAt)
    }

    /// The ledger postings behind a membership: its share capital, anything owed back, and the
    /// earnings the co-op owes a worker for completed orders.
    static func ledger(of m: MembershipRecord, on db: any Database) async throws -> [LedgerEntryView] {
        let key = try m.requireID().uuidString.lowercased()
        return try await LedgerStore.entries(
            accounts: [
                Account.shareCapital(member: key).code, Account.redemptionPayable(member: key).code,
                Account.earningsPayable(member: key).code,
            ], on: db)
    }
}
