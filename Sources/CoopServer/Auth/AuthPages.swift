import CoopStore
import Plot
import Vapor

/// Sign-up, log-in and log-out pages.
enum AuthPages {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(.signup) { req in try await signupForm(req) }
        routes.post(.signup) { req async throws -> Response in
            do {
                let user = try await Accounts.signup(req)
                try await logIn(req, userID: try user.requireID())
                return req.redirect(to: SiteURL.join.path)
            } catch let error as any AbortError {
                return try await signupForm(req, error: error.reason, status: error.status).encodeResponse(for: req)
            }
        }
        routes.get(.login) { req in try await loginForm(req) }
        routes.post(.login) { req async throws -> Response in
            do {
                let user = try await Accounts.authenticate(req)
                try await logIn(req, userID: try user.requireID())
                return req.redirect(to: SiteURL.membership.path)
            } catch let error as any AbortError {
                return try await loginForm(req, error: error.reason, status: error.status).encodeResponse(for: req)
            }
        }
        routes.post(.logout) { req -> Response in
            req.session.destroy()
            let response = req.redirect(to: SiteURL.home.path)
            ReceiptKeeping.forget(req, response)
            return response
        }
    }

    /// Starts a fresh session for the user, under a new id (so a session id planted before login
    /// is worthless after it), with a new CSRF token.
    static func logIn(_ req: Request, userID: UUID) async throws {
        if let old = req.session.id {
            try await req.application.sessions.driver.deleteSession(old, for: req).get()
            req.session.id = nil
        }
        req.session.data["user"] = userID.uuidString
        req.session.data["csrf"] = randomSecret()
    }

    static func signupForm(_ req: Request, error: String? = nil, status: HTTPStatus = .ok) async throws -> PageResponse {
        struct Prefill: Decodable {
            var name: String?
            var email: String?
        }
        let prefill = req.method == .POST ? try? req.content.decode(Prefill.self) : nil
        let model = AuthForm.Model(name: prefill?.name ?? "", email: prefill?.email ?? "", error: error)
        return AuthForm.View.signup(model, layout: try await req.layout("Sign up", forms: true), status: status)
    }

    static func loginForm(_ req: Request, error: String? = nil, status: HTTPStatus = .ok) async throws -> PageResponse {
        struct Prefill: Decodable { var email: String? }
        let prefill = req.method == .POST ? try? req.content.decode(Prefill.self) : nil
        let model = AuthForm.Model(name: "", email: prefill?.email ?? "", error: error)
        return AuthForm.View.login(model, layout: try await req.layout("Log in", forms: true), status: status)
    }
}
