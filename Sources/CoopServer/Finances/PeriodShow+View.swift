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
                    row("Dates", "\(Layout.date(p.startsAt)) to \(Layout.date(p.endsAt))", "dates"),
                    row("Status", FinancePages.statusText(p.status, ended: p.endsAt <= model.now), "status"),
                    row("Revenue", money(p.revenue), "revenue"), row("of which platform fees", money(p.fees), "fees"),
                    row("Expenses", money(p.expenses), "expenses"), row("Net result", money(p.net), "net"),
                    row("Loss carried in", money(p.carriedIn), "carried-in"), row("To allocate", money(p.allocatable), "allocatable"),
                    row("Loss carried forward", money(p.carriedOut), "carried-out"),
                    row("Indivisible reserve", money(p.reserve), "reserve"), row("Community fund", money(p.community), "community"),
                    row("Patronage dividends", money(p.dividends), "dividends"),
                    row("Members receiving a dividend", p.members.map(String.init) ?? "—", "members")))
            let formula: Node<HTML.BodyContext> = .p(
                .id("formula"),
                .text(
                    "Formula locked to this period: reserve \(f.reserve), patronage \(f.patronage), community \(f.community); patronage split "
                        + f.classShares.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value) by \(f.measures[$0.key]?.rawValue ?? "?")" }
                        .joined(separator: ", ")
                        + "; at least \(f.cashMinimum) of each dividend paid in cash, the rest to capital accounts."))
            let pools: Node<HTML.BodyContext> = .if(
                !v.classes.isEmpty,
                .table(
                    .id("class-pools"),
                    .thead(.tr(.th("Class"), .th("Share"), .th("Measure"), .th("Pool"), .th("Paid as dividends"))),
                    .tbody(
                        .forEach(v.classes) { k in
                            .tr(
                                .td(.text(model.classNames[k.classID] ?? k.classID)), .td(.text(k.share.description)),
                                .td(.text(k.measure.rawValue)), .td(.text(money(k.pool))), .td(.text(money(k.paid))))
                        })))
            let mine: Node<HTML.BodyContext> = .unwrap(v.mine) { m in
                let measured = ["earnings", "spending"].contains(m.measure) ? money(m.patronage) : String(m.patronage)
                return .section(
                    .id("my-dividend"), .h2("Your line"),
                    .p(
                        .text("Your patronage (\(m.measure)): "), .strong(.class("patronage"), .text(measured)), .text(". Your dividend: "),
                        .strong(.class("dividend"), .text(money(m.dividend))), .text(", of which "),
                        .span(.class("cash"), .text(money(m.cash))), .text(" in cash and "),
                        .span(.class("capital"), .text(money(m.capital))), .text(" to your capital account.")))
            }
            func button(_ url: SiteURL, _ label: String) -> Node<HTML.BodyContext> {
                .form(.class("inline"), .method(.post), .action(url.path), Layout.csrfField(csrf), .button(.type(.submit), .text(label)))
            }
            return .group(
                Layout.error(error), figures, formula, pools, mine,
                .unwrap(p.proposal) { number in
                    .p(
                        .id("allocation-proposal"), .text("The members decide on this allocation in "),
                        .a(.href(SiteURL.proposal(number).path), .text("proposal #\(number)")),
                        .text(" (\(v.proposalStatus.flatMap(ProposalStatus.init(rawValue:)).map(ProposalPage.describe) ?? "")).")
                    )
                },
                .if(!model.blocking.isEmpty, Self.blockers(model.blocking, csrf: csrf)),
                .if(model.steward && model.closable, button(.periodClose(n), "Close this period")),
                .if(
                    model.steward && p.status == FiscalPeriodStatus.rejected.rawValue,
                    button(.periodPropose(n), "Put the allocation to a new vote")),
                .p(.a(.href(SiteURL.finances.path), "All periods")))
        }

        /// What keeps an ended period from closing, each with the two ways to resolve it.
        static func blockers(_ blocking: [FiscalPeriods.Blocker], csrf: String) -> Node<HTML.BodyContext> {
            .section(
                .id("close-blockers"), .h2("What keeps this period from closing"),
                .p(
                    "Each payment below was recorded in the period and waits for a steward. Confirm it if the money arrived; otherwise mark it as not received, saying why."
                ),
                .ul(
                    .forEach(blocking) { b in
                        .li(
                            .attribute(named: "data-payment", value: b.payment.uuidString), .text(b.what + " "),
                            .form(
                                .class("inline"), .method(.post), .action(b.confirm.path), Layout.csrfField(csrf),
                                .button(.type(.submit), .text("Confirm it arrived"))),
                            StewardPages.notReceivedForm(b.fail, id: b.payment.uuidString, csrf: csrf))
                    }))
        }
    }
}
