import FluentKit

public struct M001CreateUsers: AsyncMigration {
    public func prepare(on db: any Database) async throws {
        try await db.schema("users")
            .id()
            .field("email", .string, .required)
            .field("name", .string, .required)
            .field("password_hash", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "email")
            .create()
    }

    public func revert(on db: any Database) async throws { try await db.schema("users").delete() }
}
