import Fluent
import Foundation

final class ProposalRecord: Model, @unchecked Sendable {
    static let schema = "proposals"
    @ID(key: .id) var id: UUID?
    @Field(key: "number") var number: Int
    @Field(key: "kind") var kind: String
    @Field(key: "title") var title: String
    @Field(key: "body") var body: String
    @Field(key: "author_id") var authorID: UUID
    @Field(key: "status") var status: String
    @Field(key: "payload") var payload: String
    @OptionalField(key: "rules") var rules: String?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "voting_opens_at") var votingOpensAt: Date
    @Field(key: "voting_closes_at") var votingClosesAt: Date
    @OptionalField(key: "closed_at") var closedAt: Date?
    @OptionalField(key: "outcome") var outcome: String?
    @OptionalField(key: "enact_after") var enactAfter: Date?
    @OptionalField(key: "enacted_at") var enactedAt: Date?
    @OptionalField(key: "enactment_note") var enactmentNote: String?

    init() {}
}

final class ProposalCommentRecord: Model, @unchecked Sendable {
    static let schema = "proposal_comments"
    @ID(key: .id) var id: UUID?
    @Field(key: "proposal_id") var proposalID: UUID
    @Field(key: "membership_id") var membershipID: UUID
    @Field(key: "body") var body: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

final class ProposalVoterRecord: Model, @unchecked Sendable {
    static let schema = "proposal_voters"
    @ID(key: .id) var id: UUID?
    @Field(key: "proposal_id") var proposalID: UUID
    @Field(key: "membership_id") var membershipID: UUID
    @Field(key: "voted") var voted: Bool

    init() {}
}

final class BallotRecord: Model, @unchecked Sendable {
    static let schema = "ballots"
    @ID(key: .id) var id: UUID?
    @Field(key: "proposal_id") var proposalID: UUID
    @Field(key: "content") var content: String
    @OptionalField(key: "receipt_hash") var receiptHash: String?
    @OptionalField(key: "voter_id") var voterID: UUID?
    @OptionalField(key: "supersedes") var supersedes: UUID?
    @Field(key: "cast_at") var castAt: Date
    /// The secret half of the ballot's commitment on the audit chain; erased when the vote closes.
    @OptionalField(key: "nonce") var nonce: String?

    init() {}
}

final class BoardSeatRecord: Model, @unchecked Sendable {
    static let schema = "board_seats"
    @ID(key: .id) var id: UUID?
    @Field(key: "membership_id") var membershipID: UUID
    @Field(key: "proposal_id") var proposalID: UUID
    @Field(key: "seated_at") var seatedAt: Date
    @Field(key: "term_ends_at") var termEndsAt: Date
    @OptionalField(key: "ended_at") var endedAt: Date?

    init() {}
}
