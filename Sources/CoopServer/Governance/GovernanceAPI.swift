import CoopCore
import CoopStore
import Foundation
import Vapor

/// The governance part of the JSON API.
enum GovernanceAPI {
    struct ProposalDTO: Content {
        let number: Int
        let kind: String
        let title: String
        let body: String
        let status: String
        let votingOpensAt: Date
        let votingClosesAt: Date
        let rules: FrozenRules?
        let outcome: ProposalOutcome?
        let enactmentNote: String?
    }

    struct BulletinEntry: Content {
        let receiptHash: String
        let ballot: String
        /// The ballot exactly as stored: with the receipt hash, what the close entry's box digest
        /// covers (``BallotCommitment/leaf(receiptHash:content:)``; an open ballot's hash is empty).
        let content: String
    }

    static func dto(_ p: ProposalRecord) throws -> ProposalDTO {
        ProposalDTO(
            number: p.number, kind: p.kind.rawValue, title: p.title, body: p.body, status: p.status.rawValue,
            votingOpensAt: p.votingOpensAt,
            votingClosesAt: p.votingClosesAt, rules: try p.rules.map { try Governance.decode(FrozenRules.self, $0) },
            outcome: try p.outcome.map { try Governance.decode(ProposalOutcome.self, $0) }, enactmentNote: p.enactmentNote)
    }

    /// `voting` is the API without the bearer-token authenticator: a ballot's token is checked in
    /// the transaction that records it, with the voter's membership (see ``BallotBox``).
    static func register(_ api: APIRoutes, voting: any RoutesBuilder) {
        api.on(.GET, .proposals, summary: "Proposals, newest first", auth: .anyone) { req async throws -> [ProposalDTO] in
            try await ProposalQueries.all(on: req.db).map(dto)
        }
        api.on(
            .POST, .proposals, summary: "Draft a proposal (members)", auth: .member, body: GovernanceActions.ProposalInput.self,
            status: .created
        ) { req async throws -> ProposalDTO in
            try dto(try await GovernanceActions.propose(req))
        }
        api.on(.GET, .proposal, summary: "A proposal, with its frozen rules and, after close, its outcome", auth: .anyone) {
            req async throws -> ProposalDTO in
            try dto(try await GovernanceActions.proposal(req))
        }
        api.on(
            .POST, .proposalComments, summary: "Add to a proposal's discussion", auth: .member,
            body: GovernanceActions.CommentInput.self, status: .created
        ) { req in
            try await GovernanceActions.comment(req)
        }
        api.on(
            .POST, .proposalStand, summary: "Stand as a candidate in an election (during discussion)", auth: .member,
            status: .noContent
        ) { req in
            try await GovernanceActions.stand(req)
        }
        // The hot path: registered as written, the receipt written by hand.
        api.raw(
            .POST, .proposalBallots, summary: "Cast a ballot; a secret ballot returns its receipt code", auth: .member,
            body: BallotInput.self, response: Governance.Receipt.self, status: .created, on: voting
        ) { req async throws -> Response in
            guard let bearer = req.headers.bearerAuthorization else { throw Abort(.unauthorized, reason: t("Log in first.")) }
            let receipt = try await GovernanceActions.cast(req, voter: .token(hash: sha256Hex(bearer.token)))
            // Written by hand: the receipt is [A-Z2-9-] only, so it needs no escaping.
            var headers = HTTPHeaders()
            headers.contentType = .json
            let body =
                receipt.receipt.map { #"{"receipt":"\#($0)","proposal":\#(receipt.proposal)}"# } ?? #"{"proposal":\#(receipt.proposal)}"#
            return Response(status: .created, headers: headers, body: .init(string: body))
        }
        api.on(
            .POST, .proposalBallotChange, summary: "Change a ballot before close (secret: with its receipt code)", auth: .member,
            input: BallotInput.self
        ) { req, input async throws -> Governance.Receipt in
            try await GovernanceActions.change(req, try await GovernancePages.formBallot(req), receipt: input.receipt)
        }
        api.on(
            .GET, .proposalBulletin,
            summary: "After close: every counted ballot with its receipt hash and exact stored content, sorted by receipt hash",
            auth: .anyone
        ) { req async throws -> [BulletinEntry] in
            try await ProposalPage.bulletinBallots(req).2.map {
                BulletinEntry(
                    receiptHash: $0.receiptHash ?? "open ballot",
                    ballot: ProposalPage.line(try Governance.decode(BallotContent.self, $0.content)), content: $0.content)
            }
        }
    }
}
