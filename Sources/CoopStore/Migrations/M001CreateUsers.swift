import FluentKit

/// People's accounts: email (unique, what they log in with), name and password hash.
public struct M001CreateUsers: AsyncMigration {
    /// The name databases recorded when this migration ran in `CoopServer`: kept, so they do not run it again.
    public var name: String { "CoopServer.M001CreateUsers" }

    /// Creates `users`, unique on email.
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

    /// Drops `users`.
    public func revert(on db: any Database) async throws { try await db.schema("users").delete() }
}
