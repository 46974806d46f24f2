import FluentKit

/// Learning modules stewards publish and the completions of the members who pass them
/// (``LearningModuleRecord``, ``ModuleCompletionRecord``).
struct M040CreateLearningModules: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("learning_modules")
            .id()
            .field("number", .int, .required)
            .field("title", .string, .required)
            .field("text", .string, .required)
            .field("questions", .string, .required)
            .field("author_id", .uuid, .required, .references("memberships", "id"))
            .field("published_at", .datetime, .required)
            .unique(on: "number")
            .create()
        try await db.schema("module_completions")
            .id()
            .field("module_id", .uuid, .required, .references("learning_modules", "id"))
            .field("membership_id", .uuid, .required, .references("memberships", "id"))
            .field("completed_at", .datetime, .required)
            .unique(on: "membership_id", "module_id")
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("module_completions").delete()
        try await db.schema("learning_modules").delete()
    }
}
