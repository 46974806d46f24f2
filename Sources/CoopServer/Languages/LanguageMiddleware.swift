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
        if let asked = LanguageNegotiation.requested(
            saved: user?.language, query: languageQuery?.rawValue, cookie: cookies[languageCookieName]?.string,
            acceptLanguage: headers.first(name: .acceptLanguage))
        {
            return asked
        }
        // The bylaws are read (from memory) only when nothing in the request decides.
        return (try? await coop.bylaws(on: db))??.language ?? .en
    }

    /// The language `?lang=` names, when it names one Coop has. The query is scanned for `lang=`
    /// before it is parsed: most requests have none.
    var languageQuery: Language? {
        guard let query = url.query, query.utf8.containsBytes("lang=") else { return nil }
        return (try? self.query.get(String.self, at: "lang")).flatMap { Language(tag: $0) }
    }
}

extension String.UTF8View {
    /// Whether the bytes of `needle` occur, in order, somewhere in these bytes.
    func containsBytes(_ needle: String) -> Bool {
        let n = Array(needle.utf8)
        guard let first = n.first, count >= n.count else { return n.isEmpty }
        var i = startIndex
        while let hit = self[i...].firstIndex(of: first) {
            if self[hit...].starts(with: n) { return true }
            i = index(after: hit)
        }
        return false
    }
}
