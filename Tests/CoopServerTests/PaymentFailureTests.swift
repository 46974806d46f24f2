import CoopCore
import CoopStore
import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting

@testable import CoopServer

/// Money that never arrives: a steward marks it as not received, an order that ends fails its
/// pending payment, and nothing but the right steward's word moves money.
extension Server {
    @Suite struct PaymentFailureTests {
        struct Number: Decodable { let number: Int }
        struct Paid: Decodable {
            let id: UUID
            let status: String
        }

        /// Dev orders a listing and pays offline; the order's number and the pending payment's id.
        func orderPaidOffline(_ app: Application, _ title: String, quantity: Int) async throws -> (Int, UUID) {
            let dev = try await APIClient.login(app, "dev@demo.coop")
            let listing = try #require(try await ListingRecord.query(on: app.db).filter(\.$title == title).first()).requireID()
            let placed = try await dev.send(
                .POST, APIPath.orders.fullPath, raw: #"{"listing":"\#(listing.uuidString)","quantity":\#(quantity)}"#)
            #expect(placed.status == .created, "\(placed.body.string)")
            let n = try placed.content.decode(Number.self).number
            let paid = try await dev.send(
                .POST, APIPath.orderPayment.fullPath.replacingOccurrences(of: "{number}", with: String(n)),
                json: ["gateway": "offline", "method": "bank_transfer", "reference": "DEV-\(n)"])
            #expect(paid.status == .created, "\(paid.body.string)")
            let p = try paid.content.decode(Paid.self)
            #expect(p.status == "pending")
            return (n, p.id)
        }

        func act(_ app: Application, _ email: String, _ n: Int, _ action: String) async throws -> TestingHTTPResponse {
            try await APIClient.login(app, email).send(
                .POST, APIPath.orderActions.fullPath.replacingOccurrences(of: "{number}", with: String(n)), json: ["action": action])
        }

        @Test func aStewardCannotConfirmThePaymentOfTheirOwnSale() async throws {
            try await withCoop { app async throws in
                // Rita is a steward and sells the jam.
                let (_, payment) = try await orderPaidOffline(app, "Plum jam", quantity: 1)
                let rita = try await APIClient.login(app, "rita@demo.coop")
                let own = try await rita.send(.POST, APIPath.orderPaymentConfirm.with(payment))
                #expect(own.status == .forbidden, "\(own.body.string)")
                #expect(
                    try await rita.send(.POST, APIPath.orderPaymentFail.with(payment), json: ["reason": "never came"]).status == .forbidden)
                let sam = try await APIClient.login(app, "sam@demo.coop")
                #expect(try await sam.send(.POST, APIPath.orderPaymentConfirm.with(payment)).status == .noContent)
            }
        }

        @Test func anOrderThatEndsFailsItsPendingPaymentAndItCannotBeConfirmedAfter() async throws {
            try await withCoop { app async throws in
                let sam = try await APIClient.login(app, "sam@demo.coop")
                let (n, payment) = try await orderPaidOffline(app, "Home cleaning", quantity: 60)
                #expect(try await act(app, "dev@demo.coop", n, "cancel").status == .ok)
                let failed = try #require(try await OrderPaymentRecord.find(payment, on: app.db))
                #expect(failed.status == .failed)
                // Stored in English, as the audit chain records it; shown in the reader's language.
                #expect(failed.failureReason == "the order was cancelled before it arrived" && failed.failedBy == nil)
                var dev = Browser(app)
                try await dev.logIn("dev@demo.coop")
                let order = try await dev.get(SiteURL.order(n).path + "?lang=es").body.string
                #expect(order.contains("(<bdi>el pedido quedó cancelado antes de que llegara el pago</bdi>)"), "\(order)")
                let commande = try await dev.get(SiteURL.order(n).path + "?lang=fr").body.string
                #expect(commande.contains("(<bdi>la commande a été annulée avant l'arrivée du paiement</bdi>)"))
                let english = try await dev.get(SiteURL.order(n).path + "?lang=en").body.string
                #expect(english.contains("(<bdi>the order was cancelled before it arrived</bdi>)"))
                #expect(try await AuditEntryRecord.query(on: app.db).filter(\.$kind == "order.payment_failed").count() == 1)
                #expect(try await sam.send(.POST, APIPath.orderPaymentConfirm.with(payment)).status == .conflict)
                #expect(try await LedgerStore.balance(of: .orderHeld(n), currency: Currency(code: "EUR"), on: app.db) == 0)

                // A payment left pending on an order that ended before this rule (stored so by hand):
                // it cannot be confirmed, only marked as not received.
                let (m, second) = try await orderPaidOffline(app, "Cargo-bike delivery", quantity: 1)
                let sql = app.db as! any SQLDatabase
                try await sql.raw("UPDATE orders SET state = 'cancelled' WHERE number = \(bind: m)").run()
                let late = try await sam.send(.POST, APIPath.orderPaymentConfirm.with(second))
                #expect(late.status == .conflict && late.body.string.contains("not received"), "\(late.body.string)")
                #expect(try await sam.send(.POST, APIPath.orderPaymentFail.with(second), json: ["reason": "x"]).status == .badRequest)
                #expect(
                    try await sam.send(.POST, APIPath.orderPaymentFail.with(second), json: ["reason": "No transfer in the bank statement"])
                        .status == .noContent)
                let marked = try #require(try await OrderPaymentRecord.find(second, on: app.db))
                #expect(marked.status == .failed && marked.failureReason == "No transfer in the bank statement")
                // A steward's reason is shown as they wrote it, even one that reads like the platform's.
                #expect(
                    OrderPaymentFailure.words(stored: "the order was cancelled before it arrived", byPlatform: false)
                        .render(Translations.catalog(.es)) == "the order was cancelled before it arrived")
                #expect(
                    OrderPaymentFailure.words(stored: "the order was lost before it arrived", byPlatform: true)
                        .render(Translations.catalog(.fr)) == "the order was lost before it arrived")
                #expect(try await sam.send(.POST, APIPath.orderPaymentFail.with(second), json: ["reason": "again"]).status == .conflict)
                #expect((try? await AuditLog.verify(on: app.db).get()) != nil)
            }
        }

        @Test func aPeriodListsWhatBlocksItsCloseAndEachIsResolvedWithoutConfirmingMoneyThatNeverCame() async throws {
            let clock = TestClock()
            try await withCoop(configure: { $0.now = { clock.now } }) { app async throws in
                let (n, payment) = try await orderPaidOffline(app, "Home cleaning", quantity: 60)
                clock.advance(days: 366)
                let sam = try await APIClient.login(app, "sam@demo.coop")
                let close = APIPath.periodClose.fullPath.replacingOccurrences(of: "{number}", with: "1")
                let refused = try await sam.send(.POST, close)
                #expect(refused.status == .conflict)
                #expect(
                    refused.body.string.contains("order #\(n)") && refused.body.string.contains("share payment"), "\(refused.body.string)")
                // The steward's page of the period lists each, with the two ways to resolve it.
                var page = Browser(app)
                try await page.logIn("sam@demo.coop")
                let shown = try await page.get(SiteURL.period(1).path).body.string
                #expect(shown.contains(#"id="close-blockers""#))
                #expect(shown.contains(SiteURL.orderPaymentFail(payment).path))
                let eli = try #require(try await UserRecord.query(on: app.db).filter(\.$email == "eli@demo.coop").first())
                let m = try #require(try await MembershipRecord.query(on: app.db).filter(\.$userID == eli.requireID()).first())
                let share = try #require(try await PaymentRecord.query(on: app.db).filter(\.$membershipID == m.requireID()).first())
                #expect(shown.contains(SiteURL.stewardFailPayment(try share.requireID()).path))
                // Neither money arrived: both are marked as not received, through the page and the API.
                let failShare = try await page.post(SiteURL.stewardFailPayment(try share.requireID()).path, ["reason": "No such transfer"])
                #expect(failShare.status == .seeOther, "\(failShare.body.string)")
                #expect(
                    try await sam.send(.POST, APIPath.orderPaymentFail.with(payment), json: ["reason": "Cash never handed over"]).status
                        == .noContent)
                #expect(try await AuditEntryRecord.query(on: app.db).filter(\.$kind == "payment.failed").count() == 1)
                let closed = try await sam.send(.POST, close)
                #expect(closed.status == .ok, "\(closed.body.string)")
                // Eli may pay again; Dev may pay for the order again.
                let again = try await APIClient.login(app, "eli@demo.coop").send(
                    .POST, APIPath.membershipPayment.fullPath, json: ["method": "bank_transfer", "reference": "EVANS-0002"])
                #expect(again.status == .created || again.status == .ok, "\(again.body.string)")
                let dev = try await APIClient.login(app, "dev@demo.coop")
                let repaid = try await dev.send(
                    .POST, APIPath.orderPayment.fullPath.replacingOccurrences(of: "{number}", with: String(n)), json: ["gateway": "test"])
                #expect(repaid.status == .created, "\(repaid.body.string)")
            }
        }
    }
}
