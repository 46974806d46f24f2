import CoopCore
import CoopStore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import CoopServer

extension Server {
    /// The governed cap on the platform fee (`platform_fee_cap`), from the bylaws to a vote that
    /// changes it: what a co-op that adds a policy should be able to show.
    @Suite struct FeeCapTests {
        struct View: Decodable {
            let number: Int
            let price: String
            let fee: String
            let feeCap: String?
            let workerReceives: String
        }

        @Test func theFeeIsCappedAsTheBylawsSayAndTheMembersCanChangeTheCapByVote() async throws {
            let clock = TestClock()
            try await withCoop(founded: false, configure: { $0.now = { clock.now } }) { app async throws in
                // A 10% fee capped at 2.00 an order.
                let coop = try await Fixture.coop(app) {
                    $0.replacingOccurrences(
                        of: "0.00 for no cap.\n    initial: \"0.00\"", with: "0.00 for no cap.\n    initial: \"2.00\"")
                }
                let maker = try await coop.member("Mo Maker")
                let cleaning = try await coop.listing(by: maker, title: "Window cleaning", price: "25.00")
                let customer = try await coop.member("Cy Customer", class: "user")
                func order(_ minutes: Int) async throws -> View {
                    let res = try await customer.send(
                        .POST, APIPath.orders.fullPath, raw: #"{"listing":"\#(cleaning.uuidString)","quantity":\#(minutes)}"#)
                    #expect(res.status == .created, "\(res.body.string)")
                    return try res.content.decode(View.self)
                }
                // Two hours: 50.00; 10% would be 5.00, the cap takes 2.00.
                let first = try await order(120)
                #expect(first.price.hasPrefix("50.00") && first.fee.hasPrefix("2.00") && first.workerReceives.hasPrefix("48.00"))
                #expect(first.feeCap?.hasPrefix("2.00") == true)
                // Half an hour (the shortest booking): 12.50; the 10% fee, 1.25, is under the cap.
                #expect(try await order(30).fee.hasPrefix("1.25"))
                var page = Browser(app)
                let listing = try await page.get(SiteURL.listing(cleaning).path)
                #expect(listing.body.string.contains("never takes more than 2.00"), "\(listing.body.string)")

                // The members raise the cap to 3.00 by a policy change.
                let number = try await coop.proposal(
                    by: maker, ["kind": "policy_change", "title": "A fee cap of 3.00", "policy": "platform_fee_cap", "value": "3.00"])
                func pass(days: Int) async throws {
                    for _ in 0..<days {
                        clock.advance(days: 1)
                        try await Governance.advance(app: app)
                    }
                }
                try await pass(days: 8)
                let ballots = APIPath.proposalBallots.fullPath.replacingOccurrences(of: "{number}", with: String(number))
                for voter in [coop.steward, maker, customer] {
                    let cast = try await voter.send(.POST, ballots, json: ["choice": "yes"])
                    #expect(cast.status == .created, "\(cast.body.string)")
                }
                try await pass(days: 10)  // the vote closes, and the timelock passes
                #expect(try await PolicyStore.number(.platformFeeCap, on: app.db) == 300)
                let later = try await order(120)
                #expect(later.fee.hasPrefix("3.00") && later.feeCap?.hasPrefix("3.00") == true, "\(later)")
                // An order keeps the cap it was placed under.
                let again = try await customer.send(
                    .GET, APIPath.order.fullPath.replacingOccurrences(of: "{number}", with: String(first.number)))
                #expect(try again.content.decode(View.self).fee.hasPrefix("2.00"))
                #expect(try await AuditLog.verify(on: app.db).get().count == Int64(try await count("audit_entries", on: app)))
            }
        }

        @Test func aCoopWhoseBylawsDoNotNameTheCapChargesTheRateAlone() async throws {
            try await withCoop(founded: false) { app async throws in
                let coop = try await Fixture.coop(app) {
                    // Bylaws written before the cap existed: the policy is absent, and its fallback is no cap.
                    $0.replacingOccurrences(
                        of:
                            "  - key: platform_fee_cap\n    type: money\n    description: Most the fee takes from any one order, whatever its price; 0.00 for no cap.\n    initial: \"0.00\"\n    min: \"0.00\"\n    max: \"100000.00\"\n",
                        with: "")
                }
                #expect(!coop.bylaws.policies.contains { $0.key == PolicyKey.platformFeeCap.rawValue })
                let maker = try await coop.member("Mo Maker")
                let cleaning = try await coop.listing(by: maker, title: "Window cleaning", price: "25.00")
                let customer = try await coop.member("Cy Customer", class: "user")
                let res = try await customer.send(
                    .POST, APIPath.orders.fullPath, raw: #"{"listing":"\#(cleaning.uuidString)","quantity":120}"#)
                let v = try res.content.decode(View.self)
                #expect(v.fee.hasPrefix("5.00") && v.feeCap == nil)
            }
        }
    }
}
