import CoopCore
import CoopStore
import Fluent
import Foundation
import Testing
import VaporTesting

@testable import CoopServer

extension Server {
    @Suite struct MembershipJourneyTests {
        @Test func aVisitorSignsUpAppliesPaysAndIsAdmittedAutomatically() async throws {
            try await withCoop { app async throws in
                var zoe = Browser(app)
                try await zoe.signUp("Zoe Zhang", "zoe@example.org")
                #expect(try await zoe.post(SiteURL.join.path, ["class": "user"]).status == .seeOther)
                let page = try await zoe.get(SiteURL.membership.path)
                #expect(page.body.string.contains("applied, shares not yet paid"))
                #expect(try await zoe.post(SiteURL.membershipPayment.path, ["method": "cash", "reference": "R-1"]).status == .seeOther)
                #expect(try await zoe.get(SiteURL.membership.path).body.string.contains("waiting for a steward"))

                var sam = Browser(app)
                try await sam.logIn("sam@demo.coop")
                let queue = try await sam.get(SiteURL.steward.path).body.string
                #expect(queue.contains("zoe@example.org"))
                let membership = try #require(
                    try await MembershipRecord.query(on: app.db).join(UserRecord.self, on: \MembershipRecord.$userID == \UserRecord.$id)
                        .filter(UserRecord.self, \.$email == "zoe@example.org").first())
                let payment = try #require(
                    try await PaymentRecord.query(on: app.db).filter(\.$membershipID == membership.requireID()).first())
                #expect(try await sam.post(SiteURL.stewardConfirmPayment(payment.requireID()).path).status == .seeOther)

                let mine = try await zoe.get(SiteURL.membership.path).body.string
                #expect(mine.contains(#"<dd id="status">member</dd>"#))
                #expect(mine.contains(#"<dd id="member-number">7</dd>"#))
                #expect(mine.contains(#"data-kind="share-purchase">share purchase<"#))
                // Share capital is shown as what she owns: positive.
                #expect(mine.contains(#"<td data-label="For you" class="num">10.00 EUR</td>"#))
                #expect(!mine.contains("-10.00 EUR"))
                let register = try await zoe.get(SiteURL.members.path).body.string
                #expect(register.contains("Zoe Zhang"))
                #expect(try await AuditLog.verify(on: app.db).get().count > 20)
            }
        }

        @Test func aStewardClassWaitsForTheStewardsDecision() async throws {
            try await withCoop { app async throws in
                // Eli (worker class, steward rule) has a recorded payment waiting in the demo.
                let api = try await APIClient.login(app, "rita@demo.coop")
                let queue = try await api.send(.GET, APIPath.stewardQueue.fullPath).content.decode([QueueRow].self)
                let eli = try #require(queue.first { $0.email == "eli@demo.coop" })
                let paymentID = try #require(eli.paymentID)
                #expect(try await api.send(.POST, APIPath.paymentConfirm.with(paymentID)).status == .noContent)
                let eliAPI = try await APIClient.login(app, "eli@demo.coop")
                var mine = try await eliAPI.send(.GET, APIPath.membership.fullPath).content.decode(MembershipSummary.self)
                #expect(mine.status == "awaiting_steward")
                #expect(mine.memberNumber == nil)
                #expect(try await api.send(.POST, APIPath.applicationAdmit.with(eli.membershipID)).status == .noContent)
                mine = try await eliAPI.send(.GET, APIPath.membership.fullPath).content.decode(MembershipSummary.self)
                #expect(mine.status == "admitted")
                #expect(mine.memberNumber == 7)
                #expect(mine.shares == 2)
                #expect(mine.shareCapital == "100.00 EUR")
                let ledger = try await eliAPI.send(.GET, APIPath.membershipLedger.fullPath).content.decode([LedgerEntryView].self)
                #expect(ledger.map(\.amount) == [-10_000])
            }
        }

        @Test func aMemberVoteClassWaitsVisibly() async throws {
            try await withCoop { app async throws in
                var api = APIClient(app: app)
                _ = try await api.send(
                    .POST, APIPath.users.fullPath, json: ["name": "Sue", "email": "sue@example.org", "password": "a-long-password"])
                api = try await APIClient.login(app, "sue@example.org", "a-long-password")
                #expect(try await api.send(.POST, APIPath.membership.fullPath, json: ["class": "supporter"]).status == .created)
                #expect(try await api.send(.POST, APIPath.membershipPayment.fullPath, json: ["method": "bank_transfer"]).status == .created)
                let steward = try await APIClient.login(app, "sam@demo.coop")
                let row = try #require(
                    try await steward.send(.GET, APIPath.stewardQueue.fullPath).content.decode([QueueRow].self).first {
                        $0.email == "sue@example.org"
                    })
                _ = try await steward.send(.POST, APIPath.paymentConfirm.with(try #require(row.paymentID)))
                let mine = try await api.send(.GET, APIPath.membership.fullPath).content.decode(MembershipSummary.self)
                #expect(mine.status == "awaiting_vote")
                // A steward cannot shortcut a member vote.
                #expect(try await steward.send(.POST, APIPath.applicationAdmit.with(mine.id)).status == .conflict)
                var page = Browser(app)
                try await page.logIn("sue@example.org", "a-long-password")
                #expect(try await page.get(SiteURL.membership.path).body.string.contains("waiting for a member vote"))
            }
        }

        @Test func withdrawingRecordsTheShareRedemptionOwed() async throws {
            try await withCoop { app async throws in
                var ana = Browser(app)
                try await ana.logIn("ana@demo.coop")
                _ = try await ana.get(SiteURL.membership.path)
                // Withdrawing asks for a ticked box first; without it nothing happens.
                let unconfirmed = try await ana.post(SiteURL.membershipWithdraw.path)
                #expect(unconfirmed.status == .badRequest)
                #expect(unconfirmed.body.string.contains("Tick the box"))
                #expect(try await ana.post(SiteURL.membershipWithdraw.path, ["confirm": "yes"]).status == .seeOther)
                let api = try await APIClient.login(app, "ana@demo.coop")
                let mine = try await api.send(.GET, APIPath.membership.fullPath).content.decode(MembershipSummary.self)
                #expect(mine.status == "withdrawn")
                #expect(mine.redemptionOwed == "100.00 EUR")
                #expect(mine.shareCapital == "0.00 EUR")
                let kinds = try await api.send(.GET, APIPath.membershipLedger.fullPath).content.decode([LedgerEntryView].self).map(\.kind)
                #expect(kinds.filter { $0 == "share-redemption" }.count == 2)
                let head = try #require(try await AuditLog.head(on: app.db))
                #expect(head.kind == "member.withdrew")
                // No longer a member: the register is closed to her.
                #expect(try await api.send(.GET, APIPath.members.fullPath).status == .forbidden)
            }
        }

        @Test func refusingOnThePageAsksForConfirmation() async throws {
            try await withCoop { app async throws in
                let sam = try await APIClient.login(app, "sam@demo.coop")
                let eli = try #require(try await sam.send(.GET, APIPath.stewardQueue.fullPath).content.decode([QueueRow].self).first)
                _ = try await sam.send(.POST, APIPath.paymentConfirm.with(try #require(eli.paymentID)))
                var page = Browser(app)
                try await page.logIn("sam@demo.coop")
                let queue = try await page.get(SiteURL.steward.path).body.string
                #expect(
                    queue.contains(#"100.00 EUR · bank transfer · <span translate="no">EVANS-0001</span>"#),
                    "the confirmed payment stays visible")
                let unsure = try await page.post(SiteURL.stewardReject(eli.membershipID).path)
                #expect(unsure.status == .badRequest)
                #expect(try await MembershipRecord.find(eli.membershipID, on: app.db)?.status == .awaitingSteward)
                #expect(try await page.post(SiteURL.stewardReject(eli.membershipID).path, ["confirm": "yes"]).status == .seeOther)
                #expect(try await MembershipRecord.find(eli.membershipID, on: app.db)?.status == .rejected)
            }
        }

        @Test func aStewardRefusalOwesTheSharesBack() async throws {
            try await withCoop { app async throws in
                let sam = try await APIClient.login(app, "sam@demo.coop")
                let eli = try #require(try await sam.send(.GET, APIPath.stewardQueue.fullPath).content.decode([QueueRow].self).first)
                _ = try await sam.send(.POST, APIPath.paymentConfirm.with(try #require(eli.paymentID)))
                #expect(try await sam.send(.POST, APIPath.applicationReject.with(eli.membershipID)).status == .noContent)
                let mine = try await APIClient.login(app, "eli@demo.coop").send(.GET, APIPath.membership.fullPath).content.decode(
                    MembershipSummary.self)
                #expect(mine.status == "rejected")
                #expect(mine.redemptionOwed == "100.00 EUR")
            }
        }
    }
}
