import FluentKit

/// Memberships: a user's application to and membership of the co-op (class, status, member number,
/// shares, steward), one per user.
public struct M002CreateMemberships: AsyncMigration {
    /// The name databases recorded when this migration ran in `CoopServer`: kept, so they do not run it again.
    public var name: String { "CoopServer.M002CreateMemberships" }

    /// Creates `memberships`, unique on user and on member number.
    public func prepare(on db: any Database) async throws {
        try await db.schema("memberships")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id"))
            .field("class_id", .string, .required)
            .field("status", .string, .required)
            .field("member_number", .int)
            .field("shares", .int, .required)
            .field("steward", .bool, .required)
            .field("applied_at", .datetime, .required)
            .field("admitted_at", .datetime)
            .field("ended_at", .datetime)
            .unique(on: "user_id")
            .unique(on: "member_number")
            .create()
    }

    /// Drops `memberships`.
    public func revert(on db: any Database) async throws { try await db.schema("memberships").delete() }
}
