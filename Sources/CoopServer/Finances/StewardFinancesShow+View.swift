import CoopCore
import CoopStore
import Foundation
import Plot

extension StewardFinancesShow {
    struct View {
        let model: Model
        let csrf: String
        /// A refused form's reason.
        let error: String?

        var body: Node<HTML.BodyContext> {
            let cur = model.currency
            return .group(
                Layout.error(error),
                .h2(.text(t("Periods to close"))),
                model.due.isEmpty
                    ? .p(.text(t("No period has ended unclosed.")))
                    : .ul(
                        .forEach(model.due) { p in
                            .li(
                                .a(.href(SiteURL.period(p.number).path), .text(FinancePages.periodLabel(p.number))),
                                .text(" " + t("ended %s.", Layout.date(p.endsAt)) + " "),
                                .form(
                                    .class("inline"), .method(.post), .action(SiteURL.periodClose(p.number).path), Layout.csrfField(csrf),
                                    .button(.type(.submit), .text(t("Close period %s", String(p.number))))))
                        }),
                payoutsSection(cur),
                .if(
                    !model.budgets.isEmpty,
                    .section(
                        .id("budgets"),
                        .h2(.text(t("Pay against a budget"))),
                        .p(.text(t("A budget the members approved is paid here, in one go or in parts, never beyond what is left."))),
                        .form(
                            .id("budget-form"), .method(.post), .action(SiteURL.stewardBudgetPayments.path), Layout.csrfField(csrf),
                            .div(
                                .class("field"), .label(.for("budget"), .text(t("Budget"))),
                                .select(
                                    .id("budget"), .attribute(named: "name", value: "budget"),
                                    .forEach(model.budgets) { b in
                                        ListingPages.option(
                                            String(b.number),
                                            t(
                                                "#%1$s: %2$s (to %3$s; %4$s left)", String(b.number), b.what, b.payee,
                                                FinancePages.amount(Money(minorUnits: b.left, currency: cur))),
                                            selected: Layout.shown("budget") == String(b.number))
                                    })),
                            Layout.field(t("Amount (%s)", cur.code), name: "amount"),
                            Layout.field(t("What was paid for"), name: "description"),
                            .button(.type(.submit), .text(t("Record the payment")))))),
                .h2(.text(t("Record an expense"))),
                .form(
                    .id("expense-form"), .method(.post), .action(SiteURL.stewardExpenses.path), Layout.csrfField(csrf),
                    Layout.field(t("Amount (%s)", cur.code), name: "amount"),
                    .div(
                        .class("field"), .label(.for("category"), .text(t("Category"))),
                        .select(
                            .id("category"), .attribute(named: "name", value: "category"),
                            .forEach(Finances.expenseCategories) { ListingPages.option($0, FinancePages.category($0)) })),
                    Layout.field(t("Description"), name: "description"),
                    .button(.type(.submit), .text(t("Record the expense")))),
                .h2(.text(t("Recent expenses"))),
                .table(
                    .id("expenses"),
                    .thead(.tr(.th(.text(t("Date"))), .th(.text(t("Account"))), .th(.text(t("Description"))), .th(.text(t("Amount"))))),
                    .tbody(
                        .forEach(model.expenses) { e in
                            .tr(
                                .td(.text(Layout.date(e.postedAt))), .td(.text(LedgerWords.meaning(Account(code: e.account)))),
                                .td(.element(named: "bdi", nodes: [.text(e.memo)])),
                                .td(.text(FinancePages.money(e.amount, cur))))
                        })))
        }

        /// Members waiting to be paid: pay each outside the platform, then record it here.
        func payoutsSection(_ cur: Currency) -> Node<HTML.BodyContext> {
            .section(
                .id("payouts"),
                .h2(.text(t("Payouts to make"))),
                model.payouts.isEmpty
                    ? .p(.text(t("No member is waiting to be paid.")))
                    : .group(
                        .p(.text(t("Pay each member by bank transfer or in cash, then record it; another steward records your own."))),
                        .ul(
                            .class("cards"),
                            .forEach(model.payouts) { w in
                                let p = w.payout
                                let id = (try? p.requireID())?.uuidString ?? ""
                                return .li(
                                    .class("card"), .attribute(named: "data-payout", value: w.name ?? ""),
                                    .p(
                                        .strong(.text(w.name ?? t("A member"))),
                                        .text(
                                            t(
                                                ": %1$s (earnings %2$s, dividends %3$s), asked %4$s.",
                                                FinancePages.amount(Money(minorUnits: p.amounts.total, currency: cur)),
                                                FinancePages.amount(Money(minorUnits: p.amounts.earnings, currency: cur)),
                                                FinancePages.amount(Money(minorUnits: p.amounts.dividends, currency: cur)),
                                                Layout.date(p.requestedAt))
                                        )),
                                    .form(
                                        .method(.post), .action(SiteURL.stewardPayoutPaid(try! p.requireID()).path), Layout.csrfField(csrf),
                                        .div(
                                            .class("field"), .label(.for("method-\(id)"), .text(t("Paid by"))),
                                            .select(
                                                .id("method-\(id)"), .attribute(named: "name", value: "method"),
                                                .forEach(Payouts.methods) {
                                                    ListingPages.option($0, $0 == "cash" ? t("Cash") : t("Bank transfer"))
                                                })),
                                        .div(
                                            .class("field"), .label(.for("reference-\(id)"), .text(t("Reference (optional)"))),
                                            .input(
                                                .type(.text), .id("reference-\(id)"), .name("reference"),
                                                .attribute(named: "maxlength", value: "100"))),
                                        .button(.type(.submit), .text(t("Record it paid")))))
                            })))
        }
    }
}
