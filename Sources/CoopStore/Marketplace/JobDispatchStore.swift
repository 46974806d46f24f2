import CoopCore
import FluentKit
import Foundation
import SQLKit

/// The dispatcher's work in the database, in the caller's write transaction: ranking a job's
/// eligible workers, offering it down the ranking, and closing its dispatch.
public enum JobDispatchStore {
    /// The eligible workers for a job, as the dispatcher sees them, in a stable order (by id):
    /// admitted worker-members other than the customer, available, whose skills name the job's
    /// category or who list in it, holding the skill and the module the category requires
    /// (``DispatchEligibility``; the skill as frozen in `rules`).
    public static func eligible(
        _ job: JobRequestRecord, rules: DispatchRules, bylaws: Bylaws, on db: any Database, at now: Date
    ) async throws -> [(worker: UUID, candidate: DispatchCandidate)] {
        let workerClasses = bylaws.workerClasses
        guard !workerClasses.isEmpty else { return [] }
        let members = try await MembershipRecord.query(on: db).filter(\.$status == .admitted)
            .filter(\.$classID ~~ workerClasses).filter(\.$userID != job.customerID).all()
        var profiles: [UUID: WorkerProfileRecord] = [:]
        for p in try await WorkerProfileRecord.query(on: db).all() { profiles[p.membershipID] = p }
        // Each worker's place in the category: a listed place, if any.
        var listed: [UUID: (lat: Int64?, lon: Int64?)] = [:]
        for l in try await ListingRecord.query(on: db).filter(\.$category == job.category).filter(\.$active == true).all() {
            if listed[l.workerID]?.lat == nil { listed[l.workerID] = (l.latitudeE6, l.longitudeE6) }
        }
        let recent = try await recentMinutes(since: now.addingTimeInterval(-Double(WorkMinutes.recentDays) * 86_400), on: db)
        var ratings: [UUID: Int64] = [:]
        if rules.ratingsCount {
            for (worker, r) in try await ListingStore.ratings(on: db) {
                ratings[worker] = WorkerRating.tenths(stars: r.stars, count: r.count)
            }
        }
        let asked = Skills.list(job.skills)
        // A governed policy may require a learning module for the category: one policy read and
        // one query for the whole job, never one per worker.
        let required = TrainingRules.requiredModule(
            try await PolicyStore.value(TrainingRules.policyKey(category: job.category), on: db))
        var trained: Set<UUID>? = nil
        if let required { trained = try await ModuleStore.completers(ofNumber: required, on: db) }
        // Endorsements of the skills the job needs, counted for the skills each worker declares.
        let relevant = SkillEndorsement.relevantSkills(category: job.category, asked: asked, required: rules.requiredSkill)
        let endorsed = try await SkillEndorsementStore.counts(of: relevant, on: db)
        var result: [(worker: UUID, candidate: DispatchCandidate)] = []
        for m in members.sorted(by: { ($0.id?.uuidString ?? "") < ($1.id?.uuidString ?? "") }) {
            let id = try m.requireID()
            let profile = profiles[id]
            let skills = Set(Skills.list(profile?.skills))
            guard
                DispatchEligibility.mayBeOffered(
                    category: job.category, available: profile?.available != false, listsInCategory: listed[id] != nil, skills: skills,
                    requiredSkill: rules.requiredSkill, requiredModule: required, completedRequiredModule: trained?.contains(id) ?? false)
            else { continue }
            let endorsements = (endorsed[id] ?? [:]).reduce(0) { $0 + (skills.contains($1.key) ? $1.value : 0) }
            var distance: Int64?
            let place = profile?.latitudeE6 != nil ? (profile?.latitudeE6, profile?.longitudeE6) : (listed[id]?.lat, listed[id]?.lon)
            if let jl = job.latitudeE6, let jo = job.longitudeE6, let wl = place.0, let wo = place.1 {
                distance = distanceMeters(latitudeE6: jl, longitudeE6: jo, wl, wo)
            }
            result.append(
                (
                    id,
                    DispatchCandidate(
                        recentMinutes: recent[id] ?? 0, distanceMeters: distance, skillsMatched: asked.filter(skills.contains).count,
                        skillsRequired: asked.count, ratingTenths: ratings[id], endorsements: endorsements)
                ))
        }
        return result
    }

    /// Minutes of work each worker took on since `since` (``WorkMinutes``), by membership id.
    /// Summed in the database by worker and unit; the minutes of each sum are the core's.
    public static func recentMinutes(since: Date, on db: any Database) async throws -> [UUID: Int64] {
        var recent: [UUID: Int64] = [:]
        for row in try await db.sql().raw(
            """
            SELECT o.worker_id AS worker, o.unit AS unit, CAST(SUM(o.quantity) AS BIGINT) AS quantity, \
            CAST(SUM(COALESCE(l.estimated_minutes, 0)) AS BIGINT) AS estimated \
            FROM orders o JOIN listings l ON l.id = o.listing_id \
            WHERE o.created_at >= \(bind: since) AND o.state IN (\(binds: WorkMinutes.busyStates.map(\.rawValue))) \
            GROUP BY o.worker_id, o.unit
            """
        ).all() {
            let minutes = WorkMinutes.of(
                unit: PriceUnit(rawValue: try row.decode(column: "unit", as: String.self)),
                quantity: try row.decode(column: "quantity", as: Int64?.self) ?? 0,
                estimatedMinutes: try row.decode(column: "estimated", as: Int64?.self))
            recent[try row.decode(column: "worker", as: UUID.self), default: 0] += minutes
        }
        return recent
    }

    /// Ranks the eligible workers and stores the ranking, every worker's terms with it. Returns how many.
    public static func rank(_ job: JobRequestRecord, rules: DispatchRules, bylaws: Bylaws, on db: any Database, at now: Date)
        async throws -> Int
    {
        let eligible = try await eligible(job, rules: rules, bylaws: bylaws, on: db, at: now)
        let ranking = rankWorkers(
            eligible.map(\.candidate), weights: rules.weights, maxDistanceMeters: rules.maxDistanceKm * 1000,
            ratingsCount: rules.ratingsCount)
        let jobID = try job.requireID()
        var rows: [JobCandidateRecord] = []
        for (position, (index, t)) in ranking.enumerated() {
            let (worker, c) = eligible[index]
            let r = JobCandidateRecord()
            r.id = UUID()
            r.jobID = jobID
            r.workerID = worker
            r.position = position
            r.state = .waiting
            r.recentMinutes = c.recentMinutes
            r.distanceMeters = c.distanceMeters
            r.skillsMatched = c.skillsMatched
            r.skillsRequired = c.skillsRequired
            r.ratingTenths = c.ratingTenths
            r.fairShare = t.fairShare
            r.distance = t.distance
            r.skillsTerm = t.skills
            r.rating = t.rating
            r.endorsements = c.endorsements
            r.endorsementsTerm = t.endorsements
            r.score = t.score
            rows.append(r)
        }
        // In batches: a statement's bound values are limited.
        var start = 0
        while start < rows.count {
            try await Array(rows[start..<min(start + 1_000, rows.count)]).create(on: db)
            start += 1_000
        }
        return rows.count
    }

    /// Offers the job to the next available worker down its ranking, or marks it unfilled.
    public static func advance(_ job: JobRequestRecord, on db: any Database, at now: Date) async throws {
        let candidates = try await JobQueries.candidates(of: job.requireID(), on: db)
        let waiting = candidates.filter { $0.state == .waiting }.map(\.workerID)
        var available: [UUID: Bool] = [:]
        if !waiting.isEmpty {
            for p in try await WorkerProfileRecord.query(on: db).filter(\.$membershipID ~~ waiting).all() {
                available[p.membershipID] = p.available
            }
        }
        let (offer, skipped) = JobDispatch.next(
            states: candidates.map(\.state),
            available: candidates.map { available[$0.workerID] ?? true })
        for i in skipped {
            candidates[i].state = .skipped
            try await candidates[i].save(on: db)
        }
        let rules = try job.dispatchRules
        if let offer {
            let c = candidates[offer]
            c.state = .offered
            c.offeredAt = now
            c.expiresAt = now.addingTimeInterval(Double(rules.offerMinutes) * 60)
            try await c.save(on: db)
            job.state = .offered
            try await Notices.jobOffered(job, to: c, on: db, at: now)
        } else {
            job.state = .unfilled
        }
        job.updatedAt = now
        try await job.save(on: db)
        var payload: [String: CanonicalValue] = ["job": .int(Int64(job.number)), "state": .string(job.state.rawValue)]
        if let offer {
            payload["position"] = .int(Int64(offer))
            payload["worker"] = .string(candidates[offer].workerID.uuidString)
            payload["score"] = .int(candidates[offer].score)
        }
        try await AuditLog.append(AuditEvent(kind: offer == nil ? "job.unfilled" : "job.offered", payload), on: db, at: now)
    }

    /// Ends the job's dispatch: every worker still waiting or on offer is passed.
    public static func close(_ job: JobRequestRecord, as state: JobState, on db: any Database, at now: Date) async throws {
        for c in try await JobCandidateRecord.query(on: db).filter(\.$jobID == job.requireID())
            .filter(\.$state ~~ [CandidateState.waiting, .offered]).all()
        {
            c.state = .passed
            try await c.save(on: db)
        }
        job.state = state
        job.updatedAt = now
        try await job.save(on: db)
        var payload: [String: CanonicalValue] = ["job": .int(Int64(job.number))]
        if let o = job.orderID, let order = try await OrderRecord.find(o, on: db) { payload["order"] = .int(Int64(order.number)) }
        try await AuditLog.append(AuditEvent(kind: "job.\(state.rawValue)", payload), on: db, at: now)
    }
}

extension JobRequestRecord {
    /// The dispatch rules frozen on the job when it was posted.
    public var dispatchRules: DispatchRules {
        get throws { try JSONDecoder().decode(DispatchRules.self, from: Data(rules.utf8)) }
    }
}
