import FluentKit

/// The language a proposal was written in (its author's, or the co-op's), so its title and body are
/// marked with it (`lang`) on pages in another language; null for proposals written before, which
/// are taken to be in the co-op's default language.
struct M046AddProposalLanguage: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("proposals").field("language", .string).update()
    }

    func revert(on db: any Database) async throws { try await db.schema("proposals").deleteField("language").update() }
}
