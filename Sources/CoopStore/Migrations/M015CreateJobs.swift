import FluentKit
import SQLKit

/// Workers' availability and skills; customers' job requests; and each job's dispatch ranking,
/// one row per eligible worker with the terms of their score.
public struct M015CreateJobs: AsyncMigration {
    /// The name databases recorded when this migration ran in `CoopServer`: kept, so they do not run it again.
    public var name: String { "CoopServer.M015CreateJobs" }

    /// Creates `worker_profiles`, `job_requests` and `job_candidates`, with their lookup indexes.
    public func prepare(on db: any Database) async throws {
        try await db.schema("worker_profiles")
            .id()
            .field("membership_id", .uuid, .required, .references("memberships", "id"))
            .field("available", .bool, .required)
            .field("skills", .string, .required)
            .field("lat_e6", .int64)
            .field("lon_e6", .int64)
            .field("updated_at", .datetime, .required)
            .unique(on: "membership_id")
            .create()
        try await db.schema("job_requests")
            .id()
            .field("number", .int, .required)
            .field("customer_id", .uuid, .required, .references("users", "id"))
            .field("category", .string, .required)
            .field("title", .string, .required)
            .field("description", .string, .required)
            .field("skills", .string, .required)
            .field("scheduled_at", .datetime)
            .field("area", .string, .required)
            .field("lat_e6", .int64)
            .field("lon_e6", .int64)
            .field("budget_minor", .int64, .required)
            .field("estimated_minutes", .int64, .required)
            .field("state", .string, .required)
            // The dispatch rules in force when it was posted (weights, offer minutes, distance).
            .field("rules", .string, .required)
            .field("order_id", .uuid, .references("orders", "id"))
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "number")
            .create()
        try await db.schema("job_candidates")
            .id()
            .field("job_id", .uuid, .required, .references("job_requests", "id"))
            .field("worker_id", .uuid, .required, .references("memberships", "id"))
            .field("position", .int, .required)
            .field("state", .string, .required)
            .field("recent_minutes", .int64, .required)
            .field("distance_m", .int64)
            .field("skills_matched", .int, .required)
            .field("skills_required", .int, .required)
            .field("rating_tenths", .int64)
            .field("fair_share", .int64, .required)
            .field("distance", .int64, .required)
            .field("skills", .int64, .required)
            .field("rating", .int64, .required)
            .field("score", .int64, .required)
            .field("offered_at", .datetime)
            .field("expires_at", .datetime)
            .field("answered_at", .datetime)
            .unique(on: "job_id", "position")
            .create()
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX job_requests_customer_id ON job_requests (customer_id)").run()
        try await sql.raw("CREATE INDEX job_candidates_worker ON job_candidates (worker_id, state)").run()
        try await sql.raw("CREATE INDEX job_candidates_expiry ON job_candidates (state, expires_at)").run()
    }

    /// Drops the three tables.
    public func revert(on db: any Database) async throws {
        try await db.schema("job_candidates").delete()
        try await db.schema("job_requests").delete()
        try await db.schema("worker_profiles").delete()
    }
}
