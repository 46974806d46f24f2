import CoopCore
import CoopStore
import Plot
import Vapor

extension ProposalNew {
    /// The kinds a member may propose, in the order the chooser shows them, with what each does, in
    /// the request's language.
    static var proposable: [(kind: ProposalKind, name: String, does: String)] {
        [
            (
                .policyChange, t("Change a policy"),
                t("Set one of the co-op's governed policies (the fee, minimum pay, dispatch weights…) to a new value.")
            ),
            (.general, t("A decision or an idea"), t("Ask the members yes or no, or to choose among options you list.")),
            (.election, t("Elect the board"), t("Open a board election: members stand as candidates during the discussion, then vote.")),
            (.budget, t("Spend money"), t("Pay an amount from the co-op to a named payee, for a stated purpose.")),
            (
                .bylawAmendment, t("Amend the bylaws"),
                t("Replace the bylaws with an amended text, which is checked before it is put to a vote.")
            ),
        ]
    }

    /// How a kind of proposal is decided, in plain words.
    static func rulesInWords(_ r: ProposalRules) -> String {
        let method =
            switch r.method {
            case .majority: t("a yes-or-no vote")
            case .approval: t("approval voting (approve any number of options; the most approved wins)")
            case .score: t("score voting (the highest total wins)")
            case .irv: t("ranked choice (instant runoff)")
            case .stv: t("ranked choice for several seats (single transferable vote)")
            case .schulze: t("ranked choice (the option that beats every other head to head, by Schulze's method)")
            }
        let who =
            r.method == .majority
            ? t(
                "Decided by %1$s. At least %2$s of the members must take part, and it passes with more than %3$s of the yes and no votes.",
                method, r.quorum.description, r.threshold.description)
            : t("Decided by %1$s. At least %2$s of the members must take part.", method, r.quorum.description)
        let when =
            tn(
                "%d day of discussion, then %s of voting; ", "%d days of discussion, then %s of voting; ", r.discussionDays,
                num(r.votingDays))
            + tn("it takes effect %d hour after it passes.", "it takes effect %d hours after it passes.", r.timelockHours)
        return who + " " + when + " " + (r.secret ? t("Secret ballot.") : t("Open ballot: each vote shows the voter's name."))
    }

    enum View {
        /// With no `kind`, the choice of kinds; with one, that kind's form.
        static func render(_ model: Model, layout c: Layout.Context, error: String?, kind: ProposalKind?) -> PageResponse {
            guard let kind, let entry = proposable.first(where: { $0.kind == kind }) else {
                return Layout.page(c, Layout.error(error), chooser(model))
            }
            return Layout.page(
                c,
                Layout.error(error),
                .p(
                    .strong(.text(entry.name)), .text(": " + entry.does + " "),
                    .a(.href(SiteURL.newProposal.path), .text(t("Choose another kind")))),
                .unwrap(model.bylaws.proposals[kind]) { .p(.class("rules"), .text(rulesInWords($0))) },
                .form(
                    .id("proposal-form"), .method(.post), .action(SiteURL.proposals.path),
                    Layout.csrfField(c.csrf),
                    .input(.type(.hidden), .name("kind"), .value(kind.rawValue)),
                    Layout.field(t("Title"), name: "title", minLength: 3),
                    .div(
                        .class("field"), .label(.for("body"), .text(t("Why: the case for it (optional)"))),
                        .textarea(.id("body"), .name("body"), .attribute(named: "rows", value: "5"), .text(Layout.shown("body")))),
                    fields(kind, model),
                    .button(.type(.submit), .text(t("Propose")))))
        }

        static func chooser(_ model: Model) -> Node<HTML.BodyContext> {
            .group(
                .p(.text(t("What do you want the members to decide? Each kind has its own rules, set by the bylaws."))),
                .ul(
                    .class("cards choices"), .id("proposal-kinds"),
                    .forEach(proposable) { entry in
                        .li(
                            .class("card"),
                            .h2(.a(.href(SiteURL.newProposal.path + "?kind=\(entry.kind.rawValue)"), .text(entry.name))),
                            .p(.text(entry.does)),
                            .unwrap(model.bylaws.proposals[entry.kind]) { .p(.class("rules"), .text(rulesInWords($0))) })
                    }))
        }

        static func fields(_ kind: ProposalKind, _ model: Model) -> Node<HTML.FormContext> {
            let bylaws = model.bylaws
            switch kind {
            case .policyChange:
                let chosen = Layout.shown("policy")
                return .group(
                    .div(
                        .class("field"), .label(.for("policy"), .text(t("Policy"))),
                        .select(
                            .id("policy"), .attribute(named: "name", value: "policy"), .attribute(named: "required", value: "required"),
                            .forEach(model.policies) { p in
                                .element(
                                    named: "option",
                                    nodes: [
                                        .attribute(named: "value", value: p.key),
                                        .if(chosen == p.key, .attribute(named: "selected", value: "selected")),
                                        .text(t("%1$s: now %2$s (%3$s)", p.name, p.value, HomePages.bounds(p))),
                                    ])
                            })),
                    Layout.field(t("New value, as the bylaws write it (8%%, 16.00, an option)"), name: "value"))
            case .general:
                return .div(
                    .class("field"),
                    .label(.for("options"), .text(t("Options, one a line (leave empty for a yes-or-no decision)"))),
                    .textarea(.id("options"), .name("options"), .attribute(named: "rows", value: "4"), .text(Layout.shown("options"))))
            case .election:
                return Layout.field(t("Seats to fill"), name: "seats", type: .number, value: String(bylaws.board.seats))
            case .budget:
                return .group(
                    Layout.field(t("Amount (%s)", bylaws.currency.code), name: "amount"),
                    Layout.field(t("Payee"), name: "payee"),
                    Layout.field(t("Purpose"), name: "memo"))
            case .bylawAmendment:
                return .div(
                    .class("field"), .label(.for("bylaws"), .text(t("The whole amended text of the bylaws"))),
                    .textarea(
                        .id("bylaws"), .name("bylaws"), .attribute(named: "rows", value: "16"),
                        .attribute(named: "translate", value: "no"),
                        .text(Layout.shown("bylaws", model.currentBylaws))))
            case .admission:
                return .empty
            }
        }
    }
}
