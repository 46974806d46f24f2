import FluentKit

/// The language a listing was written in (its worker's, when listed from a page), so its title and
/// description are marked with it (`lang`) on pages in another language; null for listings made
/// before, or through the API, which are taken to be in the co-op's default language.
struct M043AddListingLanguage: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("listings").field("language", .string).update()
    }

    func revert(on db: any Database) async throws { try await db.schema("listings").deleteField("language").update() }
}
