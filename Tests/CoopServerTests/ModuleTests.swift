import CoopCore
import CoopStore
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import CoopServer

extension Server {
    /// Learning modules: a steward publishes, a member completes by answering right, and the
    /// completion is on their membership page and in their data export. Attacks change nothing.
    @Suite struct ModuleTests {
        static let quiz =
            "? How long do you wash your hands?\n- 5 seconds\n* 20 seconds\n? Raw chicken goes\n* on the bottom shelf\n- on the top shelf"

        static func modules(_ app: Application) async throws -> Int { try await count("learning_modules", on: app) }

        @Test func aStewardPublishesAndAMemberCompletesAModule() async throws {
            try await withCoop(founded: false) { app async throws in
                let coop = try await Fixture.coop(app)
                _ = try await coop.member("Mo Maker")
                var steward = Browser(app)
                try await steward.logIn(Fixture.stewardEmail, Fixture.password)
                #expect(try await steward.get(SiteURL.modules.path).body.string.contains("id=\"publish-module\""))
                let published = try await steward.post(
                    SiteURL.modules.path,
                    [
                        "title": "Food hygiene",
                        "text": "# Wash\n\nWash **20 seconds**. <script>alert(1)</script> [x](javascript:alert(1))",
                        "questions": Self.quiz,
                    ])
                #expect(published.status == .seeOther, "\(published.body.string.prefix(500))")
                let location = try #require(published.headers.first(name: .location))

                var mo = Browser(app)
                try await mo.logIn("mo.maker@fixture.test", Fixture.password)
                let page = try await mo.get(location)
                let html = page.body.string
                #expect(html.contains("<h2>Wash</h2>") && html.contains("<strong>20 seconds</strong>"))
                #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !html.contains("<script>alert"))
                #expect(!html.contains("javascript:alert"))
                #expect(html.contains("<fieldset><legend>1. How long do you wash your hands?</legend>"))

                // Wrong answers: told how many are right, nothing recorded.
                let wrong = try await mo.post(location + "/complete", ["q0": "0", "q1": "0"])
                #expect(wrong.status == .badRequest && wrong.body.string.contains("1 of 2 answers are right"))
                // Forged: a question or answer the module does not have.
                for forged in [
                    ["q0": "1", "q1": "0", "q7": "0"], ["q0": "9", "q1": "0"], ["q0": "1"], ["q0": "x", "q1": "0"], ["qq": "1"],
                ] {
                    let res = try await mo.post(location + "/complete", forged)
                    #expect(res.status == .badRequest, "\(forged): \(res.status)")
                }
                #expect(try await count("module_completions", on: app) == 0)

                let right = try await mo.post(location + "/complete", ["q0": "1", "q1": "0"])
                #expect(right.status == .seeOther, "\(right.body.string.prefix(500))")
                #expect(try await mo.get(location).body.string.contains("id=\"module-done\""))
                // Again: still one completion.
                _ = try await mo.post(location + "/complete", ["q0": "1", "q1": "0"])
                #expect(try await count("module_completions", on: app) == 1)
                #expect(try await mo.get(SiteURL.membership.path).body.string.contains("Food hygiene"))
                let export = try await mo.get(SiteURL.myDataJSON.path).body.string
                #expect(export.contains("\"moduleCompletions\"") && export.contains("Food hygiene"), "\(export.suffix(800))")
            }
        }

        @Test func onlyAStewardPublishesAndABadDraftIsRefusedInPlainWords() async throws {
            try await withCoop(founded: false) { app async throws in
                let coop = try await Fixture.coop(app)
                _ = try await coop.member("Mo Maker")
                var mo = Browser(app)
                try await mo.logIn("mo.maker@fixture.test", Fixture.password)
                _ = try await mo.get(SiteURL.modules.path)
                let notSteward = try await mo.post(SiteURL.modules.path, ["title": "Mine", "text": "Hi", "questions": Self.quiz])
                #expect(notSteward.status == .forbidden)
                #expect(try await Self.modules(app) == 0)

                var steward = Browser(app)
                try await steward.logIn(Fixture.stewardEmail, Fixture.password)
                _ = try await steward.get(SiteURL.modules.path)
                let drafts: [([String: String], String)] = [
                    (["title": "", "text": "Hi", "questions": Self.quiz], "Give the module a title."),
                    (["title": "T", "text": "  ", "questions": Self.quiz], "Write the module"),
                    (["title": String(repeating: "t", count: 500), "text": "Hi", "questions": Self.quiz], "keep it to 120"),
                    (["title": "T", "text": String(repeating: "x", count: 20_001), "questions": Self.quiz], "keep it to 20,000"),
                    (["title": "T", "text": "Hi", "questions": "? q\n- a\n- b"], "exactly one right answer"),
                    (["title": "T", "text": "Hi"], "Ask at least one question"),
                ]
                for (fields, reason) in drafts {
                    let res = try await steward.post(SiteURL.modules.path, fields)
                    #expect(res.status == .badRequest, "\(reason): \(res.status)")
                    #expect(res.body.string.contains(reason), "\(reason): \(res.body.string.prefix(300))")
                }
                let huge = try await steward.post(
                    SiteURL.modules.path, ["title": "T", "text": String(repeating: "x", count: 1_000_000), "questions": Self.quiz])
                #expect(huge.status.code >= 400 && huge.status.code < 500)
                #expect(try await Self.modules(app) == 0)
                // A visitor cannot read modules, and an unknown module is a plain 404.
                var visitor = Browser(app)
                #expect(try await visitor.get(SiteURL.modules.path).status != .ok)
                #expect(try await steward.get(SiteURL.module(UUID()).path).status == .notFound)
            }
        }
    }
}
