import CoopCore
import CoopStore
import Fluent
import Foundation
import Testing
import VaporTesting

@testable import CoopServer

extension Server {
    /// Checking a member in from the QR code on their page: a link only a steward can follow, to
    /// the same check-in as typing the code.
    @Suite struct CheckInLinkTests {
        typealias A = AssemblyTests

        @Test func aStewardsPhoneOpensTheMembersCodeAndChecksThemIn() async throws {
            let clock = TestClock()
            try await withCoop(founded: false, configure: { $0.now = { clock.now } }) { app async throws in
                let f = try await Fixture.coop(app)
                for name in ["Ana Arroyo", "Bo Berg"] { _ = try await f.member(name) }
                let n = try await f.proposal(
                    by: f.steward, ["kind": "general", "title": "Paint the hall", "body": "Green.", "options": "Green\nBlue"])
                var steward = try await A.browser(app, Fixture.stewardEmail)
                _ = try await steward.get(SiteURL.newAssembly.path)
                #expect(try await steward.post(SiteURL.assemblies.path, A.form(clock, days: 15, agenda: "\(n)")).status == .seeOther)
                let a = try #require(try await AssemblyStore.find(number: 1, on: app.db))
                let ana = try await A.membership(A.email("Ana Arroyo"), on: app.db)
                let code = try #require(try await AssemblyStore.called(try ana.requireID(), to: a.requireID(), on: app.db)).code
                let link = SiteURL.assemblyCheckInLink(1, code).path

                // Ana's page shows her code as a QR code of the link.
                var member = try await A.browser(app, A.email("Ana Arroyo"))
                let page = try await member.get(SiteURL.assembly(1).path).body.string
                let svg = try #require(page.firstRange(of: #"<svg xmlns="http://www.w3.org/2000/svg" class="qr""#), "\(page)")
                #expect(page[svg.lowerBound...].contains("data-version=") && page.contains(#"id="check-in-qr""#))
                let expected = try QRCode(app.coop.config.mail.baseURL + link).svg(label: "Your check-in code as a QR code")
                #expect(page.contains(expected))

                // Only a steward follows it; a member or a visitor learns nothing of whose code it is.
                #expect(try await member.get(link).status == .forbidden)
                var visitor = Browser(app)
                let anonymous = try await visitor.get(link)
                #expect(anonymous.status != .ok && !anonymous.body.string.contains("Ana Arroyo"))
                // Before the assembly opens, it says so.
                let early = try await steward.get(link)
                #expect(early.status == .ok && early.body.string.contains("Check-in opens when"), "\(early.body.string.prefix(300))")
                clock.advance(days: 15)
                steward = try await A.browser(app, Fixture.stewardEmail)
                _ = try await steward.get(SiteURL.assembly(1).path)
                #expect(try await steward.post(SiteURL.assemblyOpen(1).path).status == .seeOther)
                // Case and dashes do not matter; a code nobody has, or no code at all, is refused.
                let shown = try await steward.get(SiteURL.assemblyCheckInLink(1, code.lowercased()).path)
                #expect(shown.status == .ok && shown.body.string.contains("Check in Ana Arroyo"), "\(shown.body.string.prefix(400))")
                for (bad, status) in [
                    ("ZZZZZZ", HTTPStatus.notFound), ("!!", .badRequest), ("ABC", .badRequest),
                    (String(repeating: "A", count: 5_000), .badRequest),
                ] {
                    let res = try await steward.get(SiteURL.assemblyCheckInLink(1, bad).path)
                    #expect(res.status == status, "\(bad.prefix(10)): \(res.status)")
                }
                #expect(try await steward.get(SiteURL.assemblyCheckInLink(99, code).path).status == .notFound)
                // One press checks her in, as typing the code does.
                #expect(try await steward.post(SiteURL.assemblyCheckIn(1).path, ["code": code]).status == .seeOther)
                let again = try await steward.get(link)
                #expect(again.body.string.contains("already checked in, in person"))
                // Checked in, her page no longer shows the QR code.
                member = try await A.browser(app, A.email("Ana Arroyo"))
                let after = try await member.get(SiteURL.assembly(1).path).body.string
                #expect(!after.contains(#"id="check-in-qr""#) && after.contains("You are checked in in person."))
            }
        }
    }
}
