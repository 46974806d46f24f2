import CoopCore
import CoopStore
import Fluent
import Foundation
import Testing
import VaporTesting

@testable import CoopServer

extension Server {
    /// Leaving a general assembly: at the desk by code, online by oneself; a proxy left on the way
    /// out; proxies held leave with their holder; items opened before keep their frozen count.
    @Suite struct AssemblyCheckOutTests {
        typealias A = AssemblyTests

        @Test func membersLeaveAndComeBackAndOnlyLaterItemsSeeIt() async throws {
            let clock = TestClock()
            try await withCoop(founded: false, configure: { $0.now = { clock.now } }) { app async throws in
                let f = try await Fixture.coop(app)
                let names = ["Ana Arroyo", "Bo Berg", "Cy Chan", "Di Diaz", "Ed Eng"]
                for name in names { _ = try await f.member(name) }
                let first = try await f.proposal(
                    by: f.steward, ["kind": "policy_change", "title": "A lower fee", "policy": "platform_fee", "value": "8%"])
                let second = try await f.proposal(
                    by: f.steward, ["kind": "policy_change", "title": "A lower fee still", "policy": "platform_fee", "value": "7%"])
                let other = try await f.proposal(
                    by: f.steward, ["kind": "general", "title": "Paint the hall", "body": "Green.", "options": "Green\nBlue"])
                var steward = try await A.browser(app, Fixture.stewardEmail)
                _ = try await steward.get(SiteURL.newAssembly.path)
                #expect(
                    try await steward.post(SiteURL.assemblies.path, A.form(clock, days: 15, agenda: "\(first), \(second)")).status
                        == .seeOther)
                _ = try await steward.get(SiteURL.newAssembly.path)
                #expect(try await steward.post(SiteURL.assemblies.path, A.form(clock, days: 20, agenda: "\(other)")).status == .seeOther)
                // Admitted after the convocation: not called, so neither present nor able to leave.
                _ = try await f.member("Fay Fox")
                let a = try #require(try await AssemblyStore.find(number: 1, on: app.db))
                let aid = try a.requireID()
                let elsewhere = try #require(try await AssemblyStore.find(number: 2, on: app.db)).requireID()

                var ms: [String: MembershipRecord] = [:]
                for name in names + ["Stella Steward"] {
                    ms[name] = try await A.membership(name == "Stella Steward" ? Fixture.stewardEmail : A.email(name), on: app.db)
                }
                func id(_ name: String) -> UUID { ms[name]!.id! }
                func number(_ name: String) -> String { String(ms[name]!.memberNumber!) }
                func code(_ name: String, at assembly: UUID? = nil) async throws -> String {
                    try #require(try await AssemblyStore.called(id(name), to: assembly ?? aid, on: app.db)).code
                }
                var members: [String: Browser] = [:]
                func login() async throws {
                    steward = try await A.browser(app, Fixture.stewardEmail)
                    _ = try await steward.get(SiteURL.assembly(1).path)
                    for name in names {
                        var b = try await A.browser(app, A.email(name))
                        _ = try await b.get(SiteURL.assembly(1).path)
                        members[name] = b
                    }
                }
                try await login()
                func post(_ name: String, _ url: SiteURL, _ form: [String: String] = [:]) async throws -> TestingHTTPResponse {
                    name == "steward" ? try await steward.post(url.path, form) : try await members[name]!.post(url.path, form)
                }
                func desk(_ who: String, _ code: String, _ extra: [String: String] = [:]) async throws -> TestingHTTPResponse {
                    try await post(who, .assemblyCheckOut(1), ["code": code, "confirm": "yes"].merging(extra) { $1 })
                }
                func leave(_ who: String, _ extra: [String: String] = [:]) async throws -> TestingHTTPResponse {
                    try await post(who, .assemblyCheckOutOnline(1), ["confirm": "yes"].merging(extra) { $1 })
                }
                func roll() async throws -> AssemblyRoll<UUID> { try await AssemblyStore.roll(of: aid, on: app.db) }
                #expect(try await post("Ed Eng", .assemblyProxy(1), ["holder": number("Bo Berg")]).status == .seeOther)

                // Before the assembly is in session nobody can leave it.
                #expect(try await desk("steward", try await code("Ana Arroyo")).status == .conflict)
                #expect(try await leave("Cy Chan").status == .conflict)

                clock.advance(days: 15)
                try await login()
                #expect(try await steward.post(SiteURL.assemblyOpen(1).path).status == .seeOther)
                for name in ["Stella Steward", "Ana Arroyo", "Bo Berg"] {
                    #expect(try await steward.post(SiteURL.assemblyCheckIn(1).path, ["code": try await code(name)]).status == .seeOther)
                }
                for name in ["Cy Chan", "Di Diaz"] { #expect(try await post(name, .assemblyCheckInOnline(1)).status == .seeOther) }
                #expect(try await steward.post(SiteURL.assemblyTeller(1).path, ["member": number("Ana Arroyo")]).status == .seeOther)
                let seated = try await roll()
                #expect(seated.count == AttendanceCount(eligible: 6, inPerson: 3, online: 2, byProxy: 1))

                // The forms: the desk for the steward and the teller, a button for a member online.
                let stewardPage = try await steward.get(SiteURL.assembly(1).path).body.string
                #expect(stewardPage.contains(SiteURL.assemblyCheckOut(1).path) && stewardPage.contains("check-out-code"))
                #expect(try await members["Ana Arroyo"]!.get(SiteURL.assembly(1).path).body.string.contains("check-out-code"))
                let cyPage = try await members["Cy Chan"]!.get(SiteURL.assembly(1).path).body.string
                #expect(cyPage.contains(SiteURL.assemblyCheckOutOnline(1).path) && !cyPage.contains("check-out-code"))
                let boPage = try await members["Bo Berg"]!.get(SiteURL.assembly(1).path).body.string
                #expect(boPage.contains("Check out at the desk") && !boPage.contains(SiteURL.assemblyCheckOutOnline(1).path))

                // Every refusal says why and changes nothing.
                let refusals: [(String, String, HTTPStatus, String)] = [
                    ("Cy Chan", "Bo Berg", .forbidden, "not a steward nor a teller"),
                    ("steward", "Ed Eng", .conflict, "not present"),
                    ("steward", "Di Diaz", .conflict, "checked in online: leaves by the button"),
                ]
                for (who, whose, status, why) in refusals {
                    let res = try await desk(who, try await code(whose))
                    #expect(res.status == status, "\(why): \(res.status) \(res.body.string.prefix(300))")
                }
                for bad in ["", "ZZZZZZ", "<script>", String(repeating: "A", count: 5_000), try await code("Ana Arroyo", at: elsewhere)] {
                    let res = try await desk("steward", bad)
                    #expect([.badRequest, .notFound].contains(res.status), "code \(bad.prefix(12)): \(res.status)")
                }
                #expect(try await post("steward", .assemblyCheckOut(1), ["code": try await code("Bo Berg")]).status == .badRequest)
                #expect(try await post("Cy Chan", .assemblyCheckOutOnline(1)).status == .badRequest)
                #expect(try await leave("Ana Arroyo").status == .conflict)  // in the room: at the desk
                #expect(try await leave("Ed Eng").status == .conflict)  // never came
                var fay = try await A.browser(app, A.email("Fay Fox"))
                _ = try await fay.get(SiteURL.assembly(1).path)
                #expect(try await fay.post(SiteURL.assemblyCheckOutOnline(1).path, ["confirm": "yes"]).status == .forbidden)
                #expect(
                    try await fay.post(SiteURL.assemblyCheckOut(1).path, ["confirm": "yes", "code": try await code("Bo Berg")]).status
                        == .forbidden)
                for holder in ["abc", "-2", "99999", String(repeating: "9", count: 200), number("Ed Eng"), number("Cy Chan")] {
                    let res = try await leave("Cy Chan", ["holder": holder])
                    #expect([.badRequest, .conflict].contains(res.status), "holder \(holder.prefix(12)): \(res.status)")
                }
                #expect(try await roll() == seated)

                // The first item opens with everyone; Bo votes, then leaves, taking Ed's proxy with him.
                #expect(try await steward.post(SiteURL.assemblyItemOpen(1).path, ["proposal": String(first)]).status == .seeOther)
                let p1 = try #require(try await ProposalQueries.proposal(number: first, on: app.db)).requireID()
                let frozen = try #require(try await AssemblyStore.item(proposal: p1, at: aid, on: app.db))
                try await login()
                #expect(try await post("Bo Berg", .proposalBallot(first), ["choice": "yes"]).status == .seeOther)
                #expect(try await desk("Ana Arroyo", try await code("Bo Berg")).status == .seeOther)
                #expect(try await desk("Ana Arroyo", try await code("Bo Berg")).status == .conflict)  // twice
                var now = try await roll()
                #expect(now.count == AttendanceCount(eligible: 6, inPerson: 2, online: 2, byProxy: 0))
                #expect(now.left == [id("Bo Berg")] && now.proxies[id("Ed Eng")] == id("Bo Berg"))
                // Away, Bo votes for nobody: not for Ed on the open item, not in his own name.
                #expect(try await post("Bo Berg", .proposalBallot(first), ["choice": "no", "for": number("Ed Eng")]).status == .forbidden)
                // Di leaves online and leaves her proxy with Cy, who stays: she still counts.
                #expect(try await leave("Di Diaz", ["holder": number("Cy Chan")]).status == .seeOther)
                #expect(try await leave("Di Diaz").status == .conflict)  // twice
                now = try await roll()
                #expect(now.count == AttendanceCount(eligible: 6, inPerson: 2, online: 1, byProxy: 1))
                #expect(try await post("Cy Chan", .proposalBallot(first), ["choice": "yes", "for": number("Di Diaz")]).status == .seeOther)
                // The open item is frozen: its count and voters are what they were.
                let still = try #require(try await AssemblyStore.item(proposal: p1, at: aid, on: app.db))
                #expect(still.count == frozen.count && still.voters == frozen.voters)

                // The page: how many left for everyone, who for stewards.
                let shown = try await steward.get(SiteURL.assembly(1).path).body.string
                #expect(shown.contains("2 members have left and are no longer counted"))
                #expect(shown.contains("Bo Berg (member #\(number("Bo Berg"))) left at"), "\(shown)")
                let memberView = try await members["Cy Chan"]!.get(SiteURL.assembly(1).path).body.string
                #expect(memberView.contains("2 members have left") && !memberView.contains("id=\"departed\""))
                let diView = try await members["Di Diaz"]!.get(SiteURL.assembly(1).path).body.string
                #expect(diView.contains("You left the assembly at") && diView.contains(SiteURL.assemblyCheckInOnline(1).path))

                // A teller who leaves stops handing out and entering paper; their waiting entry stands.
                #expect(
                    try await post("Ana Arroyo", .assemblyPaper(1), ["proposal": String(first), "code": try await code("Stella Steward")])
                        .status == .seeOther)
                #expect(
                    try await post("Ana Arroyo", .assemblyPaperBatch(1), ["proposal": String(first), "ballots": "yes"]).status == .seeOther)
                #expect(try await desk("steward", try await code("Ana Arroyo")).status == .seeOther)
                #expect(
                    try await post("Ana Arroyo", .assemblyPaperBatch(1), ["proposal": String(first), "ballots": "yes"]).status == .forbidden
                )
                #expect(
                    try await post("Ana Arroyo", .assemblyPaper(1), ["proposal": String(first), "code": try await code("Cy Chan")]).status
                        == .forbidden)
                #expect(try await desk("Ana Arroyo", try await code("Stella Steward")).status == .forbidden)
                #expect(try await steward.post(SiteURL.assemblyTeller(1).path, ["member": number("Stella Steward")]).status == .seeOther)
                _ = try await steward.get(SiteURL.assembly(1).path)
                #expect(
                    try await steward.post(SiteURL.assemblyPaperBatch(1).path, ["proposal": String(first), "ballots": "yes"]).status
                        == .seeOther)
                #expect(try await steward.post(SiteURL.assemblyItemClose(1).path, ["proposal": String(first)]).status == .seeOther)

                // The second item opens without those who left and without Ed, whose holder left; Di counts by proxy.
                #expect(try await steward.post(SiteURL.assemblyItemOpen(1).path, ["proposal": String(second)]).status == .seeOther)
                let p2 = try #require(try await ProposalQueries.proposal(number: second, on: app.db)).requireID()
                let item2 = try #require(try await AssemblyStore.item(proposal: p2, at: aid, on: app.db))
                #expect(item2.count == AttendanceCount(eligible: 6, inPerson: 1, online: 1, byProxy: 1))
                let voters = Set(try StoredJSON.decode([String].self, item2.voters))
                #expect(voters == Set(["Stella Steward", "Cy Chan", "Di Diaz"].map { id($0).uuidString }))
                try await login()
                #expect(try await post("Bo Berg", .proposalBallot(second), ["choice": "yes"]).status == .forbidden)

                // Bo comes back: checked in again at the desk, with Ed's proxy, for items opened from now on.
                #expect(try await steward.post(SiteURL.assemblyCheckIn(1).path, ["code": try await code("Bo Berg")]).status == .seeOther)
                now = try await roll()
                #expect(now.left == [id("Ana Arroyo"), id("Di Diaz")])
                #expect(now.count == AttendanceCount(eligible: 6, inPerson: 2, online: 1, byProxy: 2))
                let back = try await steward.get(SiteURL.assembly(1).path).body.string
                #expect(back.contains("2 members have left"))

                // The minutes: who attended, who left and when, who came back.
                let a1 = try #require(try await AssemblyStore.find(number: 1, on: app.db))
                let text = Minutes.text(try await AssemblyStore.minutesFacts(of: a1, version: 1, additions: "", on: app.db))
                func label(_ n: String) -> String { "\(n) (member #\(number(n)))" }
                #expect(text.contains("in person: 3\n"), "\(text)")
                #expect(text.contains("- in person: \(label("Ana Arroyo"))\n") && text.contains("- online: \(label("Di Diaz"))\n"))
                let stamp = Minutes.timestamp(clock.now)
                #expect(text.contains("left: 3\n"), "\(text)")
                for who in ["Bo Berg", "Di Diaz", "Ana Arroyo"] { #expect(text.contains("- left: \(stamp) \(label(who))\n")) }
                #expect(text.contains("- back: \(stamp) \(label("Bo Berg"))\n"))
                #expect(text.contains("- by proxy: \(label("Di Diaz")), held by \(label("Cy Chan"))\n"))

                let kinds = try await AssemblyVotingTests.auditKinds(app)
                #expect(kinds.filter { $0 == "assembly.checked_out" }.count == 3)
                #expect(try await A.count("assembly_departures", on: app) == 3)
                #expect(try await AuditLog.verify(on: app.db).get().count == Int64(try await A.count("audit_entries", on: app)))

                // Once the assembly is closed, nobody leaves it.
                #expect(try await steward.post(SiteURL.assemblyItemClose(1).path, ["proposal": String(second)]).status == .seeOther)
                #expect(try await steward.post(SiteURL.assemblyClose(1).path).status == .seeOther)
                _ = try await steward.get(SiteURL.assembly(1).path)
                #expect(try await desk("steward", try await code("Bo Berg")).status == .conflict)
                #expect(try await leave("Cy Chan").status == .conflict)
            }
        }
    }
}
