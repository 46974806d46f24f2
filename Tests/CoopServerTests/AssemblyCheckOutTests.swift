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
                let m = try await MeetingFixture(app, members: names)
                #expect(try await m.convene(clock, days: 15, agenda: "\(first), \(second)").status == .seeOther)
                #expect(try await m.convene(clock, days: 20, agenda: "\(other)").status == .seeOther)
                // Admitted after the convocation: not called, so neither present nor able to leave.
                _ = try await f.member("Fay Fox")
                let a = try #require(try await AssemblyStore.find(number: 1, on: app.db))
                let aid = try a.requireID()
                let elsewhere = try #require(try await AssemblyStore.find(number: 2, on: app.db)).requireID()
                try await m.seat(at: aid)
                let chair = MeetingFixture.chair
                func desk(_ who: String, _ code: String, _ extra: [String: String] = [:]) async throws -> TestingHTTPResponse {
                    try await m.post(who, .assemblyCheckOut(1), ["code": code, "confirm": "yes"].merging(extra) { $1 })
                }
                func leave(_ who: String, _ extra: [String: String] = [:]) async throws -> TestingHTTPResponse {
                    try await m.post(who, .assemblyCheckOutOnline(1), ["confirm": "yes"].merging(extra) { $1 })
                }
                func roll() async throws -> AssemblyRoll<UUID> { try await AssemblyStore.roll(of: aid, on: app.db) }
                #expect(try await m.post("Ed Eng", .assemblyProxy(1), ["holder": m.number("Bo Berg")]).status == .seeOther)

                // Before the assembly is in session nobody can leave it.
                #expect(try await desk(chair, try await m.code("Ana Arroyo")).status == .conflict)
                #expect(try await leave("Cy Chan").status == .conflict)

                clock.advance(days: 15)
                try await m.login()
                #expect(try await m.steward.post(SiteURL.assemblyOpen(1).path).status == .seeOther)
                for name in ["Stella Steward", "Ana Arroyo", "Bo Berg"] {
                    #expect(try await m.steward.post(SiteURL.assemblyCheckIn(1).path, ["code": try await m.code(name)]).status == .seeOther)
                }
                for name in ["Cy Chan", "Di Diaz"] { #expect(try await m.post(name, .assemblyCheckInOnline(1)).status == .seeOther) }
                #expect(try await m.steward.post(SiteURL.assemblyTeller(1).path, ["member": m.number("Ana Arroyo")]).status == .seeOther)
                let seated = try await roll()
                #expect(seated.count == AttendanceCount(eligible: 6, inPerson: 3, online: 2, byProxy: 1))

                // The forms: the desk for the steward and the teller, a button for a member online.
                let stewardPage = try await m.steward.get(SiteURL.assembly(1).path).body.string
                #expect(stewardPage.contains(SiteURL.assemblyCheckOut(1).path) && stewardPage.contains("check-out-code"))
                #expect(try await m.members["Ana Arroyo"]!.get(SiteURL.assembly(1).path).body.string.contains("check-out-code"))
                let cyPage = try await m.members["Cy Chan"]!.get(SiteURL.assembly(1).path).body.string
                #expect(cyPage.contains(SiteURL.assemblyCheckOutOnline(1).path) && !cyPage.contains("check-out-code"))
                let boPage = try await m.members["Bo Berg"]!.get(SiteURL.assembly(1).path).body.string
                #expect(boPage.contains("Check out at the desk") && !boPage.contains(SiteURL.assemblyCheckOutOnline(1).path))

                // Every refusal says why and changes nothing.
                let refusals: [(String, String, HTTPStatus, String)] = [
                    ("Cy Chan", "Bo Berg", .forbidden, "not a steward nor a teller"),
                    (chair, "Ed Eng", .conflict, "not present"),
                    (chair, "Di Diaz", .conflict, "checked in online: leaves by the button"),
                ]
                for (who, whose, status, why) in refusals {
                    let res = try await desk(who, try await m.code(whose))
                    #expect(res.status == status, "\(why): \(res.status) \(res.body.string.prefix(300))")
                }
                for bad in ["", "ZZZZZZ", "<script>", String(repeating: "A", count: 5_000), try await m.code("Ana Arroyo", at: elsewhere)] {
                    let res = try await desk(chair, bad)
                    #expect([.badRequest, .notFound].contains(res.status), "code \(bad.prefix(12)): \(res.status)")
                }
                #expect(try await m.post(chair, .assemblyCheckOut(1), ["code": try await m.code("Bo Berg")]).status == .badRequest)
                #expect(try await m.post("Cy Chan", .assemblyCheckOutOnline(1)).status == .badRequest)
                #expect(try await leave("Ana Arroyo").status == .conflict)  // in the room: at the desk
                #expect(try await leave("Ed Eng").status == .conflict)  // never came
                var fay = try await A.browser(app, A.email("Fay Fox"))
                _ = try await fay.get(SiteURL.assembly(1).path)
                #expect(try await fay.post(SiteURL.assemblyCheckOutOnline(1).path, ["confirm": "yes"]).status == .forbidden)
                #expect(
                    try await fay.post(SiteURL.assemblyCheckOut(1).path, ["confirm": "yes", "code": try await m.code("Bo Berg")]).status
                        == .forbidden)
                for holder in ["abc", "-2", "99999", String(repeating: "9", count: 200), m.number("Ed Eng"), m.number("Cy Chan")] {
                    let res = try await leave("Cy Chan", ["holder": holder])
                    #expect([.badRequest, .conflict].contains(res.status), "holder \(holder.prefix(12)): \(res.status)")
                }
                #expect(try await roll() == seated)

                // The first item opens with everyone; Bo votes, then leaves, taking Ed's proxy with him.
                #expect(try await m.steward.post(SiteURL.assemblyItemOpen(1).path, ["proposal": String(first)]).status == .seeOther)
                let p1 = try #require(try await ProposalQueries.proposal(number: first, on: app.db)).requireID()
                let frozen = try #require(try await AssemblyStore.item(proposal: p1, at: aid, on: app.db))
                try await m.login()
                #expect(try await m.post("Bo Berg", .proposalBallot(first), ["choice": "yes"]).status == .seeOther)
                #expect(try await desk("Ana Arroyo", try await m.code("Bo Berg")).status == .seeOther)
                #expect(try await desk("Ana Arroyo", try await m.code("Bo Berg")).status == .conflict)  // twice
                var now = try await roll()
                #expect(now.count == AttendanceCount(eligible: 6, inPerson: 2, online: 2, byProxy: 0))
                #expect(now.left == [m.id("Bo Berg")] && now.proxies[m.id("Ed Eng")] == m.id("Bo Berg"))
                // Away, Bo votes for nobody: not for Ed on the open item, not in his own name.
                #expect(
                    try await m.post("Bo Berg", .proposalBallot(first), ["choice": "no", "for": m.number("Ed Eng")]).status == .forbidden)
                // Di leaves online and leaves her proxy with Cy, who stays: she still counts.
                #expect(try await leave("Di Diaz", ["holder": m.number("Cy Chan")]).status == .seeOther)
                #expect(try await leave("Di Diaz").status == .conflict)  // twice
                now = try await roll()
                #expect(now.count == AttendanceCount(eligible: 6, inPerson: 2, online: 1, byProxy: 1))
                #expect(
                    try await m.post("Cy Chan", .proposalBallot(first), ["choice": "yes", "for": m.number("Di Diaz")]).status == .seeOther)
                // The open item is frozen: its count and voters are what they were.
                let still = try #require(try await AssemblyStore.item(proposal: p1, at: aid, on: app.db))
                #expect(still.count == frozen.count && still.voters == frozen.voters)

                // The page: how many left for everyone, who for stewards.
                let shown = try await m.steward.get(SiteURL.assembly(1).path).body.string
                #expect(shown.contains("2 members have left and are no longer counted"))
                #expect(shown.contains("Bo Berg (member #\(m.number("Bo Berg"))) left at"), "\(shown)")
                let memberView = try await m.members["Cy Chan"]!.get(SiteURL.assembly(1).path).body.string
                #expect(memberView.contains("2 members have left") && !memberView.contains("id=\"departed\""))
                let diView = try await m.members["Di Diaz"]!.get(SiteURL.assembly(1).path).body.string
                #expect(diView.contains("You left the assembly at") && diView.contains(SiteURL.assemblyCheckInOnline(1).path))

                // A teller who leaves stops handing out and entering paper; their waiting entry stands.
                #expect(
                    try await m.post(
                        "Ana Arroyo", .assemblyPaper(1), ["proposal": String(first), "code": try await m.code("Stella Steward")]
                    )
                    .status == .seeOther)
                #expect(
                    try await m.post("Ana Arroyo", .assemblyPaperBatch(1), ["proposal": String(first), "ballots": "yes"]).status
                        == .seeOther)
                #expect(try await desk(chair, try await m.code("Ana Arroyo")).status == .seeOther)
                #expect(
                    try await m.post("Ana Arroyo", .assemblyPaperBatch(1), ["proposal": String(first), "ballots": "yes"]).status
                        == .forbidden
                )
                #expect(
                    try await m.post("Ana Arroyo", .assemblyPaper(1), ["proposal": String(first), "code": try await m.code("Cy Chan")])
                        .status
                        == .forbidden)
                #expect(try await desk("Ana Arroyo", try await m.code("Stella Steward")).status == .forbidden)
                #expect(
                    try await m.steward.post(SiteURL.assemblyTeller(1).path, ["member": m.number("Stella Steward")]).status == .seeOther)
                _ = try await m.steward.get(SiteURL.assembly(1).path)
                #expect(
                    try await m.steward.post(SiteURL.assemblyPaperBatch(1).path, ["proposal": String(first), "ballots": "yes"]).status
                        == .seeOther)
                #expect(try await m.steward.post(SiteURL.assemblyItemClose(1).path, ["proposal": String(first)]).status == .seeOther)

                // The second item opens without those who left and without Ed, whose holder left; Di counts by proxy.
                #expect(try await m.steward.post(SiteURL.assemblyItemOpen(1).path, ["proposal": String(second)]).status == .seeOther)
                let p2 = try #require(try await ProposalQueries.proposal(number: second, on: app.db)).requireID()
                let item2 = try #require(try await AssemblyStore.item(proposal: p2, at: aid, on: app.db))
                #expect(item2.count == AttendanceCount(eligible: 6, inPerson: 1, online: 1, byProxy: 1))
                let voters = Set(try StoredJSON.decode([String].self, item2.voters))
                #expect(voters == Set(["Stella Steward", "Cy Chan", "Di Diaz"].map { m.id($0).uuidString }))
                try await m.login()
                #expect(try await m.post("Bo Berg", .proposalBallot(second), ["choice": "yes"]).status == .forbidden)

                // Bo comes back: checked in again at the desk, with Ed's proxy, for items opened from now on.
                #expect(
                    try await m.steward.post(SiteURL.assemblyCheckIn(1).path, ["code": try await m.code("Bo Berg")]).status == .seeOther)
                now = try await roll()
                #expect(now.left == [m.id("Ana Arroyo"), m.id("Di Diaz")])
                #expect(now.count == AttendanceCount(eligible: 6, inPerson: 2, online: 1, byProxy: 2))
                let back = try await m.steward.get(SiteURL.assembly(1).path).body.string
                #expect(back.contains("2 members have left"))

                // The minutes: who attended, who left and when, who came back.
                let a1 = try #require(try await AssemblyStore.find(number: 1, on: app.db))
                let text = Minutes.text(try await AssemblyStore.minutesFacts(of: a1, version: 1, additions: "", on: app.db))
                func label(_ n: String) -> String { "\(n) (member #\(m.number(n)))" }
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
                #expect(try await m.steward.post(SiteURL.assemblyItemClose(1).path, ["proposal": String(second)]).status == .seeOther)
                #expect(try await m.steward.post(SiteURL.assemblyClose(1).path).status == .seeOther)
                _ = try await m.steward.get(SiteURL.assembly(1).path)
                #expect(try await desk(chair, try await m.code("Bo Berg")).status == .conflict)
                #expect(try await leave("Cy Chan").status == .conflict)
            }
        }
    }
}
