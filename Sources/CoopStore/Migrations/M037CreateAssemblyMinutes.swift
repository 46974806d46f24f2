import FluentKit

/// Versions of an assembly's minutes (``AssemblyMinutesRecord``): the text frozen when the chair
/// signs, the second officer's countersignature and the co-op's seal. A sealed version is never
/// changed; a change is a new version.
struct M037CreateAssemblyMinutes: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("assembly_minutes")
            .id()
            .field("assembly_id", .uuid, .required, .references("assemblies", "id"))
            .field("version", .int, .required)
            .field("additions", .string, .required)
            .field("text", .string, .required)
            .field("text_sha256", .string, .required)
            .field("chair_user", .uuid, .required)
            .field("chair_name", .string, .required)
            .field("chair_signed_at", .datetime, .required)
            .field("officer_user", .uuid)
            .field("officer_name", .string)
            .field("officer_signed_at", .datetime)
            .field("sealed_file", .string)
            .field("sealed_at", .datetime)
            .unique(on: "assembly_id", "version")
            .create()
    }

    func revert(on db: any Database) async throws { try await db.schema("assembly_minutes").delete() }
}
