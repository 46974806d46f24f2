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
            case .majority: "a yes-or-no vote"
            case .approval: "approval voting (approve any number of options; the most approved wins)"
            case .score: "score voting (the highest total wins)"
            case .irv: "ranked choice (instant runoff)"
            case .stv: "ranked choice for several seats (single transferable vote)"
            case .schulze: "ranked choice (the option that beats every other head to head, by Schulze's method)"
            }
        var out = "Decided by \(method). At least \(r.quorum) of the members must take part"
        if r.method == .majority { out += ", and it passes with more than \(r.threshold) of the yes and no votes" }
        out += ". \(r.discussionDays) day\(r.discussionDays == 1 ? "" : "s") of discussion, then \(r.votingDays) of voting"
        out += "; it takes effect \(r.timelockHours) hour\(r.timelockHours == 1 ? "" : "s") after it passes."
        out += r.secret ? " Secret ballot." : " Open ballot: each vote shows the voter's name."
        return out
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
                    .strong(.text(entry.name)), .text(": \(entry.does) "),
                    .a(.href(SiteURL.newProposal.path), .text("Choose another kind"))),
                .unwrap(model.bylaws.proposals[kind]) { .p(.class("rules"), .text(rulesInWords($0))) },
                .form(
                    .id("proposal-form"), .method(.post), .action(SiteURL.proposals.path),
                    Layout.csrfField(c.csrf),
                    .input(.type(.hidden), .name("kind"), .value(kind.rawValue)),
                    Layout.field("Title", name: "title", minLength: 3),
                    .div(
                        .class("field"), .label(.for("body"), .text("Why: the case for it (optional)")),
                        .textarea(.id("body"), .name("body"), .attribute(named: "rows", value: "5"), .text(Layout.shown("body")))),
                    fields(kind, model),
                    .button(.type(.submit), .text("Propose"))))
        }

        static func chooser(_ model: Model) -> Node<HTML.BodyContext> {
            .group(
                .p(.text("What do you want the members to decide? Each kind has its own rules, set by the bylaws.")),
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
                        .class("field"), .label(.for("policy"), .text("Policy")),
                        .select(
                            .id("policy"), .attribute(named: "name", value: "policy"), .attribute(named: "required", value: "required"),
                            .forEach(model.policies) { p in
                                .element(
                                    named: "option",
                                    nodes: [
                                        .attribute(named: "value", value: p.key),
                                        .if(chosen == p.key, .attribute(named: "selected", value: "selected")),
                                        .text("\(p.name): now \(p.value) (\(HomePages.bounds(p)))"),
                                    ])
                            })),
                    Layout.field("New value, as the bylaws write it (8%, 16.00, an option)", name: "value"))
            case .general:
                return .div(
                    .class("field"),
                    .label(.for("options"), .text("Options, one a line (leave empty for a yes-or-no decision)")),
                    .textarea(.id("options"), .name("options"), .attribute(named: "rows", value: "4"), .text(Layout.shown("options"))))
            case .election:
                return Layout.field("Seats to fill", name: "seats", type: .number, value: String(bylaws.board.seats))
            case .budget:
                return .group(
                    Layout.field("Amount (\(bylaws.currency.code))", name: "amount"),
                    Layout.field("Payee", name: "payee"),
                    Layout.field("Purpose", name: "memo"))
            case .bylawAmendment:
                return .div(
                    .class("field"), .label(.for("bylaws"), .text("The whole amended text of the bylaws")),
                    .textarea(
                        .id("bylaws"), .name("bylaws"), .attribute(named: "rows", value: "16"),
                        .text(Layout.shown("bylaws", model.currentBylaws))))
            case .admission:
                return .empty
            }
        }
    }
}
