import FluentKit

/// The language a job request was written in (its customer's, when posted from a page), so its
/// title and description are marked with it (`lang`) wherever they are shown in another language;
/// null for jobs posted before, or through the API, which are taken to be in the co-op's default.
struct M049AddJobRequestLanguage: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("job_requests").field("language", .string).update()
    }

    func revert(on db: any Database) async throws { try await db.schema("job_requests").deleteField("language").update() }
}
