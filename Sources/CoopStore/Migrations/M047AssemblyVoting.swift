import FluentKit

/// Voting in the meeting: a proposal on an assembly's agenda waits for the meeting rather than its
/// online schedule (`proposals.assembly_id`); each item counts the paper ballots issued, entered
/// and spoilt; tellers appointed by the chair; and the first teller's entry of a batch of paper
/// ballots, waiting for a second teller's to agree with it.
struct M047AssemblyVoting: AsyncMigration {
    func prepare(on db: any Database) async throws {
        // One column per statement: SQLite adds one column per ALTER TABLE.
        try await db.schema("proposals").field("assembly_id", .uuid).update()
        for column: FieldKey in ["paper_issued", "paper_counted", "paper_spoilt"] {
            try await db.schema("assembly_items").field(column, .int, .required, .sql(.default(0))).update()
        }
        try await db.schema("assembly_tellers")
            .id()
            .field("assembly_id", .uuid, .required, .references("assemblies", "id"))
            .field("membership_id", .uuid, .required, .references("memberships", "id"))
            .field("appointed_by", .uuid, .required)
            .field("appointed_at", .datetime, .required)
            .unique(on: "assembly_id", "membership_id")
            .create()
        try await db.schema("assembly_paper_entries")
            .id()
            .field("item_id", .uuid, .required, .references("assembly_items", "id"))
            .field("teller_id", .uuid, .required, .references("memberships", "id"))
            .field("ballots", .string, .required)
            .field("spoilt", .int, .required)
            .field("entered_at", .datetime, .required)
            .unique(on: "item_id")
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("assembly_paper_entries").delete()
        try await db.schema("assembly_tellers").delete()
        for column: FieldKey in ["paper_spoilt", "paper_counted", "paper_issued"] {
            try await db.schema("assembly_items").deleteField(column).update()
        }
        try await db.schema("proposals").deleteField("assembly_id").update()
    }
}
