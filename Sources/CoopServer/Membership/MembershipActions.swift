import CoopCore
import CoopStore
import Foundation
import Vapor

/// The membership actions a request can take, shared by the pages and the API. Each checks who
/// may act on the server, then runs in one serialized transaction.
enum MembershipActions {
    static let paymentMethods = ["cash", "bank_transfer"]

    /// A payment method as people read it.
    static func describe(method: String) -> String {
        switch method {
        case "bank_transfer": "bank transfer"
        default: method
        }
    }

    /// Where a share payment stands, in the request's language.
    static func paymentStatus(_ status: SharePaymentStatus) -> String {
        switch status {
        case .pending: tc("payment", "pending")
        case .confirmed: tc("payment", "confirmed")
        case .failed: tc("payment", "failed")
        }
    }

    struct ApplyInput: Content, Validatable {
        var `class`: String
        static func validations(_ v: inout Validations) { v.add("class", as: String.self, is: !.empty) }
    }

    struct PaymentInput: Content, Validatable, APIFieldRules {
        var method: String
        var reference: String?
        static let fieldRules: [String: APIFieldRule] = ["method": .oneOf(["cash", "bank_transfer"]), "reference": .length(0...200)]
        static func validations(_ v: inout Validations) {
            v.add("method", of: Self.self)
            v.add("reference", of: Self.self, required: false)
        }
    }

    static func apply(_ req: Request) async throws -> MembershipRecord {
        let user = try req.requireUser()
        try ApplyInput.validate(content: req)
        let input = try req.content.decode(ApplyInput.self)
        let bylaws = try await req.bylaws()
        guard let cls = bylaws.stakeholderClass(input.class) else { throw CoopError.membership(.unknownClass(input.class)) }
        let now = req.now
        return try await req.write { db in try await MembershipService.apply(userID: user.id, to: cls, on: db, at: now) }
    }

    static func recordPayment(_ req: Request) async throws -> PaymentRecord {
        let user = try req.requireUser()
        try PaymentInput.validate(content: req)
        let input = try req.content.decode(PaymentInput.self)
        let bylaws = try await req.bylaws()
        let now = req.now
        return try await req.write { db in
            guard let m = try await MembershipQueries.membership(ofUser: user.id, on: db) else {
                throw Abort(.notFound, reason: t("You have not applied to join."))
            }
            guard let cls = bylaws.stakeholderClass(m.classID) else { throw CoopError.membership(.unknownClass(m.classID)) }
            return try await MembershipService.recordPayment(
                m, class: cls, method: input.method, reference: input.reference ?? "", on: db, at: now)
        }
    }

    static func withdraw(_ req: Request) async throws {
        let user = try req.requireUser()
        let bylaws = try await req.bylaws()
        let now = req.now
        try await req.write { db in
            guard let m = try await MembershipQueries.membership(ofUser: user.id, on: db) else {
                throw CoopError.membership(.notAMember)
            }
            try await MembershipService.withdraw(m, bylaws: bylaws, on: db, at: now)
        }
    }

    static func confirmPayment(_ req: Request, id: UUID) async throws {
        let (steward, _) = try await req.requireSteward()
        let bylaws = try await req.bylaws()
        let now = req.now
        try await req.write { db in
            guard let p = try await PaymentQueries.payment(id: id, on: db) else {
                throw Abort(.notFound, reason: t("No such payment."))
            }
            guard let m = try await MembershipQueries.membership(id: p.membershipID, on: db), m.userID != steward.id else {
                throw CoopError.forbidden(t("A steward cannot confirm their own payment; another steward must."))
            }
            try await MembershipService.confirm(p, by: steward.id, bylaws: bylaws, on: db, at: now)
        }
    }

    /// A steward marks a share payment as not received, with the reason: the applicant may record
    /// a new one, and it no longer blocks a fiscal period's close.
    static func failPayment(_ req: Request, id: UUID) async throws {
        let (steward, _) = try await req.requireSteward()
        let reason = try Payments.failureReason(req)
        let now = req.now
        try await req.write { db in
            guard let p = try await PaymentQueries.payment(id: id, on: db) else { throw Abort(.notFound, reason: t("No such payment.")) }
            guard p.status == .pending else {
                throw CoopError.conflict(t("This payment is %s, not waiting for confirmation.", paymentStatus(p.status)))
            }
            guard let m = try await MembershipQueries.membership(id: p.membershipID, on: db), m.userID != steward.id else {
                throw CoopError.forbidden(t("A steward cannot decide on their own payment; another steward must."))
            }
            p.status = .failed
            p.failureReason = reason
            p.failedBy = steward.id
            try await PaymentQueries.save(p, on: db)
            try await AuditLog.append(
                AuditEvent(
                    kind: "payment.failed",
                    [
                        "payment": .string(try p.requireID().uuidString), "membership": .string(try m.requireID().uuidString),
                        "amount": .int(p.amount), "reason": .string(reason),
                    ]), on: db, at: now)
        }
    }

    static func decide(_ req: Request, id: UUID, admit: Bool) async throws {
        let (steward, _) = try await req.requireSteward()
        let bylaws = try await req.bylaws()
        let now = req.now
        try await req.write { db in
            guard let m = try await MembershipQueries.membership(id: id, on: db) else {
                throw Abort(.notFound, reason: t("No such application."))
            }
            guard m.userID != steward.id else { throw CoopError.forbidden(t("A steward cannot decide their own application.")) }
            try await MembershipService.decide(m, admit: admit, by: steward.id, bylaws: bylaws, on: db, at: now)
        }
    }
}

extension Request {
    /// The payment's or application's id in the path, for the steward's pages and the API.
    func uuidParameter() throws -> UUID {
        try pathParameter(.id, expecting: t("a valid id"))
    }
}
