import CoopCore
import FluentKit
import Foundation

/// A proposal put to the members: its question, where it stands, and once counted, its outcome.
public final class ProposalRecord: Model, @unchecked Sendable {
    /// The table.
    public static let schema = "proposals"
    /// The proposal's id.
    @ID(key: .id) public var id: UUID?
    /// The proposal's number, from 1, unique: how people name it.
    @Field(key: "number") public var number: Int
    /// What it asks for; the kind of its payload.
    @Field(key: "kind") public var kind: ProposalKind
    /// Its title.
    @Field(key: "title") public var title: String
    /// Its text, as the author wrote it.
    @Field(key: "body") public var body: String
    /// The membership of its author.
    @Field(key: "author_id") public var authorID: UUID
    /// Where it stands.
    @Field(key: "status") public var status: ProposalStatus
    /// What it asks for (``ProposalPayload``), as JSON.
    @Field(key: "payload") public var payload: String
    /// The rules it is decided by (``FrozenRules``), as JSON, frozen when its vote opens; nil before.
    @OptionalField(key: "rules") public var rules: String?
    /// When it was proposed.
    @Field(key: "created_at") public var createdAt: Date
    /// When voting opens (the end of discussion).
    @Field(key: "voting_opens_at") public var votingOpensAt: Date
    /// When voting closes.
    @Field(key: "voting_closes_at") public var votingClosesAt: Date
    /// When it was counted; nil before.
    @OptionalField(key: "closed_at") public var closedAt: Date?
    /// The count (``ProposalOutcome``), as JSON; nil before it is counted.
    @OptionalField(key: "outcome") public var outcome: String?
    /// When a passed proposal may be enacted, after its timelock; nil unless passed.
    @OptionalField(key: "enact_after") public var enactAfter: Date?
    /// When it was enacted, or found it could not be; nil before.
    @OptionalField(key: "enacted_at") public var enactedAt: Date?
    /// What enacting it did, or why it could not be done or counted; nil when there is nothing to say.
    @OptionalField(key: "enactment_note") public var enactmentNote: String?
    /// The language its title and body were written in (`es`); nil: the co-op's default.
    @OptionalField(key: "language") public var language: String?
    /// The assembly whose agenda it is on, while it waits for the meeting to vote on it: the
    /// online schedule does not open it.
    @OptionalField(key: "assembly_id") public var assemblyID: UUID?

    /// An empty record, for Fluent.
    public init() {}
}

/// A member's comment in a proposal's discussion.
public final class ProposalCommentRecord: Model, @unchecked Sendable {
    /// The table.
    public static let schema = "proposal_comments"
    /// The comment's id.
    @ID(key: .id) public var id: UUID?
    /// The proposal discussed.
    @Field(key: "proposal_id") public var proposalID: UUID
    /// The membership of the member who wrote it.
    @Field(key: "membership_id") public var membershipID: UUID
    /// The comment's text.
    @Field(key: "body") public var body: String
    /// When it was written.
    @Field(key: "created_at") public var createdAt: Date

    /// An empty record, for Fluent.
    public init() {}
}

/// A member eligible to vote on a proposal when its vote opened, and whether they have voted.
public final class ProposalVoterRecord: Model, @unchecked Sendable {
    /// The table.
    public static let schema = "proposal_voters"
    /// The row's id.
    @ID(key: .id) public var id: UUID?
    /// The proposal.
    @Field(key: "proposal_id") public var proposalID: UUID
    /// The eligible membership.
    @Field(key: "membership_id") public var membershipID: UUID
    /// Whether they have voted (stops a second ballot).
    @Field(key: "voted") public var voted: Bool

    /// An empty record, for Fluent.
    public init() {}
}

/// A ballot cast on a proposal; a changed ballot is a new row that supersedes the old.
public final class BallotRecord: Model, @unchecked Sendable {
    /// The table.
    public static let schema = "ballots"
    /// The ballot's id.
    @ID(key: .id) public var id: UUID?
    /// The proposal voted on.
    @Field(key: "proposal_id") public var proposalID: UUID
    /// The ballot's content (``BallotContent``), as JSON.
    @Field(key: "content") public var content: String
    /// The SHA-256 of the voter's receipt code, for a secret ballot; nil for an open one.
    @OptionalField(key: "receipt_hash") public var receiptHash: String?
    /// The membership that voted, for an open ballot; nil for a secret one.
    @OptionalField(key: "voter_id") public var voterID: UUID?
    /// The ballot this one replaced; nil for a first ballot.
    @OptionalField(key: "supersedes") public var supersedes: UUID?
    /// When it was cast.
    @Field(key: "cast_at") public var castAt: Date
    /// The secret half of the ballot's commitment on the audit chain; erased when the vote closes.
    @OptionalField(key: "nonce") public var nonce: String?

    /// An empty record, for Fluent.
    public init() {}
}

/// A seat on the board, won in an election.
public final class BoardSeatRecord: Model, @unchecked Sendable {
    /// The table.
    public static let schema = "board_seats"
    /// The seat's id.
    @ID(key: .id) public var id: UUID?
    /// The membership seated.
    @Field(key: "membership_id") public var membershipID: UUID
    /// The election that seated them.
    @Field(key: "proposal_id") public var proposalID: UUID
    /// When they were seated.
    @Field(key: "seated_at") public var seatedAt: Date
    /// When the term ends.
    @Field(key: "term_ends_at") public var termEndsAt: Date
    /// When the seat was given up (the next election ends every current term); nil while held.
    @OptionalField(key: "ended_at") public var endedAt: Date?

    /// An empty record, for Fluent.
    public init() {}
}
