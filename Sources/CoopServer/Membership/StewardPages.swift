import CoopCore
import CoopStore
import Plot
import Vapor

/// The steward's queue: payments to confirm and applications to decide. Only what the bylaws
/// give stewards; nothing here touches policies or bylaws.
enum StewardPages {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(.steward, use: queue)
        routes.post(SiteURL.stewardConfirmPayment) { req async throws -> Response in
            try await MembershipPages.formAction(req, retry: queue) {
                try await MembershipActions.confirmPayment(req, id: try req.uuidParameter())
                return req.redirect(to: SiteURL.steward.path)
            }
        }
        routes.post(SiteURL.stewardFailPayment) { req async throws -> Response in
            try await MembershipPages.formAction(req, retry: queue) {
                try await MembershipActions.failPayment(req, id: try req.uuidParameter())
                return req.redirect(to: SiteURL.steward.path)
            }
        }
        routes.post(SiteURL.stewardAdmit) { req async throws -> Response in
            try await MembershipPages.formAction(req, retry: queue) {
                try await MembershipActions.decide(req, id: try req.uuidParameter(), admit: true)
                return req.redirect(to: SiteURL.steward.path)
            }
        }
        routes.post(SiteURL.stewardReject) { req async throws -> Response in
            try await MembershipPages.formAction(req, retry: queue) {
                try MembershipPages.requireConfirmation(req, t("Tick the box that says you mean to refuse the application."))
                try await MembershipActions.decide(req, id: try req.uuidParameter(), admit: false)
                return req.redirect(to: SiteURL.steward.path)
            }
        }
    }

    /// Refusing cannot be undone, so it is folded away and asks for a labelled tick first.
    static func refuseButton(_ id: UUID, name: String, csrf: String) -> Node<HTML.BodyContext> {
        Layout.confirmForm(
            .stewardReject(id), csrf: csrf, id: "refuse-\(id.uuidString)", action: t("Refuse"),
            consequence: t("Yes, refuse %s's application. Their share payment is owed back; this cannot be undone.", name))
    }

    /// Marking a payment as not received asks for the reason (no JavaScript needed).
    static func notReceivedForm(_ url: SiteURL, id: String, csrf: String) -> Node<HTML.BodyContext> {
        .form(
            .class("inline"), .method(.post), .action(url.path), Layout.csrfField(csrf),
            .label(.for("reason-\(id)"), .text(t("Reason") + " ")),
            .input(
                .type(.text), .name("reason"), .id("reason-\(id)"), .required(true), .attribute(named: "minlength", value: "3"),
                .attribute(named: "maxlength", value: "500")),
            .button(.type(.submit), .class("danger"), .text(t("Mark as not received"))))
    }

    static func describe(_ status: String) -> String {
        switch status {
        case "payment_pending": t("confirmation that the payment arrived")
        case MembershipStatus.awaitingSteward.rawValue: t("a steward's decision (paid)")
        case MembershipStatus.awaitingVote.rawValue: t("a member vote (paid)")
        default: status.replacingOccurrences(of: "_", with: " ")
        }
    }

    /// A payment method, as the queue shows it.
    static func method(_ method: String) -> String {
        switch method {
        case "bank_transfer": t("bank transfer")
        case "cash": t("cash")
        default: method.replacingOccurrences(of: "_", with: " ")
        }
    }

    static func queue(_ req: Request) async throws -> PageResponse {
        _ = try await req.requireSteward()
        let model = try await StewardQueue.load(bylaws: try await req.bylaws(), on: req.db)
        return StewardQueue.View.render(model, layout: try await req.layout(t("Steward's queue")), error: req.storage[FormErrorKey.self])
    }

    /// The co-op's own accounts, each in its normal direction.
    static func accounts(_ balances: [(account: Account, balance: Int64)], currency: Currency) -> Node<HTML.BodyContext> {
        .section(
            .id("coop-accounts"), .h2(.text(t("The co-op's accounts"))),
            .table(
                .thead(.tr(.th(.text(t("Account"))), .th(.text(t("Kind"))), .th(.class("num"), .text(t("Balance"))))),
                .tbody(
                    .forEach(balances) { b in
                        .tr(
                            .attribute(named: "data-account", value: b.account.code),
                            .td(
                                .text(LedgerWords.meaning(b.account)), .br(),
                                .span(.class("key"), .attribute(named: "translate", value: "no"), .text(b.account.code))),
                            .td(.text(LedgerWords.kind(b.account.kind))),
                            .td(.class("num"), .text(money(Money(minorUnits: b.balance, currency: currency)))))
                    })))
    }
}
