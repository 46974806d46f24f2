import CoopCore
import CoopStore
import Plot
import Vapor

extension HomeShow {
    enum View {
        static func render(_ model: Model, layout c: Layout.Context) -> PageResponse {
            let bylaws = model.bylaws
            return Layout.page(
                c,
                .p(.class("purpose"), .text(bylaws.purpose)),
                .section(
                    .h2("Members"),
                    .div(
                        .class("cards"),
                        .forEach(bylaws.classes) { cls in
                            .div(
                                .class("card"), .attribute(named: "data-class", value: cls.id),
                                .div(.class("big"), .text(String(model.counts[cls.id] ?? 0))),
                                .strong(.text(cls.name)),
                                .p(
                                    .small(
                                        .text(
                                            "\(cls.sharesRequired) share(s) at \(cls.sharePrice) · admission: \(HomePages.describe(cls.admission))"
                                        )))
                            )
                        }),
                    .p(
                        .text("\(model.counts.values.reduce(0, +)) members in all. "),
                        .if(c.user == nil, .a(.href(SiteURL.signup.path), .text("Sign up to join."))),
                        .if(c.user != nil && !model.isMember, .a(.href(SiteURL.join.path), .text("Apply to join."))),
                        .if(model.isMember, .a(.href(SiteURL.membership.path), .text("See your membership."))))
                ),
                .section(
                    .h2("Policies in force"),
                    .p(.text("Set by the members: a policy changes only when a proposal to change it passes.")),
                    .table(
                        .attribute(named: "id", value: "policies"),
                        .thead(.tr(.th("Policy"), .th("Value"), .th("Bounds"), .th("What it does"), .th("History"))),
                        .tbody(
                            .forEach(model.policies) { p in
                                .tr(
                                    .attribute(named: "data-policy", value: p.key),
                                    .td(
                                        .attribute(named: "data-label", value: "Policy"),
                                        .span(.class("policy-name"), .text(p.name)), .br(), .span(.class("key"), .text(p.key))),
                                    .td(
                                        .attribute(named: "data-label", value: "Value"), .strong(.text(p.value)),
                                        .unwrap(p.unit.flatMap { p.type == "integer" ? $0 : nil }) { .text(" \($0)") }),
                                    .td(.attribute(named: "data-label", value: "Bounds"), .text(HomePages.bounds(p))),
                                    .td(.attribute(named: "data-label", value: "What it does"), .text(p.description)),
                                    .td(
                                        .class("history"), .attribute(named: "data-label", value: "History"),
                                        .forEach(p.history) { h in
                                            .div(
                                                .text("\(h.value) since \(Layout.date(h.changedAt)), "),
                                                .unwrap(
                                                    h.proposalNumber, { .a(.href(SiteURL.proposal($0).path), .text("by proposal #\($0)")) },
                                                    else: .text(h.source)))
                                        }))
                            }))
                ),
                .section(
                    .id("board"),
                    .h2("Board"),
                    model.board.isEmpty
                        ? .p("No board has been elected yet.")
                        : .ul(.forEach(model.board) { .li(.text(line($0))) })
                ),
                .section(
                    .h2("Audit log"),
                    HomePages.auditHead(model.head, key: model.key, checkpoint: model.checkpoint),
                    .p(.a(.href(SiteURL.audit.path), .text("See the decision log")))
                )
            )
        }

        /// A board member with their term's end.
        static func line(_ m: BoardStore.Member) -> String {
            "\(m.name) (member #\(m.memberNumber ?? 0)), until \(Layout.date(m.termEndsAt))"
        }
    }
}
