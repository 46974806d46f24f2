import CoopCore
import Fluent
import Foundation

/// A worker-member's availability, skills and place, for the dispatcher.
final class WorkerProfileRecord: Model, @unchecked Sendable {
    static let schema = "worker_profiles"
    @ID(key: .id) var id: UUID?
    @Field(key: "membership_id") var membershipID: UUID
    @Field(key: "available") var available: Bool
    /// Lower-case skills, comma-separated.
    @Field(key: "skills") var skills: String
    @OptionalField(key: "lat_e6") var latitudeE6: Int64?
    @OptionalField(key: "lon_e6") var longitudeE6: Int64?
    @Field(key: "updated_at") var updatedAt: Date

    init() {}
}

final class JobRequestRecord: Model, @unchecked Sendable {
    static let schema = "job_requests"
    @ID(key: .id) var id: UUID?
    @Field(key: "number") var number: Int
    @Field(key: "customer_id") var customerID: UUID
    @Field(key: "category") var category: String
    @Field(key: "title") var title: String
    @Field(key: "description") var description: String
    @Field(key: "skills") var skills: String
    @OptionalField(key: "scheduled_at") var scheduledAt: Date?
    @Field(key: "area") var area: String
    @OptionalField(key: "lat_e6") var latitudeE6: Int64?
    @OptionalField(key: "lon_e6") var longitudeE6: Int64?
    @Field(key: "budget_minor") var budgetMinor: Int64
    @Field(key: "estimated_minutes") var estimatedMinutes: Int64
    @Field(key: "state") var state: String
    @Field(key: "rules") var rules: String
    @OptionalField(key: "order_id") var orderID: UUID?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}
}

final class JobCandidateRecord: Model, @unchecked Sendable {
    static let schema = "job_candidates"
    @ID(key: .id) var id: UUID?
    @Field(key: "job_id") var jobID: UUID
    @Field(key: "worker_id") var workerID: UUID
    @Field(key: "position") var position: Int
    @Field(key: "state") var state: String
    @Field(key: "recent_minutes") var recentMinutes: Int64
    @OptionalField(key: "distance_m") var distanceMeters: Int64?
    @Field(key: "skills_matched") var skillsMatched: Int
    @Field(key: "skills_required") var skillsRequired: Int
    @OptionalField(key: "rating_tenths") var ratingTenths: Int64?
    @Field(key: "fair_share") var fairShare: Int64
    @Field(key: "distance") var distance: Int64
    @Field(key: "skills") var skillsTerm: Int64
    @Field(key: "rating") var rating: Int64
    @Field(key: "score") var score: Int64
    @OptionalField(key: "offered_at") var offeredAt: Date?
    @OptionalField(key: "expires_at") var expiresAt: Date?
    @OptionalField(key: "answered_at") var answeredAt: Date?

    init() {}

    var terms: DispatchTerms { DispatchTerms(fairShare: fairShare, distance: distance, skills: skillsTerm, rating: rating, score: score) }

    var candidate: DispatchCandidate {
        DispatchCandidate(
            recentMinutes: recentMinutes, distanceMeters: distanceMeters, skillsMatched: skillsMatched, skillsRequired: skillsRequired,
            ratingTenths: ratingTenths)
    }
}
