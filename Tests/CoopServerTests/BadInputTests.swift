import CoopCore
import CoopStore
import Foundation
import Testing
import VaporTesting

@testable import CoopServer

extension Server {
    @Suite struct BadInputTests {
        struct ErrorBody: Decodable {
            let error: Bool
            let status: Int
            let reason: String
        }

        @Test func malformedJSONGetsAJSONErrorAndChangesNothing() async throws {
            try await withCoop { app async throws in
                let users = try await count("users", on: app)
                let api = APIClient(app: app)
                for raw in ["{", "[]", #"{"name": 3}"#, #"{"name":"A","email":"nope","password":"short"}"#] {
                    let res = try await api.send(.POST, APIPath.users.fullPath, raw: raw)
                    #expect(res.status == .badRequest, "\(raw)")
                    let body = try res.content.decode(ErrorBody.self)
                    #expect(body.error && body.status == 400 && !body.reason.isEmpty)
                }
                let invalid = try await api.send(.POST, APIPath.users.fullPath, raw: #"{"name":"A","email":"nope","password":"short"}"#)
                let reason = try invalid.content.decode(ErrorBody.self).reason.lowercased()
                #expect(reason.contains("email") && reason.contains("password"), "every bad field at once: \(reason)")
                #expect(try await count("users", on: app) == users)
            }
        }

        @Test func malformedFormsShowTheReasonOnThePage() async throws {
            try await withCoop { app async throws in
                var b = Browser(app)
                _ = try await b.get(SiteURL.signup.path)
                let res = try await b.post(SiteURL.signup.path, ["name": "", "email": "x", "password": "1"])
                #expect(res.status == .badRequest)
                #expect(res.body.string.contains(#"role="alert""#))
                try await b.signUp("Kim", "kim@example.org")
                let unknown = try await b.post(SiteURL.join.path, ["class": "overlord"])
                #expect(unknown.status == .badRequest)
                #expect(unknown.body.string.contains("no stakeholder class 'overlord'"))
                let badMethod = try await b.post(SiteURL.join.path, ["class": "user"])
                #expect(badMethod.status == .seeOther)
                let pay = try await b.post(SiteURL.membershipPayment.path, ["method": "bitcoin"])
                #expect(pay.status == .badRequest)
                #expect(try await count("payments", on: app) == 7, "six founders' payments and Eli's, and no new one")
            }
        }

        @Test func duplicatesAndOutOfTurnActionsAreConflicts() async throws {
            try await withCoop { app async throws in
                let api = APIClient(app: app)
                let dup = try await api.send(
                    .POST, APIPath.users.fullPath, json: ["name": "Ana", "email": "ANA@demo.coop", "password": "a-long-password"])
                #expect(dup.status == .conflict)
                let ana = try await APIClient.login(app, "ana@demo.coop")
                #expect(try await ana.send(.POST, APIPath.membership.fullPath, json: ["class": "user"]).status == .conflict)
                #expect(try await ana.send(.POST, APIPath.membershipPayment.fullPath, json: ["method": "cash"]).status == .conflict)
                let sam = try await APIClient.login(app, "sam@demo.coop")
                let bad = try await sam.send(.POST, APIPath.paymentConfirm.fullPath.replacingOccurrences(of: "{id}", with: "not-a-uuid"))
                #expect(bad.status == .badRequest)
                #expect(try await sam.send(.POST, APIPath.paymentConfirm.with(UUID())).status == .notFound)
            }
        }

        @Test func beforeFoundingPagesSayHowToFound() async throws {
            try await withCoop(founded: false) { app async throws in
                let res = try await app.testing().sendRequest(.GET, SiteURL.home.path)
                #expect(res.status == .ok)
                #expect(res.body.string.contains("coop serve --bylaws"))
                #expect(try await app.testing().sendRequest(.GET, APIPath.coop.fullPath).status == .serviceUnavailable)
            }
        }
    }
}
