import FluentKit

/// Fluent's own session table, as its `SessionRecord.migration` made it before Coop kept sessions
/// itself (``M020CreateSessions``). Kept under Fluent's migration name so that databases which
/// ran it do not run it again; new databases still get the table, as they always have.
public struct M000FluentSessions: AsyncMigration {
    /// Fluent's own name for this migration, so that databases which ran it skip it.
    public var name: String { "Fluent.SessionRecord.Create" }

    /// Creates `_fluent_sessions`: one row per session key, its data as JSON.
    public func prepare(on db: any Database) async throws {
        try await db.schema("_fluent_sessions")
            .id()
            .field("key", .string, .required)
            .field("data", .json, .required)
            .unique(on: "key")
            .create()
    }

    /// Drops `_fluent_sessions`.
    public func revert(on db: any Database) async throws { try await db.schema("_fluent_sessions").delete() }
}
