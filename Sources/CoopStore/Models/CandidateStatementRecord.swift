import FluentKit
import Foundation

/// A candidate's statement in a board election, written when they stand.
public final class CandidateStatementRecord: Model, @unchecked Sendable {
    /// The table.
    public static let schema = "candidate_statements"
    /// The statement's id.
    @ID(key: .id) public var id: UUID?
    /// The election (a proposal).
    @Field(key: "proposal_id") public var proposalID: UUID
    /// The candidate.
    @Field(key: "membership_id") public var membershipID: UUID
    /// Why they stand, as they wrote it.
    @Field(key: "statement") public var statement: String
    /// When they stood.
    @Field(key: "created_at") public var createdAt: Date

    /// An empty record, for Fluent and for a new statement.
    public init() {}
}
