import CoopCore
import FluentKit
import Foundation

/// A worker-member's availability, skills and place, for the dispatcher.
public final class WorkerProfileRecord: Model, @unchecked Sendable {
    /// The table.
    public static let schema = "worker_profiles"
    /// The profile's id.
    @ID(key: .id) public var id: UUID?
    /// The worker's membership; one profile each.
    @Field(key: "membership_id") public var membershipID: UUID
    /// Whether the worker takes offers now.
    @Field(key: "available") public var available: Bool
    /// Lower-case skills, comma-separated.
    @Field(key: "skills") public var skills: String
    /// The worker's latitude in millionths of a degree; nil when not given.
    @OptionalField(key: "lat_e6") public var latitudeE6: Int64?
    /// The worker's longitude in millionths of a degree; nil when not given.
    @OptionalField(key: "lon_e6") public var longitudeE6: Int64?
    /// When the profile last changed.
    @Field(key: "updated_at") public var updatedAt: Date

    /// An empty record, for Fluent.
    public init() {}
}

/// A customer's job request, offered down the dispatch ranking until a worker takes it.
public final class JobRequestRecord: Model, @unchecked Sendable {
    /// The table.
    public static let schema = "job_requests"
    /// The job's id.
    @ID(key: .id) public var id: UUID?
    /// The job's number, from 1, unique.
    @Field(key: "number") public var number: Int
    /// The customer's user.
    @Field(key: "customer_id") public var customerID: UUID
    /// The category of work.
    @Field(key: "category") public var category: String
    /// The job's title.
    @Field(key: "title") public var title: String
    /// What the customer wants done.
    @Field(key: "description") public var description: String
    /// Lower-case skills asked for, comma-separated; empty for none.
    @Field(key: "skills") public var skills: String
    /// When the work should be done; nil for no particular time.
    @OptionalField(key: "scheduled_at") public var scheduledAt: Date?
    /// Where, in words.
    @Field(key: "area") public var area: String
    /// The job's latitude in millionths of a degree; nil when not given.
    @OptionalField(key: "lat_e6") public var latitudeE6: Int64?
    /// The job's longitude in millionths of a degree; nil when not given.
    @OptionalField(key: "lon_e6") public var longitudeE6: Int64?
    /// The fixed price offered, in minor units.
    @Field(key: "budget_minor") public var budgetMinor: Int64
    /// The customer's estimate of the work, in minutes.
    @Field(key: "estimated_minutes") public var estimatedMinutes: Int64
    /// Where the job stands.
    @Field(key: "state") public var state: JobState
    /// The dispatch rules in force when it was posted (weights, offer minutes, distance), as JSON.
    @Field(key: "rules") public var rules: String
    /// The order it became; nil until a worker accepts.
    @OptionalField(key: "order_id") public var orderID: UUID?
    /// When it was posted.
    @Field(key: "created_at") public var createdAt: Date
    /// When it last changed.
    @Field(key: "updated_at") public var updatedAt: Date
    /// The language its customer wrote the title and description in (a language tag such as `es`);
    /// nil when not known (posted through the API, or before languages were kept).
    @OptionalField(key: "language") public var language: String?

    /// An empty record, for Fluent.
    public init() {}
}

/// One eligible worker's place in a job's ranking, with the terms of their score.
public final class JobCandidateRecord: Model, @unchecked Sendable {
    /// The table.
    public static let schema = "job_candidates"
    /// The row's id.
    @ID(key: .id) public var id: UUID?
    /// The job.
    @Field(key: "job_id") public var jobID: UUID
    /// The worker's membership.
    @Field(key: "worker_id") public var workerID: UUID
    /// The place in the ranking, from 0 (offered first).
    @Field(key: "position") public var position: Int
    /// Where the offer to this worker stands.
    @Field(key: "state") public var state: CandidateState
    /// Minutes of work the worker was paid for in the recent period, when ranked.
    @Field(key: "recent_minutes") public var recentMinutes: Int64
    /// Metres from the job; nil when either place is unknown.
    @OptionalField(key: "distance_m") public var distanceMeters: Int64?
    /// How many of the job's skills the worker has.
    @Field(key: "skills_matched") public var skillsMatched: Int
    /// How many skills the job asks.
    @Field(key: "skills_required") public var skillsRequired: Int
    /// The worker's average rating in tenths (0...50); nil when unrated.
    @OptionalField(key: "rating_tenths") public var ratingTenths: Int64?
    /// The fair-share term, in millionths (``DispatchTerms/fairShare``).
    @Field(key: "fair_share") public var fairShare: Int64
    /// The distance term, in millionths (``DispatchTerms/distance``).
    @Field(key: "distance") public var distance: Int64
    /// The skills term, in millionths (``DispatchTerms/skills``).
    @Field(key: "skills") public var skillsTerm: Int64
    /// The rating term, in millionths (``DispatchTerms/rating``).
    @Field(key: "rating") public var rating: Int64
    /// Endorsements of the skills the job needs, when ranked (``DispatchCandidate/endorsements``).
    @Field(key: "endorsements") public var endorsements: Int
    /// The endorsements term, in millionths (``DispatchTerms/endorsements``).
    @Field(key: "endorsements_term") public var endorsementsTerm: Int64
    /// The weighted score (``DispatchTerms/score``); higher ranks first.
    @Field(key: "score") public var score: Int64
    /// When the job was offered to this worker; nil if it never reached them.
    @OptionalField(key: "offered_at") public var offeredAt: Date?
    /// When the offer lapses; nil unless offered.
    @OptionalField(key: "expires_at") public var expiresAt: Date?
    /// When the worker accepted or declined (declining also by going unavailable); nil otherwise.
    @OptionalField(key: "answered_at") public var answeredAt: Date?

    /// An empty record, for Fluent.
    public init() {}

    /// The terms of the worker's score, as stored.
    public var terms: DispatchTerms {
        DispatchTerms(
            fairShare: fairShare, distance: distance, skills: skillsTerm, rating: rating, endorsements: endorsementsTerm, score: score)
    }

    /// What the dispatcher knew of the worker when it ranked them.
    public var candidate: DispatchCandidate {
        DispatchCandidate(
            recentMinutes: recentMinutes, distanceMeters: distanceMeters, skillsMatched: skillsMatched, skillsRequired: skillsRequired,
            ratingTenths: ratingTenths, endorsements: endorsements)
    }
}
