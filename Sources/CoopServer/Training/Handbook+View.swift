import CoopCore
import CoopStore
import Plot
import Vapor

extension Handbook {
    enum View {
        static func render(_ model: Model, layout c: Layout.Context) -> PageResponse {
            let b = model.bylaws
            func say(_ n: NoticeText) -> String { n.render(Lang.catalog) }
            // What the bylaws and the stewards wrote stays in the co-op's language, marked with it.
            let written = c.coopLanguage
            return Layout.page(
                c,
                .p(
                    .text(
                        t(
                            "What the members of %s have agreed, in plain words. This page is written from the bylaws and the policies in force each time you open it: when the members change a rule by a proposal, it changes here by itself. Each rule links to the proposal that last changed it.",
                            b.name)
                    )),
                .section(
                    .id("purpose"), .h2(.text(t("What the co-op is for"))),
                    Layout.paragraphs(b.purpose, class: "purpose", language: written),
                    origin(model.purpose)),
                .section(
                    .id("classes"), .h2(.text(t("Who can be a member"))),
                    .p(
                        .text(
                            t(
                                "Every admitted member has one vote on every proposal, whatever their class and however many shares they hold."
                            ))
                    ),
                    .div(.class("cards"), .forEach(b.classes) { cls in classCard(cls, model, written: written) })),
                .section(
                    .id("decisions"), .h2(.text(t("How decisions are made"))),
                    .p(
                        .text(
                            tn(
                                "Any member may propose. Each kind of proposal follows its own rules, frozen when its vote opens. The examples use the co-op's %d member today.",
                                "Any member may propose. Each kind of proposal follows its own rules, frozen when its vote opens. The examples use the co-op's %d members today.",
                                model.members)
                        )),
                    .forEach(ProposalKind.allCases) { kind in
                        .unwrap(b.proposals[kind]) { rules in ruleCard(kind, rules, model) }
                    }),
                assemblies(model.assemblies),
                .section(
                    .id("training"), .h2(.text(t("Training"))),
                    .p(
                        .text(t("Stewards publish short learning modules for members.") + " "),
                        .if(c.user != nil, .a(.href(SiteURL.modules.path), .text(t("See the modules.")))),
                        .text(" " + t("Voting never requires one."))),
                    model.training.isEmpty
                        ? .p(.text(t("No kind of work requires a module.")))
                        : .ul(
                            .forEach(model.training) { r in
                                .li(
                                    .attribute(named: "data-category", value: r.category),
                                    .text(t("%1$s work needs learning module #%2$s", PolicyWords.words(r.category), String(r.module))),
                                    .unwrap(r.title) { .text(" (\($0))") },
                                    .text(" " + t("before a worker is offered or ordered it.") + " "), originInline(r.origin))
                            }),
                    model.skills.isEmpty
                        ? .p(.text(t("No kind of work requires a skill.")))
                        : .ul(
                            .class("skills"),
                            .forEach(model.skills) { r in
                                .li(
                                    .attribute(named: "data-category", value: r.category),
                                    .text(t("%s work needs the skill", PolicyWords.words(r.category)) + " "),
                                    .span(.attribute(named: "translate", value: "no"), .text(r.skill)),
                                    .text(" " + t("declared on the worker's profile before a worker is offered or ordered it.") + " "),
                                    originInline(r.origin))
                            })),
                .section(
                    .id("board"), .h2(.text(t("The board"))),
                    .p(
                        .text(
                            t(
                                "%1$s, each for %2$s, elected by the members.", tn("%d seat", "%d seats", b.board.seats),
                                tn("%d month", "%d months", b.board.termMonths))
                        ),
                        .forEach(b.classes.filter { (b.board.reserved[$0.id] ?? 0) > 0 }) { cls in
                            .text(" " + tn("%d seat is kept for %s.", "%d seats are kept for %s.", b.board.reserved[cls.id] ?? 0, cls.name))
                        }),
                    origin(model.board)),
                .section(
                    .id("surplus"), .h2(.text(t("How the surplus is shared"))),
                    .forEach(HandbookWords.surplusText(b.surplus, classes: b.classes)) { .p(.text(say($0))) },
                    .p(
                        .text(
                            t(
                                "A fiscal period lasts %s; the allocation of its surplus is itself a proposal the members vote on.",
                                tn("%d month", "%d months", b.fiscal.periodMonths)) + " "
                        ), .a(.href(SiteURL.finances.path), .text(t("See the co-op's finances.")))),
                    origin(model.surplus)),
                .section(
                    .id("policies"), .h2(.text(t("Policies in force"))),
                    .p(.text(t("Set by the members: a policy changes only when a proposal to change it passes."))),
                    .ul(
                        .forEach(model.policies) { p in
                            .li(
                                .attribute(named: "data-policy", value: p.key),
                                .strong(.attribute(named: "lang", value: written), .text(p.name)), .text(": "),
                                .span(
                                    .class("value"), .attribute(named: "lang", value: p.value.contains(where: \.isLetter) ? written : nil),
                                    .text(p.value)),
                                .unwrap(p.unit.flatMap { p.type == "integer" ? $0 : nil }) {
                                    .group(.text(" "), .span(.attribute(named: "lang", value: written), .text($0)))
                                },
                                .text(". "), .span(.attribute(named: "lang", value: written), .text(p.description)), .text(" "),
                                originInline(p.origin))
                        })),
                .section(
                    .id("data"), .h2(.text(t("Your data"))),
                    .ul(
                        .li(
                            .text(t("You can see everything the co-op holds about you and download it as JSON at any time:") + " "),
                            .a(.href(SiteURL.myData.path), .text(t("your data"))), .text(".")),
                        .li(
                            .text(
                                t(
                                    "You can have your personal data erased, once you hold no shares and no order of yours is under way; the decisions and money records the law requires are kept without your name."
                                ))),
                        .li(
                            .text(
                                t(
                                    "The co-op publishes open data about its work, but never a figure that describes fewer than %s people, so nobody can be picked out.",
                                    model.openDataThreshold) + " "
                            ), .a(.href(SiteURL.openData.path), .text(t("See the open data.")))),
                        .li(
                            .text(t("Every decision is on a public audit log anyone can check:") + " "),
                            .a(.href(SiteURL.audit.path), .text(t("the decision log"))), .text(".")))))
        }

        static func classCard(_ cls: StakeholderClass, _ model: Model, written: String) -> Node<HTML.BodyContext> {
            let works = model.bylaws.workerClasses.contains(cls.id)
            return .div(
                .class("card"), .attribute(named: "data-class", value: cls.id),
                .h3(.attribute(named: "lang", value: written), .text(cls.name)),
                .unwrap(cls.description.isEmpty ? nil : cls.description) { .p(.attribute(named: "lang", value: written), .text($0)) },
                .ul(
                    .li(
                        .text(
                            tn(
                                "%d share at %s: %s to join.", "%d shares at %s: %s to join.", cls.sharesRequired,
                                FinancePages.amount(cls.sharePrice), FinancePages.amount(cls.requiredPayment))
                        )),
                    .li(.text(t("Admission: %s.", HandbookWords.admissionText(cls.admission).render(Lang.catalog)))),
                    .li(
                        .text(
                            works
                                ? t("May offer services and take jobs on the marketplace, and is paid for that work.")
                                : t("May order from the marketplace; does not take jobs.")))),
                origin(model.classes[cls.id]))
        }

        static func ruleCard(_ kind: ProposalKind, _ r: ProposalRules, _ model: Model) -> Node<HTML.BodyContext> {
            .div(
                .class("card"), .attribute(named: "data-kind", value: kind.rawValue),
                .h3(.text(HandbookWords.kindText(kind).render(Lang.catalog))),
                .p(.text(HandbookWords.methodText(r.method).render(Lang.catalog))),
                .ul(
                    .li(.text(t("Quorum: %s of the members must vote.", percent(r.quorum)))),
                    .if(r.method == .majority, .li(.text(t("Threshold: more than %s of the yes and no votes.", percent(r.threshold))))),
                    .li(.text(HandbookWords.timelineText(r).render(Lang.catalog))),
                    .li(.text(HandbookWords.ballotText(secret: r.secret).render(Lang.catalog)))),
                .p(.class("example"), .text(HandbookWords.exampleText(members: model.members, rules: r).render(Lang.catalog))),
                origin(model.rules[kind]))
        }

        /// How general assemblies work, with the co-op's own numbers.
        static func assemblies(_ a: Assemblies) -> Node<HTML.BodyContext> {
            .section(
                .id("assemblies"), .h2(.text(t("General assemblies"))),
                .p(
                    .text(
                        t(
                            "Members also decide together at general assemblies: in the room, online and by written proxy. A steward convenes one with at least %s' notice, and every member is told.",
                            tn("%d day", "%d days", a.notice.0)) + " "), originInline(a.notice.1)),
                .p(
                    .text(
                        (a.annualMonths.0 > 0
                            ? t(
                                "An annual general meeting is held within %s of each fiscal period's close. If no steward has convened it in time, Coop convenes it online itself, so it is never missed.",
                                tn("%d month", "%d months", a.annualMonths.0))
                            : t("The bylaws set no date by which an annual general meeting must be held.")) + " "),
                    originInline(a.annualMonths.1)),
                .p(
                    .text(
                        (a.proxyCap.0 > 0
                            ? tn(
                                "A member who cannot come may give a written proxy to another member, who may hold at most %d proxy. A proxy counts while its holder is present; its giver can take it back, and it ends when the giver arrives. A member who gave a proxy cannot hold one.",
                                "A member who cannot come may give a written proxy to another member, who may hold at most %d proxies. A proxy counts while its holder is present; its giver can take it back, and it ends when the giver arrives. A member who gave a proxy cannot hold one.",
                                a.proxyCap.0)
                            : t("The members allow no proxies at general assemblies.")) + " "), originInline(a.proxyCap.1)),
                .p(
                    .text(
                        t(
                            "The quorum of each item is counted when the chair opens it: the members present plus those represented. Members in the room vote online on their phones or on paper slips; on a secret vote each slip carries a receipt code that finds the ballot on the bulletin board, and one count adds up every channel."
                        ) + " "), .a(.href(SiteURL.assemblies.path), .text(t("See the co-op's assemblies.")))))
        }

        static func origin(_ o: Origin?) -> Node<HTML.BodyContext> {
            .p(.class("origin"), .small(originInline(o)))
        }

        static func originInline(_ o: Origin?) -> Node<HTML.BodyContext> {
            guard let o else { return .empty }
            if let n = o.proposal {
                return .span(
                    .class("origin"), .text(t("Last changed by") + " "),
                    .a(.href(SiteURL.proposal(n).path), .text(t("proposal #%s", String(n)))),
                    .text("."))
            }
            return .span(.class("origin"), .text(t("In force since %s.", o.source == "the bylaws" ? t("the bylaws") : o.source)))
        }

        /// A share by the page's language: `50%`, `50 %`.
        static func percent(_ f: Fraction) -> String {
            Lang.current == .en || Lang.current == .qps ? f.description : Lang.format.percent(basisPoints: f.basisPoints)
        }
    }
}
