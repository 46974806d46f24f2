import CoopCore
import CoopStore
import Fluent
import Foundation
import Testing
import VaporTesting

@testable import CoopServer

extension Server {
    @Suite struct AssemblyTests {
        static func email(_ name: String) -> String { name.lowercased().split(separator: " ").joined(separator: ".") + "@fixture.test" }

        static func membership(_ email: String, on db: any Database) async throws -> MembershipRecord {
            let user = try #require(try await UserStore.user(email: email, on: db))
            return try #require(try await MembershipQueries.membership(ofUser: try user.requireID(), on: db))
        }

        static func browser(_ app: Application, _ email: String) async throws -> Browser {
            var b = Browser(app)
            try await b.logIn(email, Fixture.password)
            return b
        }

        static func count(_ table: String, on app: Application) async throws -> Int {
            struct Row: Decodable { let n: Int }
            return try await app.db.sql().raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first(decoding: Row.self)?.n ?? 0
        }

        /// A convocation form, `days` ahead of `clock`.
        static func form(_ clock: TestClock, days: Double, agenda: String, title: String = "Annual general meeting") -> [String: String] {
            let when = ISO8601DateFormatter().string(from: clock.now.addingTimeInterval(days * 86_400))
            return [
                "title": title, "starts_at": when, "place": "The community hall", "online": "https://meet.example/agm", "agenda": agenda,
            ]
        }

        @Test(arguments: BylawsTemplate.allCases)
        func everyTemplateGovernsTheAssemblyPoliciesWithinTheirBounds(template: BylawsTemplate) throws {
            let bylaws = try BylawsFile.parse(template.text)
            let cap = try #require(bylaws.policy(PolicyKey.assemblyProxyCap.rawValue))
            let notice = try #require(bylaws.policy(PolicyKey.assemblyNoticeDays.rawValue))
            #expect(cap.initial == PolicyKey.assemblyProxyCap.fallback)
            #expect(notice.initial == PolicyKey.assemblyNoticeDays.fallback)
            #expect(AssemblyRules.proxyCapBounds.contains(cap.min ?? -1) && AssemblyRules.proxyCapBounds.contains(cap.max ?? -1))
            #expect(AssemblyRules.noticeDaysBounds.contains(notice.min ?? -1) && AssemblyRules.noticeDaysBounds.contains(notice.max ?? -1))
        }

        @Test func aStewardConvenesWithNoticeAndEveryMemberIsToldOnTheAuditChain() async throws {
            let clock = TestClock()
            try await withCoop(founded: false, configure: { $0.now = { clock.now } }) { app async throws in
                let f = try await Fixture.coop(app)
                let ana = try await f.member("Ana Arroyo")
                _ = try await f.member("Bo Berg")
                let n = try await f.proposal(
                    by: ana, ["kind": "general", "title": "Paint the hall", "body": "Green.", "options": "Green\nBlue"])
                var steward = try await Self.browser(app, Fixture.stewardEmail)
                var member = try await Self.browser(app, Self.email("Ana Arroyo"))

                // A member who is not a steward cannot convene; nothing is written.
                _ = try await member.get(SiteURL.assemblies.path)
                #expect(try await member.get(SiteURL.newAssembly.path).status == .forbidden)
                #expect(try await member.post(SiteURL.assemblies.path, Self.form(clock, days: 20, agenda: "\(n)")).status == .forbidden)
                // Inside the notice period (14 days by default), blank, huge, malformed or unknown: refused in words.
                _ = try await steward.get(SiteURL.newAssembly.path)
                let early = try await steward.post(SiteURL.assemblies.path, Self.form(clock, days: 13, agenda: "\(n)"))
                #expect(early.status == .badRequest)
                #expect(early.body.string.contains("14 days"))
                for bad in [
                    Self.form(clock, days: 20, agenda: "\(n)", title: " "),
                    Self.form(clock, days: 20, agenda: "\(n)", title: String(repeating: "x", count: 5_000)),
                    Self.form(clock, days: 20, agenda: ""),
                    Self.form(clock, days: 20, agenda: "\(n), \(n)"),
                    Self.form(clock, days: 20, agenda: "abc"),
                    Self.form(clock, days: 20, agenda: "\(n)").merging(["starts_at": "next tuesday"]) { $1 },
                    Self.form(clock, days: 20, agenda: "\(n)").merging(["place": "", "online": ""]) { $1 },
                    Self.form(clock, days: 20, agenda: String(repeating: "1,", count: 900)),
                    Self.form(clock, days: 5_000, agenda: "\(n)"),
                ] {
                    let res = try await steward.post(SiteURL.assemblies.path, bad)
                    #expect(res.status == .badRequest, "\(bad): \(res.status)")
                }
                #expect(try await steward.post(SiteURL.assemblies.path, Self.form(clock, days: 20, agenda: "999")).status == .notFound)
                #expect(try await Self.count("assemblies", on: app) == 0)
                #expect(try await Self.count("assembly_members", on: app) == 0)

                let made = try await steward.post(SiteURL.assemblies.path, Self.form(clock, days: 14, agenda: "#\(n)"))
                #expect(made.status == .seeOther, "\(made.body.string.prefix(400))")
                let a = try #require(try await AssemblyStore.find(number: 1, on: app.db))
                #expect(try await Self.count("assembly_members", on: app) == 3)
                let told = try await NotificationRecordCount.of(kind: .assemblyConvened, on: app)
                #expect(told == 3)
                #expect(throws: CoopError.self) { try NotificationRules.check(.never, for: .assemblyConvened) }
                let entries = try await AuditLog.verify(on: app.db).get()
                #expect(entries.count == Int64(try await Self.count("audit_entries", on: app)))
                struct K: Decodable { let kind: String }
                let kinds = try await app.db.sql().raw("SELECT kind FROM audit_entries").all(decoding: K.self).map(\.kind)
                #expect(kinds.contains("assembly.convened"))

                // Every member sees the agenda and their own code, and no one else's.
                let page = try await member.get(SiteURL.assembly(a.number).path).body.string
                #expect(page.contains("Paint the hall") && page.contains("check-in-code"))
                let anaCode = try #require(
                    try await AssemblyStore.called(
                        try Self.membership(Self.email("Ana Arroyo"), on: app.db).requireID(), to: a.requireID(), on: app.db)
                ).code
                #expect(page.contains(anaCode))
                let list = try await member.get(SiteURL.assemblies.path).body.string
                #expect(list.contains("Annual general meeting"))
            }
        }

        @Test func attendanceAndProxiesFollowTheRulesAndEveryRefusalChangesNothing() async throws {
            let clock = TestClock()
            try await withCoop(founded: false, configure: { $0.now = { clock.now } }) { app async throws in
                let f = try await Fixture.coop(app)
                let names = ["Ana Arroyo", "Bo Berg", "Cy Chan", "Di Diaz"]
                for name in names { _ = try await f.member(name) }
                let n = try await f.proposal(
                    by: f.steward, ["kind": "general", "title": "Paint the hall", "body": "Green.", "options": "Green\nBlue"])
                var steward = try await Self.browser(app, Fixture.stewardEmail)
                _ = try await steward.get(SiteURL.newAssembly.path)
                #expect(try await steward.post(SiteURL.assemblies.path, Self.form(clock, days: 15, agenda: "\(n)")).status == .seeOther)
                let a = try #require(try await AssemblyStore.find(number: 1, on: app.db))
                let aid = try a.requireID()
                var members: [String: Browser] = [:]
                var ms: [String: MembershipRecord] = [:]
                for name in names {
                    var b = try await Self.browser(app, Self.email(name))
                    _ = try await b.get(SiteURL.assembly(1).path)
                    members[name] = b
                    ms[name] = try await Self.membership(Self.email(name), on: app.db)
                }
                func number(_ name: String) -> String { String(ms[name]!.memberNumber!) }
                func post(_ name: String, _ url: SiteURL, _ form: [String: String] = [:]) async throws -> TestingHTTPResponse {
                    try await members[name]!.post(url.path, form)
                }
                func snapshot() async throws -> AssemblyRoll<UUID> { try await AssemblyStore.roll(of: aid, on: app.db) }

                // Proxies: Bo and Cy to Ana (the cap is 2).
                #expect(try await post("Bo Berg", .assemblyProxy(1), ["holder": number("Ana Arroyo")]).status == .seeOther)
                #expect(try await post("Cy Chan", .assemblyProxy(1), ["holder": number("Ana Arroyo")]).status == .seeOther)
                let before = try await snapshot()
                #expect(before.proxyCount(heldBy: ms["Ana Arroyo"]!.id!) == 2)
                // A third over the cap, to oneself, to no member, a chain either way, a second proxy, nonsense: refused.
                let refusals: [(String, SiteURL, [String: String], HTTPStatus)] = [
                    ("Di Diaz", .assemblyProxy(1), ["holder": number("Ana Arroyo")], .conflict),
                    ("Di Diaz", .assemblyProxy(1), ["holder": number("Di Diaz")], .badRequest),
                    ("Di Diaz", .assemblyProxy(1), ["holder": "9999"], .badRequest),
                    ("Di Diaz", .assemblyProxy(1), ["holder": "-1"], .badRequest),
                    ("Di Diaz", .assemblyProxy(1), ["holder": "abc"], .badRequest),
                    ("Di Diaz", .assemblyProxy(1), ["holder": String(repeating: "9", count: 400)], .badRequest),
                    ("Di Diaz", .assemblyProxy(1), [:], .badRequest),
                    ("Di Diaz", .assemblyProxy(1), ["holder": number("Bo Berg")], .conflict),
                    ("Ana Arroyo", .assemblyProxy(1), ["holder": number("Di Diaz")], .conflict),
                    ("Bo Berg", .assemblyProxy(1), ["holder": number("Di Diaz")], .conflict),
                    ("Di Diaz", .assemblyProxyRevoke(1), [:], .conflict),
                    // Check-in before the assembly opens, and by a member who is not a steward.
                    ("Di Diaz", .assemblyCheckInOnline(1), [:], .conflict),
                    ("Di Diaz", .assemblyCheckIn(1), ["code": "ABCDEF"], .forbidden),
                    ("Di Diaz", .assemblyOpen(1), [:], .forbidden),
                ]
                for (who, url, form, status) in refusals {
                    let res = try await post(who, url, form)
                    #expect(res.status == status, "\(who) \(url) \(form): \(res.status) \(res.body.string.prefix(200))")
                }
                #expect(try await snapshot() == before)

                // The chair cannot open before the day; on the day the assembly opens.
                #expect(try await steward.post(SiteURL.assemblyOpen(1).path).status == .conflict)
                clock.advance(days: 15)
                // Sessions expire over two weeks: everyone logs in again on the day.
                steward = try await Self.browser(app, Fixture.stewardEmail)
                _ = try await steward.get(SiteURL.assembly(1).path)
                for name in names {
                    var b = try await Self.browser(app, Self.email(name))
                    _ = try await b.get(SiteURL.assembly(1).path)
                    members[name] = b
                }
                #expect(try await steward.post(SiteURL.assemblyOpen(1).path).status == .seeOther)
                // In person by code: a wrong or malformed code is refused; a member's code checks them in, once.
                let diCode = try #require(try await AssemblyStore.called(ms["Di Diaz"]!.id!, to: aid, on: app.db)).code
                _ = try await steward.get(SiteURL.assembly(1).path)
                for bad in ["", "ZZZZZZ", String(repeating: "A", count: 10_000), "<script>"] {
                    let res = try await steward.post(SiteURL.assemblyCheckIn(1).path, ["code": bad])
                    #expect([.badRequest, .notFound].contains(res.status), "code \(bad.prefix(20)): \(res.status)")
                }
                #expect(try await steward.post(SiteURL.assemblyCheckIn(1).path, ["code": diCode.lowercased()]).status == .seeOther)
                #expect(try await steward.post(SiteURL.assemblyCheckIn(1).path, ["code": diCode]).status == .conflict)
                // Online: a member checks themselves in; Ana holds two proxies.
                #expect(try await post("Ana Arroyo", .assemblyCheckInOnline(1)).status == .seeOther)
                var roll = try await snapshot()
                #expect(roll.count == AttendanceCount(eligible: 5, inPerson: 1, online: 1, byProxy: 2))
                // Bo arrives: his proxy is cancelled and he is counted once.
                #expect(try await post("Bo Berg", .assemblyCheckInOnline(1)).status == .seeOther)
                roll = try await snapshot()
                #expect(roll.count == AttendanceCount(eligible: 5, inPerson: 1, online: 2, byProxy: 1))
                #expect(roll.proxies[ms["Bo Berg"]!.id!] == nil)
                // Cy revokes hers.
                #expect(try await post("Cy Chan", .assemblyProxyRevoke(1)).status == .seeOther)
                roll = try await snapshot()
                #expect(roll.count.counted == 3 && roll.proxies.isEmpty)
                let page = try await members["Ana Arroyo"]!.get(SiteURL.assembly(1).path).body.string
                #expect(page.contains("You are checked in online"))

                // The chair opens the item: attendance and voters are frozen; a later arrival changes neither.
                #expect(try await post("Ana Arroyo", .assemblyItemOpen(1), ["proposal": String(n)]).status == .forbidden)
                _ = try await steward.get(SiteURL.assembly(1).path)
                #expect(try await steward.post(SiteURL.assemblyItemOpen(1).path, ["proposal": "999"]).status == .notFound)
                #expect(try await steward.post(SiteURL.assemblyItemOpen(1).path, ["proposal": "x"]).status == .badRequest)
                #expect(try await steward.post(SiteURL.assemblyItemOpen(1).path, ["proposal": String(n)]).status == .seeOther)
                #expect(try await steward.post(SiteURL.assemblyItemOpen(1).path, ["proposal": String(n)]).status == .conflict)
                #expect(try await post("Cy Chan", .assemblyCheckInOnline(1)).status == .seeOther)
                let item = try #require(try await AssemblyStore.items(of: aid, on: app.db).values.first)
                #expect(item.count == AttendanceCount(eligible: 5, inPerson: 1, online: 2, byProxy: 0))
                #expect(item.quorumMet == item.count.meets(Fraction(basisPoints: item.quorumBasisPoints)))
                let voters = try StoredJSON.decode([String].self, item.voters)
                #expect(Set(voters) == Set(["Ana Arroyo", "Bo Berg", "Di Diaz"].map { ms[$0]!.id!.uuidString }))
                let shown = try await steward.get(SiteURL.assembly(1).path).body.string
                #expect(shown.contains("Opened for voting with 3 of 5 members counted"))
                #expect(try await AuditLog.verify(on: app.db).get().count == Int64(try await Self.count("audit_entries", on: app)))
            }
        }
    }
}

enum NotificationRecordCount {
    static func of(kind: NotificationKind, on app: Application) async throws -> Int {
        struct Row: Decodable { let n: Int }
        return try await app.db.sql().raw("SELECT COUNT(*) AS n FROM notifications WHERE kind = \(bind: kind.rawValue)")
            .first(decoding: Row.self)?.n ?? 0
    }
}
