import CoopCore
import CoopStore
import Crypto
import Foundation
import Vapor

/// The person making a request, from a session cookie (pages) or a bearer token (API).
let sessionCookieName = "coop_session"

struct CurrentUser: Authenticatable, Sendable {
    let id: UUID
    let email: String
    let name: String
    /// The language the person chose, if any (pages only; the API is in English).
    var language: String? = nil
}

/// Logs in the user whose id the session holds.
struct SessionUserAuthenticator: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        // Touch the session only when the browser sent one: reading it would start a new one.
        if req.cookies[sessionCookieName] != nil, let raw = req.session.data["user"], let id = UUID(uuidString: raw),
            let user = try await UserStore.user(id: id, on: req.db)
        {
            req.auth.login(CurrentUser(id: id, email: user.email, name: user.name, language: user.language))
        }
        return try await next.respond(to: req)
    }
}

/// Logs in the owner of a personal API token given as `Authorization: Bearer TOKEN`.
struct BearerTokenAuthenticator: AsyncBearerAuthenticator {
    func authenticate(bearer: BearerAuthorization, for req: Request) async throws {
        // One query: every API request passes here.
        guard let holder = try await UserStore.tokenHolder(hash: sha256Hex(bearer.token), on: req.db) else { return }
        req.auth.login(CurrentUser(id: holder.id, email: holder.email, name: holder.name))
    }
}

/// A random URL-safe secret (CSRF tokens, API tokens).
func randomSecret(bytes: Int = 32) -> String {
    var generator = SystemRandomNumberGenerator()
    let raw = (0..<bytes).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    return Data(raw).base64EncodedString().replacingOccurrences(of: "+", with: "-")
        .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
}

extension Request {
    var user: CurrentUser? { auth.get(CurrentUser.self) }

    func requireUser() throws -> CurrentUser {
        guard let user else { throw Abort(.unauthorized, reason: t("Log in first.")) }
        return user
    }

    /// The user's membership record, if any.
    func membership(of user: CurrentUser) async throws -> MembershipRecord? {
        try await MembershipQueries.membership(ofUser: user.id, on: db)
    }

    /// The requester's membership, which must be admitted.
    func requireMember() async throws -> (CurrentUser, MembershipRecord) {
        let user = try requireUser()
        guard let m = try await membership(of: user), m.status == .admitted else {
            throw Abort(.forbidden, reason: t("Only admitted members can see this."))
        }
        return (user, m)
    }

    /// The requester as a steward: an admitted member the bylaws' steward role was given to.
    func requireSteward() async throws -> (CurrentUser, MembershipRecord) {
        let (user, m) = try await requireMember()
        guard m.steward else { throw Abort(.forbidden, reason: t("Only a steward can do this.")) }
        return (user, m)
    }
}
