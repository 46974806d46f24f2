import CoopCore
import CoopStore
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import CoopServer

extension Server {
    /// Notices are written in their reader's language: the mail by the recipient's saved language
    /// (else the co-op's, else English), the list by the page's.
    @Suite struct NotificationLanguageTests {
        @Test func aSpanishSpeakingWorkerGetsTheOrderNoticeInSpanishAndOthersInEnglish() async throws {
            let clock = TestClock()
            try await withCoop(founded: false, configure: { $0.now = { clock.now } }) { app async throws in
                let transport = RecordingTransport()
                app.storage[MailTransportKey.self] = transport
                let coop = try await Fixture.coop(app)
                let ana = try await coop.member("Ana Obrera")
                let mo = try await coop.member("Mo Maker")
                let anaListing = try await coop.listing(by: ana, title: "Limpieza de cristales", price: "1250.00")
                let moListing = try await coop.listing(by: mo, title: "Window cleaning", price: "25.00")
                let customer = try await coop.member("Cy Customer", class: "user")
                let anaID = try #require(try await UserStore.user(email: "ana.obrera@fixture.test", on: app.db)?.id)
                try await UserStore.setLanguage(.es, of: anaID, on: app.db)

                for listing in [anaListing, moListing] {
                    let placed = try await customer.send(
                        .POST, APIPath.orders.fullPath,
                        raw: #"{"listing":"\#(listing.uuidString)","quantity":60,"note":"Llamar dos veces"}"#)
                    try #require(placed.status == .created, "\(placed.body.string)")
                }
                try await NotificationMail.step(app: app)

                // Her mail: subject and body in Spanish; the title and the customer's note as written.
                let toAna = try #require(transport.sent.first { $0.to == "ana.obrera@fixture.test" })
                #expect(
                    toAna.subject.hasPrefix("Pedido #") && toAna.subject.hasSuffix("por aceptar: Limpieza de cristales"), "\(toAna.subject)"
                )
                #expect(
                    toAna.body.contains("Una persona cliente pidió Limpieza de cristales. Acepta o rechaza el pedido #"), "\(toAna.body)")
                #expect(toAna.body.contains("Nota de la persona cliente: Llamar dos veces"))
                #expect(toAna.body.contains("Ábrelo: ") && toAna.body.contains("Recibes este correo como persona socia de"))
                #expect(toAna.body.contains("Dejar de recibir correos de este tipo (un pedido por aceptar)"), "\(toAna.body)")
                #expect(toAna.rendered().contains("Content-Type: text/plain; charset=utf-8"))
                // His mail: English, as before.
                let toMo = try #require(transport.sent.first { $0.to == "mo.maker@fixture.test" })
                #expect(toMo.subject.contains("to accept: Window cleaning") && toMo.body.contains("A customer ordered Window cleaning."))
                #expect(toMo.body.contains("Open it: ") && toMo.body.contains("You get this mail as a member of"))

                // The stored English stays what older code and the data export read.
                let stored = try #require(try await NotificationStore.list(of: anaID, on: app.db).first { $0.kind == .orderToAccept })
                #expect(stored.subject.contains("to accept: Limpieza de cristales") && stored.message != nil)

                // Her notifications page is in Spanish (her saved language), with the words of the notice.
                var browser = Browser(app)
                try await browser.logIn("ana.obrera@fixture.test", Fixture.password)
                let page = try await browser.get(SiteURL.notifications.path).body.string
                #expect(page.contains("<html lang=\"es\"") && page.contains("Acepta o rechaza el pedido #"), "\(page.prefix(300))")
                #expect(page.contains("Un pedido por aceptar") && page.contains("Marcar como leído"))
                let settings = try await browser.get(SiteURL.notificationSettings.path).body.string
                #expect(settings.contains("Al momento") && settings.contains("Resumen diario"))
                var moBrowser = Browser(app)
                try await moBrowser.logIn("mo.maker@fixture.test", Fixture.password)
                let moPage = try await moBrowser.get(SiteURL.notifications.path).body.string
                #expect(moPage.contains("Accept or decline order #") && moPage.contains("Mark read"))
            }
        }

        @Test func aRefusalWrittenInsideTheWriteTransactionIsInThePagesLanguage() async throws {
            try await withCoop(founded: false) { app async throws in
                _ = try await Fixture.coop(app)
                let stewardID = try #require(try await UserStore.user(email: Fixture.stewardEmail, on: app.db)?.id)
                try await UserStore.setLanguage(.es, of: stewardID, on: app.db)
                var steward = Browser(app)
                try await steward.logIn(Fixture.stewardEmail, Fixture.password)
                let page = try await steward.get(SiteURL.stewardFinances.path).body.string
                #expect(page.contains("Registrar un gasto") && page.contains("Periodos por cerrar"))
                let refused = try await steward.post(
                    SiteURL.stewardBudgetPayments.path, ["budget": "999", "amount": "1.00", "description": "Carteles"])
                #expect(refused.status == .notFound && refused.body.string.contains("No hay ningún presupuesto #999 en vigor."))
                let english = try await steward.post(
                    SiteURL.stewardBudgetPayments.path + "?lang=en", ["budget": "999", "amount": "1.00", "description": "x"])
                #expect(english.body.string.contains("presupuesto"), "a member's saved language comes before ?lang=")
            }
        }

        @Test func aPaymentNoticeGivesTheAmountByTheReadersRulesAndOldNoticesStayReadable() async throws {
            try await withCoop(founded: false) { app async throws in
                let coop = try await Fixture.coop(app)
                _ = try await coop.member("Fran Cais")
                let fran = try #require(try await UserStore.user(email: "fran.cais@fixture.test", on: app.db)?.id)
                try await UserStore.setLanguage(.fr, of: fran, on: app.db)
                let amount = Money(minorUnits: 123_456, currency: Currency(code: "EUR"))
                let text = NotificationStore.Text(
                    subject: NoticeText("Payment confirmed for order #%s", .text("1234")),
                    body: NoticeText("%1$s for order #%2$s has arrived and is held for the order.", .money(amount), .text("1234")))
                try await NotificationStore.notify(
                    [
                        .init(recipient: fran, kind: .paymentConfirmed, event: "test:new", text: text, target: .order(1234)),
                        // A notice written before its words were kept as a message: shown as stored.
                        .init(
                            recipient: fran, kind: .message, event: "test:old", subject: "An old notice", body: "Written in English.",
                            target: .notifications),
                    ], on: app.db, at: Date())
                #expect(text.subject == "Payment confirmed for order #1234" && text.body.hasPrefix("1234.56 EUR for order #1234"))
                // The words are stored once, as the message: the English columns stay empty, and the store
                // writes the English on read (the data export, the mail's fallback), as the columns held it.
                struct Stored: Decodable {
                    let event_key: String
                    let subject: String
                    let body: String
                }
                let stored = try await (app.db as! any SQLDatabase).raw(
                    "SELECT event_key, subject, body FROM notifications WHERE recipient_id = \(bind: fran) ORDER BY event_key"
                ).all(decoding: Stored.self)
                #expect(
                    stored.map { [$0.event_key, $0.subject, $0.body] } == [
                        ["test:new", "", ""], ["test:old", "An old notice", "Written in English."],
                    ])
                let listed = try await NotificationStore.list(of: fran, on: app.db).sorted { $0.subject < $1.subject }
                #expect(listed.map(\.subject) == ["An old notice", "Payment confirmed for order #1234"])
                #expect(listed.last?.body == text.body)
                var browser = Browser(app)
                try await browser.logIn("fran.cais@fixture.test", Fixture.password)
                let page = try await browser.get(SiteURL.notifications.path).body.string
                #expect(page.contains("Paiement confirmé pour la commande n° 1234"), "\(page)")
                #expect(page.contains("1\u{202F}234,56\u{A0}EUR pour la commande n° 1234"), "grouped the French way")
                #expect(page.contains("An old notice") && page.contains("Written in English."))
            }
        }
    }
}
