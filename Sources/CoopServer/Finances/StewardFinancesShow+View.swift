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
                                .td(.text(Layout.date(e.postedAt))), .td(.text(e.account)), .td(.text(e.memo)),
                                .td(.text(FinancePages.money(e.amount, cur))))
                        })))
        }
    }
}
