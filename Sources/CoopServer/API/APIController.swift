import CoopCore
import CoopStore
import Fluent
import Foundation
import Vapor

/// The JSON API under `/api/v1`. Bearer tokens only (no cookies), so no CSRF surface.
enum APIController {
    struct UserDTO: Content {
        let id: UUID
        let email: String
        let name: String
    }

    struct TokenRequest: Content {
        var email: String
        var password: String
        var label: String?
    }

    struct TokenDTO: Content {
        let id: UUID
        let label: String
        let token: String
    }

    struct ClassDTO: Content {
        let id: String
        let name: String
        let description: String
        let sharePrice: String
        let sharesRequired: Int
        let admission: String
        let members: Int
    }

    struct CoopDTO: Content {
        let name: String
        let purpose: String
        let currency: String
        let classes: [ClassDTO]
        let members: Int
        let auditHead: AuditHeadDTO?
        /// The Ed25519 public key that signs the audit chain's checkpoints, 64 hex digits.
        let auditPublicKey: String?
    }

    struct AuditHeadDTO: Content {
        let sequence: Int64
        let hash: String
        let kind: String
        let at: Date
    }

    struct AuditEntryDTO: Content {
        let sequence: Int64
        let timestampMillis: Int64
        let kind: String
        let payload: String
        let previousHash: String
        let hash: String
    }

    static func register(_ app: Application) {
        let api = app.grouped(BearerTokenAuthenticator())
        api.on(.POST, APIPath.users) { req async throws -> Response in
            let user = try await Accounts.signup(req)
            return try await UserDTO(id: user.requireID(), email: user.email, name: user.name)
                .encodeResponse(status: .created, for: req)
        }
        api.on(.POST, APIPath.tokens) { req async throws -> Response in
            let user = try await Accounts.authenticate(req)
            let input = try req.content.decode(TokenRequest.self)
            let label = (input.label ?? "api").prefix(100)
            let secret = "coop_" + randomSecret()
            let record = APITokenRecord()
            record.userID = try user.requireID()
            record.label = String(label)
            record.tokenHash = sha256Hex(secret)
            record.createdAt = req.now
            try await record.create(on: req.db)
            return try await TokenDTO(id: record.requireID(), label: record.label, token: secret)
                .encodeResponse(status: .created, for: req)
        }
        api.on(.DELETE, APIPath.token) { req async throws -> HTTPStatus in
            let user = try req.requireUser()
            let id = try req.uuidParameter()
            guard let token = try await APITokenRecord.find(id, on: req.db), token.userID == user.id else {
                throw Abort(.notFound, reason: "No such token of yours.")
            }
            try await token.delete(on: req.db)
            return .noContent
        }
        api.on(.GET, APIPath.coop) { req async throws -> CoopDTO in
            let bylaws = try await req.bylaws()
            let counts = try await MembershipQueries.counts(on: req.db)
            let head = try await AuditLog.head(on: req.db)
            return CoopDTO(
                name: bylaws.name, purpose: bylaws.purpose, currency: bylaws.currency.code,
                classes: bylaws.classes.map {
                    ClassDTO(
                        id: $0.id, name: $0.name, description: $0.description, sharePrice: $0.sharePrice.decimalString,
                        sharesRequired: $0.sharesRequired, admission: $0.admission.rawValue, members: counts[$0.id] ?? 0)
                }, members: counts.values.reduce(0, +), auditHead: head.map(headDTO),
                auditPublicKey: try await AuditSeal.publicKey(on: req.db))
        }
        api.on(.GET, APIPath.policies) { req async throws -> [PolicyView] in
            try await PolicyStore.all(try await req.bylaws(), on: req.db)
        }
        api.on(.GET, APIPath.members) { req async throws -> [RegisterRow] in
            _ = try await req.requireMember()
            return try await MembershipQueries.register(on: req.db)
        }
        api.on(.GET, APIPath.membership) { req async throws -> MembershipSummary in
            try await summary(req)
        }
        api.on(.POST, APIPath.membership) { req async throws -> Response in
            _ = try await MembershipActions.apply(req)
            return try await summary(req).encodeResponse(status: .created, for: req)
        }
        api.on(.POST, APIPath.membershipPayment) { req async throws -> Response in
            _ = try await MembershipActions.recordPayment(req)
            return try await summary(req).encodeResponse(status: .created, for: req)
        }
        api.on(.POST, APIPath.membershipWithdraw) { req async throws -> MembershipSummary in
            try await MembershipActions.withdraw(req)
            return try await summary(req)
        }
        api.on(.GET, APIPath.membershipLedger) { req async throws -> [LedgerEntryView] in
            let user = try req.requireUser()
            guard let m = try await req.membership(of: user) else { throw Abort(.notFound, reason: "You have not applied to join.") }
            return try await MembershipQueries.ledger(of: m, on: req.db)
        }
        api.on(.GET, APIPath.stewardQueue) { req async throws -> [QueueRow] in
            _ = try await req.requireSteward()
            return try await MembershipQueries.queue(bylaws: try await req.bylaws(), on: req.db)
        }
        api.on(.POST, APIPath.paymentConfirm) { req async throws -> HTTPStatus in
            try await MembershipActions.confirmPayment(req, id: try req.uuidParameter())
            return .noContent
        }
        api.on(.POST, APIPath.paymentFail) { req async throws -> HTTPStatus in
            try await MembershipActions.failPayment(req, id: try req.uuidParameter())
            return .noContent
        }
        api.on(.POST, APIPath.applicationAdmit) { req async throws -> HTTPStatus in
            try await MembershipActions.decide(req, id: try req.uuidParameter(), admit: true)
            return .noContent
        }
        api.on(.POST, APIPath.applicationReject) { req async throws -> HTTPStatus in
            try await MembershipActions.decide(req, id: try req.uuidParameter(), admit: false)
            return .noContent
        }
        GovernanceAPI.register(api, voting: app.routes)
        MarketplaceAPI.register(api)
        FinanceAPI.register(api)
        api.on(.GET, APIPath.auditHead) { req async throws -> AuditHeadDTO in
            guard let head = try await AuditLog.head(on: req.db) else { throw Abort(.notFound, reason: "The audit log is empty.") }
            return headDTO(head)
        }
        api.on(.GET, APIPath.auditCheckpoints) { req async throws -> [AuditCheckpoint] in
            let before = req.query[Int64.self, at: "before"]
            let limit = min(max(req.query[Int.self, at: "limit"] ?? 100, 1), 1000)
            return try await AuditSeal.checkpoints(limit: limit, before: before, on: req.db)
        }
        api.on(.GET, APIPath.auditEntries) { req async throws -> [AuditEntryDTO] in
            let after = req.query[Int64.self, at: "after"] ?? 0
            let limit = min(max(req.query[Int.self, at: "limit"] ?? 100, 1), 1000)
            let records = try await AuditEntryRecord.query(on: req.db).filter(\.$id > after).sort(\.$id, .ascending)
                .limit(limit).all()
            return records.map {
                let e = $0.entry
                return AuditEntryDTO(
                    sequence: e.sequence, timestampMillis: e.timestampMillis, kind: e.kind, payload: e.payload,
                    previousHash: e.previousHash, hash: e.hash)
            }
        }
    }

    static func headDTO(_ e: AuditEntry) -> AuditHeadDTO {
        AuditHeadDTO(
            sequence: e.sequence, hash: e.hash, kind: e.kind, at: Date(timeIntervalSince1970: Double(e.timestampMillis) / 1000))
    }

    static func summary(_ req: Request) async throws -> MembershipSummary {
        let user = try req.requireUser()
        guard let m = try await req.membership(of: user) else { throw Abort(.notFound, reason: "You have not applied to join.") }
        return try await MembershipQueries.summary(of: m, bylaws: try await req.bylaws(), on: req.db)
    }
}

extension AuditCheckpoint: Content {}
