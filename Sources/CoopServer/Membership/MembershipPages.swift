import CoopCore
import CoopStore
import Fluent
import Plot
import Vapor

/// The pages to apply, pay for shares, see one's membership, and withdraw.
enum MembershipPages {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(.join, use: joinForm)
        routes.post(.join) { req async throws -> Response in
            try await formAction(req, retry: joinForm) {
                _ = try await MembershipActions.apply(req)
                return req.redirect(to: SiteURL.membership.path)
            }
        }
        routes.get(.membership) { req in try await show(req) }
        routes.post(.membershipPayment) { req async throws -> Response in
            try await formAction(req, retry: { try await show($0) }) {
                _ = try await MembershipActions.recordPayment(req)
                return req.redirect(to: SiteURL.membership.path)
            }
        }
        routes.post(.membershipWithdraw) { req async throws -> Response in
            try await formAction(req, retry: { try await show($0) }) {
                try requireConfirmation(req, "Tick the box to confirm that you want to withdraw.")
                try await MembershipActions.withdraw(req)
                return req.redirect(to: SiteURL.membership.path)
            }
        }
    }

    /// A drastic form carries a ticked `confirm` box; refuse it otherwise.
    static func requireConfirmation(_ req: Request, _ reason: String) throws {
        struct Confirm: Decodable { var confirm: String? }
        guard (try? req.content.decode(Confirm.self))?.confirm == "yes" else { throw Abort(.badRequest, reason: reason) }
    }

    /// Runs a form's action; on a domain or input error, shows the form's page again with the reason.
    static func formAction(
        _ req: Request, retry: @escaping (Request) async throws -> PageResponse,
        _ action: () async throws -> Response
    ) async throws -> Response {
        do {
            return try await action()
        } catch let error as any AbortError where error.status != .unauthorized && error.status != .forbidden {
            req.storage[FormErrorKey.self] = error.reason
            var page = try await retry(req)
            page.status = error.status
            return try await page.encodeResponse(for: req)
        }
    }

    static func joinForm(_ req: Request) async throws -> PageResponse {
        _ = try req.requireUser()
        let bylaws = try await req.bylaws()
        let c = try await req.layout("Join the co-op")
        return Layout.page(
            c,
            Layout.error(req.storage[FormErrorKey.self]),
            .p(.text("Choose the stakeholder class you belong to. Each member holds the required shares and has one vote.")),
            .form(
                .method(.post), .action(SiteURL.join.path),
                Layout.csrfField(c.csrf),
                .fieldset(
                    .element(named: "legend", text: "Class"),
                    .forEach(bylaws.classes) { cls in
                        .div(
                            .class("field"),
                            .input(.type(.radio), .name("class"), .id("class-\(cls.id)"), .value(cls.id)),
                            .label(
                                .for("class-\(cls.id)"),
                                .strong(.text(cls.name)),
                                .text(
                                    " — \(cls.description) \(cls.sharesRequired) share(s) at \(cls.sharePrice), total \(cls.requiredPayment). Admission: \(HomePages.describe(cls.admission))."
                                )))
                    }),
                .button(.type(.submit), .text("Apply"))
            ))
    }

    static func show(_ req: Request) async throws -> PageResponse {
        let user = try req.requireUser()
        let bylaws = try await req.bylaws()
        let c = try await req.layout("My membership")
        guard let m = try await req.membership(of: user) else {
            return Layout.page(
                c, Layout.error(req.storage[FormErrorKey.self]),
                .p(.text("You have not applied to join yet. "), .a(.href(SiteURL.join.path), .text("Apply to join"))))
        }
        let s = try await MembershipQueries.summary(of: m, bylaws: bylaws, on: req.db)
        let ledger = try await MembershipQueries.ledger(of: m, on: req.db)
        let status = MembershipStatus(rawValue: s.status)
        let hasPending = s.payments.contains { $0.status == "pending" }
        return Layout.page(
            c,
            Layout.error(req.storage[FormErrorKey.self]),
            .dl(
                .id("membership"),
                .dt("Status"), .dd(.id("status"), .text(describe(status, pending: hasPending))),
                .dt("Member number"), .dd(.id("member-number"), .text(s.memberNumber.map(String.init) ?? "assigned on admission")),
                .dt("Class"), .dd(.text(s.className)),
                .dt("Shares"), .dd(.id("shares"), .text(String(s.shares))),
                .dt("Share capital"), .dd(.text(s.shareCapital)),
                .if(
                    s.redemptionOwed != Money.zero(bylaws.currency).description,
                    .group(.dt("Owed back to you"), .dd(.text(s.redemptionOwed)))),
                .if(s.steward, .group(.dt("Role"), .dd("Steward")))
            ),
            .if(
                status == .awaitingPayment && !hasPending,
                .section(
                    .h2("Pay for your shares"),
                    .p(
                        .text(
                            "Pay \(s.amountDue ?? "") in cash or by bank transfer, then record it here; a steward confirms it when the money arrives."
                        )),
                    .form(
                        .method(.post), .action(SiteURL.membershipPayment.path),
                        Layout.csrfField(c.csrf),
                        .div(
                            .class("field"),
                            .label(.for("method"), .text("Paid by")),
                            .select(
                                .id("method"), .attribute(named: "name", value: "method"),
                                .element(
                                    named: "option", nodes: [.attribute(named: "value", value: "bank_transfer"), .text("Bank transfer")]),
                                .element(named: "option", nodes: [.attribute(named: "value", value: "cash"), .text("Cash")]))),
                        Layout.field("Reference (bank reference or receipt)", name: "reference", required: false),
                        .button(.type(.submit), .text("I have paid"))))),
            .if(hasPending, .p(.class("notice"), .text("Your payment is recorded and waits for a steward's confirmation."))),
            .if(
                status == .awaitingVote,
                .p(
                    .class("notice"),
                    .text(
                        "Your class admits members by a member vote. Voting arrives with the governance features; your application waits until then."
                    ))),
            .section(
                .h2("Ledger entries"),
                ledger.isEmpty
                    ? .p("No ledger entries yet.")
                    : .table(
                        .id("ledger"),
                        .thead(.tr(.th("When"), .th("Kind"), .th("Memo"), .th("Account"), .th(.class("num"), .text("Amount")))),
                        .tbody(
                            .forEach(ledger) { e in
                                .tr(
                                    .td(.text(Layout.date(e.postedAt))), .td(.text(e.kind)), .td(.text(e.memo)),
                                    .td(.class("hash"), .text(e.account)),
                                    .td(.class("num"), .text(Money(minorUnits: e.amount, currency: bylaws.currency).description)))
                            })),
                .p(
                    .small(
                        .text("Amounts are as the ledger books them: a credit (negative) to your share-capital account is capital you own.")
                    ))
            ),
            .p(
                .id("my-links"), .a(.href(SiteURL.statement.path), "My statement"), .text(" (shares, capital account, dividends) · "),
                .a(.href(SiteURL.myData.path), "My data"), .text(" (download everything, or ask for erasure)")),
            .if(
                status == .admitted,
                .section(
                    .h2("Withdraw"),
                    .p(.text("Withdrawing ends your membership; the co-op then owes you your share capital back, as the bylaws set out.")),
                    .form(
                        .method(.post), .action(SiteURL.membershipWithdraw.path),
                        Layout.csrfField(c.csrf),
                        .div(
                            .class("field"),
                            .input(.type(.checkbox), .id("confirm"), .name("confirm"), .value("yes"), .required(true)),
                            .label(.for("confirm"), .text(" I want to end my membership"))),
                        .button(.type(.submit), .text("Withdraw from the co-op")))))
        )
    }

    static func describe(_ status: MembershipStatus?, pending: Bool) -> String {
        switch status {
        case .awaitingPayment: pending ? "payment recorded, waiting for a steward" : "applied, shares not yet paid"
        case .awaitingSteward: "paid, waiting for a steward's decision"
        case .awaitingVote: "paid, waiting for a member vote"
        case .admitted: "member"
        case .rejected: "application refused; share capital owed back"
        case .withdrawn: "withdrawn; share capital owed back"
        case nil: "unknown"
        }
    }
}

struct FormErrorKey: StorageKey {
    typealias Value = String
}
