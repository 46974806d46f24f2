import CoopCore
import CoopStore
import Plot
import Vapor

extension MembershipShow {
    enum View {
        static func render(_ model: Model, layout c: Layout.Context, error: String?) -> PageResponse {
            let bylaws = model.bylaws
            guard let s = model.summary else {
                return Layout.page(
                    c, Layout.error(error),
                    .p(.text(t("You have not applied to join yet. ")), .a(.href(SiteURL.join.path), .text(t("Apply to join")))))
            }
            let ledger = model.ledger
            let status = MembershipStatus(rawValue: s.status)
            let hasPending = s.payments.contains { $0.status == "pending" }
            return Layout.page(
                c,
                Layout.error(error),
                .dl(
                    .id("membership"),
                    .dt(.text(t("Status"))), .dd(.id("status"), .text(MembershipPages.describe(status, pending: hasPending))),
                    .dt(.text(t("Member number"))),
                    .dd(.id("member-number"), .text(s.memberNumber.map(String.init) ?? t("assigned on admission"))),
                    .dt(.text(t("Class"))), .dd(.attribute(named: "lang", value: c.coopLanguage), .text(s.className)),
                    .dt(.text(t("Shares"))), .dd(.id("shares"), .text(String(s.shares))),
                    .dt(.text(t("Share capital"))), .dd(.text(s.shareCapital)),
                    .if(
                        s.redemptionOwed != Money.zero(bylaws.currency).description,
                        .group(.dt(.text(t("Owed back to you"))), .dd(.text(s.redemptionOwed)))),
                    .if(s.steward, .group(.dt(.text(t("Role"))), .dd(.text(t("Steward")))))
                ),
                .if(
                    !model.completions.isEmpty,
                    .section(
                        .id("completions"), .h2(.text(t("Learning modules completed"))),
                        .ul(
                            .forEach(model.completions) { done in
                                .li(
                                    .a(
                                        .href(SiteURL.module(done.module).path), .attribute(named: "lang", value: c.coopLanguage),
                                        .text(done.title)),
                                    .text(", \(Layout.date(done.completedAt))"))
                            }))),
                .if(
                    status == .awaitingPayment && !hasPending,
                    .section(
                        .h2(.text(t("Pay for your shares"))),
                        .p(
                            .text(
                                t(
                                    "Pay %s in cash or by bank transfer, then record it here; a steward confirms it when the money arrives.",
                                    s.amountDue ?? "")
                            )),
                        .form(
                            .method(.post), .action(SiteURL.membershipPayment.path),
                            Layout.csrfField(c.csrf),
                            .div(
                                .class("field"),
                                .label(.for("method"), .text(t("Paid by"))),
                                .select(
                                    .id("method"), .attribute(named: "name", value: "method"),
                                    .element(
                                        named: "option",
                                        nodes: [.attribute(named: "value", value: "bank_transfer"), .text(t("Bank transfer"))]),
                                    .element(named: "option", nodes: [.attribute(named: "value", value: "cash"), .text(t("Cash"))]))),
                            Layout.field(t("Reference (bank reference or receipt)"), name: "reference", required: false),
                            .button(.type(.submit), .text(t("I have paid")))))),
                .if(hasPending, .p(.class("notice"), .text(t("Your payment is recorded and waits for a steward's confirmation.")))),
                .if(
                    status == .awaitingVote,
                    .p(
                        .class("notice"),
                        .text(
                            t(
                                "Your class admits members by a member vote. Voting arrives with the governance features; your application waits until then."
                            )
                        ))),
                .section(
                    .h2(.text(t("Ledger entries"))),
                    ledger.isEmpty
                        ? .p(.text(t("No ledger entries yet.")))
                        : .table(
                            .id("ledger"),
                            .thead(
                                .tr(
                                    .th(.text(t("When"))), .th(.text(t("Kind"))), .th(.text(t("Memo"))), .th(.text(t("Account"))),
                                    .th(.class("num"), .text(t("For you"))))),
                            .tbody(
                                .forEach(ledger) { e in
                                    .tr(
                                        .td(.text(Layout.date(e.postedAt))),
                                        .td(.attribute(named: "data-kind", value: e.kind), .text(LedgerWords.entry(e.kind))),
                                        .td(.element(named: "bdi", nodes: [.text(e.memo)])),
                                        .td(
                                            .text(LedgerWords.meaning(Account(code: e.account), own: true)), .br(),
                                            .span(.class("key"), .attribute(named: "translate", value: "no"), .text(e.account))),
                                        .td(
                                            .class("num"),
                                            .text(
                                                Money(
                                                    minorUnits: Account(code: e.account).kind.normalBalance(ofSum: e.amount),
                                                    currency: bylaws.currency
                                                ).description)))
                                })),
                    .p(
                        .small(
                            .text(
                                t(
                                    "Each amount is what the entry did for you: share capital you own and money the co-op owes you count up; a payout or a refund of shares counts down."
                                )
                            )
                        ))
                ),
                .p(
                    .id("my-links"), .a(.href(SiteURL.statement.path), .text(t("My statement"))),
                    .text(t(" (shares, capital account, dividends) · ")),
                    .a(.href(SiteURL.myData.path), .text(t("My data"))), .text(t(" (download everything, or ask for erasure)"))),
                .if(
                    status == .admitted,
                    .section(
                        .h2(.text(t("Withdraw"))),
                        .p(
                            .text(
                                t(
                                    "Withdrawing ends your membership; the co-op then owes you your share capital back, as the bylaws set out."
                                ))
                        ),
                        .form(
                            .method(.post), .action(SiteURL.membershipWithdraw.path),
                            Layout.csrfField(c.csrf),
                            .div(
                                .class("field"),
                                .input(.type(.checkbox), .id("confirm"), .name("confirm"), .value("yes"), .required(true)),
                                .label(.for("confirm"), .text(t(" I want to end my membership")))),
                            .button(.type(.submit), .class("danger"), .text(t("Withdraw from the co-op"))))))
            )
        }
    }
}
