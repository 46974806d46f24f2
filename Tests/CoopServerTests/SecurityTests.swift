import CoopCore
import CoopStore
import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting

@testable import CoopServer

extension Server {
    @Suite struct SecurityTests {
        @Test func aFormWithoutTheRightCSRFTokenIsRefusedAndChangesNothing() async throws {
            try await withCoop { app async throws in
                var b = Browser(app)
                _ = try await b.get(SiteURL.signup.path)
                let users = try await count("users", on: app)
                let missing = try await b.post(
                    SiteURL.signup.path, ["name": "X", "email": "x@example.org", "password": "a-long-password"], csrf: false)
                #expect(missing.status == .forbidden)
                #expect(missing.body.string.contains("CSRF"))
                let wrong = try await b.post(
                    SiteURL.signup.path, ["name": "X", "email": "x@example.org", "password": "a-long-password", "csrf": "forged"])
                #expect(wrong.status == .forbidden)
                #expect(try await count("users", on: app) == users)
            }
        }

        @Test func whatAVisitorTypedIsEscapedWhenTheFormComesBack() async throws {
            // Plot writes attribute values as given: a value shown again in a form must be escaped,
            // or a link that posts this form would run a stranger's script on the co-op's pages.
            try await withCoop { app async throws in
                var b = Browser(app)
                _ = try await b.get(SiteURL.signup.path)
                let attack = #""><script>alert(1)</script><b x=""#
                let res = try await b.post(SiteURL.signup.path, ["name": attack, "email": attack, "password": "short"])
                #expect(res.status == .badRequest, "\(res.body.string)")
                #expect(!res.body.string.contains("<script>alert(1)</script>"))
                #expect(res.body.string.contains("&quot;&gt;&lt;script&gt;"))
            }
        }

        @Test func aLargeFormPassesTheCSRFCheck() async throws {
            try await withCoop { app async throws in
                var ana = Browser(app)
                try await ana.logIn("ana@demo.coop")
                _ = try await ana.get(SiteURL.newProposal.path)
                let big = String(repeating: "A long case for the proposal. ", count: 600)
                let res = try await ana.post(
                    SiteURL.proposals.path, ["kind": "general", "title": "A long one", "body": big, "options": "Yes, this\nNo, that"])
                #expect(res.status == .seeOther, "\(res.body.string.prefix(300))")
            }
        }

        @Test func sessionCookiesAreHttpOnlyAndSameSite() async throws {
            try await withCoop { app async throws in
                let res = try await app.testing().sendRequest(.GET, SiteURL.login.path)
                let cookie = try #require(res.headers[.setCookie].first)
                #expect(cookie.contains("HttpOnly"))
                #expect(cookie.contains("SameSite=Lax"))
                // A page without forms, for a visitor, starts no session.
                #expect(try await app.testing().sendRequest(.GET, SiteURL.home.path).headers[.setCookie].isEmpty)
            }
        }

        @Test func loggingInStartsASessionUnderANewID() async throws {
            try await withCoop { app async throws in
                var b = Browser(app)
                _ = try await b.get(SiteURL.login.path)
                let before = try #require(b.cookie)
                try await b.logIn("ana@demo.coop")
                #expect(b.cookie != nil && b.cookie != before)
                // The id from before login no longer works.
                var planted = Browser(app)
                planted.cookie = before
                #expect(try await planted.get(SiteURL.membership.path).status == .seeOther)
            }
        }

        @Test func passwordsAreStoredAsBcryptHashes() async throws {
            try await withCoop { app async throws in
                let sam = try #require(try await UserRecord.query(on: app.db).filter(\.$email == "sam@demo.coop").first())
                #expect(sam.passwordHash.hasPrefix("$2"))
                #expect(!sam.passwordHash.contains(DemoCoop.password))
            }
        }

        @Test func loginsAreThrottledPerAccount() async throws {
            try await withCoop { app async throws in
                var b = Browser(app)
                _ = try await b.get(SiteURL.login.path)
                for _ in 0..<5 {
                    #expect(
                        try await b.post(SiteURL.login.path, ["email": "ana@demo.coop", "password": "wrong-password"]).status
                            == .unauthorized)
                }
                let blocked = try await b.post(SiteURL.login.path, ["email": "ana@demo.coop", "password": DemoCoop.password])
                #expect(blocked.status == .tooManyRequests)
                #expect(blocked.body.string.contains("Too many failed logins"))
                // The API's token endpoint shares the throttle.
                let api = try await APIClient(app: app).send(
                    .POST, APIPath.tokens.fullPath, json: ["email": "ana@demo.coop", "password": DemoCoop.password])
                #expect(api.status == .tooManyRequests)
            }
        }

        @Test func loginsAreThrottledPerAddress() async throws {
            try await withCoop(configure: { $0.loginFailuresPerAddress = 3 }) { app async throws in
                var b = Browser(app)
                _ = try await b.get(SiteURL.login.path)
                for email in ["a@x.org", "b@x.org", "c@x.org"] {
                    #expect(try await b.post(SiteURL.login.path, ["email": email, "password": "nope-nope-nope"]).status == .unauthorized)
                }
                #expect(
                    try await b.post(SiteURL.login.path, ["email": "ana@demo.coop", "password": DemoCoop.password]).status
                        == .tooManyRequests)
            }
        }

        @Test func onlyStewardsConfirmPaymentsAndDecideApplications() async throws {
            try await withCoop { app async throws in
                let ana = try await APIClient.login(app, "ana@demo.coop")
                let payment = try #require(try await PaymentRecord.query(on: app.db).filter(\.$status == .pending).first())
                let res = try await ana.send(.POST, APIPath.paymentConfirm.with(payment.requireID()))
                #expect(res.status == .forbidden)
                #expect(res.body.string.contains("Only a steward"))
                #expect(try await ana.send(.GET, APIPath.stewardQueue.fullPath).status == .forbidden)
                var page = Browser(app)
                try await page.logIn("ana@demo.coop")
                #expect(try await page.get(SiteURL.steward.path).status == .forbidden)
                #expect(try await PaymentRecord.find(payment.requireID(), on: app.db)?.status == .pending)
                // Nobody is logged in: the API says 401, a page sends to the login form.
                #expect(try await APIClient(app: app).send(.GET, APIPath.membership.fullPath).status == .unauthorized)
                #expect(try await app.testing().sendRequest(.GET, SiteURL.membership.path).status == .seeOther)
            }
        }

        @Test func aStewardCannotConfirmTheirOwnPayment() async throws {
            try await withCoop { app async throws in
                // Sam withdraws, applies again as a user-member, and tries to confirm his own payment.
                let sam = try await APIClient.login(app, "sam@demo.coop")
                _ = try await sam.send(.POST, APIPath.membershipWithdraw.fullPath)
                _ = try await sam.send(.POST, APIPath.membership.fullPath, json: ["class": "user"])
                _ = try await sam.send(.POST, APIPath.membershipPayment.fullPath, json: ["method": "cash"])
                let rita = try await APIClient.login(app, "rita@demo.coop")
                let row = try #require(
                    try await rita.send(.GET, APIPath.stewardQueue.fullPath).content.decode([QueueRow].self).first {
                        $0.email == "sam@demo.coop"
                    })
                // Sam is no longer a steward at all after withdrawing.
                #expect(try await sam.send(.POST, APIPath.paymentConfirm.with(try #require(row.paymentID))).status == .forbidden)
                #expect(try await rita.send(.POST, APIPath.paymentConfirm.with(try #require(row.paymentID))).status == .noContent)
            }
        }

        @Test func aMemberCannotRevokeAnothersToken() async throws {
            try await withCoop { app async throws in
                let ana = try await APIClient.login(app, "ana@demo.coop")
                let anaToken = try #require(try await APITokenRecord.query(on: app.db).first())
                _ = try await APIClient.login(app, "bo@demo.coop")
                let bos = try #require(try await APITokenRecord.query(on: app.db).all().first { $0.id != anaToken.id })
                #expect(try await ana.send(.DELETE, APIPath.token.with(bos.requireID())).status == .notFound)
                #expect(try await APITokenRecord.find(bos.requireID(), on: app.db) != nil)
                #expect(try await ana.send(.DELETE, APIPath.token.with(anaToken.requireID())).status == .noContent)
                #expect(try await ana.send(.GET, APIPath.membership.fullPath).status == .unauthorized)
            }
        }

        @Test func theAPIIgnoresSessionCookies() async throws {
            try await withCoop { app async throws in
                var b = Browser(app)
                try await b.logIn("ana@demo.coop")
                var headers = HTTPHeaders()
                headers.add(name: .cookie, value: try #require(b.cookie))
                #expect(try await app.testing().sendRequest(.GET, APIPath.membership.fullPath, headers: headers).status == .unauthorized)
            }
        }
    }
}
