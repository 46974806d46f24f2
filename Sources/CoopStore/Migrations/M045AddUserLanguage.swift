import FluentKit

/// A person's chosen language (`en`, `es`, `fr`), which their pages and mails use before any the
/// browser asks for; null: not chosen, the request and then the bylaws decide.
struct M045AddUserLanguage: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("users").field("language", .string).update()
    }

    func revert(on db: any Database) async throws { try await db.schema("users").deleteField("language").update() }
}
