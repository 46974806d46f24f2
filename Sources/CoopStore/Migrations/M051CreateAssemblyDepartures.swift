import FluentKit

/// Leaving a general assembly (``AssemblyDepartureRecord``): one row per stay that ended, with how
/// the member attended, when they arrived and left, and who checked them out. The member's row in
/// `assembly_members` holds only their current stay, so together they keep every arrival and
/// departure.
struct M051CreateAssemblyDepartures: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("assembly_departures")
            .id()
            .field("assembly_id", .uuid, .required, .references("assemblies", "id"))
            .field("membership_id", .uuid, .required, .references("memberships", "id"))
            .field("presence", .string, .required)
            .field("arrived_at", .datetime, .required)
            .field("arrived_by", .uuid)
            .field("left_at", .datetime, .required)
            .field("left_by", .uuid, .required)
            .field("proxy_to", .uuid, .references("memberships", "id"))
            .create()
        try await db.sql().raw("CREATE INDEX assembly_departures_by_assembly ON assembly_departures (assembly_id, membership_id)").run()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("assembly_departures").delete()
    }
}
