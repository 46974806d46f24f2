import CoopCore
import CoopStore
import Vapor

/// The language switch's form target: a member's choice is saved with them; anyone's is also left
/// in a cookie. Visitors without a session switch with `?lang=` links instead (see ``Layout``).
enum LanguagePages {
    struct Choice: Content {
        var lang: String
        var back: String?
    }

    static func register(_ routes: any RoutesBuilder) {
        routes.post(.language) { req async throws -> Response in
            let choice = try req.content.decode(Choice.self)
            guard let language = Language(tag: choice.lang), Language.offered.contains(language) else {
                throw Abort(.badRequest, reason: t("Choose one of the languages offered."))
            }
            if let user = req.user {
                try await UserStore.setLanguage(language, of: user.id, on: req.db)
            }
            let response = req.redirect(to: safeBack(choice.back))
            response.cookies[languageCookieName] = cookie(language, secure: req.coop.config.secureCookies)
            return response
        }
    }

    /// Only a path on this site, never another site (`//evil.example`) or a scheme.
    static func safeBack(_ back: String?) -> String {
        guard let back, back.hasPrefix("/"), !back.hasPrefix("//"), !back.hasPrefix("/\\"), back.count <= 2048,
            !back.contains(where: { $0.isNewline })
        else { return SiteURL.home.path }
        return back
    }

    /// A year-long cookie that remembers the language; JavaScript may read it (it is no secret).
    static func cookie(_ language: Language, secure: Bool) -> HTTPCookies.Value {
        HTTPCookies.Value(
            string: language.rawValue, expires: nil, maxAge: 365 * 86_400, domain: nil, path: "/", isSecure: secure,
            isHTTPOnly: false, sameSite: .lax)
    }
}
