import CoopCore
import CoopStore
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import CoopServer

extension Server {
    /// The member handbook is written from the live bylaws and policies: it explains the rules in
    /// plain words with the co-op's own numbers, and changes by itself when a proposal is enacted.
    @Suite struct HandbookTests {
        /// The `<li>` of one policy in the handbook's list.
        static func policyItem(_ html: String, _ key: String) -> String {
            guard let start = html.range(of: "data-policy=\"\(key)\"") else { return "" }
            let rest = html[start.upperBound...]
            return String(rest[..<(rest.range(of: "</li>")?.lowerBound ?? rest.endIndex)])
        }

        @Test func aVisitorReadsTheRulesWithTheCoopsOwnNumbers() async throws {
            try await withCoop(founded: false) { app async throws in
                let coop = try await Fixture.coop(app)
                _ = try await coop.member("Mo Maker")
                _ = try await coop.member("Cy Customer", class: "user")
                var visitor = Browser(app)
                let page = try await visitor.get(SiteURL.handbook.path)
                #expect(page.status == .ok)
                let html = page.body.string
                // Public, linked from the navigation.
                #expect(html.contains("<a href=\"\(SiteURL.handbook.path)\">Handbook</a>"))
                #expect(html.contains(coop.bylaws.purpose))
                // Classes: price, shares, admission.
                for cls in coop.bylaws.classes {
                    #expect(html.contains("data-class=\"\(cls.id)\""))
                    #expect(html.contains(FastText.html(cls.name)))
                }
                // Each kind of proposal, with its worked example for the 3 members of this co-op:
                // a bylaw amendment needs half of 3, so 2 ballots, and more than 66.67% of 2, so 2 yes.
                for kind in ProposalKind.allCases { #expect(html.contains("data-kind=\"\(kind.rawValue)\"")) }
                #expect(
                    html.contains(
                        "With 3 members, a quorum of 50% means 2 must vote; with a threshold of 66.67%, 2 of 2 yes votes pass it"),
                    "\(html)")
                #expect(html.contains("Each member votes yes, no or abstain."))
                // The surplus formula and the data rights, with the open-data threshold in force.
                #expect(html.contains("30% goes to the indivisible reserve"))
                #expect(html.contains("fewer than 5 people"))
                #expect(html.contains("href=\"\(SiteURL.myData.path)\""))
                #expect(html.contains("In force since bylaws v1"))
                // General assemblies, with the template's numbers: 14 days' notice, 2 proxies, within 6 months.
                let assemblies = try #require(html.range(of: #"id="assemblies""#)).upperBound
                let section = String(html[assemblies...].prefix(3_000))
                #expect(section.contains("at least 14 days' notice") && section.contains("at most 2 proxies"), "\(section)")
                #expect(section.contains("within 6 months of each fiscal period's close"))
                #expect(section.contains("href=\"\(SiteURL.assemblies.path)\""))
            }
        }

        @Test func enactingAPolicyChangeChangesTheHandbookAndLinksTheProposal() async throws {
            let clock = TestClock()
            try await withCoop(founded: false, configure: { $0.now = { clock.now } }) { app async throws in
                let coop = try await Fixture.coop(app)
                let maker = try await coop.member("Mo Maker")
                var visitor = Browser(app)
                let before = Self.policyItem(try await visitor.get(SiteURL.handbook.path).body.string, "open_data_privacy_threshold")
                #expect(before.contains("<span class=\"value\">5</span>"), "\(before)")
                #expect(!before.contains("proposal #"))

                let number = try await coop.proposal(
                    by: maker,
                    [
                        "kind": "policy_change", "title": "Publish only figures about 8 people or more",
                        "policy": "open_data_privacy_threshold", "value": "8",
                    ])
                func pass(days: Int) async throws {
                    for _ in 0..<days {
                        clock.advance(days: 1)
                        try await Governance.advance(app: app)
                    }
                }
                try await pass(days: 8)
                let ballots = APIPath.proposalBallots.fullPath.replacingOccurrences(of: "{number}", with: String(number))
                for voter in [coop.steward, maker] {
                    let cast = try await voter.send(.POST, ballots, json: ["choice": "yes"])
                    #expect(cast.status == .created, "\(cast.body.string)")
                }
                // Voted, not yet enacted: the handbook still shows the rule in force.
                let pending = Self.policyItem(try await visitor.get(SiteURL.handbook.path).body.string, "open_data_privacy_threshold")
                #expect(pending.contains("<span class=\"value\">5</span>"))
                try await pass(days: 10)  // the vote closes, and the timelock passes
                #expect(try await PolicyStore.number(.openDataPrivacyThreshold, on: app.db) == 8)

                let html = try await visitor.get(SiteURL.handbook.path).body.string
                let after = Self.policyItem(html, "open_data_privacy_threshold")
                #expect(after.contains("<span class=\"value\">8</span>"), "\(after)")
                #expect(after.contains("Last changed by <a href=\"\(SiteURL.proposal(number).path)\">proposal #\(number)</a>"))
                #expect(html.contains("fewer than 8 people"))
            }
        }
    }
}
