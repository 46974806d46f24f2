import CoopCore
import CoopStore
import Fluent
import Plot
import Vapor

/// Proposals: the list, drafting one, and each proposal's page (discussion, ballot, result).
enum GovernancePages {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(.proposals, use: list)
        routes.get(.newProposal) { req in try await newForm(req) }
        routes.post(.proposals) { req async throws -> Response in
            try await MembershipPages.formAction(req, retry: { try await newForm($0) }) {
                let p = try await GovernanceActions.propose(req)
                return req.redirect(to: SiteURL.proposal(p.number).path)
            }
        }
        routes.get(SiteURL.proposal) { req in try await ProposalPage.show(req) }
        routes.post(SiteURL.proposalComment) { req async throws -> Response in
            try await MembershipPages.formAction(req, retry: { try await ProposalPage.show($0) }) {
                try await GovernanceActions.comment(req)
                return req.redirect(to: SiteURL.proposal(try await GovernanceActions.proposal(req).number).path)
            }
        }
        routes.post(SiteURL.proposalStand) { req async throws -> Response in
            try await MembershipPages.formAction(req, retry: { try await ProposalPage.show($0) }) {
                try await GovernanceActions.stand(req)
                return req.redirect(to: SiteURL.proposal(try await GovernanceActions.proposal(req).number).path)
            }
        }
        routes.post(SiteURL.proposalBallot) { req async throws -> Response in
            try await MembershipPages.formAction(req, retry: { try await ProposalPage.show($0) }) {
                let receipt = try await GovernanceActions.cast(req, voter: .user(try req.requireUser().id))
                return try await ProposalPage.show(req, receipt: receipt).encodeResponse(for: req)
            }
        }
        routes.post(SiteURL.proposalBallotChange) { req async throws -> Response in
            try await MembershipPages.formAction(req, retry: { try await ProposalPage.show($0) }) {
                let input = try req.content.decode(BallotInput.self)
                let receipt = try await GovernanceActions.change(req, try await formBallot(req), receipt: input.receipt)
                return try await ProposalPage.show(req, receipt: receipt, changed: true).encodeResponse(for: req)
            }
        }
        routes.get(SiteURL.proposalBulletin) { req in try await ProposalPage.bulletin(req) }
        routes.get(SiteURL.proposalBulletinCSV) { req in try await ProposalPage.bulletinCSV(req) }
    }

    static func formBallot(_ req: Request) async throws -> BallotContent {
        let p = try await GovernanceActions.proposal(req)
        let frozen = try Governance.frozenRules(p)
        return try req.content.decode(BallotInput.self).content(method: frozen.rules.method, options: frozen.options)
    }

    static func list(_ req: Request) async throws -> PageResponse {
        let proposals = try await ProposalRecord.query(on: req.db).sort(\.$number, .descending).all()
        let c = try await req.layout("Proposals")
        return Layout.page(
            c,
            .p(
                .text("Members propose, discuss and vote; a passed proposal changes the platform by itself after its timelock. "),
                .if(c.user != nil, .a(.href(SiteURL.newProposal.path), .text("Make a proposal")))),
            proposals.isEmpty
                ? .p("No proposals yet.")
                : .table(
                    .id("proposals"),
                    .thead(.tr(.th("#"), .th("Proposal"), .th("Kind"), .th("Status"), .th("Voting"))),
                    .tbody(
                        .forEach(proposals) { p in
                            .tr(
                                .td(.text(String(p.number))),
                                .td(.a(.href(SiteURL.proposal(p.number).path), .text(p.title))),
                                .td(.text(p.kind.replacingOccurrences(of: "_", with: " "))),
                                .td(.text(ProposalPage.describe(p.status))),
                                .td(.text("\(Layout.date(p.votingOpensAt)) to \(Layout.date(p.votingClosesAt))")))
                        })))
    }

    static func newForm(_ req: Request) async throws -> PageResponse {
        _ = try await req.requireMember()
        let bylaws = try await req.bylaws()
        let policies = try await PolicyStore.all(bylaws, on: req.db)
        let c = try await req.layout("Make a proposal", forms: true)
        let current = try await BylawsVersionRecord.query(on: req.db).sort(\.$version, .descending).first()?.text ?? ""
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
            Layout.error(req.storage[FormErrorKey.self]),
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
                                .forEach(policies) { p in
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
                        .textarea(.id("bylaws"), .name("bylaws"), .attribute(named: "rows", value: "12"), .text(current)),
                    ]),
                .button(.type(.submit), .text("Propose"))))
    }
}
