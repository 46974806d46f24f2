import FluentKit
import SQLKit

/// A worker's bookings by time: read when a booking is checked against the others (in the write
/// transaction), for the free times of a day and for the worker's calendar.
struct M030AddOrderBookingIndex: AsyncMigration {
    func prepare(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX orders_worker_scheduled ON orders (worker_id, scheduled_at)").run()
    }

    func revert(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("DROP INDEX orders_worker_scheduled").run()
    }
}
