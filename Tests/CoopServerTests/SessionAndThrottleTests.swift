import CoopCore
import CoopStore
import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting

@testable import CoopServer

/// Logins, sign-ups and sessions under attack: limits that hold under parallel requests, a
/// client address that a stranger cannot forge, and sessions that end on the server.
extension Server {
    @Suite struct SessionAndThrottleTests {
        @Test func parallelWrongPasswordsAreCountedBeforeTheyAreChecked() async throws {
            try await withCoop { app async throws in
                let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                    for _ in 0..<30 {
                        group.addTask {
                            try await APIClient(app: app).send(
                                .POST, APIPath.tokens.fullPath, json: ["email": "ana@demo.coop", "password": "not-her-password"]
                            ).status
                        }
                    }
                    return try await group.reduce(into: [HTTPStatus]()) { $0.append($1) }
                }
                #expect(statuses.filter { $0 == .unauthorized }.count == app.coop.config.loginFailuresPerAccount)
                #expect(statuses.filter { $0 == .tooManyRequests }.count == 30 - app.coop.config.loginFailuresPerAccount)
                // Now even the right password waits for the window to pass.
                let right = try await APIClient(app: app).send(
                    .POST, APIPath.tokens.fullPath, json: ["email": "ana@demo.coop", "password": DemoCoop.password])
                #expect(right.status == .tooManyRequests)
            }
        }

        @Test func aSuccessfulLoginDoesNotCountAsAFailure() async throws {
            try await withCoop { app async throws in
                for _ in 0..<(app.coop.config.loginFailuresPerAccount + 2) {
                    _ = try await APIClient.login(app, "bo@demo.coop")
                }
                #expect(try await LoginAttemptRecord.query(on: app.db).filter(\.$succeeded == false).count() == 0)
            }
        }

        @Test func aBurstOfSignUpsIsThrottledAndOthersKeepBeingAnswered() async throws {
            try await withCoop(configure: { $0.bcryptCost = 8 }) { app async throws in
                let limit = app.coop.config.signupsPerAddress
                let (signups, others) = try await withThrowingTaskGroup(of: (Bool, HTTPStatus).self) { group in
                    for i in 0..<(limit + 10) {
                        group.addTask {
                            let res = try await APIClient(app: app).send(
                                .POST, APIPath.users.fullPath,
                                json: ["name": "Burst \(i)", "email": "burst\(i)@example.org", "password": "a-long-password"])
                            return (true, res.status)
                        }
                    }
                    for _ in 0..<20 {
                        group.addTask { (false, try await app.testing().sendRequest(.GET, APIPath.coop.fullPath).status) }
                    }
                    var s: [HTTPStatus] = []
                    var o: [HTTPStatus] = []
                    for try await (isSignup, status) in group { if isSignup { s.append(status) } else { o.append(status) } }
                    return (s, o)
                }
                #expect(signups.filter { $0 == .created }.count == limit)
                #expect(signups.filter { $0 == .tooManyRequests }.count == 10)
                #expect(others.allSatisfy { $0 == .ok }, "\(others)")
                #expect(try await UserRecord.query(on: app.db).filter(\.$email ~~ "burst").count() == limit)
            }
        }

        @Test func theClientAddressComesFromXForwardedForOnlyThroughATrustedProxy() throws {
            let proxies = TrustedProxies([
                try #require(.init("10.0.0.0/8")), try #require(.init("127.0.0.1")), try #require(.init("fd00::/8")),
            ])
            #expect(proxies.client(peer: "127.0.0.1", forwardedFor: ["203.0.113.5, 10.1.2.3"]) == "203.0.113.5")
            #expect(proxies.client(peer: "127.0.0.1", forwardedFor: ["198.51.100.1", "203.0.113.5"]) == "203.0.113.5", "the nearest hop")
            #expect(proxies.client(peer: "198.51.100.7", forwardedFor: ["203.0.113.5"]) == "198.51.100.7", "an untrusted peer")
            #expect(proxies.client(peer: "fd00::1", forwardedFor: ["2001:db8::9"]) == "2001:db8::9")
            #expect(proxies.client(peer: "127.0.0.1", forwardedFor: ["not-an-address"]) == "127.0.0.1")
            #expect(proxies.client(peer: "127.0.0.1", forwardedFor: []) == "127.0.0.1")
            #expect(proxies.client(peer: "127.0.0.1", forwardedFor: ["10.0.0.1, 10.0.0.2"]) == "10.0.0.1", "all proxies: the first")
            #expect(TrustedProxies().client(peer: "127.0.0.1", forwardedFor: ["203.0.113.5"]) == "127.0.0.1", "none trusted")
            for bad in ["10.0.0.0/33", "nonsense", "::1/129", "1.2.3.4/-1", ""] { #expect(TrustedProxies.Network(bad) == nil, "\(bad)") }
            #expect(throws: (any Error).self) { try ServeCommand.parse(["--trusted-proxy", "10.0.0.0/40"]) }
            #expect(throws: (any Error).self) { try ServeCommand.parse(["--public-url", "ftp://x"]) }
            _ = try ServeCommand.parse([
                "--trusted-proxy", "10.0.0.0/8", "--trusted-proxy", "::1", "--public-url", "https://coop.example.org",
            ])
        }

        @Test func anUnknownSessionCookieWritesNothing() async throws {
            try await withCoop { app async throws in
                let before = try await count("sessions", on: app)
                for _ in 0..<200 {
                    var headers = HTTPHeaders()
                    headers.add(name: .cookie, value: "coop_session=\(UUID().uuidString)")
                    let res = try await app.testing().sendRequest(.GET, SiteURL.home.path, headers: headers)
                    #expect(res.status == .ok)
                }
                #expect(try await count("sessions", on: app) == before)
                // A form page keeps its CSRF token: one row.
                _ = try await app.testing().sendRequest(.GET, SiteURL.login.path)
                #expect(try await count("sessions", on: app) == before + 1)
            }
        }

        @Test func aSessionEndsWhenIdleAndAfterItsLifetime() async throws {
            let clock = TestClock()
            try await withCoop(configure: { $0.now = { clock.now } }) { app async throws in
                var ana = Browser(app)
                try await ana.logIn("ana@demo.coop")
                #expect(try await ana.get(SiteURL.membership.path).status == .ok)
                clock.advance(days: 8)  // idle longer than 7 days
                #expect(try await ana.get(SiteURL.membership.path).status != .ok, "logged out")
                // Active every 6 days, the session still ends 30 days after log-in.
                try await ana.logIn("ana@demo.coop")
                for _ in 0..<5 {
                    clock.advance(days: 6)
                    #expect(try await ana.get(SiteURL.membership.path).status == .ok)
                }
                clock.advance(days: 1)  // day 31
                #expect(try await ana.get(SiteURL.membership.path).status != .ok)
                // The sweep removes what expired without being read again.
                var bo = Browser(app)
                try await bo.logIn("bo@demo.coop")
                _ = try await app.testing().sendRequest(.GET, SiteURL.login.path)  // an anonymous session
                #expect(try await count("sessions", on: app) >= 2)
                clock.advance(days: 8)
                try await CoopSessions.deleteExpired(app: app, at: clock.now)
                #expect(try await count("sessions", on: app) == 0)
            }
        }

        @Test func aPublicHTTPSAddressMarksCookiesSecure() async throws {
            try await withCoop(configure: { $0.secureCookies = true }) { app async throws in
                let res = try await app.testing().sendRequest(.GET, SiteURL.login.path)
                let cookie = try #require(res.headers[.setCookie].first)
                #expect(cookie.contains("Secure") && cookie.contains("HttpOnly"))
            }
        }
    }
}
