import CoopCore
import CoopStore
import Fluent
import Foundation
import Testing
import VaporTesting

@testable import CoopServer

extension Server {
    /// Voting in a general assembly: online, by proxy and on paper, counted together.
    @Suite struct AssemblyVotingTests {
        typealias A = AssemblyTests

        static func auditKinds(_ app: Application) async throws -> [String] {
            struct K: Decodable { let kind: String }
            return try await app.db.sql().raw("SELECT kind FROM audit_entries").all(decoding: K.self).map(\.kind)
        }

        @Test func aHybridMeetingCountsOnlineProxyAndPaperBallotsTogether() async throws {
            let clock = TestClock()
            try await withCoop(founded: false, configure: { $0.now = { clock.now } }) { app async throws in
                let f = try await Fixture.coop(app)
                let names = ["Ana Arroyo", "Bo Berg", "Cy Chan", "Di Diaz", "Ed Eng", "Fay Fox"]
                for name in names { _ = try await f.member(name) }
                // A proposal already being voted on online cannot go on the agenda.
                let online = try await f.proposal(
                    by: f.steward, ["kind": "policy_change", "title": "Fee to 9%", "policy": "platform_fee", "value": "9%"])
                clock.advance(days: 7.1)
                try await Governance.advance(app: app)
                #expect(try await ProposalQueries.proposal(number: online, on: app.db)?.status == .voting)
                let n = try await f.proposal(
                    by: f.steward, ["kind": "policy_change", "title": "A lower fee", "policy": "platform_fee", "value": "8%"])
                let later = try await f.proposal(
                    by: f.steward, ["kind": "general", "title": "Paint the hall", "body": "Green.", "options": "Green\nBlue"])
                let m = try await MeetingFixture(app, members: names)
                let refused = try await m.convene(clock, days: 15, agenda: "\(online), \(n)")
                #expect(refused.status == .conflict && refused.body.string.contains("being voted on online"))
                #expect(try await A.count("assemblies", on: app) == 0)
                #expect(try await m.convene(clock, days: 15, agenda: "\(n), \(later)").status == .seeOther)
                let a = try #require(try await AssemblyStore.find(number: 1, on: app.db))
                let aid = try a.requireID()
                // A second assembly cannot take a proposal the first waits for.
                let twice = try await m.convene(clock, days: 16, agenda: "\(n)")
                #expect(twice.status == .conflict && twice.body.string.contains("assembly #1"))
                try await m.seat(at: aid)
                #expect(try await m.post("Di Diaz", .assemblyProxy(1), ["holder": m.number("Ana Arroyo")]).status == .seeOther)
                #expect(try await m.post("Ed Eng", .assemblyProxy(1), ["holder": m.number("Bo Berg")]).status == .seeOther)

                // The day comes; the online schedule has not opened the proposal the meeting waits for.
                clock.advance(days: 15)
                try await Governance.advance(app: app)
                #expect(try await ProposalQueries.proposal(number: n, on: app.db)?.status == .discussion)
                try await m.login()
                #expect(try await m.steward.post(SiteURL.assemblyOpen(1).path).status == .seeOther)
                // Nobody has arrived: the meeting is not quorate and cannot vote.
                let early = try await m.steward.post(SiteURL.assemblyItemOpen(1).path, ["proposal": String(n)])
                #expect(early.status == .conflict && early.body.string.contains("not quorate"))
                for name in ["Stella Steward", "Ana Arroyo"] {
                    #expect(try await m.steward.post(SiteURL.assemblyCheckIn(1).path, ["code": try await m.code(name)]).status == .seeOther)
                }
                for name in ["Bo Berg", "Cy Chan"] { #expect(try await m.post(name, .assemblyCheckInOnline(1)).status == .seeOther) }

                // Tellers: members in the room, appointed by the chair.
                for (who, form, status) in [
                    ("Ana Arroyo", ["member": m.number("Ana Arroyo")], HTTPStatus.forbidden),
                    (MeetingFixture.chair, ["member": m.number("Bo Berg")], .conflict),
                    (MeetingFixture.chair, ["member": "99999"], .notFound),
                    (MeetingFixture.chair, ["member": "x"], .badRequest),
                    (MeetingFixture.chair, ["member": String(repeating: "9", count: 500)], .badRequest),
                ] {
                    let res = try await m.post(who, .assemblyTeller(1), form)
                    #expect(res.status == status, "\(who) \(form): \(res.status)")
                }
                for name in ["Stella Steward", "Ana Arroyo"] {
                    #expect(try await m.steward.post(SiteURL.assemblyTeller(1).path, ["member": m.number(name)]).status == .seeOther)
                }
                #expect(try await m.steward.post(SiteURL.assemblyTeller(1).path, ["member": m.number("Ana Arroyo")]).status == .conflict)

                // The chair opens the item: its vote opens for those present and represented, until the chair closes it.
                #expect(try await m.steward.post(SiteURL.assemblyItemOpen(1).path, ["proposal": String(n)]).status == .seeOther)
                let p = try #require(try await ProposalQueries.proposal(number: n, on: app.db))
                #expect(p.status == .voting)
                let frozen = try Governance.frozenRules(p)
                #expect(frozen.eligible == 7 && frozen.rules.quorum.basisPoints == 0)
                let turnout = try await ProposalQueries.turnout(of: p.requireID(), on: app.db)
                #expect(turnout.eligible == 6)  // Stella, Ana, Bo, Cy present; Di and Ed by proxy. Fay is not.

                // Online, in one's own name: present members only.
                try await m.login()
                func vote(_ who: String, _ choice: String, for giver: String? = nil) async throws -> TestingHTTPResponse {
                    var form = ["choice": choice]
                    if let giver { form["for"] = m.number(giver) }
                    return try await m.post(who, .proposalBallot(n), form)
                }
                #expect(try await vote("Bo Berg", "yes").status == .seeOther)
                #expect(try await vote("Cy Chan", "no").status == .seeOther)
                let absent = try await vote("Fay Fox", "yes")
                #expect(absent.status == .forbidden, "\(absent.body.string.prefix(300))")
                // By proxy: the holder casts the giver's vote; nobody else can, and only once.
                let page = try await m.members["Bo Berg"]!.get(SiteURL.proposal(n).path).body.string
                #expect(page.contains("Votes you carry by proxy") && page.contains("Ed Eng"))
                #expect(try await vote("Cy Chan", "yes", for: "Di Diaz").status == .forbidden)
                #expect(try await vote("Bo Berg", "yes", for: "Fay Fox").status == .forbidden)
                #expect(try await vote("Bo Berg", "yes", for: "Ed Eng").status == .seeOther)
                #expect(try await vote("Bo Berg", "no", for: "Ed Eng").status == .conflict)
                // Bo's browser keeps both receipts, his own and the one for Ed, each to download and to hide.
                let ed = m.number("Ed Eng")
                let kept = try await m.members["Bo Berg"]!.get(SiteURL.proposal(n).path).body.string
                #expect(kept.contains(#"id="receipt-code""#) && kept.contains(#"id="receipt-code-for\#(ed)""#), "\(kept)")
                let edReceipt = try await m.members["Bo Berg"]!.get(SiteURL.proposalReceipt(n).path + "?for=\(ed)")
                #expect(edReceipt.status == .ok && edReceipt.body.string.contains("member #\(ed)"))
                #expect(edReceipt.headers.first(name: .contentDisposition)?.contains("-for-\(ed).txt") == true)
                #expect(try await m.members["Cy Chan"]!.get(SiteURL.proposalReceipt(n).path + "?for=\(ed)").status == .notFound)
                #expect(try await m.post("Bo Berg", .proposalReceiptKept(n), ["for": ed]).status == .seeOther)
                let hidden = try await m.members["Bo Berg"]!.get(SiteURL.proposal(n).path).body.string
                #expect(hidden.contains(#"id="receipt-code""#) && !hidden.contains(#"id="receipt-code-for"#))
                for bad in ["0", "-3", "abc", String(repeating: "9", count: 300)] {
                    let res = try await m.post("Bo Berg", .proposalBallot(n), ["choice": "yes", "for": bad])
                    #expect([.badRequest, .forbidden].contains(res.status), "for=\(bad.prefix(20)): \(res.status)")
                    // The receipt's download and hiding read `for` the same way: malformed is a 400, never his own receipt.
                    let file = try await m.members["Bo Berg"]!.get(SiteURL.proposalReceipt(n).path + "?for=\(bad)")
                    #expect(file.status == .badRequest, "receipt.txt?for=\(bad.prefix(20)): \(file.status)")
                    #expect(try await m.post("Bo Berg", .proposalReceiptKept(n), ["for": bad]).status == .badRequest)
                }
                #expect(try await m.members["Bo Berg"]!.get(SiteURL.proposalReceipt(n).path + "?for=").status == .ok)
                #expect(try await m.members["Bo Berg"]!.get(SiteURL.proposalReceipt(n).path + "?for=99999").status == .notFound)

                // Paper: a teller hands Stella one ballot, Ana two (hers and Di's); not to a member online, not twice.
                func paper(_ teller: String, _ to: String) async throws -> TestingHTTPResponse {
                    let form = ["proposal": String(n), "code": try await m.code(to)]
                    return try await m.post(teller, .assemblyPaper(1), form)
                }
                #expect(try await paper("Cy Chan", "Stella Steward").status == .forbidden)
                #expect(try await paper("Ana Arroyo", "Bo Berg").status == .conflict)
                #expect(try await paper("Ana Arroyo", "Stella Steward").status == .seeOther)
                #expect(try await paper("Ana Arroyo", "Stella Steward").status == .conflict)
                #expect(try await paper("Stella Steward", "Ana Arroyo").status == .seeOther)
                for bad in ["", "ZZZZZZ", String(repeating: "A", count: 5_000)] {
                    let res = try await m.post("Ana Arroyo", .assemblyPaper(1), ["proposal": String(n), "code": bad])
                    #expect([.badRequest, .notFound].contains(res.status), "code \(bad.prefix(10)): \(res.status)")
                }
                var item = try #require(try await AssemblyStore.item(proposal: p.requireID(), at: aid, on: app.db))
                #expect(item.paperIssued == 3)
                // A member who took a paper ballot cannot also vote online.
                #expect(try await m.steward.post(SiteURL.proposalBallot(n).path, ["choice": "no"]).status == .conflict)

                // Batches: two tellers must agree; a malformed, oversize or over-issued batch is refused whole.
                func batch(_ teller: String, _ text: String) async throws -> TestingHTTPResponse {
                    let form = ["proposal": String(n), "ballots": text]
                    return try await m.post(teller, .assemblyPaperBatch(1), form)
                }
                for (text, status) in [
                    ("maybe", HTTPStatus.badRequest), ("", .badRequest), ("4 x yes", .conflict),
                    (String(repeating: "y", count: 5_000), .badRequest), ("0 x yes", .badRequest),
                    (String(repeating: "yes\n", count: 20_000), .payloadTooLarge),
                ] {
                    let res = try await batch("Ana Arroyo", text)
                    #expect(res.status == status, "\(text.prefix(20)): \(res.status) \(res.body.string.prefix(200))")
                }
                #expect(try await batch("Cy Chan", "yes").status == .forbidden)
                #expect(try await batch("Ana Arroyo", "2 x yes\nno").status == .seeOther)
                #expect(try await batch("Ana Arroyo", "2 x yes\nno").status == .conflict)
                let differ = try await batch("Stella Steward", "yes\n2 x no")
                #expect(differ.status == .conflict && differ.body.string.contains("differ"))
                #expect(try await A.count("assembly_paper_entries", on: app) == 0)
                #expect(try await Self.auditKinds(app).contains("assembly.paper_disagreed"))
                // Closing with paper ballots not yet entered is refused.
                #expect(try await m.steward.post(SiteURL.assemblyItemClose(1).path, ["proposal": String(n)]).status == .conflict)
                #expect(try await batch("Ana Arroyo", "YES\n\n  no \n1 × yes").status == .seeOther)
                #expect(try await batch("Stella Steward", "no\n2 x yes").status == .seeOther)
                item = try #require(try await AssemblyStore.item(proposal: p.requireID(), at: aid, on: app.db))
                #expect(item.paperCounted == 3 && item.paperSpoilt == 0)
                let shown = try await m.members["Ana Arroyo"]!.get(SiteURL.assembly(1).path).body.string
                #expect(shown.contains("3 paper ballots handed out, 3 entered, 0 spoilt"))

                // The chair closes the vote: one count of every channel.
                #expect(try await m.post("Ana Arroyo", .assemblyItemClose(1), ["proposal": String(n)]).status == .forbidden)
                #expect(try await m.steward.post(SiteURL.assemblyItemClose(1).path, ["proposal": String(n)]).status == .seeOther)
                #expect(try await m.steward.post(SiteURL.assemblyItemClose(1).path, ["proposal": String(n)]).status == .conflict)
                let counted = try #require(try await ProposalQueries.proposal(number: n, on: app.db))
                #expect(counted.status == .passed)
                let outcome = try StoredJSON.decode(ProposalOutcome.self, try #require(counted.outcome))
                #expect(outcome.participation == 6 && outcome.eligible == 7)
                #expect(outcome.result.totals?["yes"] == 4 && outcome.result.totals?["no"] == 2)
                #expect(try await vote("Cy Chan", "yes", for: "Di Diaz").status != .seeOther)
                // The result is in the minutes, with its channels.
                let facts = try await AssemblyStore.minutesFacts(of: a, version: 1, additions: "", on: app.db)
                let text = Minutes.text(facts)
                #expect(text.contains("result: passed") && text.contains("ballots: 6 of 7 eligible"))
                #expect(text.contains("channels: 3 online, 3 on paper (0 spoilt)"))
                // Signed, countersigned and sealed, the minutes verify with the chain; a changed byte does not.
                let ana = m.memberships["Ana Arroyo"]!
                ana.steward = true
                try await ana.save(on: app.db)
                let now = clock.now
                let chair = m.memberships["Stella Steward"]!
                let sealed = try await app.coop.write(on: app.db) { db in
                    let a = try #require(try await AssemblyStore.find(number: 1, on: db))
                    _ = try await AssemblyStore.signMinutes(a, additions: "", by: chair.userID, as: chair, on: db, at: now)
                    return try await AssemblyStore.countersignMinutes(a, version: 1, by: ana.userID, as: ana, on: db, at: now)
                }
                #expect(try #require(sealed.sealedFile).contains("channels: 3 online, 3 on paper (0 spoilt)"))
                #expect(try await AssemblyStore.verifySealedMinutes(on: app.db).get() == 1)
                let file = try #require(sealed.sealedFile)
                let i = try #require(file.range(of: "result: passed"))
                sealed.sealedFile = file.replacingCharacters(in: i, with: "result: passeD")
                try await sealed.save(on: app.db)
                guard case .failure(let bad) = try await AssemblyStore.verifySealedMinutes(on: app.db) else {
                    Issue.record("a changed byte verified")
                    return
                }
                #expect(bad.description.contains("minutes of assembly #1, version 1"))
                // `coop audit verify` writes it in the language of the run.
                #expect(bad.words.english == bad.description)
                #expect(bad.words.render(Translations.catalog(.es)).hasPrefix("actas de la asamblea n.º 1, versión 1: "))
                #expect(bad.words.render(Translations.catalog(.fr)).hasPrefix("procès-verbal de l'assemblée n° 1, version 1 : "))
                sealed.sealedFile = file
                try await sealed.save(on: app.db)

                // Closing the assembly: the item it did not vote on goes back to an online vote.
                #expect(try await m.post("Cy Chan", .assemblyClose(1)).status == .forbidden)
                #expect(try await m.steward.post(SiteURL.assemblyClose(1).path).status == .seeOther)
                #expect(try await AssemblyStore.find(number: 1, on: app.db)?.status == .closed)
                #expect(try await m.steward.post(SiteURL.assemblyItemOpen(1).path, ["proposal": String(later)]).status == .conflict)
                let back = try #require(try await ProposalQueries.proposal(number: later, on: app.db))
                #expect(back.assemblyID == nil && back.status == .discussion)
                try await Governance.advance(app: app)
                #expect(try await ProposalQueries.proposal(number: later, on: app.db)?.status == .voting)

                let kinds = try await Self.auditKinds(app)
                for k in [
                    "assembly.teller_appointed", "assembly.paper_issued", "assembly.paper_counted", "assembly.item_closed",
                    "assembly.closed",
                ] {
                    #expect(kinds.contains(k), "\(k) on the chain")
                }
                #expect(try await AuditLog.verify(on: app.db).get().count == Int64(try await A.count("audit_entries", on: app)))
            }
        }

        /// The largest agenda the rules allow, 50 items, is convened, voted item by item and
        /// minuted; a 51st is refused. The assembly's page and the minutes list every item.
        @Test func theLargestAgendaIsVotedItemByItemAndMinuted() async throws {
            let clock = TestClock()
            try await withCoop(founded: false, configure: { $0.now = { clock.now } }) { app async throws in
                let f = try await Fixture.coop(app)
                for name in ["Ana Arroyo", "Bo Berg"] { _ = try await f.member(name) }
                var numbers: [Int] = []
                for i in 1...(AssemblyRules.maxAgenda + 1) {
                    numbers.append(
                        try await f.proposal(
                            by: f.steward,
                            ["kind": "policy_change", "title": "Item \(i)", "policy": "platform_fee", "value": "\(1 + i % 9)%"]))
                }
                var steward = try await A.browser(app, Fixture.stewardEmail)
                _ = try await steward.get(SiteURL.newAssembly.path)
                let all = numbers.map(String.init).joined(separator: ", ")
                let tooMany = try await steward.post(SiteURL.assemblies.path, A.form(clock, days: 15, agenda: all))
                #expect(tooMany.status == .badRequest && tooMany.body.string.contains("at most 50"), "\(tooMany.status)")
                let fifty = Array(numbers.prefix(AssemblyRules.maxAgenda))
                let convened = try await steward.post(
                    SiteURL.assemblies.path, A.form(clock, days: 15, agenda: fifty.map(String.init).joined(separator: ", ")))
                #expect(convened.status == .seeOther)
                clock.advance(days: 15)
                try await Governance.advance(app: app)
                steward = try await A.browser(app, Fixture.stewardEmail)
                _ = try await steward.get(SiteURL.assembly(1).path)
                #expect(try await steward.post(SiteURL.assemblyOpen(1).path).status == .seeOther)
                var ana = try await A.browser(app, A.email("Ana Arroyo"))
                _ = try await ana.get(SiteURL.assembly(1).path)
                #expect(try await steward.post(SiteURL.assemblyCheckInOnline(1).path).status == .seeOther)
                #expect(try await ana.post(SiteURL.assemblyCheckInOnline(1).path).status == .seeOther)
                for (i, n) in fifty.enumerated() {
                    #expect(try await steward.post(SiteURL.assemblyItemOpen(1).path, ["proposal": String(n)]).status == .seeOther)
                    _ = try await ana.get(SiteURL.proposal(n).path)
                    let choice = i % 3 == 0 ? "no" : "yes"
                    #expect(try await ana.post(SiteURL.proposalBallot(n).path, ["choice": choice]).status == .seeOther)
                    #expect(try await steward.post(SiteURL.assemblyItemClose(1).path, ["proposal": String(n)]).status == .seeOther)
                }
                let decided = try await fifty.asyncMap { try await ProposalQueries.proposal(number: $0, on: app.db)?.status }
                #expect(
                    decided.filter { $0 == .passed || $0 == .enacted }.count == 33 && decided.filter { $0 == .failed }.count == 17,
                    "\(decided)")
                let page = try await steward.get(SiteURL.assembly(1).path)
                #expect(page.status == .ok)
                #expect(fifty.allSatisfy { page.body.string.contains("Item \($0)") })
                let a = try #require(try await AssemblyStore.find(number: 1, on: app.db))
                let text = Minutes.text(try await AssemblyStore.minutesFacts(of: a, version: 1, additions: "", on: app.db))
                #expect(text.components(separatedBy: "result: passed").count - 1 == 33)
                #expect(text.components(separatedBy: "result: not passed").count - 1 == 17, "\(text)")
                #expect(try await steward.post(SiteURL.assemblyClose(1).path).status == .seeOther)
            }
        }
    }
}
