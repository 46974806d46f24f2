import FluentKit
import SQLKit

/// Proposals, their discussion, who may vote (and has), ballots, and the board.
public struct M008CreateGovernance: AsyncMigration {
    /// The name databases recorded when this migration ran in `CoopServer`: kept, so they do not run it again.
    public var name: String { "CoopServer.M008CreateGovernance" }

    /// Creates `proposals`, `proposal_comments`, `proposal_voters`, `ballots` and `board_seats`, and
    /// indexes ballots by proposal and proposals by status.
    public func prepare(on db: any Database) async throws {
        try await db.schema("proposals")
            .id()
            .field("number", .int, .required)
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("body", .string, .required)
            .field("author_id", .uuid, .required, .references("memberships", "id"))
            .field("status", .string, .required)
            .field("payload", .string, .required)
            .field("rules", .string)
            .field("created_at", .datetime, .required)
            .field("voting_opens_at", .datetime, .required)
            .field("voting_closes_at", .datetime, .required)
            .field("closed_at", .datetime)
            .field("outcome", .string)
            .field("enact_after", .datetime)
            .field("enacted_at", .datetime)
            .field("enactment_note", .string)
            .unique(on: "number")
            .create()
        try await db.schema("proposal_comments")
            .id()
            .field("proposal_id", .uuid, .required, .references("proposals", "id"))
            .field("membership_id", .uuid, .required, .references("memberships", "id"))
            .field("body", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        // One row per member eligible when voting opened; `voted` stops a second ballot.
        try await db.schema("proposal_voters")
            .id()
            .field("proposal_id", .uuid, .required, .references("proposals", "id"))
            .field("membership_id", .uuid, .required, .references("memberships", "id"))
            .field("voted", .bool, .required)
            .unique(on: "proposal_id", "membership_id")
            .create()
        // A secret ballot holds no voter; `supersedes` points at the ballot it replaced (changed
        // with its receipt), which stays as it was.
        try await db.schema("ballots")
            .id()
            .field("proposal_id", .uuid, .required, .references("proposals", "id"))
            .field("content", .string, .required)
            .field("receipt_hash", .string)
            .field("voter_id", .uuid)
            .field("supersedes", .uuid)
            .field("cast_at", .datetime, .required)
            .unique(on: "supersedes")
            .create()
        try await db.schema("board_seats")
            .id()
            .field("membership_id", .uuid, .required, .references("memberships", "id"))
            .field("proposal_id", .uuid, .required, .references("proposals", "id"))
            .field("seated_at", .datetime, .required)
            .field("term_ends_at", .datetime, .required)
            .field("ended_at", .datetime)
            .create()
        if let sql = db as? any SQLDatabase {
            try await sql.raw("CREATE INDEX ballots_proposal ON ballots (proposal_id)").run()
            try await sql.raw("CREATE INDEX proposals_status ON proposals (status)").run()
        }
    }

    /// Drops the five tables.
    public func revert(on db: any Database) async throws {
        for table in ["board_seats", "ballots", "proposal_voters", "proposal_comments", "proposals"] {
            try await db.schema(table).delete()
        }
    }
}
