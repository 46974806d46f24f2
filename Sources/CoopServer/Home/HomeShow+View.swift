import CoopCore
import CoopStore
import Plot
import Vapor

extension HomeShow {
    enum View {
        static func render(_ model: Model, layout c: Layout.Context) -> PageResponse {
            let bylaws = model.bylaws
            // What the bylaws say in words (purpose, classes, policies) stays in the co-op's language.
            let written = c.coopLanguage
            return Layout.page(
                c,
                .p(.class("purpose"), .attribute(named: "lang", value: written), .text(bylaws.purpose)),
                .p(.a(.href(SiteURL.bylaws.path), .text(t("Read the bylaws, and their translations")))),
                .section(
                    .h2(.text(t("Members"))),
                    .div(
                        .class("cards"),
                        .forEach(bylaws.classes) { cls in
                            .div(
                                .class("card"), .attribute(named: "data-class", value: cls.id),
                                .div(.class("big"), .text(String(model.counts[cls.id] ?? 0))),
                                .strong(.attribute(named: "lang", value: written), .text(cls.name)),
                                .p(
                                    .small(
                                        .text(
                                            tn("%d share at %s", "%d shares at %s", cls.sharesRequired, money(cls.sharePrice))
                                                + " · " + t("admission: %s", HomePages.describe(cls.admission))
                                        )))
                            )
                        }),
                    .p(
                        .text(tn("%d member in all. ", "%d members in all. ", model.counts.values.reduce(0, +))),
                        .if(c.user == nil, .a(.href(SiteURL.signup.path), .text(t("Sign up to join.")))),
                        .if(c.user != nil && !model.isMember, .a(.href(SiteURL.join.path), .text(t("Apply to join.")))),
                        .if(model.isMember, .a(.href(SiteURL.membership.path), .text(t("See your membership.")))))
                ),
                .section(
                    .h2(.text(t("Policies in force"))),
                    .p(.text(t("Set by the members: a policy changes only when a proposal to change it passes."))),
                    .table(
                        .attribute(named: "id", value: "policies"),
                        .thead(
                            .tr(
                                .th(.text(t("Policy"))), .th(.text(t("Value"))), .th(.text(t("Bounds"))), .th(.text(t("What it does"))),
                                .th(.text(t("History"))))),
                        .tbody(
                            .forEach(model.policies) { p in
                                .tr(
                                    .attribute(named: "data-policy", value: p.key),
                                    .td(
                                        .attribute(named: "data-label", value: t("Policy")),
                                        .span(.class("policy-name"), .attribute(named: "lang", value: written), .text(p.name)), .br(),
                                        .span(.class("key"), .attribute(named: "translate", value: "no"), .text(p.key))),
                                    .td(
                                        .attribute(named: "data-label", value: t("Value")),
                                        .strong(
                                            .attribute(named: "lang", value: p.value.contains(where: \.isLetter) ? written : nil),
                                            .text(p.value)),
                                        .unwrap(p.unit.flatMap { p.type == "integer" ? $0 : nil }) {
                                            .group(.text(" "), .span(.attribute(named: "lang", value: written), .text($0)))
                                        }),
                                    .td(.attribute(named: "data-label", value: t("Bounds")), .text(HomePages.bounds(p))),
                                    .td(
                                        .attribute(named: "data-label", value: t("What it does")),
                                        .span(.attribute(named: "lang", value: written), .text(p.description))),
                                    .td(
                                        .class("history"), .attribute(named: "data-label", value: t("History")),
                                        .forEach(p.history) { h in
                                            .div(
                                                .text(t("%1$s since %2$s, ", h.value, Layout.date(h.changedAt))),
                                                .unwrap(
                                                    h.proposalNumber,
                                                    { .a(.href(SiteURL.proposal($0).path), .text(t("by proposal #%d", String($0)))) },
                                                    else: .text(h.source == "bylaws v1 (founding)" ? t("bylaws v1 (founding)") : h.source)))
                                        }))
                            }))
                ),
                .section(
                    .id("board"),
                    .h2(.text(t("Board"))),
                    model.board.isEmpty
                        ? .p(.text(t("No board has been elected yet.")))
                        : .ul(.forEach(model.board) { .li(.text(line($0))) })
                ),
                .section(
                    .h2(.text(t("Audit log"))),
                    HomePages.auditHead(model.head, key: model.key, checkpoint: model.checkpoint),
                    .p(.a(.href(SiteURL.audit.path), .text(t("See the decision log"))))
                )
            )
        }

        /// A board member with their term's end.
        static func line(_ m: BoardStore.Member) -> String {
            t("%1$s (member #%2$d), until %3$s", m.name, String(m.memberNumber ?? 0), Layout.date(m.termEndsAt))
        }
    }
}
