import CoopCore
import CoopStore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import CoopServer

extension Server {
    /// Skills recognised by peers: a worker-member endorses another's skill they hold, within the
    /// members' quota, and withdraws it; the dispatcher requires a category's skill and counts
    /// endorsements by the members' weight. Every attack is a plain 4xx that writes nothing.
    @Suite struct SkillEndorsementTests {
        /// The bylaws with a quota, a weight for endorsements and, optionally, a required skill.
        static func bylaws(quota: Int = 10, weight: Int = 0, requiredSkill: String? = nil) -> (String) -> String {
            { text in
                var t = text.replacingOccurrences(
                    of: "all together (0 for none).\n    initial: 10", with: "all together (0 for none).\n    initial: \(quota)")
                t = t.replacingOccurrences(
                    of: "skills that the job needs.\n    initial: 0", with: "skills that the job needs.\n    initial: \(weight)")
                if let requiredSkill {
                    t = t.replacingOccurrences(
                        of: "\npolicies:\n",
                        with: """

                            policies:
                              - key: skill_required_cleaning
                                type: choice
                                description: The skill a worker must declare to be offered cleaning jobs.
                                initial: \(requiredSkill)
                                options: [none, \(requiredSkill)]

                            """)
                }
                return t
            }
        }

        static func email(_ name: String) -> String { name.lowercased().split(separator: " ").joined(separator: ".") + "@fixture.test" }

        static func membershipID(_ name: String, on app: Application) async throws -> UUID {
            let user = try #require(try await UserStore.user(email: email(name), on: app.db))
            return try #require(try await MembershipQueries.membership(ofUser: try user.requireID(), on: app.db)).requireID()
        }

        static func skills(_ member: APIClient, _ skills: String) async throws {
            let res = try await member.send(.PUT, APIPath.workerProfile.fullPath, raw: #"{"available":true,"skills":"\#(skills)"}"#)
            try #require(res.status == .ok, "\(res.body.string)")
        }

        static func browser(_ app: Application, _ name: String) async throws -> Browser {
            var b = Browser(app)
            try await b.logIn(email(name), Fixture.password)
            return b
        }

        static func written(_ app: Application) async throws -> [Int] {
            [try await count("skill_endorsements", on: app), try await count("audit_entries", on: app)]
        }

        @Test func aWorkerEndorsesAPeersSkillTheyHoldAndWithdrawsIt() async throws {
            try await withCoop(founded: false) { app async throws in
                let coop = try await Fixture.coop(app, edit: Self.bylaws())
                try await Self.skills(try await coop.member("Ana Able"), "windows, ironing")
                try await Self.skills(try await coop.member("Bo Best"), "Windows,cooking")
                let bo = try await Self.membershipID("Bo Best", on: app)
                var ana = try await Self.browser(app, "Ana Able")
                let page = try await ana.get(SiteURL.workerSkills(bo).path)
                #expect(page.status == .ok)
                let html = page.body.string
                #expect(html.contains("Endorse Bo Best&#39;s windows") || html.contains("Endorse Bo Best's windows"), "\(html)")
                #expect(!html.contains("s cooking</button>"), "Ana does not hold cooking")
                #expect(html.contains("You have given 0 of the 10 endorsements"))

                let given = try await ana.post(SiteURL.workerSkillEndorse(bo).path, ["skill": " Windows "])
                #expect(given.status == .seeOther, "\(given.body.string.prefix(500))")
                #expect(try await count("skill_endorsements", on: app) == 1)
                let export = try await ana.get(SiteURL.myDataJSON.path).body.string
                #expect(export.contains("\"endorsementsGiven\"") && export.contains("\"skill\" : \"windows\""), "\(export.suffix(600))")
                let after = try await ana.get(SiteURL.workerSkills(bo).path).body.string
                #expect(after.contains("1 endorsement (Ana Able)") && after.contains("Withdraw my endorsement"), "\(after)")
                #expect(after.contains("You have given 1 of the 10 endorsements"))

                let withdrawn = try await ana.post(SiteURL.workerSkillWithdraw(bo).path, ["skill": "windows"])
                #expect(withdrawn.status == .seeOther, "\(withdrawn.body.string.prefix(500))")
                #expect(try await count("skill_endorsements", on: app) == 0)
                let kinds = try await AuditEntryRecord.query(on: app.db).all().map(\.kind)
                #expect(kinds.contains("skill.endorsed") && kinds.contains("skill.endorsement_withdrawn"))
                _ = try await AuditLog.verify(on: app.db).get()

                // The learning page links a worker-member to their own skills page.
                var b = try await Self.browser(app, "Bo Best")
                #expect(try await b.get(SiteURL.modules.path).body.string.contains(SiteURL.workerSkills(bo).path))
                // The listing page links to the worker's skills.
                let listing = try await coop.listing(
                    by: try await APIClient.login(app, Self.email("Bo Best"), Fixture.password), title: "Windows")
                #expect(try await ana.get(SiteURL.listing(listing).path).body.string.contains(SiteURL.workerSkills(bo).path))
            }
        }

        @Test func everyForbiddenEndorsementIsAPlainRefusalThatWritesNothing() async throws {
            try await withCoop(founded: false) { app async throws in
                let coop = try await Fixture.coop(app, edit: Self.bylaws(quota: 1))
                try await Self.skills(try await coop.member("Ana Able"), "windows,ironing")
                try await Self.skills(try await coop.member("Bo Best"), "windows,cooking")
                try await Self.skills(try await coop.member("Dee Deft"), "windows")
                _ = try await coop.member("Cy Customer", class: "user")
                let (ana, bo, dee, cy) = (
                    try await Self.membershipID("Ana Able", on: app), try await Self.membershipID("Bo Best", on: app),
                    try await Self.membershipID("Dee Deft", on: app), try await Self.membershipID("Cy Customer", on: app)
                )
                var a = try await Self.browser(app, "Ana Able")
                _ = try await a.get(SiteURL.workerSkills(bo).path)
                let before = try await Self.written(app)
                let attempts: [(UUID, [String: String], HTTPStatus, String)] = [
                    (ana, ["skill": "windows"], .badRequest, "You cannot endorse your own skills."),
                    (bo, ["skill": "cooking"], .conflict, "a skill you hold yourself"),
                    (bo, ["skill": "ironing"], .conflict, "does not list"),
                    (UUID(), ["skill": "windows"], .notFound, "There is no such"),
                    (cy, ["skill": "windows"], .notFound, "There is no such"),
                    (bo, ["skill": String(repeating: "w", count: 5_000)], .badRequest, "at most 40 characters"),
                    (bo, ["skill": "   "], .badRequest, "Name the skill"),
                    (bo, [:], .badRequest, "Name the skill"),
                    (bo, ["skill": "windows,ironing"], .badRequest, "Name one skill"),
                ]
                for (worker, fields, status, words) in attempts {
                    let res = try await a.post(SiteURL.workerSkillEndorse(worker).path, fields)
                    #expect(res.status == status, "\(fields.mapValues { $0.prefix(20) }): \(res.status)")
                    #expect(res.body.string.contains(words), "\(words): \(res.body.string.prefix(400))")
                    #expect(!res.body.string.contains(String(repeating: "w", count: 100)), "the long name is not echoed")
                }
                let withdrawNothing = try await a.post(SiteURL.workerSkillWithdraw(bo).path, ["skill": "windows"])
                #expect(withdrawNothing.status == .conflict && withdrawNothing.body.string.contains("You do not endorse"))
                // Without the form's token, or signed out, or not a worker-member: refused.
                #expect(try await a.post(SiteURL.workerSkillEndorse(bo).path, ["skill": "windows"], csrf: false).status == .forbidden)
                var visitor = Browser(app)
                #expect(try await visitor.post(SiteURL.workerSkillEndorse(bo).path, ["skill": "windows"]).status.code >= 400)
                var c = try await Self.browser(app, "Cy Customer")
                _ = try await c.get(SiteURL.workerSkills(bo).path)
                let customer = try await c.post(SiteURL.workerSkillEndorse(bo).path, ["skill": "windows"])
                #expect(customer.status == .forbidden && customer.body.string.contains("Only admitted worker-members"))
                #expect(try await Self.written(app) == before, "nothing written")

                // Once: a second endorsement of the same skill is refused; the quota (1) stops a second worker.
                #expect(try await a.post(SiteURL.workerSkillEndorse(bo).path, ["skill": "windows"]).status == .seeOther)
                let twice = try await a.post(SiteURL.workerSkillEndorse(bo).path, ["skill": "windows"])
                #expect(twice.status == .conflict && twice.body.string.contains("You already endorse"), "\(twice.body.string.prefix(300))")
                let over = try await a.post(SiteURL.workerSkillEndorse(dee).path, ["skill": "windows"])
                #expect(
                    over.status == .conflict && over.body.string.contains("as many as the members allow"), "\(over.body.string.prefix(300))"
                )
                #expect(try await count("skill_endorsements", on: app) == 1)
                // Withdrawing frees the place.
                #expect(try await a.post(SiteURL.workerSkillWithdraw(bo).path, ["skill": "windows"]).status == .seeOther)
                #expect(try await a.post(SiteURL.workerSkillEndorse(dee).path, ["skill": "windows"]).status == .seeOther)
                #expect(try await count("skill_endorsements", on: app) == 1)
                // An unknown worker's page is a plain 404.
                #expect(try await a.get(SiteURL.workerSkills(UUID()).path).status == .notFound)
            }
        }

        struct JobView: Decodable {
            let number: Int
            let state: String
            let ranking: [Rank]
            let you: Place?
            let notRanked: String?
            struct Rank: Decodable { let position: Int }
            struct Place: Decodable { let terms: [String] }
        }

        @Test func theHandbookSaysWhichSkillACategoryRequires() async throws {
            try await withCoop(founded: false) { app async throws in
                _ = try await Fixture.coop(app, edit: Self.bylaws(requiredSkill: "windows"))
                let html = try await app.testing().sendRequest(.GET, SiteURL.handbook.path).body.string
                #expect(
                    html.contains(#"<li data-category="cleaning">Cleaning work needs the skill <span translate="no">windows</span>"#),
                    "\(html)")
                let spanish = try await app.testing().sendRequest(.GET, SiteURL.handbook.path + "?lang=es").body.string
                #expect(spanish.contains(#"<span translate="no">windows</span>"#) && !spanish.contains("work needs the skill"))
            }
            try await withCoop(founded: false) { app async throws in
                _ = try await Fixture.coop(app, edit: Self.bylaws())
                let html = try await app.testing().sendRequest(.GET, SiteURL.handbook.path).body.string
                #expect(html.contains("No kind of work requires a skill."))
            }
        }

        @Test func dispatchRequiresTheCategorysSkillAndCountsEndorsementsByTheirWeight() async throws {
            try await withCoop(founded: false) { app async throws in
                let coop = try await Fixture.coop(app, edit: Self.bylaws(weight: 50, requiredSkill: "windows"))
                let ana = try await coop.member("Ana Able")
                let bo = try await coop.member("Bo Best")
                let dee = try await coop.member("Dee Deft")
                let customer = try await coop.member("Cy Customer", class: "user")
                try await Self.skills(ana, "cleaning,windows")
                try await Self.skills(bo, "cleaning,ironing")
                try await Self.skills(dee, "windows")
                _ = try await coop.listing(by: bo, title: "Floor cleaning", category: "cleaning")
                // Dee vouches for Ana's windows.
                var d = try await Self.browser(app, "Dee Deft")
                let anaID = try await Self.membershipID("Ana Able", on: app)
                _ = try await d.get(SiteURL.workerSkills(anaID).path)
                #expect(try await d.post(SiteURL.workerSkillEndorse(anaID).path, ["skill": "windows"]).status == .seeOther)

                let posted = try await customer.send(
                    .POST, APIPath.jobs.fullPath, raw: #"{"category":"cleaning","title":"Stairs","budget":"60.00","estimatedMinutes":120}"#)
                #expect(posted.status == .created, "\(posted.body.string)")
                let job = try posted.content.decode(JobView.self)
                let jobID = try #require(try await JobRequestRecord.query(on: app.db).filter(\.$number == job.number).first()).requireID()
                let candidates = try await JobQueries.candidates(of: jobID, on: app.db)
                #expect(candidates.map(\.workerID) == [anaID], "only Ana holds windows and lists or names cleaning")
                #expect(candidates[0].endorsements == 1 && candidates[0].endorsementsTerm == 200_000)

                let path = APIPath.job.fullPath.replacingOccurrences(of: "{number}", with: String(job.number))
                let anaView = try await ana.send(.GET, path).content.decode(JobView.self)
                let terms = try #require(anaView.you?.terms)
                #expect(terms.contains { $0.hasPrefix("Endorsements by peers: 0.20 × weight 50 = 10.00 (1 endorsement") }, "\(terms)")
                #expect(terms.contains { $0.hasPrefix("Required skill: 'windows'") }, "\(terms)")
                let boView = try await bo.send(.GET, path).content.decode(JobView.self)
                #expect(boView.notRanked?.contains("the members require the skill 'windows'") == true, "\(boView)")
                // A direct order of Bo's listing is refused in plain words; nothing is written.
                let orders = try await count("orders", on: app)
                let listing = try #require(try await ListingRecord.query(on: app.db).filter(\.$title == "Floor cleaning").first())
                    .requireID()
                let refused = try await customer.send(
                    .POST, APIPath.orders.fullPath, raw: #"{"listing":"\#(listing.uuidString)","quantity":60}"#)
                #expect(refused.status == .conflict && refused.body.string.contains("the skill 'windows'"), "\(refused.body.string)")
                #expect(try await count("orders", on: app) == orders)
                var a = try await Self.browser(app, "Ana Able")
                let html = try await a.get(SiteURL.job(job.number).path).body.string
                #expect(html.contains("id=\"required-skill\"") && html.contains("Endorsements by peers"), "\(html.prefix(3000))")
            }
        }
    }
}
