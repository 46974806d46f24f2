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
                .p(.a(.href(SiteURL.statementCSV.path), "Download as CSV"), " · ", .a(.href(SiteURL.myData.path), "All my data")),
                .table(
                    .id("statement-summary"),
                    .tbody(
                        .tr(.th("Member number"), .td(.text(s.memberNumber.map { "#\($0)" } ?? "—"))),
                        .tr(.th("Shares"), .td(.class("shares"), .text(String(s.shares)))),
                        .tr(.th("Share capital"), .td(.class("share-capital"), .text(money(s.shareCapital)))),
                        .tr(.th("Capital account"), .td(.class("capital-account"), .text(money(s.capitalAccount)))),
                        .tr(.th("Cash dividends owed to you"), .td(.class("dividends-payable"), .text(money(s.dividendsPayable)))),
                        .tr(.th("Earnings owed to you"), .td(.class("earnings-payable"), .text(money(s.earningsPayable)))))),
                .unwrap(model.payouts) { gettingPaid($0, cur) },
                .h2("By fiscal period"),
                .table(
                    .id("statement-periods"),
                    .thead(
                        .tr(
                            .th("Period"), .th("Status"), .th("Earnings"), .th("Patronage"), .th("Dividend"), .th("In cash"),
                            .th("To capital account"))),
                    .tbody(
                        .forEach(s.periods) { p in
                            .tr(
                                .attribute(named: "data-period", value: String(p.number)),
                                .td(.a(.href(SiteURL.period(p.number).path), .text("Period \(p.number)"))),
                                .td(.text(FinancePages.statusText(p.status, ended: p.endsAt <= model.now))),
                                .td(.class("earnings"), .text(money(p.earnings))),
                                .td(
                                    .class("patronage"),
                                    .text(
                                        p.patronage.map { v in
                                            ["earnings", "spending"].contains(p.measure ?? "") ? money(v) : String(v)
                                        }.map { "\($0) (\(p.measure ?? ""))" } ?? "—")),
                                .td(.class("dividend"), .text(money(p.dividend))), .td(.class("cash"), .text(money(p.cash))),
                                .td(.class("capital"), .text(money(p.capital))))
                        })),
                .h2("Capital account history"),
                s.capitalHistory.isEmpty
                    ? .p("Nothing credited yet.")
                    : .table(
                        .id("capital-history"),
                        .thead(.tr(.th("Date"), .th("What"), .th("Credited"))),
                        .tbody(
                            .forEach(s.capitalHistory) { e in
                                .tr(.td(.text(Layout.date(e.postedAt))), .td(.text(e.memo)), .td(.text(money(-e.amount))))
                            })))
        }

        /// What the co-op owes the member, asking to be paid it, and the payouts so far.
        func gettingPaid(_ part: PayoutsPart, _ cur: Currency) -> Node<HTML.BodyContext> {
            func money(_ m: Int64) -> String { Money(minorUnits: m, currency: cur).description }
            return .section(
                .id("getting-paid"),
                .h2("Getting paid"),
                .unwrap(
                    part.waiting,
                    { w in
                        .div(
                            .class("notice"), .id("payout-waiting"),
                            .p(
                                .text("You asked on \(Layout.date(w.requestedAt)) to be paid \(money(w.amounts.total)). "),
                                Layout.badge("waiting for a steward", "wait")),
                            .form(
                                .method(.post), .action(SiteURL.payoutCancel(try! w.requireID()).path), Layout.csrfField(csrf),
                                .button(.type(.submit), .class("secondary"), .text("Cancel the request"))))
                    },
                    else: part.owed.total > 0
                        ? .form(
                            .id("payout-form"), .method(.post), .action(SiteURL.payoutRequest.path), Layout.csrfField(csrf),
                            .p(
                                .text(
                                    "The co-op owes you \(money(part.owed.total)): \(money(part.owed.earnings)) in earnings and \(money(part.owed.dividends)) in cash dividends. A steward pays it by bank transfer or in cash and records it here."
                                )),
                            .button(.type(.submit), .text("Ask to be paid \(money(part.owed.total))")))
                        : .p(.text("The co-op owes you nothing to pay out at the moment."))),
                .if(
                    !part.history.isEmpty,
                    .table(
                        .id("payouts"),
                        .thead(.tr(.th("Asked"), .th("Amount"), .th("Status"), .th("Paid"))),
                        .tbody(
                            .forEach(part.history) { p in
                                .tr(
                                    .td(.text(Layout.date(p.requestedAt))), .td(.class("num"), .text(money(p.amounts.total))),
                                    .td(
                                        Layout.badge(p.status.rawValue, p.status == .paid ? "ok" : p.status == .requested ? "wait" : "info")
                                    ),
                                    .td(
                                        .text(
                                            p.paidAt.map {
                                                "\(Layout.date($0)), \((p.method ?? "").replacingOccurrences(of: "_", with: " "))"
                                                    + ((p.reference ?? "").isEmpty ? "" : " (\(p.reference!))")
                                            } ?? "—")))
                            }))))
        }
    }
}
