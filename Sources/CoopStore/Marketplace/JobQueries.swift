import CoopCore
import FluentKit
import Foundation

/// Reading job requests, their rankings and workers' profiles.
public enum JobQueries {
    /// The dispatch rules in force now (frozen on a job when it is posted).
    public static func rules(on db: any Database) async throws -> DispatchRules {
        func number(_ key: PolicyKey) async throws -> Int64 { try await PolicyStore.number(key, on: db) }
        return DispatchRules(
            weights: DispatchWeights(
                fairShare: try await number(.dispatchWeightFairShare), distance: try await number(.dispatchWeightDistance),
                skills: try await number(.dispatchWeightSkills), rating: try await number(.dispatchWeightRating),
                endorsements: try await number(.dispatchWeightEndorsements)),
            ratingsCount: try await PolicyStore.isOn(.ratingsAffectRanking, on: db),
            offerMinutes: try await number(.dispatchOfferMinutes), maxDistanceKm: try await number(.dispatchMaxDistanceKm))
    }

    /// The job numbered `number`, if any.
    public static func job(number: Int, on db: any Database) async throws -> JobRequestRecord? {
        try await JobRequestRecord.query(on: db).filter(\.$number == number).first()
    }

    /// The job with this id, if any.
    public static func job(id: UUID, on db: any Database) async throws -> JobRequestRecord? {
        try await JobRequestRecord.find(id, on: db)
    }

    /// The job that became order `order`, if it came from one.
    public static func job(order: UUID, on db: any Database) async throws -> JobRequestRecord? {
        try await JobRequestRecord.query(on: db).filter(\.$orderID == order).first()
    }

    /// A job's ranked workers, in rank order.
    public static func candidates(of job: UUID, on db: any Database) async throws -> [JobCandidateRecord] {
        try await JobCandidateRecord.query(on: db).filter(\.$jobID == job).sort(\.$position).all()
    }

    /// A customer's job requests, newest first (at most 100).
    public static func mine(customer: UUID, on db: any Database) async throws -> [JobRequestRecord] {
        try await JobRequestRecord.query(on: db).filter(\.$customerID == customer).sort(\.$number, .descending).limit(100).all()
    }

    /// The jobs on offer to a worker at `now`, by number.
    public static func offers(worker: UUID, at now: Date, on db: any Database) async throws -> [JobRequestRecord] {
        let open = try await JobCandidateRecord.query(on: db).filter(\.$workerID == worker)
            .filter(\.$state == .offered).filter(\.$expiresAt > now).all()
        guard !open.isEmpty else { return [] }
        return try await JobRequestRecord.query(on: db).filter(\.$id ~~ open.map(\.jobID)).sort(\.$number).all()
    }

    /// A worker's profile, if they saved one.
    public static func profile(of membership: UUID, on db: any Database) async throws -> WorkerProfileRecord? {
        try await WorkerProfileRecord.query(on: db).filter(\.$membershipID == membership).first()
    }

    /// Whether a worker has an active listing in `category`.
    public static func lists(worker: UUID, in category: String, on db: any Database) async throws -> Bool {
        try await ListingRecord.query(on: db).filter(\.$workerID == worker).filter(\.$category == category)
            .filter(\.$active == true).count() > 0
    }

    /// The offers open past their time at `now`.
    public static func expiredOffers(at now: Date, on db: any Database) async throws -> [JobCandidateRecord] {
        try await JobCandidateRecord.query(on: db).filter(\.$state == .offered).filter(\.$expiresAt <= now).all()
    }
}
