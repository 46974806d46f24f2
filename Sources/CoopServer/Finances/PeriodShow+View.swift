import CoopCore
import Foundation
import Plot

extension PeriodShow {
    struct View {
        let model: Model
        let csrf: String
        /// A refused form's reason, shown above the figures.
        let error: String?

        var body: Node<HTML.BodyContext> {
            let v = model.view
            let p = v.period
            let n = p.number
            let cur = model.currency
            func money(_ m: Int64?) -> String { FinancePages.money(m, cur) }
            func row(_ label: String, _ value: String, _ cls: String) -> Node<HTML.TableContext> {
                .tr(.th(.text(label)), .td(.class(cls), .text(value)))
            }
            let f = v.formula
            let figures: Node<HTML.BodyContext> = .table(
                .id("period-figures"),
                .tbody(
                    row(t("Dates"), t("%1$s to %2$s", Layout.date(p.startsAt), Layout.date(p.endsAt)), "dates"),
                    row(t("Status"), FinancePages.statusText(p.status, ended: p.endsAt <= model.now), "status"),
                    row(t("Revenue"), money(p.revenue), "revenue"), row(t("of which platform fees"), money(p.fees), "fees"),
                    row(t("Expenses"), money(p.expenses), "expenses"), row(t("Net result"), money(p.net), "net"),
                    row(t("Loss carried in"), money(p.carriedIn), "carried-in"), row(t("To allocate"), money(p.allocatable), "allocatable"),
                    row(t("Loss carried forward"), money(p.carriedOut), "carried-out"),
                    row(t("Indivisible reserve"), money(p.reserve), "reserve"), row(t("Community fund"), money(p.community), "community"),
                    row(t("Patronage dividends"), money(p.dividends), "dividends"),
                    row(t("Members receiving a dividend"), p.members.map { num($0) } ?? "—", "members")))
            let formula: Node<HTML.BodyContext> = .p(
                .id("formula"),
                .text(
                    t(
                        "Formula locked to this period: reserve %1$s, patronage %2$s, community %3$s; patronage split %4$s; at least %5$s of each dividend paid in cash, the rest to capital accounts.",
                        f.reserve.description, f.patronage.description, f.community.description,
                        f.classShares.sorted { $0.key < $1.key }.map {
                            t(
                                "%1$s %2$s by %3$s", $0.key, $0.value.description,
                                FinancePages.measure(f.measures[$0.key]?.rawValue ?? "?"))
                        }.joined(separator: ", "), f.cashMinimum.description)))
            let pools: Node<HTML.BodyContext> = .if(
                !v.classes.isEmpty,
                .table(
                    .id("class-pools"),
                    .thead(
                        .tr(
                            .th(.text(t("Class"))), .th(.text(t("Share"))), .th(.text(t("Measure"))), .th(.text(t("Pool"))),
                            .th(.text(t("Paid as dividends"))))),
                    .tbody(
                        .forEach(v.classes) { k in
                            .tr(
                                .td(.text(model.classNames[k.classID] ?? k.classID)), .td(.text(k.share.description)),
                                .td(.text(FinancePages.measure(k.measure.rawValue))), .td(.text(money(k.pool))), .td(.text(money(k.paid))))
                        })))
            let mine: Node<HTML.BodyContext> = .unwrap(v.mine) { m in
                let measured = ["earnings", "spending"].contains(m.measure) ? money(m.patronage) : num(m.patronage)
                return .section(
                    .id("my-dividend"), .h2(.text(t("Your line"))),
                    .p(
                        .text(t("Your patronage (%s):", FinancePages.measure(m.measure)) + " "),
                        .strong(.class("patronage"), .text(measured)),
                        .text(t(". Your dividend:") + " "), .strong(.class("dividend"), .text(money(m.dividend))),
                        .text(t(", of which") + " "), .span(.class("cash"), .text(money(m.cash))), .text(" " + t("in cash and") + " "),
                        .span(.class("capital"), .text(money(m.capital))), .text(" " + t("to your capital account."))))
            }
            func button(_ url: SiteURL, _ label: String) -> Node<HTML.BodyContext> {
                .form(.class("inline"), .method(.post), .action(url.path), Layout.csrfField(csrf), .button(.type(.submit), .text(label)))
            }
            return .group(
                Layout.error(error), figures, formula, pools, mine,
                .unwrap(p.proposal) { number in
                    .p(
                        .id("allocation-proposal"), .text(t("The members decide on this allocation in") + " "),
                        .a(.href(SiteURL.proposal(number).path), .text(t("proposal #%s", String(number)))),
                        .text(" (\(v.proposalStatus.flatMap(ProposalStatus.init(rawValue:)).map(ProposalPage.describe) ?? "")).")
                    )
                },
                .if(!model.blocking.isEmpty, Self.blockers(model.blocking, csrf: csrf)),
                .if(model.steward && model.closable, button(.periodClose(n), t("Close this period"))),
                .if(
                    model.steward && p.status == FiscalPeriodStatus.rejected.rawValue,
                    button(.periodPropose(n), t("Put the allocation to a new vote"))),
                .p(.a(.href(SiteURL.finances.path), .text(t("All periods")))))
        }

        /// What keeps an ended period from closing, each with the two ways to resolve it.
        static func blockers(_ blocking: [FiscalPeriods.Blocker], csrf: String) -> Node<HTML.BodyContext> {
            .section(
                .id("close-blockers"), .h2(.text(t("What keeps this period from closing"))),
                .p(
                    .text(
                        t(
                            "Each payment below was recorded in the period and waits for a steward. Confirm it if the money arrived; otherwise mark it as not received, saying why."
                        ))),
                .ul(
                    .forEach(blocking) { b in
                        .li(
                            .attribute(named: "data-payment", value: b.payment.uuidString), .text(b.what + " "),
                            .form(
                                .class("inline"), .method(.post), .action(b.confirm.path), Layout.csrfField(csrf),
                                .button(.type(.submit), .text(t("Confirm it arrived")))),
                            StewardPages.notReceivedForm(b.fail, id: b.payment.uuidString, csrf: csrf))
                    }))
        }
    }
}
