import FluentKit
import SQLKit

/// Indexes for the lookups every request makes: a user's membership (casting a ballot, every
/// member page) and a proposal's ballots (closing, the bulletin board), which were full scans.
public struct M009AddLookupIndexes: AsyncMigration {
    /// The name databases recorded when this migration ran in `CoopServer`: kept, so they do not run it again.
    public var name: String { "CoopServer.M009AddLookupIndexes" }

    /// Creates the two indexes (SQL databases only).
    public func prepare(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX memberships_user_id ON memberships (user_id)").run()
        try await sql.raw("CREATE INDEX ballots_proposal_id ON ballots (proposal_id)").run()
    }

    /// Drops the two indexes.
    public func revert(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("DROP INDEX ballots_proposal_id").run()
        try await sql.raw("DROP INDEX memberships_user_id").run()
    }
}
