import CoopCore
import CoopStore
import Vapor

/// The cookie the language switch leaves for a visitor (a member's choice is saved with them).
let languageCookieName = "coop_lang"

/// Chooses each page request's language (``LanguageNegotiation/choose``) and answers it in that
/// language. Runs after the session's user is known, whose saved setting comes first. A valid
/// `?lang=` is remembered in a cookie, so the next page keeps it.
struct LanguageMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let language = try await req.negotiatedLanguage()
        req.storage[LanguageKey.self] = language
        let response = try await Lang.with(language) { try await next.respond(to: req) }
        if let asked = req.languageQuery, asked != .qps, req.cookies[languageCookieName]?.string != asked.rawValue {
            response.cookies[languageCookieName] = LanguagePages.cookie(asked, secure: req.coop.config.secureCookies)
        }
        return response
    }
}

struct LanguageKey: StorageKey {
    typealias Value = Language
}

extension Request {
    /// The language this request is answered in, once the middleware has chosen it; otherwise
    /// chosen now from the request alone (error pages for paths no route has).
    func negotiatedLanguage() async throws -> Language {
        if let chosen = storage[LanguageKey.self] { return chosen }
        let header = headers.first(name: .acceptLanguage)
        // The bylaws are read (from memory) only when nothing in the request decides.
        if user?.language == nil && languageQuery == nil && cookies[languageCookieName] == nil
            && (header.flatMap(LanguageNegotiation.best) == nil)
        {
            return (try? await coop.bylaws(on: db))??.language ?? .en
        }
        return LanguageNegotiation.choose(
            saved: user?.language, query: languageQuery?.rawValue, cookie: cookies[languageCookieName]?.string,
            acceptLanguage: header, coopDefault: nil)
    }

    /// The language `?lang=` names, when it names one Coop has.
    var languageQuery: Language? {
        guard let query = url.query, query.contains("lang=") else { return nil }
        return (try? self.query.get(String.self, at: "lang")).flatMap { Language(tag: $0) }
    }
}
