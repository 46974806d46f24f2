import CoopCore
import Foundation
import Plot

extension StatementShow {
    struct View {
        let model: Model
        var csrf = ""

        var body: Node<HTML.BodyContext> {
            let s = model.statement
            let cur = Currency(code: s.currency)
            func money(_ m: Int64?) -> String { FinancePages.money(m, cur) }
            return .group(
                .p(
                    .a(.href(SiteURL.statementCSV.path), .text(t("Download as CSV"))), " · ",
                    .a(.href(SiteURL.myData.path), .text(t("All my data")))),
                .table(
                    .id("statement-summary"),
                    .tbody(
                        .tr(.th(.text(t("Member number"))), .td(.text(s.memberNumber.map { "#\($0)" } ?? "—"))),
                        .tr(.th(.text(t("Shares"))), .td(.class("shares"), .text(num(s.shares)))),
                        .tr(.th(.text(t("Share capital"))), .td(.class("share-capital"), .text(money(s.shareCapital)))),
                        .tr(.th(.text(t("Capital account"))), .td(.class("capital-account"), .text(money(s.capitalAccount)))),
                        .tr(
                            .th(.text(t("Cash dividends owed to you"))), .td(.class("dividends-payable"), .text(money(s.dividendsPayable)))),
                        .tr(.th(.text(t("Earnings owed to you"))), .td(.class("earnings-payable"), .text(money(s.earningsPayable)))))),
                .unwrap(model.payouts) { gettingPaid($0, cur) },
                .h2(.text(t("By fiscal period"))),
                .table(
                    .id("statement-periods"),
                    .thead(
                        .tr(
                            .th(.text(t("Period"))), .th(.text(t("Status"))), .th(.text(t("Earnings"))), .th(.text(t("Patronage"))),
                            .th(.text(t("Dividend"))), .th(.text(t("In cash"))), .th(.text(t("To capital account"))))),
                    .tbody(
                        .forEach(s.periods) { p in
                            .tr(
                                .attribute(named: "data-period", value: String(p.number)),
                                .td(.a(.href(SiteURL.period(p.number).path), .text(FinancePages.periodLabel(p.number)))),
                                .td(.text(FinancePages.statusText(p.status, ended: p.endsAt <= model.now))),
                                .td(.class("earnings"), .text(money(p.earnings))),
                                .td(
                                    .class("patronage"),
                                    .text(
                                        p.patronage.map { v in
                                            ["earnings", "spending"].contains(p.measure ?? "") ? money(v) : num(v)
                                        }.map { "\($0) (\(FinancePages.measure(p.measure ?? "")))" } ?? "—")),
                                .td(.class("dividend"), .text(money(p.dividend))), .td(.class("cash"), .text(money(p.cash))),
                                .td(.class("capital"), .text(money(p.capital))))
                        })),
                .h2(.text(t("Capital account history"))),
                s.capitalHistory.isEmpty
                    ? .p(.text(t("Nothing credited yet.")))
                    : .table(
                        .id("capital-history"),
                        .thead(.tr(.th(.text(t("Date"))), .th(.text(t("What"))), .th(.text(t("Credited"))))),
                        .tbody(
                            .forEach(s.capitalHistory) { e in
                                .tr(.td(.text(Layout.date(e.postedAt))), .td(.text(e.memo)), .td(.text(money(-e.amount))))
                            })))
        }

        /// What the co-op owes the member, asking to be paid it, and the payouts so far.
        func gettingPaid(_ part: PayoutsPart, _ cur: Currency) -> Node<HTML.BodyContext> {
            func money(_ m: Int64) -> String { FinancePages.amount(Money(minorUnits: m, currency: cur)) }
            return .section(
                .id("getting-paid"),
                .h2(.text(t("Getting paid"))),
                .unwrap(
                    part.waiting,
                    { w in
                        .div(
                            .class("notice"), .id("payout-waiting"),
                            .p(
                                .text(t("You asked on %1$s to be paid %2$s.", Layout.date(w.requestedAt), money(w.amounts.total)) + " "),
                                Layout.badge(t("waiting for a steward"), "wait")),
                            .form(
                                .method(.post), .action(SiteURL.payoutCancel(try! w.requireID()).path), Layout.csrfField(csrf),
                                .button(.type(.submit), .class("secondary"), .text(t("Cancel the request")))))
                    },
                    else: part.owed.total > 0
                        ? .form(
                            .id("payout-form"), .method(.post), .action(SiteURL.payoutRequest.path), Layout.csrfField(csrf),
                            .p(
                                .text(
                                    t(
                                        "The co-op owes you %1$s: %2$s in earnings and %3$s in cash dividends. A steward pays it by bank transfer or in cash and records it here.",
                                        money(part.owed.total), money(part.owed.earnings), money(part.owed.dividends))
                                )),
                            .button(.type(.submit), .text(t("Ask to be paid %s", money(part.owed.total)))))
                        : .p(.text(t("The co-op owes you nothing to pay out at the moment.")))),
                .if(
                    !part.history.isEmpty,
                    .table(
                        .id("payouts"),
                        .thead(.tr(.th(.text(t("Asked"))), .th(.text(t("Amount"))), .th(.text(t("Status"))), .th(.text(t("Paid"))))),
                        .tbody(
                            .forEach(part.history) { p in
                                .tr(
                                    .td(.text(Layout.date(p.requestedAt))), .td(.class("num"), .text(money(p.amounts.total))),
                                    .td(
                                        Layout.badge(
                                            FinancePages.payoutStatus(p.status.rawValue),
                                            p.status == .paid ? "ok" : p.status == .requested ? "wait" : "info")
                                    ),
                                    .td(
                                        .text(
                                            p.paidAt.map {
                                                "\(Layout.date($0)), \(FinancePages.payoutMethod(p.method ?? ""))"
                                                    + ((p.reference ?? "").isEmpty ? "" : " (\(p.reference!))")
                                            } ?? "—")))
                            }))))
        }
    }
}
