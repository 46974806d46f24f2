import CoopStore
import Vapor

/// CSRF protection for every form: a per-session secret that each form carries in a hidden field.
struct CSRFMiddleware: AsyncMiddleware {
    static let field = "csrf"

    /// The largest body collected to read the token: the routes' default unless the forms behind
    /// this middleware take more (a photo upload).
    var maxBody: Int?

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if req.method == .POST {
            // A body larger than one network read is still streaming here: collect it first (the
            // route would collect it anyway, up to the same limit).
            if req.body.data == nil {
                let limit = maxBody ?? req.application.routes.defaultMaxBodySize.value
                do { _ = try await req.body.collect(max: limit).get() } catch let error as any AbortError
                    where error.status == .payloadTooLarge
                {
                    throw Abort(
                        .payloadTooLarge,
                        reason: maxBody == nil
                            ? t("This form sent more than the %d KB a form may send.", num(limit / 1024))
                            : ListingPhotos.tooLarge)
                }
            }
            // A multipart body (a form with a file) carries the token as one of its parts, which
            // the same content decoding reads.
            struct Token: Decodable { let csrf: String? }
            let sent = (try? req.content.decode(Token.self))?.csrf
            guard let expected = req.session.data["csrf"], let sent, constantTimeEqual(sent, expected) else {
                throw Abort(
                    .forbidden,
                    reason: t("This form has expired or did not come from this site (CSRF check failed). Reload the page and try again."))
            }
        }
        return try await next.respond(to: req)
    }

    private func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

extension Request {
    /// The session's CSRF token, made on first use.
    var csrfToken: String {
        if let t = session.data["csrf"] { return t }
        let t = randomSecret()
        session.data["csrf"] = t
        return t
    }
}
