import FluentKit

/// Translations of a version of the bylaws (``BylawsTranslationRecord``): one per language and
/// version, never binding; the adopted text in `bylaws_versions` is.
struct M048CreateBylawsTranslations: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("bylaws_translations")
            .id()
            .field("version", .int, .required)
            .field("language", .string, .required)
            .field("text", .string, .required)
            .field("added_by", .uuid, .required)
            .field("added_at", .datetime, .required)
            .unique(on: "version", "language")
            .create()
    }

    func revert(on db: any Database) async throws { try await db.schema("bylaws_translations").delete() }
}
