import CoopStore
import Foundation
import Testing
import VaporTesting

@testable import CoopServer

extension Server {
    @Suite struct PageTests {
        @Test func homeShowsPurposeClassesPoliciesAndAuditHead() async throws {
            try await withCoop { app async throws in
                let html = try await app.testing().sendRequest(.GET, SiteURL.home.path).body.string
                #expect(html.contains("Commons Care Co-operative"))
                #expect(html.contains("home-care and cleaning platform"))
                #expect(html.contains(#"data-policy="platform_fee""#))
                #expect(html.contains("<strong>10%</strong>"))
                #expect(html.contains(#"id="audit-head""#))
                let head = try #require(try await AuditLog.head(on: app.db))
                #expect(html.contains(head.hash))
            }
        }

        @Test func theRegisterIsForMembersAndThePublicSeesCounts() async throws {
            try await withCoop { app async throws in
                let visitor = try await app.testing().sendRequest(.GET, SiteURL.members.path).body.string
                #expect(visitor.contains(#"id="counts""#))
                #expect(!visitor.contains("Ana Alves"))
                var b = Browser(app)
                try await b.logIn("ana@demo.coop")
                let member = try await b.get(SiteURL.members.path).body.string
                #expect(member.contains(#"id="register""#))
                #expect(member.contains("Ana Alves"))
                // An applicant is not yet a member.
                var eli = Browser(app)
                try await eli.logIn("eli@demo.coop")
                #expect(!(try await eli.get(SiteURL.members.path).body.string.contains("Ana Alves")))
            }
        }

        @Test func everyPageRenders() async throws {
            try await withCoop { app async throws in
                var b = Browser(app)
                for url in [SiteURL.home, .signup, .login, .audit, .members] {
                    #expect(try await b.get(url.path).status == .ok, "\(url.path)")
                }
                try await b.logIn("sam@demo.coop")
                for url in [SiteURL.join, .membership, .steward, .members, .audit] {
                    let res = try await b.get(url.path)
                    #expect(res.status == .ok, "\(url.path)")
                    #expect(res.body.string.contains("Log out (Sam Steward)"))
                }
                #expect(try await b.get(SiteURL.stylesheet.path).status == .ok)
                #expect(try await b.get("/no-such-page").status == .notFound)
            }
        }

        @Test func browsersGetPagesForErrorsAndTheAPIGetsJSON() async throws {
            try await withCoop { app async throws in
                let chromium = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"
                var headers = HTTPHeaders()
                headers.add(name: .accept, value: chromium)
                let page = try await app.testing().sendRequest(.GET, SiteURL.membership.path, headers: headers)
                #expect(page.status == .seeOther)
                #expect(page.headers.first(name: .location) == AuthPages.loginLink(next: SiteURL.membership.path))
                let missing = try await app.testing().sendRequest(.GET, "/nowhere", headers: headers)
                #expect(missing.status == .notFound)
                #expect(missing.headers.contentType == .html)
                let api = try await app.testing().sendRequest(.GET, "/api/v1/nowhere", headers: headers)
                #expect(api.headers.contentType == .json)
            }
        }

        @Test func loggingOutEndsTheSession() async throws {
            try await withCoop { app async throws in
                var b = Browser(app)
                try await b.logIn("ana@demo.coop")
                #expect(try await b.post(SiteURL.logout.path).status == .seeOther)
                #expect(try await b.get(SiteURL.membership.path).status == .seeOther)
            }
        }
    }
}
