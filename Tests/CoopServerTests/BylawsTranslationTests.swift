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
    }
}
