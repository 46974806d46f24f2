import CoopCore
import CoopStore
import FluentKit
import Foundation
import Vapor

/// The membership rules as state changes on the database. Every function runs inside the
/// caller's transaction and appends its audit entries there.
enum MembershipService {
    static func shareCapital(_ m: MembershipRecord) throws -> Account { try MembershipQueries.shareCapital(m) }

    /// Applies to a class. A person has one membership record; after withdrawal or rejection they may apply again.
    static func apply(userID: UUID, to cls: StakeholderClass, on db: any Database, at date: Date) async throws
        -> MembershipRecord
    {
        let m: MembershipRecord
        if let existing = try await MembershipQueries.membership(ofUser: userID, on: db) {
            let status = existing.status
            guard status.mayApplyAgain else {
                throw CoopError.membership(.alreadyApplied(status: status))
            }
            m = existing
            m.classID = cls.id
            m.shares = 0
            m.appliedAt = date
            m.admittedAt = nil
            m.endedAt = nil
        } else {
            m = MembershipRecord(userID: userID, classID: cls.id, status: .awaitingPayment, appliedAt: date)
        }
        m.status = .awaitingPayment
        try await MembershipCommands.save(m, on: db)
        try await AuditLog.append(
            AuditEvent(
                kind: "membership.applied", ["membership": .string(try m.requireID().uuidString), "class": .string(cls.id)]),
            on: db, at: date)
        if cls.sharesRequired == 0 {
            let next = statusAfterPayment(rule: cls.admission)
            if next == .admitted {
                try await admit(m, reason: "automatic", on: db, at: date)
            } else {
                m.status = next
                try await MembershipCommands.save(m, on: db)
            }
        }
        return m
    }

    /// Records that the applicant paid for the required shares offline; a steward confirms it.
    static func recordPayment(
        _ m: MembershipRecord, class cls: StakeholderClass, method: String, reference: String, on db: any Database,
        at date: Date
    ) async throws -> PaymentRecord {
        let status = m.status
        guard status == .awaitingPayment else {
            throw CoopError.membership(.notAwaiting(expected: .awaitingPayment, actual: status))
        }
        let pending = try await PaymentQueries.pendingCount(of: m.requireID(), on: db)
        guard pending == 0 else { throw CoopError.conflict(t("A payment is already waiting for a steward's confirmation.")) }
        let shares = max(cls.sharesRequired - m.shares, 0)
        let amount = try cls.sharePrice.times(shares)
        let p = PaymentRecord()
        p.membershipID = try m.requireID()
        p.amount = amount.minorUnits
        p.currency = amount.currency.code
        p.shares = shares
        p.method = method
        p.reference = reference
        p.status = .pending
        p.createdAt = date
        try await PaymentQueries.save(p, on: db)
        try await AuditLog.append(
            AuditEvent(
                kind: "payment.recorded",
                [
                    "payment": .string(try p.requireID().uuidString), "membership": .string(try m.requireID().uuidString),
                    "amount": .int(p.amount), "currency": .string(p.currency), "method": .string(method),
                ]), on: db, at: date)
        return p
    }

    /// Confirms a pending payment: posts the share purchase and moves the application on by the class's rule.
    static func confirm(
        _ p: PaymentRecord, by stewardUserID: UUID, bylaws: Bylaws, admitAlways: Bool = false, on db: any Database,
        at date: Date
    ) async throws {
        guard p.status == .pending else {
            throw CoopError.conflict(t("This payment is already %s.", MembershipActions.paymentStatus(p.status)))
        }
        guard let m = try await MembershipQueries.membership(id: p.membershipID, on: db) else { throw Abort(.notFound) }
        guard let cls = bylaws.stakeholderClass(m.classID) else { throw CoopError.membership(.unknownClass(m.classID)) }
        let currency = bylaws.currency
        var txID: UUID?
        if p.amount > 0 {
            let tx = try LedgerTransaction.transfer(
                kind: "share-purchase", memo: "\(p.shares) \(cls.name) share(s), paid by \(MembershipActions.describe(method: p.method))",
                amount: Money(minorUnits: p.amount, currency: currency), debit: .cash, credit: try shareCapital(m))
            txID = try await LedgerStore.post(tx, on: db, at: date)
        }
        p.status = .confirmed
        p.confirmedAt = date
        p.confirmedBy = stewardUserID
        p.transactionID = txID
        try await PaymentQueries.save(p, on: db)
        m.shares += p.shares
        try await AuditLog.append(
            AuditEvent(
                kind: "payment.confirmed",
                [
                    "payment": .string(try p.requireID().uuidString), "membership": .string(try m.requireID().uuidString),
                    "confirmed_by": .string(stewardUserID.uuidString),
                ]), on: db, at: date)
        let next = admitAlways ? .admitted : statusAfterPayment(rule: cls.admission)
        if next == .admitted {
            try await admit(m, reason: admitAlways ? "founder" : "automatic", on: db, at: date)
        } else {
            m.status = next
            try await MembershipCommands.save(m, on: db)
        }
        if next == .awaitingVote,
            let author = try await MembershipQueries.membership(ofUser: stewardUserID, on: db),
            let applicant = try await UserStore.user(id: m.userID, on: db)
        {
            // The class admits by member vote: the application goes to the members as a proposal.
            _ = try await Governance.propose(
                author: author, title: "Admit \(applicant.name) to \(cls.name)",
                body:
                    "\(applicant.name) applied to \(cls.name) and paid for \(m.shares) share(s). Their class admits members by a member vote.",
                payload: .admission(membership: try m.requireID().uuidString), bylaws: bylaws, on: db, at: date)
        }
    }

    /// Admits an applicant: the next member number, in the caller's (serialized) transaction.
    static func admit(_ m: MembershipRecord, reason: String, on db: any Database, at date: Date) async throws {
        if m.memberNumber == nil {
            m.memberNumber = nextMemberNumber(after: try await MembershipQueries.lastMemberNumber(on: db))
        }
        m.status = .admitted
        m.admittedAt = date
        try await MembershipCommands.save(m, on: db)
        try await AuditLog.append(
            AuditEvent(
                kind: "member.admitted",
                [
                    "membership": .string(try m.requireID().uuidString), "member_number": .int(Int64(m.memberNumber!)),
                    "class": .string(m.classID), "reason": .string(reason),
                ]), on: db, at: date)
    }

    /// A steward's decision on an application waiting for one.
    static func decide(_ m: MembershipRecord, admit: Bool, by steward: UUID, bylaws: Bylaws, on db: any Database, at date: Date)
        async throws
    {
        let status = m.status
        guard status == .awaitingSteward else {
            throw CoopError.membership(.notAwaiting(expected: .awaitingSteward, actual: status))
        }
        if admit {
            try await self.admit(m, reason: "steward \(steward.uuidString)", on: db, at: date)
        } else {
            try await end(m, status: .rejected, kind: "membership.rejected", bylaws: bylaws, on: db, at: date)
        }
    }

    /// An application a member vote refused: the applicant is rejected and the shares they paid for
    /// are owed back.
    static func refuseByVote(_ m: MembershipRecord, proposal: Int, bylaws: Bylaws, on db: any Database, at date: Date) async throws {
        let status = m.status
        guard status == .awaitingVote else { throw CoopError.membership(.notAwaiting(expected: .awaitingVote, actual: status)) }
        try await end(
            m, status: .rejected, kind: "membership.rejected", bylaws: bylaws, on: db, at: date, note: ["proposal": .int(Int64(proposal))])
    }

    /// A member asks to withdraw: membership ends and the share capital is owed back.
    static func withdraw(_ m: MembershipRecord, bylaws: Bylaws, on db: any Database, at date: Date) async throws {
        let status = m.status
        guard status == .admitted else { throw CoopError.membership(.notAMember) }
        try await end(m, status: .withdrawn, kind: "member.withdrew", bylaws: bylaws, on: db, at: date)
    }

    private static func end(
        _ m: MembershipRecord, status: MembershipStatus, kind: String, bylaws: Bylaws, on db: any Database, at date: Date,
        note: [String: CanonicalValue] = [:]
    ) async throws {
        let capital = try shareCapital(m)
        let balance = try await LedgerStore.balance(of: capital, currency: bylaws.currency, on: db)
        // Share capital is a credit balance (negative); redeeming it moves it to a payable.
        let owed = shareCapitalOwed(balance: balance)
        if owed > 0 {
            let tx = try LedgerTransaction.transfer(
                kind: "share-redemption", memo: "share capital owed back (\(status.rawValue))",
                amount: Money(minorUnits: owed, currency: bylaws.currency), debit: capital,
                credit: .redemptionPayable(member: try m.requireID().uuidString.lowercased()))
            try await LedgerStore.post(tx, on: db, at: date)
        }
        m.status = status
        m.endedAt = date
        m.steward = false
        let redeemed = m.shares
        m.shares = 0
        try await MembershipCommands.save(m, on: db)
        try await AuditLog.append(
            AuditEvent(
                kind: kind,
                [
                    "membership": .string(try m.requireID().uuidString), "shares_redeemed": .int(Int64(redeemed)),
                    "amount_owed": .int(owed),
                ].merging(note) { old, _ in old }), on: db, at: date)
    }
}
