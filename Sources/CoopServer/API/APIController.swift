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
        /// The co-op's areas: a listing's or a job's `areaID` and search's `area` name one of them.
        var areas: [AreaDTO] = []
    }

    /// One of the co-op's areas, with its centre in decimal degrees.
    struct AreaDTO: Content {
        let id: String
        let name: String
        let latitude: String
        let longitude: String

        init(_ a: Area) {
            func degrees(_ e6: Int64) -> String {
                let frac = String(abs(e6) % 1_000_000)
                return "\(e6 < 0 ? "-" : "")\(abs(e6) / 1_000_000).\(String(repeating: "0", count: 6 - frac.count))\(frac)"
            }
            (id, name, latitude, longitude) = (a.id, a.name, degrees(a.latitudeE6), degrees(a.longitudeE6))
        }
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

    /// Registers every API route and, from the same declarations, `/openapi.json`.
    static func register(_ app: Application) throws {
        let api = APIRoutes(app.grouped(BearerTokenAuthenticator()))
        registerAccounts(api)
        registerMembership(api)
        GovernanceAPI.register(api, voting: app.routes)
        MarketplaceAPI.register(api)
        FinanceAPI.register(api)
        registerAudit(api)
        app.storage[APIOperationsKey.self] = api.operations
        // Built here, once: a type the schema probe cannot describe stops the start.
        let text = try OpenAPIDocument.build(api.operations).document.canonicalText
        app.get(.openAPI) { _ -> Response in
            var headers = HTTPHeaders()
            headers.contentType = .json
            return Response(status: .ok, headers: headers, body: .init(string: text))
        }
    }

    static func registerAccounts(_ api: APIRoutes) {
        api.on(.POST, .users, summary: "Sign up", auth: .anyone, body: Accounts.SignupInput.self, status: .created) { req in
            let user = try await Accounts.signup(req)
            return UserDTO(id: try user.requireID(), email: user.email, name: user.name)
        }
        api.on(
            .POST, .tokens, summary: "Create a personal API token with email and password (throttled)", auth: .anyone,
            input: TokenRequest.self, status: .created
        ) { req, input in
            let user = try await Accounts.authenticate(req)
            let label = (input.label ?? "api").prefix(100)
            let secret = "coop_" + randomSecret()
            let record = try await UserStore.createToken(
                user: try user.requireID(), label: String(label), hash: sha256Hex(secret), on: req.db, at: req.now)
            return TokenDTO(id: try record.requireID(), label: record.label, token: secret)
        }
        api.on(.DELETE, .token, summary: "Revoke one of your tokens", auth: .user, status: .noContent) { req in
            let user = try req.requireUser()
            let id = try req.uuidParameter()
            guard try await UserStore.deleteToken(id: id, of: user.id, on: req.db) else {
                throw Abort(.notFound, reason: t("No such token of yours."))
            }
        }
        api.on(.GET, .coop, summary: "The co-op: name, purpose, classes with member counts, audit head", auth: .anyone) {
            req async throws -> CoopDTO in
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
                auditPublicKey: try await AuditSeal.publicKey(on: req.db), areas: bylaws.areas.map(AreaDTO.init))
        }
        api.on(.GET, .policies, summary: "Governed policies with bounds and history", auth: .anyone) { req async throws -> [PolicyView] in
            try await PolicyStore.all(try await req.bylaws(), on: req.db)
        }
    }

    static func registerMembership(_ api: APIRoutes) {
        api.on(.GET, .members, summary: "The member register (members only)", auth: .member) { req async throws -> [RegisterRow] in
            _ = try await req.requireMember()
            return try await MembershipQueries.register(on: req.db)
        }
        api.on(.GET, .membership, summary: "Your membership", auth: .user) { req async throws -> MembershipSummary in
            try await summary(req)
        }
        api.on(
            .POST, .membership, summary: "Apply to join a stakeholder class", auth: .user, body: MembershipActions.ApplyInput.self,
            status: .created
        ) { req async throws -> MembershipSummary in
            _ = try await MembershipActions.apply(req)
            return try await summary(req)
        }
        api.on(
            .POST, .membershipPayment, summary: "Record an offline payment for your shares", auth: .user,
            body: MembershipActions.PaymentInput.self, status: .created
        ) { req async throws -> MembershipSummary in
            _ = try await MembershipActions.recordPayment(req)
            return try await summary(req)
        }
        api.on(.POST, .membershipWithdraw, summary: "Withdraw; share capital becomes owed back", auth: .user) {
            req async throws -> MembershipSummary in
            try await MembershipActions.withdraw(req)
            return try await summary(req)
        }
        api.on(.GET, .membershipLedger, summary: "Ledger postings behind your membership", auth: .user) {
            req async throws -> [LedgerEntryView] in
            let user = try req.requireUser()
            guard let m = try await req.membership(of: user) else { throw Abort(.notFound, reason: t("You have not applied to join.")) }
            return try await MembershipQueries.ledger(of: m, on: req.db)
        }
        api.on(.GET, .stewardQueue, summary: "Payments and applications waiting for a steward", auth: .steward) {
            req async throws -> [QueueRow] in
            _ = try await req.requireSteward()
            return try await MembershipQueries.queue(bylaws: try await req.bylaws(), on: req.db)
        }
        api.on(.POST, .paymentConfirm, summary: "Steward: confirm a payment was received", auth: .steward, status: .noContent) { req in
            try await MembershipActions.confirmPayment(req, id: try req.uuidParameter())
        }
        api.on(
            .POST, .paymentFail, summary: "Steward: mark a share payment as not received, with the reason", auth: .steward,
            body: Payments.FailInput.self, status: .noContent
        ) { req in
            try await MembershipActions.failPayment(req, id: try req.uuidParameter())
        }
        api.on(.POST, .applicationAdmit, summary: "Steward: admit an applicant", auth: .steward, status: .noContent) { req in
            try await MembershipActions.decide(req, id: try req.uuidParameter(), admit: true)
        }
        api.on(.POST, .applicationReject, summary: "Steward: refuse an applicant", auth: .steward, status: .noContent) { req in
            try await MembershipActions.decide(req, id: try req.uuidParameter(), admit: false)
        }
    }

    static func registerAudit(_ api: APIRoutes) {
        api.on(.GET, .auditHead, summary: "Head of the audit chain", auth: .anyone) { req async throws -> AuditHeadDTO in
            guard let head = try await AuditLog.head(on: req.db) else { throw Abort(.notFound, reason: t("The audit log is empty.")) }
            return headDTO(head)
        }
        api.on(
            .GET, .auditCheckpoints,
            summary: "Signed checkpoints of the audit chain's head, newest first (query: before, limit); check with coop audit verify",
            auth: .anyone
        ) { req async throws -> [AuditCheckpoint] in
            let before = req.query[Int64.self, at: "before"]
            let limit = min(max(req.query[Int.self, at: "limit"] ?? 100, 1), 1000)
            return try await AuditSeal.checkpoints(limit: limit, before: before, on: req.db)
        }
        api.on(.GET, .auditEntries, summary: "Audit entries after a sequence number (query: after, limit)", auth: .anyone) {
            req async throws -> [AuditEntryDTO] in
            let after = req.query[Int64.self, at: "after"] ?? 0
            let limit = min(max(req.query[Int.self, at: "limit"] ?? 100, 1), 1000)
            return try await AuditEntries.after(after, limit: limit, on: req.db).map { e in
                AuditEntryDTO(
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
        guard let m = try await req.membership(of: user) else { throw Abort(.notFound, reason: t("You have not applied to join.")) }
        return try await MembershipQueries.summary(of: m, bylaws: try await req.bylaws(), on: req.db)
    }
}

extension AuditCheckpoint: Content {}

/// The operations ``APIController/register(_:)`` declared, for tests and tools.
struct APIOperationsKey: StorageKey {
    typealias Value = [APIOperation]
}
