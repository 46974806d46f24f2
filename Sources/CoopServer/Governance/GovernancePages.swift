import CoopCore
import CoopStore
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
                let voter = try await GovernanceActions.voter(req)
                let receipt = try await GovernanceActions.cast(req, voter: voter)
                let p = try await GovernanceActions.proposal(req)
                var giver: Int?
                if case .proxy = voter { giver = try ReceiptKeeping.giver(req) }
                return try ReceiptKeeping.redirect(
                    req, proposal: p.number, giver: giver, receipt: receipt, changed: false, closesAt: p.votingClosesAt)
            }
        }
        routes.post(SiteURL.proposalBallotChange) { req async throws -> Response in
            try await MembershipPages.formAction(req, retry: { try await ProposalPage.show($0) }) {
                let input = try req.content.decode(BallotInput.self)
                let receipt = try await GovernanceActions.change(req, try await formBallot(req), receipt: input.receipt)
                let p = try await GovernanceActions.proposal(req)
                return try ReceiptKeeping.redirect(req, proposal: p.number, receipt: receipt, changed: true, closesAt: p.votingClosesAt)
            }
        }
        routes.get(SiteURL.proposalReceipt) { req async throws -> Response in
            let p = try await GovernanceActions.proposal(req)
            return try ReceiptKeeping.file(req, proposal: p.number, title: p.title)
        }
        routes.post(SiteURL.proposalReceiptKept) { req async throws -> Response in
            let n = try GovernanceActions.number(req)
            let response = req.redirect(to: SiteURL.proposal(n).path)
            ReceiptKeeping.forget(req, response, proposal: n, giver: try ReceiptKeeping.giver(req))
            return response
        }
        routes.post(SiteURL.proposalBulletinFind) { req async throws -> PageResponse in
            try await ProposalPage.bulletin(req, find: true)
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
        ProposalList.View.render(
            try await ProposalList.load(viewer: req.user?.id, on: req.db), layout: try await req.layout(t("Proposals")))
    }

    static func newForm(_ req: Request) async throws -> PageResponse {
        _ = try await req.requireMember()
        let model = try await ProposalNew.load(bylaws: try await req.bylaws(), on: req.db)
        // The kind in the link (`?kind=`), or the one just posted when the form is shown again.
        let named = req.method == .POST ? Layout.posted["kind"] : try? req.query.get(String.self, at: "kind")
        let kind = named.flatMap(ProposalKind.init(rawValue:))
        if let named, kind == nil || !ProposalNew.proposable.contains(where: { $0.kind == kind }) {
            throw Abort(.badRequest, reason: t("There is no kind of proposal called '%s' that members can make.", String(named.prefix(40))))
        }
        return ProposalNew.View.render(
            model, layout: try await req.layout(t("Make a proposal"), forms: true), error: req.storage[FormErrorKey.self], kind: kind)
    }
}
