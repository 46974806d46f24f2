import FluentKit
import SQLKit

/// What the dispatcher knew of a ranked worker's endorsements: how many of the skills the job
/// needs, and the term they made (``DispatchTerms/endorsements``); 0 for rankings made before.
struct M042AddCandidateEndorsements: AsyncMigration {
    func prepare(on db: any Database) async throws {
        // One column a statement: SQLite adds one column per ALTER TABLE.
        try await db.schema("job_candidates").field("endorsements", .int, .required, .sql(.default(0))).update()
        try await db.schema("job_candidates").field("endorsements_term", .int64, .required, .sql(.default(0))).update()
    }

    func revert(on db: any Database) async throws {
        // Raw: Fluent's SQLite driver does not drop columns; SQLite (3.35 on) and PostgreSQL both do.
        guard let sql = db as? any SQLDatabase else { return }
        for column in ["endorsements", "endorsements_term"] {
            try await sql.raw("ALTER TABLE job_candidates DROP COLUMN \(unsafeRaw: column)").run()
        }
    }
}
