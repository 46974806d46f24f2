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
                return try await signupForm(req, error: localReason(error), status: error.status).encodeResponse(for: req)
            }
        }
        routes.get(.login) { req in try await loginForm(req) }
        routes.post(.login) { req async throws -> Response in
            do {
                let user = try await Accounts.authenticate(req)
                struct Next: Decodable { var next: String? }
                let next = safeNext((try? req.content.decode(Next.self))?.next)
                try await logIn(req, userID: try user.requireID())
                return req.redirect(to: next ?? SiteURL.membership.path)
            } catch let error as any AbortError {
                return try await loginForm(req, error: localReason(error), status: error.status).encodeResponse(for: req)
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
        return AuthForm.View.signup(model, layout: try await req.layout(t("Sign up"), forms: true), status: status)
    }

    static func loginForm(_ req: Request, error: String? = nil, status: HTTPStatus = .ok) async throws -> PageResponse {
        struct Prefill: Decodable {
            var email: String?
            var next: String?
        }
        let prefill = req.method == .POST ? try? req.content.decode(Prefill.self) : nil
        let next = safeNext(req.method == .POST ? prefill?.next : try? req.query.get(String.self, at: "next"))
        let model = AuthForm.Model(name: "", email: prefill?.email ?? "", error: error, next: next)
        return AuthForm.View.login(model, layout: try await req.layout(t("Log in"), forms: true), status: status)
    }

    /// The log-in page's address, returning to `next` (a path on this site) once logged in.
    static func loginLink(next: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "/-._~")
        return SiteURL.login.path + "?next=" + (next.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")
    }

    /// Where to go after logging in, when it is safely this site: a relative path starting with
    /// one `/` (not `//host`, not `/\host`, which browsers read as another site), without
    /// backslashes or control characters. Anything else is nil: no open redirect.
    static func safeNext(_ raw: String?) -> String? {
        guard let raw, raw.hasPrefix("/"), !raw.hasPrefix("//"), raw.utf8.count <= 2_000 else { return nil }
        guard !raw.contains("\\"), !raw.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return nil }
        return raw
    }
}
