import CoopCore
import CoopStore
import Plot
import Vapor

/// One place where errors become responses: JSON `{error, status, reason}` under `/api` (and for
/// clients that ask for JSON), an HTML page for browsers; a 401 on a page redirects to log in.
struct CoopErrorMiddleware: AsyncMiddleware {
    /// The JSON body of every API error; the OpenAPI document's `Error` schema is derived from it.
    struct ErrorBody: Content {
        let error: Bool
        let status: Int
        let reason: String
    }

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: req)
        } catch {
            if Self.wantsJSON(req) {
                // A client of the API reads English unless it asks for another language.
                let language =
                    req.languageQuery ?? req.headers.first(name: .acceptLanguage).flatMap { LanguageNegotiation.best(acceptLanguage: $0) }
                    ?? .en
                let (status, reason) = await Lang.with(language) { Self.describe(error) }
                Self.log(error, status: status, req)
                return try await ErrorBody(error: true, status: Int(status.code), reason: reason).encodeResponse(status: status, for: req)
            }
            // The page around the message is in the request's language, and so is the message: the
            // core's and the store's words are written in it here, the server's already are (`t`).
            let language = (try? await req.negotiatedLanguage()) ?? .en
            let (status, reason) = await Lang.with(language) { Self.describe(error) }
            Self.log(error, status: status, req)
            if status == .unauthorized && req.method == .GET {
                // Back to this page once logged in.
                return req.redirect(to: AuthPages.loginLink(next: req.url.string))
            }
            return try await Lang.with(language) {
                let title = Self.title(status)
                let context =
                    (try? await req.layout(title))
                    ?? Layout.Context(title: title, user: nil, isSteward: false, csrf: "", coopName: "Coop")
                let page = Layout.page(
                    context, status: status,
                    .p(.class("error"), .attribute(named: "role", value: "alert"), .text(reason == status.reasonPhrase ? title : reason)),
                    .p(.a(.href(SiteURL.home.path), .text(t("Back to the home page")))))
                return try await page.encodeResponse(for: req)
            }
        }
    }

    private static func log(_ error: any Error, status: HTTPStatus, _ req: Request) {
        if status == .internalServerError {
            req.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))", "path": "\(req.url.path)"])
        }
    }

    /// The API always answers JSON; elsewhere only a client that names JSON and not HTML gets it.
    /// (Browsers send `*/*`, which Vapor's media-type equality would match with JSON.)
    static func wantsJSON(_ req: Request) -> Bool {
        if req.url.path.hasPrefix("/api/") { return true }
        let accept = req.headers[.accept].joined(separator: ",").lowercased()
        return accept.contains("application/json") && !accept.contains("text/html")
    }

    /// The error page's title: the status in words, in the request's language.
    static func title(_ status: HTTPStatus) -> String {
        switch status.code {
        case 400: t("Bad Request")
        case 401: t("Unauthorized")
        case 403: t("Forbidden")
        case 404: t("Not Found")
        case 405: t("Method Not Allowed")
        case 409: t("Conflict")
        case 413: t("Payload Too Large")
        case 422: t("Unprocessable Entity")
        case 429: t("Too Many Requests")
        case 500: t("Internal Server Error")
        case 503: t("Service Unavailable")
        default: status.reasonPhrase
        }
    }

    /// The status and the reason, in the language text is being written in (``Lang``).
    static func describe(_ error: any Error) -> (HTTPStatus, String) {
        switch error {
        case let abort as any AbortError: (abort.status, localReason(abort))
        case let decoding as DecodingError: (.badRequest, Forms.reason(decoding, human: false))
        default: (.internalServerError, t("Something went wrong on the server; nothing was changed."))
        }
    }
}
