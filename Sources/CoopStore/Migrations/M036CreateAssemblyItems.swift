import FluentKit

/// Agenda items opened for voting at an assembly (``AssemblyItemRecord``): the attendance counted
/// and the members who may vote, frozen when the chair opens the item. Each item opens once.
struct M036CreateAssemblyItems: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("assembly_items")
            .id()
            .field("assembly_id", .uuid, .required, .references("assemblies", "id"))
            .field("proposal_id", .uuid, .required, .references("proposals", "id"))
            .field("opened_at", .datetime, .required)
            .field("opened_by", .uuid, .required)
            .field("closed_at", .datetime)
            .field("in_person", .int, .required)
            .field("online", .int, .required)
            .field("by_proxy", .int, .required)
            .field("eligible", .int, .required)
            .field("quorum_bp", .int64, .required)
            .field("quorum_met", .bool, .required)
            .field("voters", .string, .required)
            .unique(on: "assembly_id", "proposal_id")
            .create()
    }

    func revert(on db: any Database) async throws { try await db.schema("assembly_items").delete() }
}
