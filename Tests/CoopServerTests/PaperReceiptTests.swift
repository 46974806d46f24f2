import CoopCore
import CoopStore
import Fluent
import Foundation
import Testing
import VaporTesting

@testable import CoopServer

extension Server {
    /// Paper ballots with the same receipts and names as online ones: a secret item's printed slips
    /// carry receipt codes that find the ballot on the bulletin board; an open item's slips are
    /// entered in their members' names; neither can be changed online.
    @Suite struct PaperReceiptTests {
        typealias A = AssemblyTests

        /// The receipt codes printed on a page of slips.
        static func codes(_ page: String) -> [String] {
            page.matches(of: /class="slip-code" translate="no">([A-Z2-9]{5}-[A-Z2-9]{5})</).map { String($0.output.1) }
        }

        @Test func slipsCarryReceiptsOnSecretItemsAndNamesOnOpenItems() async throws {
            let clock = TestClock()
            try await withCoop(founded: false, configure: { $0.now = { clock.now } }) { app async throws in
                let f = try await Fixture.coop(app)
                let names = ["Ana Arroyo", "Bo Berg", "Cy Chan", "Di Diaz"]
                for name in names { _ = try await f.member(name) }
                // A secret majority vote and an open approval vote (the template's general kind).
                let n = try await f.proposal(
                    by: f.steward, ["kind": "policy_change", "title": "A lower fee", "policy": "platform_fee", "value": "8%"])
                let g = try await f.proposal(
                    by: f.steward, ["kind": "general", "title": "Paint the hall", "body": "Which colours?", "options": "Green\nBlue"])
                let m = try await MeetingFixture(app, members: names)
                #expect(try await m.convene(clock, days: 15, agenda: "\(n), \(g)").status == .seeOther)
                let a = try #require(try await AssemblyStore.find(number: 1, on: app.db))
                let aid = try a.requireID()
                try await m.seat(at: aid)

                // Before the meeting the steward prints the secret item's slips: each its own code, shown once.
                let printed = try await m.post("Stella Steward", .assemblySlips(1), ["proposal": String(n), "count": "4"])
                #expect(printed.status == .ok, "\(printed.body.string.prefix(300))")
                #expect(printed.headers.first(name: "Cache-Control") == "no-store")
                let slips = Self.codes(printed.body.string)
                #expect(slips.count == 8 && Set(slips).count == 4, "each code twice: on the ballot and on the stub")
                let codes = Array(Set(slips)).sorted()
                #expect(printed.body.string.contains("/proposals/\(n)/bulletin"))
                // Only their hashes are kept.
                #expect(try await A.count("assembly_paper_slips", on: app) == 4)
                struct H: Decodable { let code_hash: String }
                let hashes = try await app.db.sql().raw("SELECT code_hash FROM assembly_paper_slips").all(decoding: H.self).map(\.code_hash)
                #expect(Set(hashes) == Set(codes.map(ReceiptCode.hash)))
                // The open item's slips carry no code but a box for the member's number.
                let open = try await m.post("Stella Steward", .assemblySlips(1), ["proposal": String(g), "count": "2"])
                #expect(open.status == .ok && Self.codes(open.body.string).isEmpty && open.body.string.contains("Your member number"))
                #expect(try await A.count("assembly_paper_slips", on: app) == 4)
                // Refused: a member who is neither steward nor teller, bad counts, a proposal not on the agenda.
                #expect(try await m.post("Ana Arroyo", .assemblySlips(1), ["proposal": String(n), "count": "2"]).status == .forbidden)
                for bad in ["0", "501", "-1", "x", "", String(repeating: "9", count: 5_000)] {
                    let res = try await m.post("Stella Steward", .assemblySlips(1), ["proposal": String(n), "count": bad])
                    #expect(res.status == .badRequest, "count \(bad.prefix(8)): \(res.status)")
                }
                #expect(try await m.post("Stella Steward", .assemblySlips(1), ["proposal": "999", "count": "2"]).status == .notFound)
                #expect(try await m.post("Stella Steward", .assemblySlips(1), ["proposal": "x", "count": "2"]).status == .badRequest)
                #expect(try await A.count("assembly_paper_slips", on: app) == 4)

                // The meeting: Di gives Ana her proxy; Stella, Ana and Bo in the room, Cy online.
                #expect(try await m.post("Di Diaz", .assemblyProxy(1), ["holder": m.number("Ana Arroyo")]).status == .seeOther)
                clock.advance(days: 15)
                try await Governance.advance(app: app)
                try await m.login()
                #expect(try await m.post("Stella Steward", .assemblyOpen(1)).status == .seeOther)
                for name in ["Stella Steward", "Ana Arroyo", "Bo Berg"] {
                    #expect(try await m.post("Stella Steward", .assemblyCheckIn(1), ["code": try await m.code(name)]).status == .seeOther)
                }
                #expect(try await m.post("Cy Chan", .assemblyCheckInOnline(1)).status == .seeOther)
                for name in ["Stella Steward", "Ana Arroyo"] {
                    #expect(try await m.post("Stella Steward", .assemblyTeller(1), ["member": m.number(name)]).status == .seeOther)
                }
                // A teller prints during the meeting too.
                #expect(try await m.post("Ana Arroyo", .assemblySlips(1), ["proposal": String(n), "count": "1"]).status == .ok)
                #expect(try await A.count("assembly_paper_slips", on: app) == 5)

                // The secret item: Ana takes two slips (hers and Di's), Bo one; Cy votes online.
                #expect(try await m.post("Stella Steward", .assemblyItemOpen(1), ["proposal": String(n)]).status == .seeOther)
                for name in ["Ana Arroyo", "Bo Berg"] {
                    let res = try await m.post("Ana Arroyo", .assemblyPaper(1), ["proposal": String(n), "code": try await m.code(name)])
                    #expect(res.status == .seeOther)
                }
                try await m.login()
                #expect(try await m.post("Cy Chan", .proposalBallot(n), ["choice": "no"]).status == .seeOther)
                func batch(_ teller: String, _ proposal: Int, _ text: String) async throws -> TestingHTTPResponse {
                    try await m.post(teller, .assemblyPaperBatch(1), ["proposal": String(proposal), "ballots": text])
                }
                let (c0, c1, c2) = (codes[0], codes[1], codes[2])
                for (text, status) in [
                    ("ZZZZZ-ZZZZZ: yes", HTTPStatus.conflict),  // the shape of a code, never printed
                    ("ABCDE-FGHJ1: yes", .badRequest),  // not the alphabet
                    ("#\(m.number("Bo Berg")): yes", .badRequest),  // a secret ballot names nobody
                    ("\(c0): yes\n\(c0): no", .badRequest),  // one code twice
                    ("\(c0): 2 x yes", .badRequest),  // a slip is one ballot
                    ("\(c0): maybe", .badRequest),
                ] {
                    let res = try await batch("Ana Arroyo", n, text)
                    #expect(res.status == status, "\(text): \(res.status) \(res.body.string.prefix(200))")
                }
                #expect(try await A.count("assembly_paper_entries", on: app) == 0)
                // Two tellers, different order, any case, with or without the dash: counted.
                #expect(try await batch("Ana Arroyo", n, "\(c0): yes\n\(c1): no").status == .seeOther)
                let lower = "\(c1.lowercased().replacingOccurrences(of: "-", with: "")): NO\n\(c0) : yes"
                #expect(try await batch("Stella Steward", n, lower).status == .seeOther)
                // An entered slip's code cannot be entered again.
                let again = try await batch("Ana Arroyo", n, "\(c0): yes")
                #expect(again.status == .conflict && again.body.string.contains("still to be entered"))
                // Codes that differ between the tellers are a disagreement, even with the same ballots.
                #expect(try await batch("Ana Arroyo", n, "\(c2): yes").status == .seeOther)
                let differ = try await batch("Stella Steward", n, "\(codes[3]): yes")
                #expect(differ.status == .conflict && differ.body.string.contains("differ"))
                #expect(try await batch("Ana Arroyo", n, "\(c2): yes").status == .seeOther)
                #expect(try await batch("Stella Steward", n, "\(c2): yes").status == .seeOther)
                // A paper ballot cannot be changed online, even by one who knows its code.
                let change = try await m.post("Cy Chan", .proposalBallotChange(n), ["choice": "no", "receipt": c0])
                #expect(change.status == .conflict && change.body.string.contains("cast on paper"), "\(change.status)")
                #expect(try await m.post("Stella Steward", .assemblyItemClose(1), ["proposal": String(n)]).status == .seeOther)
                // After the close, each code finds its ballot on the bulletin board.
                for (c, choice) in [(c0, "yes"), (c1, "no"), (c2, "yes")] {
                    let found = try await m.members["Bo Berg"]!.post(SiteURL.proposalBulletinFind(n).path, ["receipt": c])
                    let row = try #require(found.body.string.firstRange(of: #"id="my-ballot""#), "\(c) found")
                    let rest = found.body.string[row.upperBound...].prefix(400)
                    #expect(rest.contains(ReceiptCode.hash(c)) && rest.contains(choice == "yes" ? "yes" : "no"))
                }
                let unused = try await m.members["Bo Berg"]!.post(SiteURL.proposalBulletinFind(n).path, ["receipt": codes[3]])
                #expect(!unused.body.string.contains(#"id="my-ballot""#))

                // The open item: every slip names its member, and is recorded in their name.
                #expect(try await m.post("Stella Steward", .assemblyItemOpen(1), ["proposal": String(g)]).status == .seeOther)
                #expect(
                    try await m.post("Stella Steward", .assemblyPaper(1), ["proposal": String(g), "code": try await m.code("Ana Arroyo")])
                        .status == .seeOther)
                let (ana, di, cy) = (m.number("Ana Arroyo"), m.number("Di Diaz"), m.number("Cy Chan"))
                for (text, status) in [
                    ("Green", HTTPStatus.badRequest),  // no member
                    ("\(c0): Green", .badRequest),  // a code on an open item
                    ("#\(cy): Green", .conflict),  // online, never handed paper
                    ("#99999: Green", .conflict),
                    ("#\(ana): Green\n#\(ana): Blue", .badRequest),
                    ("#x: Green", .badRequest), ("#\(String(repeating: "9", count: 40)): Green", .badRequest),
                    ("2 x #\(ana): Green", .badRequest),
                ] {
                    let res = try await batch("Ana Arroyo", g, text)
                    #expect(res.status == status, "\(text): \(res.status) \(res.body.string.prefix(200))")
                }
                #expect(try await batch("Ana Arroyo", g, "#\(ana): Green\n#\(di): Green, Blue").status == .seeOther)
                #expect(try await batch("Stella Steward", g, "#\(di) Blue, green\n#\(ana) green").status == .seeOther)
                let gid = try #require(try await ProposalQueries.proposal(number: g, on: app.db)?.id)
                let ballots = try await ProposalQueries.currentBallots(of: gid, on: app.db)
                #expect(
                    Set(ballots.compactMap(\.voterID)) == [m.memberships["Ana Arroyo"]!.id!, m.memberships["Di Diaz"]!.id!]
                        && ballots.allSatisfy { $0.receiptHash == nil })
                let mine = try #require(ballots.first { $0.voterID == m.memberships["Di Diaz"]!.id! })
                #expect(try StoredJSON.decode(BallotContent.self, mine.content) == .approvals(["Blue", "Green"]))
                // Named on the audit chain as an online open ballot is.
                struct P: Decodable { let payload: String }
                let cast = try await app.db.sql().raw("SELECT payload FROM audit_entries WHERE kind = 'ballot.cast'").all(decoding: P.self)
                #expect(cast.filter { $0.payload.contains(m.memberships["Di Diaz"]!.id!.uuidString) }.count == 1)
                // Ana chose paper: she cannot change her named ballot online.
                let named = try await m.post("Ana Arroyo", .proposalBallotChange(g), ["approve[0]": "1"])
                #expect(named.status == .conflict && named.body.string.contains("cast on paper"), "\(named.status)")
                #expect(try await m.post("Stella Steward", .assemblyItemClose(1), ["proposal": String(g)]).status == .seeOther)
                // Slips are no longer printed for a closed vote, nor once the assembly is over.
                #expect(try await m.post("Stella Steward", .assemblySlips(1), ["proposal": String(n), "count": "2"]).status == .conflict)
                #expect(try await m.post("Stella Steward", .assemblyClose(1)).status == .seeOther)
                #expect(try await m.post("Stella Steward", .assemblySlips(1), ["proposal": String(n), "count": "2"]).status == .conflict)
                let kinds = try await AssemblyVotingTests.auditKinds(app)
                #expect(kinds.filter { $0 == "assembly.slips_printed" }.count == 3)
                #expect(try await AuditLog.verify(on: app.db).get().count == Int64(try await A.count("audit_entries", on: app)))
            }
        }
    }
}
