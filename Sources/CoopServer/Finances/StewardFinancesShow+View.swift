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
                .h2("Periods to close"),
                model.due.isEmpty
                    ? .p("No period has ended unclosed.")
                    : .ul(
                        .forEach(model.due) { p in
                            .li(
                                .a(.href(SiteURL.period(p.number).path), .text("Period \(p.number)")),
                                .text(" ended \(Layout.date(p.endsAt)). "),
                                .form(
                                    .class("inline"), .method(.post), .action(SiteURL.periodClose(p.number).path), Layout.csrfField(csrf),
                                    .button(.type(.submit), .text("Close period \(p.number)"))))
                        }),
                payoutsSection(cur),
                .if(
                    !model.budgets.isEmpty,
                    .section(
                        .id("budgets"),
                        .h2("Pay against a budget"),
                        .p(.text("A budget the members approved is paid here, in one go or in parts, never beyond what is left.")),
                        .form(
                            .id("budget-form"), .method(.post), .action(SiteURL.stewardBudgetPayments.path), Layout.csrfField(csrf),
                            .div(
                                .class("field"), .label(.for("budget"), .text("Budget")),
                                .select(
                                    .id("budget"), .attribute(named: "name", value: "budget"),
                                    .forEach(model.budgets) { b in
                                        ListingPages.option(
                                            String(b.number),
                                            "#\(b.number): \(b.what) (to \(b.payee); \(Money(minorUnits: b.left, currency: cur)) left)",
                                            selected: Layout.shown("budget") == String(b.number))
                                    })),
                            Layout.field("Amount (\(cur.code))", name: "amount"),
                            Layout.field("What was paid for", name: "description"),
                            .button(.type(.submit), .text("Record the payment"))))),
                .h2("Record an expense"),
                .form(
                    .id("expense-form"), .method(.post), .action(SiteURL.stewardExpenses.path), Layout.csrfField(csrf),
                    Layout.field("Amount (\(cur.code))", name: "amount"),
                    .div(
                        .class("field"), .label(.for("category"), "Category"),
                        .select(
                            .id("category"), .attribute(named: "name", value: "category"),
                            .forEach(Finances.expenseCategories) { ListingPages.option($0, $0) })),
                    Layout.field("Description", name: "description"),
                    .button(.type(.submit), .text("Record the expense"))),
                .h2("Recent expenses"),
                .table(
                    .id("expenses"),
                    .thead(.tr(.th("Date"), .th("Account"), .th("Description"), .th("Amount"))),
                    .tbody(
                        .forEach(model.expenses) { e in
                            .tr(
                                .td(.text(Layout.date(e.postedAt))), .td(.text(Account(code: e.account).meaning())), .td(.text(e.memo)),
                                .td(.text(FinancePages.money(e.amount, cur))))
                        })))
        }

        /// Members waiting to be paid: pay each outside the platform, then record it here.
        func payoutsSection(_ cur: Currency) -> Node<HTML.BodyContext> {
            .section(
                .id("payouts"),
                .h2("Payouts to make"),
                model.payouts.isEmpty
                    ? .p("No member is waiting to be paid.")
                    : .group(
                        .p(.text("Pay each member by bank transfer or in cash, then record it; another steward records your own.")),
                        .ul(
                            .class("cards"),
                            .forEach(model.payouts) { w in
                                let p = w.payout
                                let id = (try? p.requireID())?.uuidString ?? ""
                                return .li(
                                    .class("card"), .attribute(named: "data-payout", value: w.name ?? ""),
                                    .p(
                                        .strong(.text(w.name ?? "A member")),
                                        .text(
                                            ": \(Money(minorUnits: p.amounts.total, currency: cur)) (earnings \(Money(minorUnits: p.amounts.earnings, currency: cur)), dividends \(Money(minorUnits: p.amounts.dividends, currency: cur))), asked \(Layout.date(p.requestedAt))."
                                        )),
                                    .form(
                                        .method(.post), .action(SiteURL.stewardPayoutPaid(try! p.requireID()).path), Layout.csrfField(csrf),
                                        .div(
                                            .class("field"), .label(.for("method-\(id)"), .text("Paid by")),
                                            .select(
                                                .id("method-\(id)"), .attribute(named: "name", value: "method"),
                                                .forEach(Payouts.methods) {
                                                    ListingPages.option($0, $0 == "cash" ? "Cash" : "Bank transfer")
                                                })),
                                        .div(
                                            .class("field"), .label(.for("reference-\(id)"), .text("Reference (optional)")),
                                            .input(
                                                .type(.text), .id("reference-\(id)"), .name("reference"),
                                                .attribute(named: "maxlength", value: "100"))),
                                        .button(.type(.submit), .text("Record it paid"))))
                            })))
        }
    }
}
