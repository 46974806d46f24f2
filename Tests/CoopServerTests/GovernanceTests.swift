import CoopCore
import CoopStore
import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting

@testable import CoopServer

extension Server {
    @Suite struct GovernanceTests {
        /// Casts a ballot through the page and returns the receipt code shown.
        func vote(_ b: inout Browser, _ number: Int, _ form: [String: String]) async throws -> String? {
            _ = try await b.get(SiteURL.proposal(number).path)
            let posted = try await b.post(SiteURL.proposalBallot(number).path, form)
            #expect(posted.status == .seeOther, "\(posted.body.string.prefix(600))")
            let res = try #require(try await b.follow(posted))
            guard let r = res.body.string.range(of: #"id="receipt-code">([A-Z0-9-]+)<"#, options: .regularExpression) else { return nil }
            return String(res.body.string[r].dropFirst(#"id="receipt-code">"#.count).dropLast())
        }

        @Test func aPolicyChangeIsVotedClosedAndEnactedAfterItsTimelock() async throws {
            let clock = TestClock()
            try await withCoop(configure: { $0.now = { clock.now } }) { app async throws in
                // Proposal #1 of the demo: lower the fee to 8%, open for a secret majority vote.
                var ana = Browser(app)
                try await ana.logIn("ana@demo.coop")
                let anaReceipt = try #require(try await vote(&ana, 1, ["choice": "yes"]))
                var bo = Browser(app)
                try await bo.logIn("bo@demo.coop")
                let boReceipt = try #require(try await vote(&bo, 1, ["choice": "no"]))
                // Bo changes his mind, presenting his receipt.
                let changed = try await bo.post(SiteURL.proposalBallotChange(1).path, ["choice": "yes", "receipt": boReceipt])
                #expect(changed.status == .seeOther)
                #expect(try await bo.follow(changed)?.body.string.contains("Your ballot is changed.") == true)
                // A second ballot is refused; a wrong receipt finds nothing.
                #expect(try await bo.post(SiteURL.proposalBallot(1).path, ["choice": "no"]).status == .conflict)
                #expect(
                    try await bo.post(SiteURL.proposalBallotChange(1).path, ["choice": "no", "receipt": "AAAAA-BBBBB"]).status == .notFound)
                var cleo = Browser(app)
                try await cleo.logIn("cleo@demo.coop")
                _ = try await vote(&cleo, 1, ["choice": "abstain"])
                // An applicant is not eligible; nothing shows a count before close.
                var eli = Browser(app)
                try await eli.logIn("eli@demo.coop")
                #expect(try await eli.post(SiteURL.proposalBallot(1).path, ["choice": "yes"]).status == .forbidden)
                let during = try await ana.get(SiteURL.proposal(1).path).body.string
                #expect(!during.contains(#"id="result""#))
                #expect(try await app.testing().sendRequest(.GET, SiteURL.proposalBulletin(1).path).status == .conflict)
                // The ballots hold no voter.
                #expect(try await BallotRecord.query(on: app.db).filter(\.$voterID != nil).count() == 0)

                clock.advance(days: 7)
                try await Governance.advance(app: app)
                let closed = try #require(try await ProposalRecord.query(on: app.db).filter(\.$number == 1).first())
                #expect(closed.status == .passed)
                #expect(try await PolicyStore.value("platform_fee", on: app.db) == .number(1000), "the timelock holds it")
                let page = try await ana.get(SiteURL.proposal(1).path).body.string
                #expect(page.contains("Participation: 3 of 6"))
                #expect(page.contains("<svg"))

                clock.advance(hours: 48)
                try await Governance.advance(app: app)
                #expect(try await PolicyStore.value("platform_fee", on: app.db) == .number(800))
                let home = try await app.testing().sendRequest(.GET, SiteURL.home.path).body.string
                #expect(home.contains("<strong>8%</strong>"))
                #expect(home.contains("href=\"\(SiteURL.proposal(1).path)\">by proposal #1"))

                // The bulletin board lists each counted ballot once, with receipt hashes; a recount agrees.
                let board = try await app.testing().sendRequest(.GET, SiteURL.proposalBulletin(1).path).body.string
                #expect(board.contains(ReceiptCode.hash(anaReceipt)))
                #expect(!board.contains(ReceiptCode.hash(boReceipt)), "Bo's first ballot was superseded")
                let csv = try await app.testing().sendRequest(.GET, SiteURL.proposalBulletinCSV(1).path).body.string
                let file = FileManager.default.temporaryDirectory.appendingPathComponent("bulletin-\(UUID()).csv").path
                try csv.write(toFile: file, atomically: true, encoding: .utf8)
                defer { try? FileManager.default.removeItem(atPath: file) }
                let recount = try TallyCommand.count(
                    file: file, method: .majority, seats: 1, weighted: false, meek: false, decimals: 5, maxScore: 5, eligible: 6,
                    quorum: "0.25", threshold: "0.5", seed: nil)
                #expect(recount.totals == ["yes": 2, "no": 0, "abstain": 1])

                let kinds = try await AuditEntryRecord.query(on: app.db).all().map(\.kind)
                for kind in ["proposal.opened", "ballot.cast", "ballot.changed", "proposal.closed", "proposal.enacted", "policy.changed"] {
                    #expect(kinds.contains(kind), "\(kind)")
                }
                #expect(try await AuditLog.verify(on: app.db).get().count == Int64(kinds.count))
            }
        }

        @Test func ballotsCastAtOnceAreEachRecordedOnce() async throws {
            try await withCoop { app async throws in
                // Proposal #1 is open. Each founder sends three ballots at the same moment: the ballot
                // box records them in shared transactions, and exactly one of each voter's counts.
                let emails = ["sam@demo.coop", "rita@demo.coop", "ana@demo.coop", "bo@demo.coop", "cleo@demo.coop", "dev@demo.coop"]
                var clients: [APIClient] = []
                for email in emails { clients.append(try await APIClient.login(app, email)) }
                let path = APIPath.proposalBallots.fullPath.replacingOccurrences(of: "{number}", with: "1")
                let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                    for client in clients {
                        for choice in ["yes", "no", "abstain"] {
                            group.addTask { try await client.send(.POST, path, json: ["choice": choice]).status }
                        }
                    }
                    return try await group.reduce(into: [HTTPStatus]()) { $0.append($1) }
                }
                #expect(statuses.filter { $0 == .created }.count == 6)
                #expect(statuses.filter { $0 == .conflict }.count == 12)
                #expect(try await count("ballots", on: app) == 6)
                #expect(try await ProposalVoterRecord.query(on: app.db).filter(\.$voted == true).count() == 6)
                let casts = try await AuditEntryRecord.query(on: app.db).filter(\.$kind == "ballot.cast").count()
                #expect(casts == 6)
                #expect(try await AuditLog.verify(on: app.db).get().count == Int64(try await count("audit_entries", on: app)))

                // Eli, admitted after voting opened, was not eligible when it opened.
                let sam = try await APIClient.login(app, "sam@demo.coop")
                let row = try #require(
                    try await sam.send(.GET, APIPath.stewardQueue.fullPath).content.decode([QueueRow].self).first {
                        $0.email == "eli@demo.coop"
                    })
                _ = try await sam.send(.POST, APIPath.paymentConfirm.with(try #require(row.paymentID)))
                #expect(try await sam.send(.POST, APIPath.applicationAdmit.with(row.membershipID)).status == .noContent)
                let eli = try await APIClient.login(app, "eli@demo.coop")
                let late = try await eli.send(.POST, path, json: ["choice": "yes"])
                #expect(late.status == .forbidden)
                #expect(late.body.string.contains("admitted when voting opened"), "\(late.body.string)")
                // The API checks a ballot's token in the transaction: an unknown one is a 401, as is none.
                var stranger = APIClient(app: app)
                #expect(try await stranger.send(.POST, path, json: ["choice": "yes"]).status == .unauthorized)
                stranger.token = "coop_not-a-token"
                #expect(try await stranger.send(.POST, path, json: ["choice": "yes"]).status == .unauthorized)
                #expect(try await count("ballots", on: app) == 6)
            }
        }

        @Test func enactingTwiceFromTwoProcessesHappensOnce() async throws {
            let clock = TestClock()
            try await withCoop(configure: { $0.now = { clock.now } }) { app async throws in
                for email in ["ana@demo.coop", "bo@demo.coop"] {
                    let api = try await APIClient.login(app, email)
                    #expect(
                        try await api.send(
                            .POST, APIPath.proposalBallots.fullPath.replacingOccurrences(of: "{number}", with: "1"), json: ["choice": "yes"]
                        ).status == .created)
                }
                // Closing, then enacting after the timelock, each run by four workers at once.
                for step in [10.0, 2.0] {
                    clock.advance(days: step)
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        for _ in 0..<4 { group.addTask { try await Governance.advance(app: app) } }
                        try await group.waitForAll()
                    }
                }
                let first = try #require(try await ProposalRecord.query(on: app.db).filter(\.$number == 1).first()?.id?.uuidString)
                let closings = try await AuditEntryRecord.query(on: app.db).filter(\.$kind == "proposal.closed").all().map(\.payload)
                #expect(closings.filter { $0.contains(first) }.count == 1, "\(closings)")
                #expect(try await PolicyChangeRecord.query(on: app.db).filter(\.$proposalID != nil).count() == 1)
                let enacted = try await AuditEntryRecord.query(on: app.db).filter(\.$kind == "proposal.enacted").count()
                #expect(enacted == 1)
            }
        }

        /// Runs the demo's board election (proposal #3: 3 seats; Sam, Ana, Cleo and Bo stand) with
        /// these ranked ballots, and returns the rules it was counted under and the members seated.
        func boardElection(_ ballots: [(String, [String])]) async throws -> (FrozenRules, [String]) {
            let clock = TestClock()
            var result: (FrozenRules, [String])?
            try await withCoop(configure: { $0.now = { clock.now } }) { app async throws in
                clock.advance(days: 14)  // past the discussion: voting opens
                try await Governance.advance(app: app)
                let p = try #require(try await ProposalRecord.query(on: app.db).filter(\.$number == 3).first())
                #expect(p.status == .voting)
                let frozen = try Governance.frozenRules(p)
                func index(_ name: String) -> String { String(frozen.options.firstIndex { $0.hasPrefix(name) }!) }
                for (email, ranking) in ballots {
                    var b = Browser(app)
                    try await b.logIn(email)
                    var form: [String: String] = [:]
                    for (rank, name) in ranking.enumerated() { form["rank[\(index(name))]"] = String(rank + 1) }
                    _ = try await vote(&b, 3, form)
                }
                clock.advance(days: 14)
                try await Governance.advance(app: app)
                let done = try #require(try await ProposalRecord.query(on: app.db).filter(\.$number == 3).first())
                #expect(done.status == .enacted)
                let outcome = try Governance.decode(ProposalOutcome.self, done.outcome!)
                #expect(outcome.result.winners.count == 3)
                let page = try await app.testing().sendRequest(.GET, SiteURL.proposal(3).path).body.string
                #expect(page.contains(#"id="rounds""#))
                // Anyone can recount from the bulletin board, with the reserved seats its header names.
                let csv = try await app.testing().sendRequest(.GET, SiteURL.proposalBulletinCSV(3).path).body.string
                for r in frozen.reservations ?? [] {
                    #expect(csv.contains("--reserve '\(r.seats):\(r.candidates.joined(separator: ","))'"))
                }
                let file = FileManager.default.temporaryDirectory.appendingPathComponent("bulletin-\(UUID()).csv").path
                try csv.write(toFile: file, atomically: true, encoding: .utf8)
                defer { try? FileManager.default.removeItem(atPath: file) }
                let recount = try TallyCommand.count(
                    file: file, method: .stv, seats: 3, weighted: false, meek: false, decimals: 5, maxScore: 5, eligible: nil,
                    quorum: "0", threshold: "0.5", seed: frozen.seed,
                    reservations: try (frozen.reservations ?? []).map {
                        try TallyCommand.reservation("\($0.seats):\($0.candidates.joined(separator: ","))")
                    })
                #expect(recount.winners == outcome.result.winners)
                var seated: [String] = []
                for seat in try await BoardSeatRecord.query(on: app.db).filter(\.$endedAt == nil).all() {
                    let m = try #require(try await MembershipRecord.find(seat.membershipID, on: app.db))
                    seated.append(try #require(try await UserRecord.find(m.userID, on: app.db)).name)
                }
                result = (frozen, seated.sorted())
            }
            return try #require(result)
        }

        @Test func aBoardElectionByScottishSTVSeatsTheWinners() async throws {
            let (_, seated) = try await boardElection([
                ("sam@demo.coop", ["Sam", "Ana"]), ("rita@demo.coop", ["Sam", "Cleo"]), ("ana@demo.coop", ["Ana", "Sam"]),
                ("bo@demo.coop", ["Cleo", "Bo"]), ("cleo@demo.coop", ["Cleo", "Ana"]), ("dev@demo.coop", ["Bo", "Cleo"]),
            ])
            // Quota 2: Sam and Cleo reach it at once; Ana and Bo tie on 1 for the last seat (a lot).
            #expect(seated.count == 3)
            #expect(seated.contains("Sam Steward") && seated.contains("Cleo Costa"))
        }

        @Test func aBoardElectionKeepsTheSeatsReservedForAClass() async throws {
            // The demo bylaws reserve 3 of 5 board seats for workers and 2 for users: in a 3-seat
            // election, one each. Sam and Bo reach the quota (2) at once; the last seat is the users',
            // so Ana is doomed and Cleo, the only user standing, is elected.
            let (frozen, seated) = try await boardElection([
                ("sam@demo.coop", ["Sam", "Ana"]), ("rita@demo.coop", ["Sam", "Bo"]), ("ana@demo.coop", ["Ana", "Sam"]),
                ("bo@demo.coop", ["Bo", "Ana"]), ("cleo@demo.coop", ["Cleo"]), ("dev@demo.coop", ["Bo", "Ana"]),
            ])
            let reserved = Dictionary(uniqueKeysWithValues: (frozen.reservations ?? []).map { ($0.group, $0.seats) })
            #expect(reserved == ["user": 1, "worker": 1])
            #expect(seated == ["Bo Berg", "Cleo Costa", "Sam Steward"])
            #expect(throws: CLIError.self) { try TallyCommand.reservation("two:Ana") }
            #expect(try TallyCommand.reservation(#"2:"Costa, Cleo",Bo"#).candidates == ["Costa, Cleo", "Bo"])
        }

        @Test(arguments: ["yes", "no"]) func aMemberVoteClassAdmitsOrRejectsByProposal(choice: String) async throws {
            let clock = TestClock()
            try await withCoop(configure: { $0.now = { clock.now } }) { app async throws in
                var api = APIClient(app: app)
                _ = try await api.send(
                    .POST, APIPath.users.fullPath, json: ["name": "Sue", "email": "sue@example.org", "password": "a-long-password"])
                api = try await APIClient.login(app, "sue@example.org", "a-long-password")
                _ = try await api.send(.POST, APIPath.membership.fullPath, json: ["class": "supporter"])
                _ = try await api.send(.POST, APIPath.membershipPayment.fullPath, json: ["method": "cash"])
                let sam = try await APIClient.login(app, "sam@demo.coop")
                let row = try #require(
                    try await sam.send(.GET, APIPath.stewardQueue.fullPath).content.decode([QueueRow].self).first {
                        $0.email == "sue@example.org"
                    })
                _ = try await sam.send(.POST, APIPath.paymentConfirm.with(try #require(row.paymentID)))
                let p = try #require(try await ProposalRecord.query(on: app.db).filter(\.$kind == .admission).first())
                #expect(p.title == "Admit Sue to Supporter-members")
                clock.advance(days: 3)
                try await Governance.advance(app: app)
                for email in ["sam@demo.coop", "ana@demo.coop"] {
                    let m = try await APIClient.login(app, email)
                    _ = try await m.send(
                        .POST, APIPath.proposalBallots.fullPath.replacingOccurrences(of: "{number}", with: String(p.number)),
                        json: ["choice": choice])
                }
                clock.advance(days: 7)
                try await Governance.advance(app: app)
                let mine = try await api.send(.GET, APIPath.membership.fullPath).content.decode(MembershipSummary.self)
                let closed = try #require(try await ProposalRecord.find(p.requireID(), on: app.db))
                if choice == "yes" {
                    #expect(mine.status == "admitted")
                    #expect(mine.memberNumber == 7)
                } else {
                    // Voted down: rejected at close, the shares paid for owed back on the ledger.
                    #expect(closed.status == .failed)
                    #expect(mine.status == "rejected")
                    #expect(mine.memberNumber == nil)
                    let bylaws = try #require(try await app.coop.bylaws(on: app.db))
                    let paid = try #require(bylaws.classes.first { $0.id == "supporter" }).requiredPayment
                    let owed = try await LedgerStore.balance(
                        of: .redemptionPayable(member: mine.id.uuidString.lowercased()), currency: bylaws.currency, on: app.db)
                    #expect(owed == -paid.minorUnits)
                    #expect(mine.shares == 0)
                    let kinds = try await AuditEntryRecord.query(on: app.db).sort(\.$id, .descending).limit(3).all().map(\.kind)
                    #expect(kinds == ["membership.rejected", "ledger.posted", "proposal.closed"])
                }
            }
        }

        @Test func aPolicyValueOutsideItsBoundsIsRefusedWithTheFigures() async throws {
            try await withCoop { app async throws in
                var ana = Browser(app)
                try await ana.logIn("ana@demo.coop")
                _ = try await ana.get(SiteURL.newProposal.path)
                let before = try await count("proposals", on: app)
                let res = try await ana.post(
                    SiteURL.proposals.path, ["kind": "policy_change", "title": "Fee to 40%", "policy": "platform_fee", "value": "40%"])
                #expect(res.status == .badRequest)
                #expect(res.body.string.contains("0% to 25%"))
                #expect(try await count("proposals", on: app) == before)
                // Applicants and visitors cannot propose.
                var eli = Browser(app)
                try await eli.logIn("eli@demo.coop")
                #expect(try await eli.get(SiteURL.newProposal.path).status == .forbidden)
            }
        }

        @Test func anApprovalVoteCountsTheOptions() async throws {
            let clock = TestClock()
            try await withCoop(configure: { $0.now = { clock.now } }) { app async throws in
                clock.advance(days: 7)
                try await Governance.advance(app: app)  // proposal #2 (tips) opens: approval, open ballot
                for (email, picks) in [("ana@demo.coop", ["0", "1"]), ("bo@demo.coop", ["0"]), ("cleo@demo.coop", ["2"])] {
                    var b = Browser(app)
                    try await b.logIn(email)
                    _ = try await b.get(SiteURL.proposal(2).path)
                    var form: [String: String] = [:]
                    for (i, pick) in picks.enumerated() { form["approve[\(i)]"] = pick }
                    let res = try await b.post(SiteURL.proposalBallot(2).path, form)
                    #expect(res.status == .seeOther)
                }
                #expect(try await BallotRecord.query(on: app.db).filter(\.$voterID != nil).count() == 3, "open ballots are named")
                clock.advance(days: 7)
                try await Governance.advance(app: app)
                let p = try #require(try await ProposalRecord.query(on: app.db).filter(\.$number == 2).first())
                let outcome = try Governance.decode(ProposalOutcome.self, p.outcome!)
                #expect(outcome.result.winners == ["Tips go entirely to the worker"])
                #expect(outcome.result.totals?["Tips are split with the co-op"] == 1)
            }
        }
    }
}

extension Server {
    @Suite struct GovernanceEnactmentTests {
        func vote(_ app: Application, _ number: Int, _ emails: [String], _ choice: String) async throws {
            for email in emails {
                let api = try await APIClient.login(app, email)
                let res = try await api.send(
                    .POST, APIPath.proposalBallots.fullPath.replacingOccurrences(of: "{number}", with: String(number)),
                    json: ["choice": choice])
                #expect(res.status == .created, "\(email): \(res.body.string)")
            }
        }

        /// Lets days pass one at a time, running the scheduler's step each day, as `coop serve` would.
        func pass(days: Int, _ clock: TestClock, _ app: Application) async throws {
            for _ in 0..<days {
                clock.advance(days: 1)
                try await Governance.advance(app: app)
            }
        }

        func propose(_ app: Application, _ email: String, _ form: [String: String]) async throws -> Int {
            let api = try await APIClient.login(app, email)
            let res = try await api.send(.POST, APIPath.proposals.fullPath, json: form)
            #expect(res.status == .created, "\(res.body.string)")
            return try res.content.decode(GovernanceAPI.ProposalDTO.self).number
        }

        @Test func aBylawChangeDoesNotTouchAVoteUnderWay() async throws {
            let clock = TestClock()
            try await withCoop(configure: { $0.now = { clock.now } }) { app async throws in
                let current = try #require(try await BylawsVersionRecord.query(on: app.db).first()).text
                let amended = current.replacingOccurrences(
                    of: "policy_change:   { method: majority, quorum: 0.25,", with: "policy_change:   { method: majority, quorum: 0.9, ")
                #expect(amended != current)
                let a = try await propose(
                    app, "ana@demo.coop", ["kind": "bylaw_amendment", "title": "Raise the quorum for policy changes", "bylaws": amended])
                try await pass(days: 14, clock, app)
                try await vote(app, a, ["sam@demo.coop", "ana@demo.coop", "bo@demo.coop", "cleo@demo.coop"], "yes")
                try await pass(days: 6, clock, app)  // day 20
                let p = try await propose(
                    app, "bo@demo.coop",
                    ["kind": "policy_change", "title": "Minimum pay to 16.00", "policy": "minimum_pay_per_hour", "value": "16.00"])
                try await pass(days: 7, clock, app)  // day 27: P opens under the old quorum
                try await vote(app, p, ["ana@demo.coop", "bo@demo.coop"], "yes")
                try await pass(days: 4, clock, app)  // day 31: A closed at 28, enacted after its 72 h timelock
                #expect(try await BylawsVersionRecord.query(on: app.db).max(\.$version) == 2)
                #expect(try await app.coop.bylaws(on: app.db)?.proposals[.policyChange]?.quorum == Fraction(basisPoints: 9000))
                try await pass(days: 4, clock, app)  // day 35: P closed at 34 with 2 of 6 (33%): enough under its frozen 25%
                let record = try #require(try await ProposalRecord.query(on: app.db).filter(\.$number == p).first())
                #expect(record.status == .passed || record.status == .enacted)
                #expect(record.enactAfter != nil)
                try await pass(days: 3, clock, app)
                #expect(try await PolicyStore.value("minimum_pay_per_hour", on: app.db) == .number(1600))
            }
        }

        @Test func anEnactmentThatFailsHalfWayLeavesNothingAndIsNotRetried() async throws {
            let clock = TestClock()
            try await withCoop(configure: { $0.now = { clock.now } }) { app async throws in
                let n = try await propose(
                    app, "rita@demo.coop",
                    ["kind": "budget", "title": "Pay for hosting", "amount": "250.00", "payee": "Hosting co-op", "memo": "Servers"])
                try await pass(days: 7, clock, app)
                try await vote(app, n, ["sam@demo.coop", "rita@demo.coop"], "yes")
                // The ledger's postings fail after its transaction row is written: half-way.
                let sql = app.db as! any SQLDatabase
                if sql.dialect.name == "postgresql" {
                    try await sql.raw(
                        "CREATE FUNCTION coop_test_fail() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'disk full'; END; $$ LANGUAGE plpgsql"
                    ).run()
                    try await sql.raw(
                        "CREATE TRIGGER fail_postings BEFORE INSERT ON ledger_postings FOR EACH ROW EXECUTE FUNCTION coop_test_fail()"
                    ).run()
                } else {
                    try await sql.raw(
                        "CREATE TRIGGER fail_postings BEFORE INSERT ON ledger_postings BEGIN SELECT RAISE(ABORT, 'disk full'); END"
                    )
                    .run()
                }
                let transactions = try await count("ledger_transactions", on: app)
                try await pass(days: 10, clock, app)
                let p = try #require(try await ProposalRecord.query(on: app.db).filter(\.$number == n).first())
                #expect(p.status == .notEnacted)
                #expect(p.enactmentNote?.contains("disk full") == true, "\(p.enactmentNote ?? "")")
                #expect(try await count("ledger_transactions", on: app) == transactions, "the half-written transaction is undone")
                #expect(try await AuditEntryRecord.query(on: app.db).filter(\.$kind == "proposal.not_enacted").count() == 1)
                #expect(try await AuditEntryRecord.query(on: app.db).filter(\.$kind == "ledger.posted").count() > 0)
                try await pass(days: 1, clock, app)
                #expect(try await AuditEntryRecord.query(on: app.db).filter(\.$kind == "proposal.not_enacted").count() == 1, "not retried")
                #expect((try? await AuditLog.verify(on: app.db).get()) != nil)
                var sam = Browser(app)
                try await sam.logIn("sam@demo.coop")
                #expect(try await sam.get(SiteURL.proposal(n).path).body.string.contains("disk full"))
            }
        }

        @Test func aPassedBudgetIsPostedToTheLedger() async throws {
            let clock = TestClock()
            try await withCoop(configure: { $0.now = { clock.now } }) { app async throws in
                let n = try await propose(
                    app, "rita@demo.coop",
                    [
                        "kind": "budget", "title": "Pay for hosting", "amount": "250.00", "payee": "Hosting co-op",
                        "memo": "A year of servers",
                    ])
                try await pass(days: 7, clock, app)
                try await vote(app, n, ["sam@demo.coop", "rita@demo.coop"], "yes")
                try await pass(days: 10, clock, app)  // closes at day 14, enacted 48 h later
                let tx = try #require(try await LedgerTransactionRecord.query(on: app.db).filter(\.$kind == "budget").first())
                let postings = try await LedgerPostingRecord.query(on: app.db).filter(\.$transactionID == tx.requireID()).all()
                #expect(Set(postings.map(\.amount)) == [25_000, -25_000])
                #expect(tx.memo.contains("Hosting co-op"))
                // A budget with a bad amount is refused when drafted.
                let api = try await APIClient.login(app, "rita@demo.coop")
                let bad = try await api.send(
                    .POST, APIPath.proposals.fullPath, json: ["kind": "budget", "title": "Pay", "amount": "-5", "payee": "X", "memo": "Y"])
                #expect(bad.status == .badRequest)
            }
        }
    }
}
