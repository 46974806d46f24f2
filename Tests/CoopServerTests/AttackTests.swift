import CoopCore
import CoopStore
import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting

@testable import CoopServer

/// What a member of the co-op could send to stop it, corrupt it or read what is not theirs: each
/// was once possible and is refused, recorded or harmless now.
extension Server {
    @Suite struct AttackTests {
        func propose(_ api: APIClient, _ form: [String: String]) async throws -> TestingHTTPResponse {
            try await api.send(.POST, APIPath.proposals.fullPath, json: form)
        }

        @Test func aVoteWithTooManyOrRepeatedOptionsIsRefusedWhenDrafted() async throws {
            try await withCoop { app async throws in
                let ana = try await APIClient.login(app, "ana@demo.coop")
                let before = try await count("proposals", on: app)
                let many = (0...Governance.maxOptions).map { "Option \($0)" }.joined(separator: "\n")
                let tooMany = try await propose(ana, ["kind": "general", "title": "Too many", "options": many])
                #expect(tooMany.status == .badRequest)
                #expect(tooMany.body.string.contains("at most \(Governance.maxOptions) options"))
                // 65,536 identical options once trapped the count and, with it, the scheduler.
                let same = Array(repeating: "x", count: 65_536).joined(separator: "\n")
                let repeated = try await propose(ana, ["kind": "general", "title": "Same again", "options": same])
                #expect(repeated.status == .badRequest)
                let twice = try await propose(ana, ["kind": "general", "title": "Twice", "options": "Tea\nCoffee\n Tea "])
                #expect(twice.status == .badRequest)
                #expect(twice.body.string.contains("'Tea' is listed twice"))
                #expect(try await count("proposals", on: app) == before)
                let fine = try await propose(ana, ["kind": "general", "title": "Drinks", "options": "Tea\nCoffee"])
                #expect(fine.status == .created)
            }
        }

        @Test func aVoteThatCannotBeCountedClosesWithItsReasonAndTheOthersMoveOn() async throws {
            let clock = TestClock()
            try await withCoop(configure: { $0.now = { clock.now } }) { app async throws in
                let ana = try await APIClient.login(app, "ana@demo.coop")
                let made = try await propose(ana, ["kind": "general", "title": "Drinks", "options": "Tea\nCoffee"])
                let number = try made.content.decode(GovernanceAPI.ProposalDTO.self).number
                // A stored proposal whose options repeat (as one drafted before the check could be).
                let p = try #require(try await ProposalRecord.query(on: app.db).filter(\.$number == number).first())
                p.payload = try Governance.json(ProposalPayload.general(options: ["Tea", "Tea", "Coffee"]))
                try await p.save(on: app.db)
                clock.advance(days: 7)
                try await Governance.advance(app: app)
                clock.advance(days: 7)
                try await Governance.advance(app: app)
                let closed = try #require(try await ProposalRecord.query(on: app.db).filter(\.$number == number).first())
                #expect(closed.status == .failed)
                #expect(closed.enactmentNote?.contains("could not be counted") == true, "\(closed.enactmentNote ?? "")")
                #expect(try await AuditEntryRecord.query(on: app.db).filter(\.$kind == "proposal.count_failed").count() == 1)
                // The demo's own proposals closed in the same steps.
                let first = try #require(try await ProposalRecord.query(on: app.db).filter(\.$number == 1).first())
                #expect(first.status != .voting)
                var sam = Browser(app)
                try await sam.logIn("sam@demo.coop")
                let page = try await sam.get(SiteURL.proposal(number).path)
                #expect(page.status == .ok)
                #expect(page.body.string.contains("could not be counted"))
                // Each member is told why in their language; the note and the audit entry stay English.
                #expect(closed.enactmentNote?.contains("the candidate 'Tea' is listed twice") == true)
                let inbox = try await sam.get(SiteURL.notifications.path + "?lang=es").body.string
                #expect(
                    inbox.contains("no se pudo hacer el recuento (la candidatura 'Tea' figura dos veces); no se aplicó nada"), "\(inbox)")
                let boite = try await sam.get(SiteURL.notifications.path + "?lang=fr").body.string
                #expect(boite.contains("(le candidat « Tea » figure deux fois)"))
                // Running the step again changes nothing: the failure is not retried.
                try await Governance.advance(app: app)
                #expect(try await AuditEntryRecord.query(on: app.db).filter(\.$kind == "proposal.count_failed").count() == 1)
            }
        }

        @Test func twoSchedulersAtOnceNeverCloseAVoteTheOtherJustOpened() async throws {
            // Two processes read the due list outside the lock; the second used to find the
            // proposal the first had just opened and count it at once.
            let clock = TestClock()
            try await withCoop(configure: { $0.now = { clock.now } }) { app async throws in
                let sam = try await APIClient.login(app, "sam@demo.coop")
                var numbers: [Int] = []
                for i in 0..<12 {
                    let made = try await propose(sam, ["kind": "general", "title": "Race \(i)", "options": "A\nB"])
                    numbers.append(try made.content.decode(GovernanceAPI.ProposalDTO.self).number)
                }
                clock.advance(days: 8)
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for _ in 0..<4 { group.addTask { try await Governance.advance(app: app) } }
                    try await group.waitForAll()
                }
                for n in numbers {
                    let p = try #require(try await ProposalRecord.query(on: app.db).filter(\.$number == n).first())
                    #expect(p.status == .voting, "#\(n) is \(p.status)")
                }
                #expect(try await AuditEntryRecord.query(on: app.db).filter(\.$kind == "proposal.opened").count() >= numbers.count)
            }
        }

        @Test func deeplyNestedOrOversizedBylawsAreRefusedBeforeParsing() async throws {
            try await withCoop { app async throws in
                let ana = try await APIClient.login(app, "ana@demo.coop")
                for text in [
                    String(repeating: "[", count: 8_000), String(repeating: "{a: ", count: 5_000),
                    String(repeating: "- ", count: 20_000) + "x", "name: &a [x]\nother: *a\n",
                    "name: x\n" + String(repeating: "# padding\n", count: 8_000),
                ] {
                    let res = try await propose(ana, ["kind": "bylaw_amendment", "title": "Deep", "bylaws": text])
                    #expect(res.status == .badRequest, "\(res.body.string.prefix(200))")
                }
                #expect(try await app.testing().sendRequest(.GET, SiteURL.healthz.path).status == .ok)
                #expect(throws: BylawsError.self) { try BylawsFile.parse(String(repeating: "[", count: 200_000)) }
                let current = try #require(try await BylawsVersionRecord.query(on: app.db).first()).text
                #expect(throws: Never.self) { try BylawsFile.checkShape(current) }
            }
        }

        @Test func arbitraryTextNeverTrapsTheBylawsParser() throws {
            var rng = SystemRandomNumberGenerator()
            let pieces = [
                "[", "]", "{", "}", "- ", ": ", "\n", "  ", "&a ", "*a", "'", "\"", "#", "name", "1e300", "!!str ", "? ", "|", ">",
            ]
            for _ in 0..<300 {
                var text = ""
                for _ in 0..<Int.random(in: 0...200, using: &rng) { text += pieces.randomElement(using: &rng)! }
                _ = try? BylawsFile.parse(text)
            }
        }

        @Test func datesOutsideTheAcceptedRangeAreRefusedAndNothingIsStored() async throws {
            try await withCoop { app async throws in
                let cleaning = try #require(try await ListingRecord.query(on: app.db).filter(\.$title == "Home cleaning").first())
                let id = try cleaning.requireID()
                var dev = Browser(app)
                try await dev.logIn("dev@demo.coop")
                _ = try await dev.get(SiteURL.listing(id).path)
                let before = try await count("orders", on: app)
                for when in ["1e300", "-1e300", "nan", "inf", "99999999999", "1900-01-01T00:00:00Z", "3000-01-01T00:00"] {
                    let res = try await dev.post(
                        SiteURL.orders.path, ["listing": id.uuidString, "quantity": "60", "scheduledAt": when])
                    #expect(res.status == .badRequest, "\(when): \(res.status)")
                }
                let api = try await APIClient.login(app, "dev@demo.coop")
                for when in ["\"9999-12-31T00:00:00Z\"", "1e300", "-62135596800"] {
                    let res = try await api.send(
                        .POST, APIPath.orders.fullPath, raw: #"{"listing":"\#(id.uuidString)","quantity":60,"scheduledAt":\#(when)}"#)
                    #expect(res.status == .badRequest, "\(when): \(res.status)")
                }
                #expect(try await count("orders", on: app) == before)
                // A date in range is stored: on a fixed-price service, a time asked for (an hourly
                // service's booking must also fit its worker's hours: BookingServerTests).
                let delivery = try #require(try await ListingRecord.query(on: app.db).filter(\.$title == "Cargo-bike delivery").first())
                let inRange = try await api.send(
                    .POST, APIPath.orders.fullPath,
                    raw: #"{"listing":"\#(try delivery.requireID().uuidString)","quantity":1,"scheduledAt":"2030-05-01T09:30:00Z"}"#)
                #expect(inRange.status == .created, "\(inRange.body.string)")
                for when in [#""when":"99999-01-01T00:00""#, #""scheduledAt":1e300"#] {
                    let job = try await api.send(
                        .POST, APIPath.jobs.fullPath,
                        raw: #"{"category":"cleaning","title":"Far future","budget":"50.00","estimatedMinutes":60,\#(when)}"#)
                    #expect(job.status == .badRequest, "\(when): \(job.body.string)")
                }
            }
        }

        @Test func theTallyCommandRefusesOptionsOutOfRange() throws {
            for args in [
                ["--method", "stv", "--seats", "0", "x.csv"], ["--method", "stv", "--seats", "99999999", "x.csv"],
                ["--method", "stv", "--decimals", "40", "x.csv"], ["--method", "score", "--max-score", "-1", "x.csv"],
                ["--method", "majority", "--eligible", "9223372036854775807", "x.csv"],
                ["--method", "majority", "--quorum", "99999999999", "x.csv"], ["--method", "majority", "--threshold", "-1", "x.csv"],
            ] {
                #expect(throws: (any Error).self, "\(args)") { try TallyCommand.parse(args) }
            }
            _ = try TallyCommand.parse(["--method", "majority", "--eligible", "100", "--quorum", "25%", "x.csv"])
        }

        @Test func erasureThroughTheAPIWorksWithoutASession() async throws {
            // A debug build once stopped here: the API has no session to destroy.
            try await withCoop { app async throws in
                var anon = APIClient(app: app)
                let made = try await anon.send(
                    .POST, APIPath.users.fullPath, json: ["name": "Fay Ford", "email": "fay@example.org", "password": "a-long-password"])
                #expect(made.status == .created, "\(made.body.string)")
                anon = try await APIClient.login(app, "fay@example.org", "a-long-password")
                let erased = try await anon.send(
                    .POST, APIPath.myDataErase.fullPath, json: ["password": "a-long-password", "confirm": "yes"])
                #expect(erased.status == .noContent, "\(erased.body.string)")
                #expect(try await UserRecord.query(on: app.db).filter(\.$email == "fay@example.org").count() == 0)
                #expect(try await app.testing().sendRequest(.GET, SiteURL.healthz.path).status == .ok)
            }
        }

        @Test func csvExportsDefuseFormulasAndTheBulletinStillRecounts() async throws {
            let clock = TestClock()
            try await withCoop(configure: { $0.now = { clock.now } }) { app async throws in
                let ana = try await APIClient.login(app, "ana@demo.coop")
                let formula = #"=HYPERLINK("http://x","y")"#
                let made = try await propose(
                    ana, ["kind": "general", "title": formula, "options": "\(formula)\n+SUM(1)\n'quoted"])
                #expect(made.status == .created, "\(made.body.string)")
                let number = try made.content.decode(GovernanceAPI.ProposalDTO.self).number
                clock.advance(days: 7)
                try await Governance.advance(app: app)
                for (email, pick) in [("ana@demo.coop", "0"), ("bo@demo.coop", "0"), ("cleo@demo.coop", "2")] {
                    var b = Browser(app)
                    try await b.logIn(email)
                    _ = try await b.get(SiteURL.proposal(number).path)
                    #expect(try await b.post(SiteURL.proposalBallot(number).path, ["approve[0]": pick]).status == .seeOther)
                }
                clock.advance(days: 7)
                try await Governance.advance(app: app)
                let votes = try await app.testing().sendRequest(.GET, SiteURL.openDataFile("votes.csv").path).body.string
                #expect(votes.contains(#""'=HYPERLINK(""http://x"",""y"")""#), "\(votes)")
                #expect(!votes.contains(",=HYPERLINK"))
                let csv = try await app.testing().sendRequest(.GET, SiteURL.proposalBulletinCSV(number).path).body.string
                for line in csv.split(separator: "\n") where !line.hasPrefix("#") {
                    #expect(!line.hasPrefix("=") && !line.hasPrefix("+"), "\(line)")
                }
                let file = FileManager.default.temporaryDirectory.appendingPathComponent("bulletin-\(UUID()).csv").path
                try csv.write(toFile: file, atomically: true, encoding: .utf8)
                defer { try? FileManager.default.removeItem(atPath: file) }
                let recount = try TallyCommand.count(
                    file: file, method: .approval, seats: 1, weighted: false, meek: false, decimals: 5, maxScore: 5, eligible: nil,
                    quorum: "0", threshold: "0.5", seed: nil)
                #expect(recount.winners == [formula])
                #expect(recount.totals?["'quoted"] == 1)
            }
        }
    }
}
