import CoopCore
import CoopStore
import Fluent
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
            number: p.number, kind: p.kind, title: p.title, body: p.body, status: p.status, votingOpensAt: p.votingOpensAt,
            votingClosesAt: p.votingClosesAt, rules: try p.rules.map { try Governance.decode(FrozenRules.self, $0) },
            outcome: try p.outcome.map { try Governance.decode(ProposalOutcome.self, $0) }, enactmentNote: p.enactmentNote)
    }

    /// `voting` is the API without the bearer-token authenticator: a ballot's token is checked in
    /// the transaction that records it, with the voter's membership (see ``BallotBox``).
    static func register(_ api: any RoutesBuilder, voting: any RoutesBuilder) {
        api.on(.GET, APIPath.proposals) { req async throws -> [ProposalDTO] in
            try await ProposalRecord.query(on: req.db).sort(\.$number, .descending).all().map(dto)
        }
        api.on(.POST, APIPath.proposals) { req async throws -> Response in
            try await dto(try await GovernanceActions.propose(req)).encodeResponse(status: .created, for: req)
        }
        api.on(.GET, APIPath.proposal) { req async throws -> ProposalDTO in
            try dto(try await GovernanceActions.proposal(req))
        }
        api.on(.POST, APIPath.proposalComments) { req async throws -> HTTPStatus in
            try await GovernanceActions.comment(req)
            return .created
        }
        api.on(.POST, APIPath.proposalStand) { req async throws -> HTTPStatus in
            try await GovernanceActions.stand(req)
            return .noContent
        }
        voting.on(.POST, APIPath.proposalBallots) { req async throws -> Response in
            guard let bearer = req.headers.bearerAuthorization else { throw Abort(.unauthorized, reason: "Log in first.") }
            let receipt = try await GovernanceActions.cast(req, voter: .token(hash: sha256Hex(bearer.token)))
            // Written by hand: the receipt is [A-Z2-9-] only, so it needs no escaping.
            var headers = HTTPHeaders()
            headers.contentType = .json
            let body =
                receipt.receipt.map { #"{"receipt":"\#($0)","proposal":\#(receipt.proposal)}"# } ?? #"{"proposal":\#(receipt.proposal)}"#
            return Response(status: .created, headers: headers, body: .init(string: body))
        }
        api.on(.POST, APIPath.proposalBallotChange) { req async throws -> Governance.Receipt in
            let input = try req.content.decode(BallotInput.self)
            return try await GovernanceActions.change(req, try await GovernancePages.formBallot(req), receipt: input.receipt)
        }
        api.on(.GET, APIPath.proposalBulletin) { req async throws -> [BulletinEntry] in
            try await ProposalPage.bulletinBallots(req).2.map {
                BulletinEntry(
                    receiptHash: $0.receiptHash ?? "open ballot",
                    ballot: ProposalPage.line(try Governance.decode(BallotContent.self, $0.content)), content: $0.content)
            }
        }
    }
}
