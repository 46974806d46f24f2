import CoopCore
import CoopStore
import Plot
import Vapor

extension ProposalNew {
    enum View {
        static func render(_ model: Model, layout c: Layout.Context, error: String?) -> PageResponse {
            let bylaws = model.bylaws
            func kindOption(_ kind: ProposalKind, _ label: String) -> Node<HTML.BodyContext> {
                let rules = bylaws.proposals[kind]
                return .div(
                    .class("field"),
                    .input(.type(.radio), .name("kind"), .id("kind-\(kind.rawValue)"), .value(kind.rawValue)),
                    .label(
                        .for("kind-\(kind.rawValue)"), .strong(.text(label)),
                        .text(
                            rules.map {
                                " — \($0.method.rawValue), quorum \($0.quorum), threshold \($0.threshold), \($0.discussionDays) days of discussion, \($0.votingDays) of voting, timelock \($0.timelockHours) h, \($0.secret ? "secret" : "open") ballot"
                            } ?? "")))
            }
            return Layout.page(
                c,
                Layout.error(error),
                .form(
                    .method(.post), .action(SiteURL.proposals.path),
                    Layout.csrfField(c.csrf),
                    .element(
                        named: "fieldset",
                        nodes: [
                            .element(named: "legend", text: "Kind"),
                            kindOption(.policyChange, "Change a policy"),
                            kindOption(.general, "General decision or co-design idea"),
                            kindOption(.election, "Board election"),
                            kindOption(.budget, "Budget (a payment from the co-op)"),
                            kindOption(.bylawAmendment, "Amend the bylaws"),
                        ]),
                    Layout.field("Title", name: "title"),
                    .div(
                        .class("field"), .label(.for("body"), .text("Why (the case for it)")),
                        .textarea(.id("body"), .name("body"), .attribute(named: "rows", value: "5"))),
                    .element(
                        named: "fieldset",
                        nodes: [
                            .element(named: "legend", text: "For a policy change"),
                            .div(
                                .class("field"), .label(.for("policy"), .text("Policy")),
                                .select(
                                    .id("policy"), .attribute(named: "name", value: "policy"),
                                    .forEach(model.policies) { p in
                                        .element(
                                            named: "option",
                                            nodes: [
                                                .attribute(named: "value", value: p.key),
                                                .text("\(p.key) (now \(p.value); \(HomePages.bounds(p)))"),
                                            ])
                                    })),
                            Layout.field("New value (as in the bylaws: 8%, 16.00, an option)", name: "value", required: false),
                        ]),
                    .element(
                        named: "fieldset",
                        nodes: [
                            .element(named: "legend", text: "For a general decision voted on options"),
                            .div(
                                .class("field"), .label(.for("options"), .text("Options, one a line (a yes/no decision needs none)")),
                                .textarea(.id("options"), .name("options"), .attribute(named: "rows", value: "4"))),
                        ]),
                    .element(
                        named: "fieldset",
                        nodes: [
                            .element(named: "legend", text: "For a board election"),
                            Layout.field("Seats to fill", name: "seats", type: .number, value: String(bylaws.board.seats), required: false),
                        ]),
                    .element(
                        named: "fieldset",
                        nodes: [
                            .element(named: "legend", text: "For a budget"),
                            Layout.field("Amount (\(bylaws.currency.code))", name: "amount", required: false),
                            Layout.field("Payee", name: "payee", required: false),
                            Layout.field("Purpose", name: "memo", required: false),
                        ]),
                    .element(
                        named: "fieldset",
                        nodes: [
                            .element(named: "legend", text: "For a bylaw amendment: the whole amended text"),
                            .textarea(.id("bylaws"), .name("bylaws"), .attribute(named: "rows", value: "12"), .text(model.currentBylaws)),
                        ]),
                    .button(.type(.submit), .text("Propose"))))
        }
    }
}
