import CoopCore
import CoopStore
import Fluent
import Foundation
import Testing
import VaporTesting

@testable import CoopServer

extension Server {
    /// The bylaws kept in several languages, the adopted text binding.
    @Suite struct BylawsTranslationTests {
        @Test func aTranslationIsKeptOnlyWhenItDecidesWhatTheBindingTextDecides() async throws {
            try await withCoop(founded: false) { app async throws in
                let f = try await Fixture.coop(app)
                _ = try await f.member("Ana Arroyo")
                let binding = try await BylawsQueries.currentText(on: app.db)
                var steward = Browser(app)
                try await steward.logIn(Fixture.stewardEmail, Fixture.password)
                var ana = try await AssemblyTests.browser(app, AssemblyTests.email("Ana Arroyo"))
                let page = try await steward.get(SiteURL.bylaws.path)
                #expect(page.status == .ok && page.body.string.contains("id=\"binding\"") && page.body.string.contains("id=\"translate\""))
                #expect(try await ana.get(SiteURL.bylaws.path).body.string.contains("id=\"translate\"") == false)

                // Names and purpose worded in Spanish: the same rules.
                let spanish = binding.replacingOccurrences(of: "purpose: \"", with: "purpose: \"En español: ")
                    .replacingOccurrences(of: "name: Worker-members", with: "name: Personas socias trabajadoras")
                #expect(spanish != binding)
                // Refused, each in words, writing nothing: by a member, into the binding language, an
                // unknown language, not bylaws, a changed rule, and a text far too large.
                let changedRule = spanish.replacingOccurrences(
                    of: "policy_change:   { method: majority, quorum: 0.25", with: "policy_change:   { method: majority, quorum: 0.10")
                #expect(changedRule != spanish)
                #expect(try await ana.post(SiteURL.bylaws.path, ["language": "es", "text": spanish]).status == .forbidden)
                for (form, words) in [
                    (["language": "en", "text": spanish], "already in English"),
                    (["language": "xx", "text": spanish], "Choose the language"),
                    (["language": String(repeating: "e", count: 5_000), "text": spanish], "Choose the language"),
                    (["language": "es", "text": "not: [bylaws"], "not valid bylaws"),
                    (["language": "es", "text": ""], "not valid bylaws"),
                    (["language": "es", "text": changedRule], "proposals.policy_change"),
                    (["language": "es", "text": String(repeating: "# x\n", count: 30_000)], "not valid bylaws"),
                ] {
                    let res = try await steward.post(SiteURL.bylaws.path, form)
                    #expect(res.status == .badRequest, "\(form["language"]!.prefix(8)): \(res.status)")
                    #expect(res.body.string.contains(words), "\(words): \(res.body.string.prefix(300))")
                }
                #expect(try await BylawsStore.translations(of: 1, on: app.db).isEmpty)

                #expect(try await steward.post(SiteURL.bylaws.path, ["language": "es", "text": spanish]).status == .seeOther)
                // A second Spanish translation replaces the first.
                #expect(try await steward.post(SiteURL.bylaws.path, ["language": "es", "text": spanish + "\n"]).status == .seeOther)
                let kept = try await BylawsStore.translations(of: 1, on: app.db)
                #expect(kept.count == 1 && kept[0].language == "es" && kept[0].text.hasSuffix("\n\n") == (spanish.hasSuffix("\n")))
                let shown = try await ana.get(SiteURL.bylaws.path).body.string
                #expect(shown.contains("id=\"translation-es\"") && shown.contains("lang=\"es\"") && shown.contains("not binding"))
                #expect(shown.contains("Personas socias trabajadoras"))
                struct K: Decodable { let kind: String }
                let kinds = try await app.db.sql().raw("SELECT kind FROM audit_entries").all(decoding: K.self).map(\.kind)
                #expect(kinds.filter { $0 == "bylaws.translated" }.count == 2)
                #expect(try await AuditLog.verify(on: app.db).get().count == Int64(kinds.count))
            }
        }

        /// What is wrong with a bylaws file, in the reader's language: the field is the file's own
        /// key, the reason is translated; English reads as it always did.
        @Test func aBylawsFilesIssuesAreWrittenInTheReadersLanguage() throws {
            let wrong = BylawsTemplate.worker.text.replacingOccurrences(of: "currency: EUR ", with: "currency: EURO")
            #expect(wrong != BylawsTemplate.worker.text)
            let cases: [(String, String, String, String)] = [
                ("   \n", "file: is empty", "file: está vacío", "file : est vide"),
                (
                    wrong, "coop.currency: 'EURO' is not a currency code with 0..4 digits",
                    "coop.currency: «EURO» no es un código de moneda con 0..4 decimales",
                    "coop.currency : « EURO » n'est pas un code de devise avec 0..4 décimales"
                ),
                (
                    wrong + "\nsurplus_extra: 1\n", "surplus_extra: unknown field; expected one of",
                    "surplus_extra: campo desconocido; se esperaba uno de estos:",
                    "surplus_extra : champ inconnu ; un de ceux-ci était attendu :"
                ),
                ("coop:\n  name: [a\n", "file: not valid YAML: ", "file: no es YAML válido: ", "file : YAML non valide : "),
                (
                    String(repeating: "x", count: 70_000), "file: is 70000 bytes long; bylaws may be at most 65536 bytes",
                    "file: ocupa 70000 bytes; los estatutos pueden ocupar como máximo 65536 bytes",
                    "file : fait 70000 octets ; les statuts peuvent faire au plus 65536 octets"
                ),
            ]
            for (text, en, es, fr) in cases {
                do {
                    _ = try BylawsFile.parse(text)
                    Issue.record("accepted: \(text.prefix(40))")
                } catch {
                    #expect(error.description == error.text(in: .source))
                    #expect(error.text(in: .source).contains(en), "\(error.text(in: .source))")
                    #expect(error.text(in: Translations.catalog(.es)).contains(es), "\(error.text(in: Translations.catalog(.es)))")
                    #expect(error.text(in: Translations.catalog(.fr)).contains(fr), "\(error.text(in: Translations.catalog(.fr)))")
                }
            }
            // The issues of an empty document have their words in both languages.
            var issues: [BylawsIssue] = []
            do { _ = try Bylaws.validate(BylawsDocument()) } catch { issues = error.issues }
            #expect(issues.count > 5)
            for issue in issues {
                for language in [CoopCore.Language.es, .fr] {
                    let catalog = Translations.catalog(language)
                    for (context, id) in RefusalLanguageTests.ids(issue.line) where id.contains(where: \.isLetter) {
                        #expect(catalog.has(id, context: context), "\(language.rawValue) misses \(id)")
                    }
                }
            }
        }

        /// A proposed translation that is not bylaws is refused on the page in the steward's
        /// language, each issue too.
        @Test func aTranslationThatIsNotBylawsIsRefusedInTheStewardsLanguage() async throws {
            try await withCoop(founded: false) { app async throws in
                _ = try await Fixture.coop(app)
                var steward = Browser(app)
                try await steward.logIn(Fixture.stewardEmail, Fixture.password)
                for (lang, words) in [
                    ("en", "The translation is not valid bylaws: file: is empty"),
                    ("es", "La traducción no son unos estatutos válidos: file: está vacío"),
                    ("fr", "file : est vide"),
                ] {
                    steward.jar["coop_lang"] = lang
                    _ = try await steward.get(SiteURL.bylaws.path)
                    let res = try await steward.post(SiteURL.bylaws.path, ["language": "es", "text": " "])
                    #expect(res.status == .badRequest)
                    #expect(res.body.string.contains(words), "\(lang): \(res.body.string.prefix(2000))")
                }
            }
        }
    }
}
