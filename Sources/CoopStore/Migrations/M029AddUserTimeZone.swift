import FluentKit

/// A person's time zone (an IANA name), in which their pages show dates; null: the co-op's, from the bylaws.
struct M029AddUserTimeZone: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("users").field("timezone", .string).update()
    }

    func revert(on db: any Database) async throws { try await db.schema("users").deleteField("timezone").update() }
}
