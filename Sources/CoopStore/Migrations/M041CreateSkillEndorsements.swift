import FluentKit
import SQLKit

/// Skills recognised by peers (``SkillEndorsementRecord``): one row per endorser, worker and
/// skill, unique, deleted when withdrawn.
struct M041CreateSkillEndorsements: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("skill_endorsements")
            .id()
            .field("endorser_id", .uuid, .required, .references("memberships", "id"))
            .field("worker_id", .uuid, .required, .references("memberships", "id"))
            .field("skill", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "endorser_id", "worker_id", "skill")
            .create()
        guard let sql = db as? any SQLDatabase else { return }
        // The dispatcher and the worker's page count a worker's endorsements by skill.
        try await sql.raw("CREATE INDEX skill_endorsements_worker ON skill_endorsements (worker_id, skill)").run()
    }

    func revert(on db: any Database) async throws { try await db.schema("skill_endorsements").delete() }
}
