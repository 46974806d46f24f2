import FluentKit

/// The bylaws' versions, the governed policies' current values, and every change of a policy with
/// what made it (the founding bylaws or a proposal).
public struct M005CreateBylawsAndPolicies: AsyncMigration {
    /// The name databases recorded when this migration ran in `CoopServer`: kept, so they do not run it again.
    public var name: String { "CoopServer.M005CreateBylawsAndPolicies" }

    /// Creates `bylaws_versions` (unique on version), `policies` (keyed by policy key) and `policy_changes`.
    public func prepare(on db: any Database) async throws {
        try await db.schema("bylaws_versions")
            .id()
            .field("version", .int, .required)
            .field("text", .string, .required)
            .field("adopted_at", .datetime, .required)
            .field("source", .string, .required)
            .unique(on: "version")
            .create()
        try await db.schema("policies")
            .field("key", .string, .identifier(auto: false))
            .field("value_number", .int64)
            .field("value_option", .string)
            .field("updated_at", .datetime, .required)
            .create()
        try await db.schema("policy_changes")
            .id()
            .field("key", .string, .required)
            .field("value_number", .int64)
            .field("value_option", .string)
            .field("changed_at", .datetime, .required)
            .field("source", .string, .required)
            .field("proposal_id", .uuid)
            .create()
    }

    /// Drops the three tables.
    public func revert(on db: any Database) async throws {
        try await db.schema("policy_changes").delete()
        try await db.schema("policies").delete()
        try await db.schema("bylaws_versions").delete()
    }
}
