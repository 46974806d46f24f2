import FluentKit

/// What each candidate in a board election says about why they stand (``CandidateStatementRecord``).
struct M032CreateCandidateStatements: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("candidate_statements")
            .id()
            .field("proposal_id", .uuid, .required, .references("proposals", "id"))
            .field("membership_id", .uuid, .required, .references("memberships", "id"))
            .field("statement", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "proposal_id", "membership_id")
            .create()
    }

    func revert(on db: any Database) async throws { try await db.schema("candidate_statements").delete() }
}
