import FluentKit

/// Paper ballots with receipts and names: the receipt codes printed on an agenda item's slips (only
/// their hashes, as a ballot's receipt is kept), each entered once; and the members handed paper
/// ballots on an item, so that an open item's slips are recorded in their names, each once.
struct M050AssemblyPaperReceipts: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("assembly_paper_slips")
            .id()
            .field("assembly_id", .uuid, .required, .references("assemblies", "id"))
            .field("proposal_id", .uuid, .required, .references("proposals", "id"))
            .field("code_hash", .string, .required)
            .field("entered", .bool, .required, .sql(.default(false)))
            .unique(on: "proposal_id", "code_hash")
            .create()
        try await db.schema("assembly_paper_voters")
            .id()
            .field("item_id", .uuid, .required, .references("assembly_items", "id"))
            .field("membership_id", .uuid, .required, .references("memberships", "id"))
            .field("holder_id", .uuid, .required, .references("memberships", "id"))
            .field("entered", .bool, .required, .sql(.default(false)))
            .unique(on: "item_id", "membership_id")
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("assembly_paper_voters").delete()
        try await db.schema("assembly_paper_slips").delete()
    }
}
