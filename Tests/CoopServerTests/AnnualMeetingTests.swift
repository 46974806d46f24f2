import CoopCore
import CoopStore
import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting

@testable import CoopServer

extension Server {
    /// The bylaws' schedule of annual general meetings (`annual_meeting_months`, 6 in the
    /// template): convened by the schedule only when no steward has and time runs out.
    @Suite struct AnnualMeetingTests {
        typealias A = AssemblyTests

        static func demoBrowser(_ app: Application, _ email: String) async throws -> Browser {
            var b = Browser(app)
            try await b.logIn(email, DemoCoop.password)
            return b
        }

        /// Moves the clock to `date`.
        static func move(_ clock: TestClock, to date: Date) {
            clock.advance(days: date.timeIntervalSince(clock.now) / 86_400)
        }

        @Test func theScheduleConvenesTheMeetingNoStewardConvenedAtTheLastMoment() async throws {
            let clock = TestClock()
            try await withCoop(configure: { $0.now = { clock.now } }) { app async throws in
                let finance = FinanceTests()
                let sam = try await APIClient.login(app, "sam@demo.coop")
                try await finance.confirmEli(app, sam)
                _ = try await finance.completedOrder(app, minutes: 60)
                // Nothing is due while no period has closed.
                try await AnnualMeetings.step(app: app)
                #expect(try await A.count("assemblies", on: app) == 0)
                clock.advance(days: 366)
                #expect(try await finance.close(sam, 1).status == .ok)
                let closedAt = clock.now
                let proposal = try #require(try await ProposalRecord.query(on: app.db).filter(\.$kind == .budget).first())
                #expect(proposal.status == .discussion)
                let deadline = FiscalCalendar.end(of: closedAt, months: 6)
                // Stewards have until a day before the notice (14 days) would carry the meeting past the deadline.
                try await AnnualMeetings.step(app: app)
                Self.move(clock, to: deadline.addingTimeInterval(-15 * 86_400 - 60))
                try await AnnualMeetings.step(app: app)
                #expect(try await A.count("assemblies", on: app) == 0)
                clock.advance(hours: 1)
                try await AnnualMeetings.step(app: app)
                let a = try #require(try await AssemblyStore.find(number: 1, on: app.db))
                let steward = try #require(try await FiscalPeriodStore.longestStandingSteward(on: app.db))
                #expect(a.status == .convened && a.convenedBy == steward.userID)
                #expect(a.title == "Annual general meeting: fiscal period 1")
                #expect(a.startsAt >= clock.now.addingTimeInterval(14 * 86_400) && a.startsAt <= deadline, "\(a.startsAt) by \(deadline)")
                #expect(a.startsAt.timeIntervalSince1970.truncatingRemainder(dividingBy: 3_600) == 0)
                #expect(a.place.isEmpty && a.online.hasSuffix(SiteURL.assemblies.path))
                // The period's allocation, still waiting for its vote, is on the agenda.
                #expect(try await AssemblyStore.agenda(of: a.requireID(), on: app.db).map(\.number) == [proposal.number])
                // Every member is told, as for any assembly, and the chain says the schedule convened it.
                let admitted = try await MembershipQueries.admittedIDs(on: app.db).count
                #expect(try await NotificationRecordCount.of(kind: .assemblyConvened, on: app) == admitted)
                struct P: Decodable { let payload: String }
                let convened = try await (app.db as! any SQLDatabase).raw(
                    "SELECT payload FROM audit_entries WHERE kind = 'assembly.convened'"
                ).all(decoding: P.self)
                #expect(convened.count == 1 && convened[0].payload.contains(#""by":"schedule""#), "\(convened)")
                // Convened once: the next steps, and a month later, do nothing more.
                try await AnnualMeetings.step(app: app)
                clock.advance(days: 30)
                try await AnnualMeetings.step(app: app)
                #expect(try await A.count("assemblies", on: app) == 1)
                // Its page shows it to a member, with the online link to the co-op's own page.
                var ana = try await Self.demoBrowser(app, "ana@demo.coop")
                let page = try await ana.get(SiteURL.assembly(1).path)
                #expect(page.status == .ok && page.body.string.contains("Annual general meeting: fiscal period 1"))
            }
        }

        /// The step runs every few seconds: while nothing is due it only reads (it does not even
        /// take the write gate); when a meeting is due, two steps at once convene it once.
        @Test func aStepWithNothingDueWritesNothingAndTwoStepsConveneOnce() async throws {
            let clock = TestClock()
            try await withCoop(configure: { $0.now = { clock.now } }) { app async throws in
                let sam = try await APIClient.login(app, "sam@demo.coop")
                try await FinanceTests().confirmEli(app, sam)
                clock.advance(days: 366)
                #expect(try await FinanceTests().close(sam, 1).status == .ok)
                let deadline = FiscalCalendar.end(of: clock.now, months: 6)
                let audit = try await A.count("audit_entries", on: app)
                let notifications = try await A.count("notifications", on: app)
                let gate = await app.coop.gate.entered
                for days in [0.0, 30, 100] {
                    clock.advance(days: days)
                    try await AnnualMeetings.step(app: app)
                }
                Self.move(clock, to: deadline.addingTimeInterval(-15 * 86_400 - 60))
                try await AnnualMeetings.step(app: app)
                #expect(await app.coop.gate.entered == gate, "no write transaction while nothing is due")
                #expect(try await A.count("audit_entries", on: app) == audit)
                #expect(try await A.count("notifications", on: app) == notifications)
                #expect(try await A.count("assemblies", on: app) == 0)
                // Due: two steps at once may both find it due by reading; the transaction that
                // comes second asks again and finds it convened.
                clock.advance(hours: 1)
                async let first: Void = AnnualMeetings.step(app: app)
                async let second: Void = AnnualMeetings.step(app: app)
                _ = try await (first, second)
                #expect(try await A.count("assemblies", on: app) == 1)
                struct P: Decodable { let n: Int }
                let convened = try await (app.db as! any SQLDatabase).raw(
                    "SELECT COUNT(*) AS n FROM audit_entries WHERE kind = 'assembly.convened'"
                ).first(decoding: P.self)?.n
                #expect(convened == 1)
                // Held: later steps take the gate no more.
                let after = await app.coop.gate.entered
                clock.advance(days: 1)
                try await AnnualMeetings.step(app: app)
                #expect(await app.coop.gate.entered == after)
            }
        }

        @Test func aMeetingAStewardConvenedInTimeIsTheAnnualMeeting() async throws {
            let clock = TestClock()
            try await withCoop(configure: { $0.now = { clock.now } }) { app async throws in
                let sam = try await APIClient.login(app, "sam@demo.coop")
                try await FinanceTests().confirmEli(app, sam)
                clock.advance(days: 366)
                // Nothing earned: the period closes with nothing to allocate, so no proposal.
                #expect(try await FinanceTests().close(sam, 1).status == .ok)
                let deadline = FiscalCalendar.end(of: clock.now, months: 6)
                let made = try await sam.send(
                    .POST, APIPath.proposals.fullPath,
                    json: ["kind": "general", "title": "Reports", "body": "The year.", "options": "A\nB"])
                #expect(made.status == .created, "\(made.body.string)")
                struct Made: Decodable { let number: Int }
                let n = try made.content.decode(Made.self).number
                var steward = try await Self.demoBrowser(app, "sam@demo.coop")
                _ = try await steward.get(SiteURL.newAssembly.path)
                #expect(try await steward.post(SiteURL.assemblies.path, A.form(clock, days: 40, agenda: "\(n)")).status == .seeOther)
                Self.move(clock, to: deadline.addingTimeInterval(-86_400))
                try await AnnualMeetings.step(app: app)
                #expect(try await A.count("assemblies", on: app) == 1)
            }
        }

        @Test func aMissedScheduleStillConvenesTheMeetingOnceWithAnEmptyAgenda() async throws {
            let clock = TestClock()
            try await withCoop(configure: { $0.now = { clock.now } }) { app async throws in
                let sam = try await APIClient.login(app, "sam@demo.coop")
                try await FinanceTests().confirmEli(app, sam)
                clock.advance(days: 366)
                #expect(try await FinanceTests().close(sam, 1).status == .ok)
                let deadline = FiscalCalendar.end(of: clock.now, months: 6)
                // The server was down past the deadline.
                Self.move(clock, to: deadline.addingTimeInterval(10 * 86_400))
                try await AnnualMeetings.step(app: app)
                let a = try #require(try await AssemblyStore.find(number: 1, on: app.db))
                #expect(a.startsAt > deadline && a.startsAt >= clock.now.addingTimeInterval(14 * 86_400))
                #expect(try await AssemblyStore.agenda(of: a.requireID(), on: app.db).isEmpty)
                for _ in 0..<3 {
                    clock.advance(days: 1)
                    try await AnnualMeetings.step(app: app)
                }
                #expect(try await A.count("assemblies", on: app) == 1)
                // A meeting with nothing to vote on still opens, closes and is minuted.
                Self.move(clock, to: a.startsAt)
                var steward = try await Self.demoBrowser(app, "sam@demo.coop")
                _ = try await steward.get(SiteURL.assembly(1).path)
                #expect(try await steward.post(SiteURL.assemblyOpen(1).path).status == .seeOther)
                #expect(try await steward.post(SiteURL.assemblyClose(1).path).status == .seeOther)
                let closed = try #require(try await AssemblyStore.find(number: 1, on: app.db))
                let text = Minutes.text(try await AssemblyStore.minutesFacts(of: closed, version: 1, additions: "Reports.", on: app.db))
                #expect(text.contains("Annual general meeting: fiscal period 1"))
            }
        }
    }
}
