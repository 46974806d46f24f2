import FluentKit

/// General assemblies (``AssemblyRecord``): the convocation, its agenda of proposals, the members
/// called with their check-in codes and attendance, and the written proxies. One active proxy per
/// giver and one code per member of an assembly are unique in the database too.
struct M035CreateAssemblies: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("assemblies")
            .id()
            .field("number", .int, .required)
            .field("title", .string, .required)
            .field("starts_at", .datetime, .required)
            .field("place", .string, .required)
            .field("online", .string, .required)
            .field("status", .string, .required)
            .field("notice_days", .int, .required)
            .field("convened_by", .uuid, .required, .references("users", "id"))
            .field("convened_at", .datetime, .required)
            .field("opened_at", .datetime)
            .field("closed_at", .datetime)
            .unique(on: "number")
            .create()
        try await db.schema("assembly_agenda")
            .id()
            .field("assembly_id", .uuid, .required, .references("assemblies", "id"))
            .field("position", .int, .required)
            .field("proposal_id", .uuid, .required, .references("proposals", "id"))
            .unique(on: "assembly_id", "position")
            .unique(on: "assembly_id", "proposal_id")
            .create()
        try await db.schema("assembly_members")
            .id()
            .field("assembly_id", .uuid, .required, .references("assemblies", "id"))
            .field("membership_id", .uuid, .required, .references("memberships", "id"))
            .field("code", .string, .required)
            .field("presence", .string)
            .field("checked_in_at", .datetime)
            .field("checked_in_by", .uuid)
            .unique(on: "assembly_id", "membership_id")
            .unique(on: "assembly_id", "code")
            .create()
        try await db.schema("assembly_proxies")
            .id()
            .field("assembly_id", .uuid, .required, .references("assemblies", "id"))
            .field("giver_id", .uuid, .required, .references("memberships", "id"))
            .field("holder_id", .uuid, .required, .references("memberships", "id"))
            .field("given_at", .datetime, .required)
            .field("ended_at", .datetime)
            .field("ended_why", .string)
            .create()
        let sql = try db.sql()
        try await sql.raw(
            "CREATE UNIQUE INDEX assembly_proxies_one_per_giver ON assembly_proxies (assembly_id, giver_id) WHERE ended_at IS NULL"
        )
        .run()
    }

    func revert(on db: any Database) async throws {
        for table in ["assembly_proxies", "assembly_members", "assembly_agenda", "assemblies"] { try await db.schema(table).delete() }
    }
}
