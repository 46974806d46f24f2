import CoopCore
import CoopStore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import CoopServer

extension Server {
    /// A governed policy may require a learning module for a category's work: dispatch and direct
    /// orders then pass over the workers who have not completed it; voting never asks for it.
    @Suite struct TrainingRequirementTests {
        struct JobView: Decodable {
            let number: Int
            let state: String
            let ranking: [Rank]
            struct Rank: Decodable { let position: Int }
        }

        static let policy = """
            policies:
              - key: module_required_cleaning
                type: integer
                description: The learning module (by number) a worker must complete to take cleaning work; 0 for none.
                initial: 0
                min: 0
                max: 1000000
            """

        @Test func onlyWorkersWhoCompletedTheRequiredModuleAreOfferedOrOrdered() async throws {
            let clock = TestClock()
            try await withCoop(founded: false, configure: { $0.now = { clock.now } }) { app async throws in
                let coop = try await Fixture.coop(app) { $0.replacingOccurrences(of: "\npolicies:\n", with: "\n" + Self.policy + "\n") }
                let trained = try await coop.member("Tia Trained")
                let untrained = try await coop.member("Uma Untrained")
                let customer = try await coop.member("Cy Customer", class: "user")
                _ = try await coop.listing(by: trained, title: "Window cleaning", price: "25.00")
                let umas = try await coop.listing(by: untrained, title: "Floor cleaning", price: "25.00")
                let job = #"{"category":"cleaning","title":"Clean the stairs","budget":"60.00","estimatedMinutes":120}"#
                func post() async throws -> JobView {
                    let res = try await customer.send(.POST, APIPath.jobs.fullPath, raw: job)
                    #expect(res.status == .created, "\(res.body.string)")
                    return try res.content.decode(JobView.self)
                }
                #expect(try await post().ranking.count == 2, "no module required yet: both are ranked")

                let steward = try #require(try await UserStore.user(email: Fixture.stewardEmail, on: app.db))
                let stewardMember = try #require(try await MembershipQueries.membership(ofUser: try steward.requireID(), on: app.db))
                _ = try await ModuleStore.publish(
                    title: "Cleaning safely", text: "Gloves.", questions: try LearningModule.quiz("? Gloves?\n* yes\n- no"),
                    author: try stewardMember.requireID(), on: app.db, at: clock.now)
                let tia = try #require(try await UserStore.user(email: "tia.trained@fixture.test", on: app.db))
                let tiaMember = try #require(try await MembershipQueries.membership(ofUser: try tia.requireID(), on: app.db))
                let module = try #require(try await ModuleStore.all(on: app.db).first)
                try await ModuleStore.complete(module.id, membership: try tiaMember.requireID(), on: app.db, at: clock.now)

                // The members require module #1 for cleaning, by a policy change.
                let number = try await coop.proposal(
                    by: trained,
                    ["kind": "policy_change", "title": "Cleaning needs training", "policy": "module_required_cleaning", "value": "1"])
                for _ in 0..<8 {
                    clock.advance(days: 1)
                    try await Governance.advance(app: app)
                }
                let ballots = APIPath.proposalBallots.fullPath.replacingOccurrences(of: "{number}", with: String(number))
                for voter in [coop.steward, trained, untrained] {  // Uma votes: the requirement never gates voting
                    let cast = try await voter.send(.POST, ballots, json: ["choice": "yes"])
                    #expect(cast.status == .created, "\(cast.body.string)")
                }
                for _ in 0..<10 {
                    clock.advance(days: 1)
                    try await Governance.advance(app: app)
                }
                #expect(try await PolicyStore.value("module_required_cleaning", on: app.db) == .number(1))

                var visitor = Browser(app)
                let handbook = try await visitor.get(SiteURL.handbook.path).body.string
                #expect(
                    handbook.contains("Cleaning work needs learning module #1 (Cleaning safely) before a worker is offered or ordered it."),
                    "\(handbook)")
                #expect(handbook.contains("Last changed by <a href=\"\(SiteURL.proposal(number).path)\">proposal #\(number)</a>"))

                let after = try await post()
                #expect(after.ranking.count == 1 && after.state == "offered", "only Tia is ranked: \(after)")
                let candidates = try await JobQueries.candidates(
                    of: try #require(
                        try await JobRequestRecord.query(on: app.db)
                            .filter(\.$number == after.number).first()
                    ).requireID(), on: app.db)
                #expect(candidates.map(\.workerID) == [try tiaMember.requireID()])

                // A direct order of Uma's listing is refused in plain words; nothing is written.
                let orders = try await count("orders", on: app)
                let refused = try await customer.send(
                    .POST, APIPath.orders.fullPath, raw: #"{"listing":"\#(umas.uuidString)","quantity":60}"#)
                #expect(refused.status == .conflict && refused.body.string.contains("learning module #1"), "\(refused.body.string)")
                #expect(try await count("orders", on: app) == orders)
            }
        }
    }
}
