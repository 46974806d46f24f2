import CoopCore
import FluentKit
import Foundation

/// A worker-member's availability, skills and place, for the dispatcher.
public final class WorkerProfileRecord: Model, @unchecked Sendable {
    public static let schema = "worker_profiles"
    @ID(key: .id) public var id: UUID?
    @Field(key: "membership_id") public var membershipID: UUID
    @Field(key: "available") public var available: Bool
    /// Lower-case skills, comma-separated.
    @Field(key: "skills") public var skills: String
    @OptionalField(key: "lat_e6") public var latitudeE6: Int64?
    @OptionalField(key: "lon_e6") public var longitudeE6: Int64?
    @Field(key: "updated_at") public var updatedAt: Date

    public init() {}
}

public final class JobRequestRecord: Model, @unchecked Sendable {
    public static let schema = "job_requests"
    @ID(key: .id) public var id: UUID?
    @Field(key: "number") public var number: Int
    @Field(key: "customer_id") public var customerID: UUID
    @Field(key: "category") public var category: String
    @Field(key: "title") public var title: String
    @Field(key: "description") public var description: String
    @Field(key: "skills") public var skills: String
    @OptionalField(key: "scheduled_at") public var scheduledAt: Date?
    @Field(key: "area") public var area: String
    @OptionalField(key: "lat_e6") public var latitudeE6: Int64?
    @OptionalField(key: "lon_e6") public var longitudeE6: Int64?
    @Field(key: "budget_minor") public var budgetMinor: Int64
    @Field(key: "estimated_minutes") public var estimatedMinutes: Int64
    @Field(key: "state") public var state: String
    @Field(key: "rules") public var rules: String
    @OptionalField(key: "order_id") public var orderID: UUID?
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "updated_at") public var updatedAt: Date

    public init() {}
}

public final class JobCandidateRecord: Model, @unchecked Sendable {
    public static let schema = "job_candidates"
    @ID(key: .id) public var id: UUID?
    @Field(key: "job_id") public var jobID: UUID
    @Field(key: "worker_id") public var workerID: UUID
    @Field(key: "position") public var position: Int
    @Field(key: "state") public var state: String
    @Field(key: "recent_minutes") public var recentMinutes: Int64
    @OptionalField(key: "distance_m") public var distanceMeters: Int64?
    @Field(key: "skills_matched") public var skillsMatched: Int
    @Field(key: "skills_required") public var skillsRequired: Int
    @OptionalField(key: "rating_tenths") public var ratingTenths: Int64?
    @Field(key: "fair_share") public var fairShare: Int64
    @Field(key: "distance") public var distance: Int64
    @Field(key: "skills") public var skillsTerm: Int64
    @Field(key: "rating") public var rating: Int64
    @Field(key: "score") public var score: Int64
    @OptionalField(key: "offered_at") public var offeredAt: Date?
    @OptionalField(key: "expires_at") public var expiresAt: Date?
    @OptionalField(key: "answered_at") public var answeredAt: Date?

    public init() {}

    public var terms: DispatchTerms {
        DispatchTerms(fairShare: fairShare, distance: distance, skills: skillsTerm, rating: rating, score: score)
    }

    public var candidate: DispatchCandidate {
        DispatchCandidate(
            recentMinutes: recentMinutes, distanceMeters: distanceMeters, skillsMatched: skillsMatched, skillsRequired: skillsRequired,
            ratingTenths: ratingTenths)
    }
}
