import CoopCore
import CoopStore
import Plot
import Vapor

extension Handbook {
    enum View {
        static func render(_ model: Model, layout c: Layout.Context) -> PageResponse {
            let b = model.bylaws
            return Layout.page(
                c,
                .p(
                    .text(
                        "What the members of \(b.name) have agreed, in plain words. This page is written from the bylaws and the policies in force each time you open it: when the members change a rule by a proposal, it changes here by itself. Each rule links to the proposal that last changed it."
                    )),
                .section(
                    .id("purpose"), .h2("What the co-op is for"), Layout.paragraphs(b.purpose, class: "purpose"),
                    origin(model.purpose)),
                .section(
                    .id("classes"), .h2("Who can be a member"),
                    .p(
                        .text(
                            "Every admitted member has one vote on every proposal, whatever their class and however many shares they hold.")
                    ),
                    .div(.class("cards"), .forEach(b.classes) { cls in classCard(cls, model) })),
                .section(
                    .id("decisions"), .h2("How decisions are made"),
                    .p(
                        .text(
                            "Any member may propose. Each kind of proposal follows its own rules, frozen when its vote opens. The examples use the co-op's \(HandbookWords.count(model.members, "member", "members")) today."
                        )),
                    .forEach(ProposalKind.allCases) { kind in
                        .unwrap(b.proposals[kind]) { rules in ruleCard(kind, rules, model) }
                    }),
                .section(
                    .id("training"), .h2("Training"),
                    .p(
                        .text("Stewards publish short learning modules for members. "),
                        .if(c.user != nil, .a(.href(SiteURL.modules.path), .text("See the modules."))),
                        .text(" Voting never requires one.")),
                    model.training.isEmpty
                        ? .p(.text("No kind of work requires a module."))
                        : .ul(
                            .forEach(model.training) { r in
                                .li(
                                    .attribute(named: "data-category", value: r.category),
                                    .text("\(PolicyWords.words(r.category)) work needs learning module #\(r.module)"),
                                    .unwrap(r.title) { .text(" (\($0))") },
                                    .text(" before a worker is offered or ordered it. "), originInline(r.origin))
                            })),
                .section(
                    .id("board"), .h2("The board"),
                    .p(
                        .text(
                            "\(HandbookWords.count(b.board.seats, "seat", "seats")), each for \(HandbookWords.count(b.board.termMonths, "month", "months")), elected by the members."
                        ),
                        .forEach(b.classes.filter { (b.board.reserved[$0.id] ?? 0) > 0 }) { cls in
                            .text(" \(HandbookWords.count(b.board.reserved[cls.id] ?? 0, "seat is", "seats are")) kept for \(cls.name).")
                        }),
                    origin(model.board)),
                .section(
                    .id("surplus"), .h2("How the surplus is shared"),
                    .forEach(HandbookWords.surplus(b.surplus, classes: b.classes)) { .p(.text($0)) },
                    .p(
                        .text(
                            "A fiscal period lasts \(HandbookWords.count(b.fiscal.periodMonths, "month", "months")); the allocation of its surplus is itself a proposal the members vote on. "
                        ), .a(.href(SiteURL.finances.path), .text("See the co-op's finances."))),
                    origin(model.surplus)),
                .section(
                    .id("policies"), .h2("Policies in force"),
                    .p(.text("Set by the members: a policy changes only when a proposal to change it passes.")),
                    .ul(
                        .forEach(model.policies) { p in
                            .li(
                                .attribute(named: "data-policy", value: p.key),
                                .strong(.text(p.name)), .text(": "),
                                .span(.class("value"), .text(p.value)),
                                .unwrap(p.unit.flatMap { p.type == "integer" ? $0 : nil }) { .text(" \($0)") },
                                .text(". \(p.description) "), originInline(p.origin))
                        })),
                .section(
                    .id("data"), .h2("Your data"),
                    .ul(
                        .li(
                            .text("You can see everything the co-op holds about you and download it as JSON at any time: "),
                            .a(.href(SiteURL.myData.path), .text("your data")), .text(".")),
                        .li(
                            .text(
                                "You can have your personal data erased, once you hold no shares and no order of yours is under way; the decisions and money records the law requires are kept without your name."
                            )),
                        .li(
                            .text(
                                "The co-op publishes open data about its work, but never a figure that describes fewer than \(model.openDataThreshold) people, so nobody can be picked out. "
                            ), .a(.href(SiteURL.openData.path), .text("See the open data."))),
                        .li(
                            .text("Every decision is on a public audit log anyone can check: "),
                            .a(.href(SiteURL.audit.path), .text("the decision log")), .text(".")))))
        }

        static func classCard(_ cls: StakeholderClass, _ model: Model) -> Node<HTML.BodyContext> {
            let works = model.bylaws.workerClasses.contains(cls.id)
            return .div(
                .class("card"), .attribute(named: "data-class", value: cls.id),
                .h3(.text(cls.name)),
                .unwrap(cls.description.isEmpty ? nil : cls.description) { .p(.text($0)) },
                .ul(
                    .li(
                        .text(
                            "\(HandbookWords.count(cls.sharesRequired, "share", "shares")) at \(cls.sharePrice): \(cls.requiredPayment) to join."
                        )),
                    .li(.text("Admission: \(HandbookWords.admission(cls.admission)).")),
                    .li(
                        .text(
                            works
                                ? "May offer services and take jobs on the marketplace, and is paid for that work."
                                : "May order from the marketplace; does not take jobs."))),
                origin(model.classes[cls.id]))
        }

        static func ruleCard(_ kind: ProposalKind, _ r: ProposalRules, _ model: Model) -> Node<HTML.BodyContext> {
            .div(
                .class("card"), .attribute(named: "data-kind", value: kind.rawValue),
                .h3(.text(HandbookWords.kind(kind))),
                .p(.text(HandbookWords.method(r.method))),
                .ul(
                    .li(.text("Quorum: \(r.quorum) of the members must vote.")),
                    .if(r.method == .majority, .li(.text("Threshold: more than \(r.threshold) of the yes and no votes."))),
                    .li(.text(HandbookWords.timeline(r))),
                    .li(.text(HandbookWords.ballot(secret: r.secret)))),
                .p(.class("example"), .text(HandbookWords.example(members: model.members, rules: r))),
                origin(model.rules[kind]))
        }

        static func origin(_ o: Origin?) -> Node<HTML.BodyContext> {
            .p(.class("origin"), .small(originInline(o)))
        }

        static func originInline(_ o: Origin?) -> Node<HTML.BodyContext> {
            guard let o else { return .empty }
            if let n = o.proposal {
                return .span(
                    .class("origin"), .text("Last changed by "), .a(.href(SiteURL.proposal(n).path), .text("proposal #\(n)")),
                    .text("."))
            }
            return .span(.class("origin"), .text("In force since \(o.source)."))
        }
    }
}
