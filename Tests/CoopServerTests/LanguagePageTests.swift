import CoopCore
import CoopStore
import FluentKit
import Foundation
import Plot
import Testing
import VaporTesting

@testable import CoopServer

extension Server {
    @Suite struct LanguagePageTests {
        @Test func theShippedFilesLoadAndTranslateEveryStringOfTheTemplate() throws {
            try Translations.check()
            let directory = try #require(Translations.directory)
            let template = try Translations.read(directory.appendingPathComponent("coop.pot"))
            #expect(template.entries.count > 100)
            for language in [CoopCore.Language.es, .fr] {
                let catalog = Translations.catalog(language)
                let missing = template.entries.filter { !catalog.has($0.id, context: $0.context) }.map(\.id)
                #expect(missing.isEmpty, "\(language.rawValue) misses \(missing)")
            }
            let pseudo = Translations.catalog(.qps)
            #expect(template.entries.allSatisfy { Pseudo.isAltered(pseudo.text($0.id, context: $0.context)) || $0.idPlural != nil })
        }

        @Test func aPageIsInTheLanguageAskedForAndRemembersIt() async throws {
            try await withCoop { app async throws in
                var b = Browser(app)
                let es = try await b.get(SiteURL.login.path + "?lang=es")
                #expect(es.body.string.contains(#"<html lang="es">"#))
                #expect(es.body.string.contains("Iniciar sesión"))
                #expect(es.body.string.contains("Saltar al contenido"))
                let cookie = try #require(es.headers[.setCookie].first { $0.hasPrefix("coop_lang=") })
                #expect(cookie.contains("coop_lang=es") && cookie.lowercased().contains("samesite=lax"))
                // The next page, without ?lang=, stays in Spanish.
                #expect(try await b.get(SiteURL.home.path).body.string.contains("Personas socias"))
                // French, by the switch's link; numbers and plural forms by French rules.
                let fr = try await b.get(SiteURL.proposals.path + "?lang=fr").body.string
                #expect(fr.contains(#"<html lang="fr">"#) && fr.contains("Propositions"))
                #expect(fr.contains(#"hreflang="es""#) && fr.contains(#"aria-current="true">Français"#))
            }
        }

        @Test func theSwitchLinksBackToTheSamePathAndNeverToAnotherSite() async throws {
            try await withCoop { app async throws in
                // A visitor's links are only a query: the browser keeps the page's path and drops its query.
                let encoded = try await app.testing().sendRequest(.GET, "/proposals?x=%3Cb%3E&lang=fr#top").body.string
                #expect(encoded.contains(#"<a href="?lang=es" hreflang="es""#), "\(encoded)")
                #expect(!encoded.contains("%3Cb%3E") && !encoded.contains("<b>"))
                for target in ["//evil.example/proposals", "/\\evil.example/proposals", "/nothing/%22%3E%3Cscript%3E"] {
                    let page = try await app.testing().sendRequest(.GET, target).body.string
                    #expect(!page.contains(#"href="//"#) && !page.contains(#"href="/\"#) && !page.contains("<script>"), "\(target)")
                }
            }
            #expect("/a?lang=es".utf8.containsBytes("lang=") && !"/a?lan=es".utf8.containsBytes("lang=") && "x".utf8.containsBytes(""))
            #expect(!"la".utf8.containsBytes("lang=") && "llang=".utf8.containsBytes("lang="))
        }

        @Test func acceptLanguageThenTheBylawsDecideAndNonsenseIsIgnored() async throws {
            try await withCoop { app async throws in
                func page(_ path: String, acceptLanguage: String?) async throws -> TestingHTTPResponse {
                    var headers = HTTPHeaders()
                    if let acceptLanguage { headers.add(name: .acceptLanguage, value: acceptLanguage) }
                    return try await app.testing().sendRequest(.GET, path, headers: headers)
                }
                #expect(try await page("/", acceptLanguage: "es-MX,es;q=0.9,en;q=0.8").body.string.contains(#"<html lang="es">"#))
                #expect(try await page("/", acceptLanguage: "de, fr;q=0.5").body.string.contains(#"<html lang="fr">"#))
                #expect(try await page("/", acceptLanguage: nil).body.string.contains(#"<html lang="en">"#))
                let huge = String(repeating: "de-DE;q=0.9,", count: 9000) + "es"
                #expect(try await page("/", acceptLanguage: huge).body.string.contains(#"<html lang="en">"#))
                for bad in ["../../etc", "%3Cscript%3E", "xx", "es%00"] {
                    let res = try await page("/?lang=" + bad, acceptLanguage: "fr")
                    #expect(res.status == .ok)
                    #expect(res.body.string.contains(#"<html lang="fr">"#), "\(bad)")
                    #expect(!res.headers[.setCookie].contains { $0.hasPrefix("coop_lang=") })
                }
                // An error page for a path no route has is in the visitor's language too.
                let missing = try await page("/no-such-page", acceptLanguage: "es")
                #expect(missing.status == .notFound && missing.body.string.contains("No encontrado"))
            }
        }

        @Test func aMembersSavedLanguageComesFirst() async throws {
            try await withCoop { app async throws in
                var b = Browser(app)
                try await b.logIn("ana@demo.coop")
                let home = try await b.get(SiteURL.home.path).body.string
                #expect(home.contains(#"name="lang" value="fr""#))
                let res = try await b.post(SiteURL.language.path, ["lang": "fr", "back": "/proposals"])
                #expect(res.status == .seeOther && res.headers.first(name: .location) == "/proposals")
                b.jar["coop_lang"] = nil
                // Saved: it wins over ?lang= and over the browser's own languages.
                let page = try await b.get(SiteURL.proposals.path + "?lang=es").body.string
                #expect(page.contains(#"<html lang="fr">"#) && page.contains("Se déconnecter (Ana Alves)"))
                // Only a language Coop offers, and only back to this site.
                #expect(try await b.post(SiteURL.language.path, ["lang": "qps"]).status == .badRequest)
                #expect(try await b.post(SiteURL.language.path, ["lang": "../../etc"]).status == .badRequest)
                let away = try await b.post(SiteURL.language.path, ["lang": "es", "back": "//evil.example/x"])
                #expect(away.headers.first(name: .location) == SiteURL.home.path)
                // Without the form's token, nothing is saved.
                var other = Browser(app)
                other.jar = b.jar
                #expect(try await other.post(SiteURL.language.path, ["lang": "en"], csrf: false).status == .forbidden)
                #expect(try await b.get("/").body.string.contains(#"<html lang="es">"#))
            }
        }

        @Test func aProposalIsMarkedWithTheLanguageItWasWrittenIn() async throws {
            try await withCoop { app async throws in
                var ana = Browser(app)
                try await ana.logIn("ana@demo.coop")
                _ = try await ana.post(SiteURL.language.path, ["lang": "es"])
                _ = try await ana.get(SiteURL.newProposal.path)
                let res = try await ana.post(
                    SiteURL.proposals.path,
                    [
                        "kind": "policy_change", "title": "Bajar la comisión", "body": "Es demasiado alta.", "policy": "platform_fee",
                        "value": "8%",
                    ])
                #expect(res.status == .seeOther)
                let stored = try #require(try await ProposalRecord.query(on: app.db).filter(\.$title == "Bajar la comisión").first())
                #expect(stored.language == "es")
                // Read in English, the member-written text keeps its own language.
                let page = try await app.testing().sendRequest(.GET, SiteURL.proposal(stored.number).path).body.string
                #expect(page.contains(#"<html lang="en">"#) && page.contains(#"<h1 lang="es">"#))
                #expect(page.contains(#"class="written" lang="es""#))
                let list = try await app.testing().sendRequest(.GET, SiteURL.proposals.path).body.string
                #expect(list.contains(#"lang="es">Bajar la comisión</a>"#))
                // Older proposals, with no language stored, are taken to be in the co-op's.
                #expect(list.contains(#"lang="en">"#))
            }
        }

        @Test func thePseudoLanguageAltersTheTranslatedText() async throws {
            try await withCoop { app async throws in
                let html = try await app.testing().sendRequest(.GET, SiteURL.login.path + "?lang=qps").body.string
                #expect(html.contains(#"<html lang="en-x-qps">"#))
                #expect(html.contains(Pseudo.alter("Log in")) && html.contains(Pseudo.alter("Password")))
            }
        }

        @Test func htmlInATranslationIsEscapedLikeAnyText() throws {
            let po = try POFile(
                parsing: """
                    msgid ""
                    msgstr "Plural-Forms: nplurals=2; plural=(n != 1);\\n"

                    msgid "Home"
                    msgstr "<script>alert(1)</script>"

                    msgid "Log in"
                    msgstr "<b onmouseover=x>Entrar</b>"
                    """)
            let hostile = try Catalog(language: .es, po: po)
            let page = Lang.$catalog.withValue(hostile) {
                Layout.page(
                    Layout.Context(title: t("Log in"), user: nil, isSteward: false, csrf: "", coopName: "Coop"),
                    .p(.text(t("Log in"))))
            }
            #expect(!page.body.contains("<script>") && !page.body.contains("<b onmouseover"))
            #expect(page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        }

        @Test func utcFieldsAgreeWithTheGregorianCalendar() {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            let english = DateFormatter()
            english.locale = Locale(identifier: "en_US_POSIX")
            english.timeZone = TimeZone(identifier: "UTC")
            english.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
            // Leap days, century rules, the epoch, negative times, and a spread of random seconds since
            // 1589 (Foundation counts earlier days by the Julian calendar; these are proleptic Gregorian).
            var seconds: [Double] = [0, -1, 59, 86_399, 86_400, 951_782_400, 951_868_799, 4_107_542_400, 1_795_000_000.9, -86_401]
            var rng = SystemRandomNumberGenerator()
            for _ in 0..<2000 { seconds.append(Double(Int64.random(in: -12_000_000_000...253_402_300_799, using: &rng))) }
            for s in seconds {
                let d = Date(timeIntervalSince1970: s)
                let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: d)
                let f = UTCFields(d)
                #expect([f.year, f.month, f.day, f.hour, f.minute] == [c.year, c.month, c.day, c.hour, c.minute], "\(s)")
                if s >= 0 { #expect(f.stamp == english.string(from: d), "\(s)") }
            }
            _ = UTCFields(Date(timeIntervalSince1970: .infinity))
            _ = UTCFields(Date(timeIntervalSince1970: -.greatestFiniteMagnitude))
            _ = UTCFields(Date(timeIntervalSince1970: .nan))
        }

        @Test func moneyAndDatesFollowTheLanguage() {
            let m = Money(minorUnits: 1_234_550, currency: Currency(code: "EUR"))
            let date = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18 11:06 UTC
            Lang.$catalog.withValue(Translations.catalog(.es)) {
                #expect(money(m) == "12.345,50\u{A0}EUR")
                #expect(Layout.date(date) == "18 nov 2026, 11:06 UTC")
            }
            Lang.$catalog.withValue(Translations.catalog(.fr)) {
                #expect(money(m) == "12\u{202F}345,50\u{A0}EUR")
                #expect(tn("%d vote", "%d votes", 1) == "1 voix" && tn("%d day", "%d days", 0) == "0 jour")
            }
            #expect(money(m) == "12345.50 EUR" && Layout.date(date) == "2026-11-18 11:06 UTC")
        }
    }
}
