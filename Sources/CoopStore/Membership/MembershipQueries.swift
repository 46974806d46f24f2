import CoopCore
import FluentKit
import Foundation

/// Reading memberships: a person's, the register, the steward's queue.
public enum MembershipQueries {
    /// The membership record of a user, if they ever applied (one a person).
    public static func membership(ofUser user: UUID, on db: any Database) async throws -> MembershipRecord? {
        try await MembershipRecord.query(on: db).filter(\.$userID == user).first()
    }

    /// The membership with this id, if there is one.
    public static func membership(id: UUID, on db: any Database) async throws -> MembershipRecord? {
        try await MembershipRecord.find(id, on: db)
    }

    /// The ids of the admitted members now.
    public static func admittedIDs(on db: any Database) async throws -> [UUID] {
        try await MembershipRecord.query(on: db).filter(\.$status == .admitted).all().compactMap(\.id)
    }

    /// The highest member number given so far, if any.
    public static func lastMemberNumber(on db: any Database) async throws -> Int? {
        try await MembershipRecord.query(on: db).max(\.$memberNumber)
    }

    /// The names of the members with these ids (those whose person is still known).
    public static func names(of memberships: [UUID], on db: any Database) async throws -> [UUID: String] {
        guard !memberships.isEmpty else { return [:] }
        var names: [UUID: String] = [:]
        for m in try await MembershipRecord.query(on: db).filter(\.$id ~~ memberships).all() {
            names[m.id!] = try await UserRecord.find(m.userID, on: db)?.name
        }
        return names
    }

    /// Admitted members per class id.
    public static func counts(on db: any Database) async throws -> [String: Int] {
        let members = try await MembershipRecord.query(on: db).filter(\.$status == .admitted)
            .field(\.$classID).all()
        return Dictionary(grouping: members, by: \.classID).mapValues(\.count)
    }

    /// The register: every admitted member, by member number.
    public static func register(on db: any Database) async throws -> [RegisterRow] {
        let members = try await MembershipRecord.query(on: db).filter(\.$status == .admitted)
            .sort(\.$memberNumber).all()
        let users = try await UserRecord.query(on: db).filter(\.$id ~~ members.map(\.userID)).all()
        let names = Dictionary(uniqueKeysWithValues: users.compactMap { u in u.id.map { ($0, u.name) } })
        return members.map {
            RegisterRow(
                memberNumber: $0.memberNumber ?? 0, name: names[$0.userID] ?? "?", classID: $0.classID, shares: $0.shares,
                steward: $0.steward, admittedAt: $0.admittedAt)
        }
    }

    /// The steward's queue: applications waiting for a steward or a vote, and payments waiting
    /// for confirmation, oldest application first.
    public static func queue(bylaws: Bylaws, on db: any Database) async throws -> [QueueRow] {
        let ms = try await MembershipRecord.query(on: db).filter(\.$status ~~ MembershipStatus.waiting)
            .sort(\.$appliedAt).all()
        let users = try await UserRecord.query(on: db).filter(\.$id ~~ ms.map(\.userID)).all()
        let byID = Dictionary(uniqueKeysWithValues: users.compactMap { u in u.id.map { ($0, u) } })
        let payments = try await PaymentRecord.query(on: db).filter(\.$membershipID ~~ ms.compactMap(\.id))
            .sort(\.$createdAt, .descending).all()
        let pendingBy = Dictionary(grouping: payments.filter { $0.status == .pending }, by: \.membershipID)
        // For an application waiting for a decision, the payment already confirmed, so the steward sees it.
        let paidBy = Dictionary(grouping: payments.filter { $0.status == .confirmed }, by: \.membershipID)
        return try ms.compactMap { m in
            let u = byID[m.userID]
            let id = try m.requireID()
            let pending = pendingBy[id]?.first
            guard let status = m.status.stewardWaitsFor(paymentPending: pending != nil) else { return nil }
            let shown = pending ?? paidBy[id]?.first
            return QueueRow(
                membershipID: id, paymentID: pending?.id, name: u?.name ?? "?", email: u?.email ?? "?",
                classID: m.classID, status: status,
                amount: shown.map { Money(minorUnits: $0.amount, currency: bylaws.currency).description },
                method: shown?.method, reference: shown?.reference, since: pending?.createdAt ?? m.appliedAt)
        }
    }

    /// A membership as its holder sees it: shares, capital, what is owed back or due, payments.
    public static func summary(of m: MembershipRecord, bylaws: Bylaws, on db: any Database) async throws -> MembershipSummary {
        let id = try m.requireID()
        let cls = bylaws.stakeholderClass(m.classID)
        let capital = try await LedgerStore.balance(of: shareCapital(m), currency: bylaws.currency, on: db)
        let owed = try await LedgerStore.balance(
            of: .redemptionPayable(member: id.uuidString.lowercased()), currency: bylaws.currency, on: db)
        let payments = try await PaymentQueries.payments(of: id, on: db)
        var due: String?
        if m.status == .awaitingPayment, let cls {
            due = try cls.sharePrice.times(max(cls.sharesRequired - m.shares, 0)).description
        }
        return MembershipSummary(
            id: id, status: m.status.rawValue, classID: m.classID, className: cls?.name ?? m.classID, memberNumber: m.memberNumber,
            shares: m.shares, steward: m.steward,
            shareCapital: Money(minorUnits: -capital, currency: bylaws.currency).description,
            redemptionOwed: Money(minorUnits: -owed, currency: bylaws.currency).description, amountDue: due,
            payments: try payments.map {
                .init(
                    id: try $0.requireID(), amount: Money(minorUnits: $0.amount, currency: bylaws.currency).description,
                    shares: $0.shares, method: $0.method, reference: $0.reference, status: $0.status.rawValue,
                    createdAt: $0.createdAt)
            }, appliedAt: m.appliedAt, admittedAt: m.admittedAt)
    }

    /// A member's share-capital account in the ledger.
    public static func shareCapital(_ m: MembershipRecord) throws -> Account {
        .shareCapital(member: try m.requireID().uuidString.lowercased())
    }

    /// The ledger postings behind a membership: its share capital, anything owed back, and the
    /// earnings the co-op owes a worker for completed orders.
    public static func ledger(of m: MembershipRecord, on db: any Database) async throws -> [LedgerEntryView] {
        let key = try m.requireID().uuidString.lowercased()
        return try await LedgerStore.entries(
            accounts: [
                Account.shareCapital(member: key).code, Account.redemptionPayable(member: key).code,
                Account.earningsPayable(member: key).code,
            ], on: db)
    }
}
