import CoopCore
import CoopStore
import Fluent
import Foundation
import Vapor

/// Getting paid: a member asks for what the co-op owes them (earnings and cash dividends); a
/// steward pays it outside the platform, as payments come in, and records it, which posts it to
/// the ledger. A steward never records their own payout: another steward must.
enum Payouts {
    struct RecordInput: Content, APIFieldRules {
        var method: String
        var reference: String?
        static let fieldRules: [String: APIFieldRule] = [
            "method": .oneOf(methods), "reference": .length(0...100),
        ]
    }

    /// How a steward may have paid.
    static let methods = ["bank_transfer", "cash"]

    /// What the co-op owes a membership now: earnings and cash dividends payable.
    static func owed(_ m: MembershipRecord, currency: Currency, on db: any Database) async throws -> Payout.Amounts {
        let key = try m.requireID().uuidString.lowercased()
        func owed(_ account: Account) async throws -> Int64 {
            account.kind.normalBalance(ofSum: try await LedgerStore.balance(of: account, currency: currency, on: db))
        }
        return .init(earnings: try await owed(.earningsPayable(member: key)), dividends: try await owed(.dividendPayable(member: key)))
    }

    /// The requester asks to be paid all the co-op owes them now.
    static func request(_ req: Request) async throws -> PayoutRecord {
        let user = try req.requireUser()
        guard let m = try await req.membership(of: user) else {
            throw Abort(.forbidden, reason: t("Only members are paid through the co-op: join it first."))
        }
        let id = try m.requireID()
        let currency = try await req.bylaws().currency
        let now = req.now
        return try await req.write { db in
            if try await PayoutStore.waiting(of: id, on: db) != nil {
                throw CoopError.conflict(t("You have already asked to be paid; a steward will record it when it is paid."))
            }
            let owed = try await owed(m, currency: currency, on: db)
            let amounts = try Payout.request(earningsOwed: owed.earnings, dividendsOwed: owed.dividends)
            let p = try await PayoutStore.create(membership: id, amounts, currency: currency, on: db, at: now)
            try await AuditLog.append(
                AuditEvent(
                    kind: "payout.requested",
                    ["payout": .string(try p.requireID().uuidString), "amount": .int(amounts.total), "currency": .string(currency.code)]),
                on: db, at: now)
            return p
        }
    }

    /// The member withdraws their own request before it is paid.
    static func cancel(_ req: Request, id: UUID) async throws {
        let user = try req.requireUser()
        guard let m = try await req.membership(of: user) else { throw Abort(.forbidden, reason: t("Only members have payouts.")) }
        let mine = try m.requireID()
        let now = req.now
        try await req.write { db in
            guard let p = try await PayoutStore.find(id, on: db), p.membershipID == mine else {
                throw CoopError.notFound(t("You have no such payout request."))
            }
            guard p.status == .requested else {
                throw CoopError.conflict(t("This payout is %s; it cannot be cancelled.", FinancePages.payoutStatus(p.status.rawValue)))
            }
            try await PayoutStore.cancel(p, on: db)
            try await AuditLog.append(AuditEvent(kind: "payout.cancelled", ["payout": .string(id.uuidString)]), on: db, at: now)
        }
    }

    /// A steward records a request as paid: the ledger moves what was asked from what is owed to
    /// the co-op's cash, if it is still owed.
    static func record(_ req: Request, id: UUID) async throws {
        let (steward, stewardship) = try await req.requireSteward()
        let input = try req.content.decode(RecordInput.self)
        guard methods.contains(input.method) else {
            throw Abort(.badRequest, reason: t("Say how it was paid: %s.", methods.joined(separator: " or ")))
        }
        let reference = (input.reference ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard reference.count <= 100, !reference.contains(where: \.isNewline) else {
            throw Abort(.badRequest, reason: t("A reference is one line of at most 100 characters."))
        }
        let bylaws = try await req.bylaws()
        let now = req.now
        try await req.write { db in
            guard let p = try await PayoutStore.find(id, on: db) else { throw CoopError.notFound(t("There is no such payout request.")) }
            guard p.status == .requested else {
                throw CoopError.conflict(t("This payout is %s, not waiting to be paid.", FinancePages.payoutStatus(p.status.rawValue)))
            }
            guard let member = try await MembershipQueries.membership(id: p.membershipID, on: db) else {
                throw CoopError.notFound(t("The member of this payout is gone."))
            }
            let own = try stewardship.requireID()
            if member.userID == steward.id || p.membershipID == own {
                throw CoopError.forbidden(t("A steward cannot record their own payout; another steward must."))
            }
            let owed = try await owed(member, currency: bylaws.currency, on: db)
            if let reason = Payout.stillOwed(p.amounts, earningsOwed: owed.earnings, dividendsOwed: owed.dividends) {
                throw CoopError.conflict(reason)
            }
            let memo =
                "Payout to member #\(member.memberNumber ?? 0) by \(input.method.replacingOccurrences(of: "_", with: " "))"
                + (reference.isEmpty ? "" : " (\(reference))")
            let tx = try Payout.transaction(
                member: p.membershipID.uuidString.lowercased(), p.amounts, currency: bylaws.currency, memo: memo)
            let posted = try await LedgerStore.post(tx, on: db, at: now)
            try await PayoutStore.markPaid(
                p, by: steward.id, method: input.method, reference: reference, transaction: posted, on: db, at: now)
        }
    }
}
