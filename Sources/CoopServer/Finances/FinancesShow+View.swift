import CoopCore
import Foundation
import Plot

extension FinancesShow {
    struct View {
        let model: Model
        /// The co-op's language, which memos and budgets are written in (marked `lang`).
        var written = "en"

        var body: Node<HTML.BodyContext> {
            let cur = model.currency
            let periods = model.periods
            let fees = model.fees
            func money(_ m: Int64?) -> String { FinancePages.money(m, cur) }
            let labels = periods.map { FinancePages.periodLabel($0.number) }
            let flow = Charts.bars(
                id: "chart-flow", title: t("Revenue, expenses and surplus by fiscal period"), labels: labels,
                series: [
                    .init(name: t("Revenue"), color: "#2a6f4e"), .init(name: t("Expenses"), color: "#b5542d"),
                    .init(name: t("Surplus"), color: "#3a5ba0"),
                ], values: periods.map { [$0.revenue, $0.expenses, $0.net] }, format: { money($0) })
            let closed = periods.filter { $0.allocatable != nil }
            let split = Charts.bars(
                id: "chart-allocation", title: t("Where each closed period's surplus went"),
                labels: closed.map { FinancePages.periodLabel($0.number) },
                series: [
                    .init(name: t("Reserve"), color: "#6b6b6b"), .init(name: t("Dividends"), color: "#3a5ba0"),
                    .init(name: t("Community fund"), color: "#c49a2c"),
                ], values: closed.map { [$0.reserve ?? 0, $0.dividends ?? 0, $0.community ?? 0] }, format: { money($0) })
            let feeChart = Charts.steps(
                id: "chart-fee", title: t("The platform fee over time"),
                points: fees.map { ($0.from, $0.basisPoints, $0.rate) }, until: model.now)
            let table: Node<HTML.BodyContext> = .table(
                .id("periods"),
                .thead(
                    .tr(
                        .th(.text(t("Period"))), .th(.text(t("Dates"))), .th(.text(t("Status"))), .th(.text(t("Revenue"))),
                        .th(.text(t("of which fees"))), .th(.text(t("Expenses"))), .th(.text(t("Surplus"))), .th(.text(t("Reserve"))),
                        .th(.text(t("Community fund"))), .th(.text(t("Dividends"))))),
                .tbody(
                    .forEach(periods) { p in
                        .tr(
                            .attribute(named: "data-period", value: String(p.number)),
                            .td(.a(.href(SiteURL.period(p.number).path), .text(FinancePages.periodLabel(p.number)))),
                            .td(.text(t("%1$s to %2$s", FinancePages.shortDay(p.startsAt), FinancePages.shortDay(p.endsAt)))),
                            .td(.class("status"), .text(FinancePages.statusText(p.status, ended: p.endsAt <= model.now))),
                            .td(.class("revenue"), .text(money(p.revenue))), .td(.class("fees"), .text(money(p.fees))),
                            .td(.class("expenses"), .text(money(p.expenses))), .td(.class("net"), .text(money(p.net))),
                            .td(.class("reserve"), .text(money(p.reserve))), .td(.class("community"), .text(money(p.community))),
                            .td(.class("dividends"), .text(money(p.dividends))))
                    }))
            let feeTable: Node<HTML.BodyContext> = .table(
                .id("fee-history"),
                .thead(.tr(.th(.text(t("From"))), .th(.text(t("Platform fee"))), .th(.text(t("Decided by"))))),
                .tbody(
                    .forEach(fees.reversed()) { f in
                        .tr(
                            .td(.text(Layout.date(f.from))), .td(.class("rate"), .text(f.rate)),
                            .td(
                                .unwrap(
                                    f.proposal, { .a(.href(SiteURL.proposal($0).path), .text(t("Proposal #%s", String($0)))) },
                                    else: .text(f.source.hasPrefix("bylaws") ? t("the founding bylaws") : f.source))))
                    }))
            return .group(
                .p(
                    .text(
                        t(
                            "The co-op's money in the open: what each fiscal period earned and spent, and where its surplus went under the formula in the bylaws."
                        ) + " "),
                    .a(.href(SiteURL.openData.path), .text(t("Open data"))), .text(" " + t("has the figures to download."))),
                .h2(.text(t("Money in and out"))),
                .p(
                    .text(
                        t(
                            "The co-op's own money: what it earned and each thing it spent, with the balance after each. Members' money (share capital, payments held for orders, what is owed to members) is not in it."
                        ))),
                model.flow.isEmpty
                    ? .p(.text(t("Nothing earned or spent yet.")))
                    : .table(
                        .id("money-flow"),
                        .thead(
                            .tr(
                                .th(.text(t("When"))), .th(.text(t("What"))), .th(.text(t("Category"))),
                                .th(.class("num"), .text(t("Amount"))), .th(.class("num"), .text(t("Balance"))))),
                        .tbody(
                            .forEach(model.flow) { l in
                                .tr(
                                    .class(l.amount >= 0 ? "in" : "out"),
                                    .td(.text(FinancePages.shortDay(l.date))),
                                    .td(.attribute(named: "lang", value: l.category == "income" ? nil : written), .text(l.what)),
                                    .td(.text(FinancePages.category(l.category))),
                                    .td(.class("num"), .text((l.amount >= 0 ? "+" : "") + money(l.amount))),
                                    .td(.class("num balance"), .text(money(l.balance))))
                            })),
                .if(
                    model.flowTruncated,
                    .p(
                        .text(
                            t("Only the latest %d expenses are listed; the balance counts those alone.", num(FinancesShow.flowLimit))))),
                .h2(.id("budgets"), .text(t("Budgets the members approved"))),
                model.budgets.isEmpty
                    ? .p(.text(t("No budget has been approved by vote yet.")))
                    : .table(
                        .id("budget-table"),
                        .thead(
                            .tr(
                                .th(.text(t("Budget"))), .th(.text(t("For"))), .th(.text(tc("payee", "To"))),
                                .th(.class("num"), .text(t("Approved"))), .th(.class("num"), .text(t("Paid"))),
                                .th(.class("num"), .text(t("Left"))))),
                        .tbody(
                            .forEach(model.budgets) { b in
                                .tr(
                                    .attribute(named: "data-budget", value: String(b.number)),
                                    .td(.a(.href(SiteURL.proposal(b.number).path), .text(t("Proposal #%s", String(b.number))))),
                                    .td(.attribute(named: "lang", value: written), .text(b.what)),
                                    .td(.attribute(named: "lang", value: written), .text(b.payee)),
                                    .td(.class("num"), .text(money(b.approved))),
                                    .td(.class("num paid"), .text(money(b.paid))), .td(.class("num left"), .text(money(b.left))))
                            })),
                .h2(.text(t("Fiscal periods"))), table,
                FinancePages.figure(flow, t("Revenue, expenses and surplus by period (the open period so far).")),
                .if(!closed.isEmpty, FinancePages.figure(split, t("Reserve, dividends and community fund of each closed period."))),
                .h2(.text(t("The platform fee"))), FinancePages.figure(feeChart, t("The platform fee, as members set it by vote.")),
                feeTable)
        }
    }
}
