import FluentKit
import Foundation

public final class ProposalRecord: Model, @unchecked Sendable {
    public static let schema = "proposals"
    @ID(key: .id) public var id: UUID?
    @Field(key: "number") public var number: Int
    @Field(key: "kind") public var kind: String
    @Field(key: "title") public var title: String
    @Field(key: "body") public var body: String
    @Field(key: "author_id") public var authorID: UUID
    @Field(key: "status") public var status: String
    @Field(key: "payload") public var payload: String
    @OptionalField(key: "rules") public var rules: String?
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "voting_opens_at") public var votingOpensAt: Date
    @Field(key: "voting_closes_at") public var votingClosesAt: Date
    @OptionalField(key: "closed_at") public var closedAt: Date?
    @OptionalField(key: "outcome") public var outcome: String?
    @OptionalField(key: "enact_after") public var enactAfter: Date?
    @OptionalField(key: "enacted_at") public var enactedAt: Date?
    @OptionalField(key: "enactment_note") public var enactmentNote: String?

    public init() {}
}

public final class ProposalCommentRecord: Model, @unchecked Sendable {
    public static let schema = "proposal_comments"
    @ID(key: .id) public var id: UUID?
    @Field(key: "proposal_id") public var proposalID: UUID
    @Field(key: "membership_id") public var membershipID: UUID
    @Field(key: "body") public var body: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}

public final class ProposalVoterRecord: Model, @unchecked Sendable {
    public static let schema = "proposal_voters"
    @ID(key: .id) public var id: UUID?
    @Field(key: "proposal_id") public var proposalID: UUID
    @Field(key: "membership_id") public var membershipID: UUID
    @Field(key: "voted") public var voted: Bool

    public init() {}
}

public final class BallotRecord: Model, @unchecked Sendable {
    public static let schema = "ballots"
    @ID(key: .id) public var id: UUID?
    @Field(key: "proposal_id") public var proposalID: UUID
    @Field(key: "content") public var content: String
    @OptionalField(key: "receipt_hash") public var receiptHash: String?
    @OptionalField(key: "voter_id") public var voterID: UUID?
    @OptionalField(key: "supersedes") public var supersedes: UUID?
    @Field(key: "cast_at") public var castAt: Date
    /// The secret half of the ballot's commitment on the audit chain; erased when the vote closes.
    @OptionalField(key: "nonce") public var nonce: String?

    public init() {}
}

public final class BoardSeatRecord: Model, @unchecked Sendable {
    public static let schema = "board_seats"
    @ID(key: .id) public var id: UUID?
    @Field(key: "membership_id") public var membershipID: UUID
    @Field(key: "proposal_id") public var proposalID: UUID
    @Field(key: "seated_at") public var seatedAt: Date
    @Field(key: "term_ends_at") public var termEndsAt: Date
    @OptionalField(key: "ended_at") public var endedAt: Date?

    public init() {}
}
