import CoopCore
import CoopStore
import FluentKit
import Foundation
import Testing
import VaporTesting

@testable import CoopServer

extension Server {
    /// The steward's pages in the steward's language: the queue, its forms and their errors, the
    /// co-op's accounts, and the words of the ledger; what members and the bylaws wrote is marked.
    @Suite struct StewardLanguageTests {
        @Test func theStewardsQueueAndItsErrorsAreInSpanishAndFrench() async throws {
            try await withCoop { app async throws in
                var sam = Browser(app)
                try await sam.logIn("sam@demo.coop")
                _ = try await sam.post(SiteURL.language.path, ["lang": "es"])
                let queue = try await sam.get(SiteURL.steward.path).body.string
                #expect(queue.contains("<h1>Pendientes de la administración</h1>") && queue.contains("<th>Solicitante</th>"))
                #expect(queue.contains("Confirmar que se recibió el pago") && queue.contains("Marcar como no recibido"))
                #expect(
                    queue.contains("la confirmación de que llegó el pago") && queue.contains("100,00\u{A0}EUR · transferencia bancaria"))
                #expect(queue.contains("Las cuentas de la cooperativa") && queue.contains("Caja y banco de la cooperativa"))
                #expect(queue.contains(">activo<") && !queue.contains("Payment held for order"))
                // The class name is the bylaws' words, the applicant's name and reference are theirs.
                #expect(queue.contains(#"<td data-label="Clase" lang="en">Worker-members</td>"#))
                #expect(queue.contains("<bdi>Eli Evans &lt;eli@demo.coop&gt;</bdi>"))
                let api = try await APIClient.login(app, "sam@demo.coop")
                let eli = try #require(try await api.send(.GET, APIPath.stewardQueue.fullPath).content.decode([QueueRow].self).first)
                // A reason too short is refused in Spanish, and nothing changes.
                let short = try await sam.post(SiteURL.stewardFailPayment(try #require(eli.paymentID)).path, ["reason": "no"])
                #expect(short.status == .badRequest)
                #expect(short.body.string.contains("Di por qué se marca el pago como no recibido"))
                _ = try await api.send(.POST, APIPath.paymentConfirm.with(try #require(eli.paymentID)))
                let decide = try await sam.get(SiteURL.steward.path).body.string
                #expect(decide.contains(">Admitir</button>") && decide.contains("Sí, rechazar la solicitud de Eli Evans."))
                // Refusing without the box ticked says so in French.
                _ = try await sam.post(SiteURL.language.path, ["lang": "fr"])
                let unsure = try await sam.post(SiteURL.stewardReject(eli.membershipID).path)
                #expect(unsure.status == .badRequest)
                #expect(unsure.body.string.contains("Cochez la case qui dit que vous voulez refuser la demande."))
                #expect(try await MembershipRecord.find(eli.membershipID, on: app.db)?.status == .awaitingSteward)
                // Admitted, a second confirmation of the same payment is refused in French.
                let own = try await sam.post(SiteURL.stewardAdmit(eli.membershipID).path)
                #expect(own.status == .seeOther)
                #expect(try await MembershipRecord.find(eli.membershipID, on: app.db)?.status == .admitted)
                let again = try await sam.post(SiteURL.stewardConfirmPayment(try #require(eli.paymentID)).path)
                #expect(again.status.code >= 400 && again.status.code < 500)
                #expect(again.body.string.contains("Ce paiement est déjà « confirmé »."), "\(again.body.string.suffix(2000))")
            }
        }

        @Test func aMembersLedgerSaysWhatEachEntryDidInSpanish() async throws {
            try await withCoop { app async throws in
                var ana = Browser(app)
                try await ana.logIn("ana@demo.coop")
                let page = try await ana.get(SiteURL.membership.path + "?lang=es").body.string
                #expect(page.contains(#"data-kind="share-purchase">compra de participaciones<"#))
                #expect(page.contains("Tu capital social") && page.contains(#"<span class="key" translate="no">member:"#))
                let members = try await ana.get(SiteURL.members.path + "?lang=fr").body.string
                #expect(members.contains(#"lang="en">Worker-members</td>"#) && members.contains("<bdi>Ana Alves</bdi>"))
            }
        }
    }
}
