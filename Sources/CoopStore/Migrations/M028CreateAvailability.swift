import FluentKit
import SQLKit

/// When workers take bookings: one row per weekly range (`weekly`, by ISO weekday), per extra
/// range on a day (`extra`) and per day off (`off`). Minutes are on the wall clock of the worker's
/// time zone, so a weekly range keeps its hours across a change of daylight-saving time.
struct M028CreateAvailability: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("availability")
            .id()
            .field("worker_id", .uuid, .required, .references("memberships", "id"))
            .field("kind", .string, .required)
            .field("weekday", .int)
            .field("day", .string)
            .field("start_minute", .int)
            .field("end_minute", .int)
            .create()
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX availability_worker_id ON availability (worker_id)").run()
    }

    func revert(on db: any Database) async throws { try await db.schema("availability").delete() }
}
