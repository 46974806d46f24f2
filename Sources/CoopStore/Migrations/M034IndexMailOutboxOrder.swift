import FluentKit
import SQLKit

/// Indexes due mail in the order it is claimed. The index of M023 stopped at `next_attempt_ms`:
/// a vote opening writes one row per member with the same time, so every claim read and sorted
/// all of them, under the write lock, to take the first few.
public struct M034IndexMailOutboxOrder: AsyncMigration {
    /// Replaces `mail_outbox_due` by one that also orders by id.
    public func prepare(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("DROP INDEX mail_outbox_due").run()
        try await sql.raw("CREATE INDEX mail_outbox_due_order ON mail_outbox (status, next_attempt_ms, id)").run()
    }

    /// Puts back the index of M023.
    public func revert(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("DROP INDEX mail_outbox_due_order").run()
        try await sql.raw("CREATE INDEX mail_outbox_due ON mail_outbox (status, next_attempt_ms)").run()
    }
}
