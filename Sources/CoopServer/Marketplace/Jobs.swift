import CoopCore
import CoopStore
import Fluent
import Foundation
import SQLKit
import Vapor

/// Job requests and the dispatcher: a customer asks for work instead of choosing a listing; the
/// eligible workers are ranked by the governed weights when the job is posted, and the job is
/// offered down that ranking, one worker at a time, for the governed minutes each.
enum Jobs {
    /// Recent work, for the fair-share term, is the work of this many days.
    static let recentDays = 28

    /// The dispatch rules in force when a job is posted, frozen on it.
    struct Rules: Codable, Sendable {
        var weights: DispatchWeights
        var ratingsCount: Bool
        var offerMinutes: Int64
        var maxDistanceKm: Int64
    }

    static func rules(on db: any Database) async throws -> Rules {
        func number(_ key: PolicyKey) async throws -> Int64 { try await PolicyStore.number(key, on: db) }
        return Rules(
            weights: DispatchWeights(
                fairShare: try await number(.dispatchWeightFairShare), distance: try await number(.dispatchWeightDistance),
                skills: try await number(.dispatchWeightSkills), rating: try await number(.dispatchWeightRating)),
            ratingsCount: try await PolicyStore.isOn(.ratingsAffectRanking, on: db),
            offerMinutes: max(1, try await number(.dispatchOfferMinutes)),
            maxDistanceKm: max(1, try await number(.dispatchMaxDistanceKm)))
    }

    struct PostInput: Content, APIFieldRules {
        var category: String
        var title: String
        var description: String?
        /// Skills asked for, comma-separated.
        var skills: String?
        var scheduledAt: Date?
        /// The same as "YYYY-MM-DDTHH:MM" in UTC, as a form's date-time field sends it.
        var when: String?
        var area: String?
        var latitude: String?
        var longitude: String?
        /// The whole price offered, as an amount.
        var budget: String
        var estimatedMinutes: Int64

        /// Characters, once trimmed.
        static let titleLength = 3...120
        static let descriptionLength = 0...2_000
        /// From 15 minutes to a week.
        static let minutes: ClosedRange<Int64> = 15...10_080
        static let fieldRules: [String: APIFieldRule] = [
            "title": .length(titleLength), "description": .length(descriptionLength), "estimatedMinutes": .range(minutes),
        ]
    }

    /// Lower-case, trimmed, de-duplicated skills from a comma-separated list.
    static func skillList(_ text: String?) -> [String] {
        var seen = Set<String>()
        return (text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter {
            !$0.isEmpty && seen.insert($0).inserted
        }
    }

    /// Posts a job request, ranks the eligible workers and offers it to the first, in one transaction.
    static func post(_ req: Request) async throws -> JobRequestRecord {
        let user = try req.requireUser()
        let input = try req.content.decode(PostInput.self)
        let bylaws = try await req.bylaws()
        guard bylaws.categories.contains(input.category) else {
            throw CoopError.invalid("'\(input.category)' is not a category; choose one of \(bylaws.categories.joined(separator: ", ")).")
        }
        let title = input.title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard PostInput.titleLength.contains(title.count) else { throw CoopError.invalid("A job's title is 3 to 120 characters.") }
        let description = (input.description ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard PostInput.descriptionLength.contains(description.count) else {
            throw CoopError.invalid("A job's description is at most 2000 characters.")
        }
        let skills = skillList(input.skills)
        guard skills.count <= 10, skills.allSatisfy({ $0.count <= 40 }) else {
            throw CoopError.invalid("Ask for at most 10 skills, each at most 40 characters.")
        }
        guard PostInput.minutes.contains(input.estimatedMinutes) else {
            throw CoopError.invalid("A job takes from 15 minutes to a week (10080 minutes).")
        }
        let budget: Money
        do {
            budget = Money(minorUnits: try Money.parseFixed(input.budget, digits: bylaws.currency.minorDigits), currency: bylaws.currency)
        } catch { throw CoopError.invalid("The budget '\(input.budget)' is not an amount in \(bylaws.currency).") }
        let (fee, minimum) = try await Listings.payTerms(bylaws, on: req.db)
        do {
            try Pricing.checkMinimumPay(
                unitPrice: budget, unit: .fixed, estimatedMinutes: input.estimatedMinutes, feeRate: fee, minimumPerHour: minimum)
        } catch { throw CoopError.invalid(error.description) }
        let (lat, lon) = try Listings.place(latitude: input.latitude, longitude: input.longitude)
        var scheduledAt = input.scheduledAt
        if scheduledAt == nil, let when = input.when?.trimmingCharacters(in: .whitespaces), !when.isEmpty {
            let f = DateFormatter()
            f.locale = Locale(identifier: "en_US_POSIX")
            f.timeZone = TimeZone(identifier: "UTC")
            f.dateFormat = "yyyy-MM-dd'T'HH:mm"
            guard let d = f.date(from: when) else { throw CoopError.invalid("'\(when)' is not a date and time such as 2026-12-01T09:30.") }
            guard InputBounds.acceptsDate(secondsSince1970: d.timeIntervalSince1970) else {
                throw CoopError.invalid("'\(when)' is out of range: a date must be \(InputBounds.dateRange).")
            }
            scheduledAt = d
        }
        let area = (input.area ?? "").trimmingCharacters(in: .whitespaces)
        guard area.count <= 120 else { throw CoopError.invalid("An area is at most 120 characters.") }
        let now = req.now
        let when = scheduledAt
        return try await req.write { db in
            let rules = try await rules(on: db)
            let last = try await JobRequestRecord.query(on: db).sort(\.$number, .descending).field(\.$number).first()?.number ?? 0
            let job = JobRequestRecord()
            job.id = UUID()
            job.number = last + 1
            job.customerID = user.id
            job.category = input.category
            job.title = title
            job.description = description
            job.skills = skills.joined(separator: ",")
            job.scheduledAt = when
            job.area = area
            job.latitudeE6 = lat
            job.longitudeE6 = lon
            job.budgetMinor = budget.minorUnits
            job.estimatedMinutes = input.estimatedMinutes
            job.state = JobState.offered.rawValue
            job.rules = String(decoding: try JSONEncoder().encode(rules), as: UTF8.self)
            job.createdAt = now
            job.updatedAt = now
            try await job.create(on: db)
            let ranked = try await rank(job, rules: rules, bylaws: bylaws, on: db, at: now)
            try await AuditLog.append(
                AuditEvent(
                    kind: "job.posted",
                    [
                        "job": .int(Int64(job.number)), "category": .string(job.category), "budget_minor": .int(job.budgetMinor),
                        "eligible": .int(Int64(ranked)),
                    ]), on: db, at: now)
            try await advance(job, on: db, at: now)
            return job
        }
    }

    /// The eligible workers for a job, as the dispatcher sees them, in a stable order (by id):
    /// admitted worker-members other than the customer, available, whose skills name the job's
    /// category or who list in it.
    static func eligible(
        _ job: JobRequestRecord, rules: Rules, bylaws: Bylaws, on db: any Database, at now: Date
    ) async throws -> [(worker: UUID, candidate: DispatchCandidate)] {
        guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError) }
        let workerClasses = bylaws.surplus.measures.filter { [.earnings, .hours].contains($0.value) }.map(\.key)
        guard !workerClasses.isEmpty else { return [] }
        let members = try await MembershipRecord.query(on: db).filter(\.$status == MembershipStatus.admitted.rawValue)
            .filter(\.$classID ~~ workerClasses).filter(\.$userID != job.customerID).all()
        var profiles: [UUID: WorkerProfileRecord] = [:]
        for p in try await WorkerProfileRecord.query(on: db).all() { profiles[p.membershipID] = p }
        // Each worker's place in the category: a listed place, if any.
        var listed: [UUID: (lat: Int64?, lon: Int64?)] = [:]
        for l in try await ListingRecord.query(on: db).filter(\.$category == job.category).filter(\.$active == true).all() {
            if listed[l.workerID]?.lat == nil { listed[l.workerID] = (l.latitudeE6, l.longitudeE6) }
        }
        // Minutes of work taken on in the recent period.
        var recent: [UUID: Int64] = [:]
        let since = now.addingTimeInterval(-Double(recentDays) * 86_400)
        let busy = [OrderState.accepted, .inProgress, .delivered, .completed, .reviewed, .disputed, .settled].map(\.rawValue)
        for row in try await sql.raw(
            """
            SELECT o.worker_id AS worker, CAST(SUM(CASE WHEN o.unit = \(bind: PriceUnit.perHour.rawValue) THEN o.quantity \
            WHEN o.unit = \(bind: PriceUnit.fixed.rawValue) THEN COALESCE(l.estimated_minutes, 0) ELSE 0 END) AS BIGINT) AS minutes \
            FROM orders o JOIN listings l ON l.id = o.listing_id \
            WHERE o.created_at >= \(bind: since) AND o.state IN (\(binds: busy)) GROUP BY o.worker_id
            """
        ).all() {
            recent[try row.decode(column: "worker", as: UUID.self)] = try row.decode(column: "minutes", as: Int64?.self) ?? 0
        }
        var ratings: [UUID: Int64] = [:]
        if rules.ratingsCount {
            // Average stars in tenths, rounded half up.
            for (worker, r) in try await Listings.ratings(on: db) { ratings[worker] = (r.stars * 10 + r.count / 2) / r.count }
        }
        let asked = skillList(job.skills)
        var result: [(worker: UUID, candidate: DispatchCandidate)] = []
        for m in members.sorted(by: { ($0.id?.uuidString ?? "") < ($1.id?.uuidString ?? "") }) {
            let id = try m.requireID()
            let profile = profiles[id]
            if profile?.available == false { continue }
            let skills = Set(skillList(profile?.skills))
            guard listed[id] != nil || skills.contains(job.category.lowercased()) else { continue }
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
                        skillsRequired: asked.count, ratingTenths: ratings[id])
                ))
        }
        return result
    }

    /// Ranks the eligible workers and stores the ranking, every worker's terms with it. Returns how many.
    static func rank(_ job: JobRequestRecord, rules: Rules, bylaws: Bylaws, on db: any Database, at now: Date) async throws -> Int {
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
            r.state = CandidateState.waiting.rawValue
            r.recentMinutes = c.recentMinutes
            r.distanceMeters = c.distanceMeters
            r.skillsMatched = c.skillsMatched
            r.skillsRequired = c.skillsRequired
            r.ratingTenths = c.ratingTenths
            r.fairShare = t.fairShare
            r.distance = t.distance
            r.skillsTerm = t.skills
            r.rating = t.rating
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
    /// In the caller's transaction.
    static func advance(_ job: JobRequestRecord, on db: any Database, at now: Date) async throws {
        let candidates = try await JobCandidateRecord.query(on: db).filter(\.$jobID == job.requireID()).sort(\.$position).all()
        let waiting = candidates.filter { $0.state == CandidateState.waiting.rawValue }.map(\.workerID)
        var available: [UUID: Bool] = [:]
        if !waiting.isEmpty {
            for p in try await WorkerProfileRecord.query(on: db).filter(\.$membershipID ~~ waiting).all() {
                available[p.membershipID] = p.available
            }
        }
        let (offer, skipped) = JobDispatch.next(
            states: candidates.map { CandidateState(rawValue: $0.state) ?? .passed },
            available: candidates.map { available[$0.workerID] ?? true })
        for i in skipped {
            candidates[i].state = CandidateState.skipped.rawValue
            try await candidates[i].save(on: db)
        }
        let rules = try JSONDecoder().decode(Rules.self, from: Data(job.rules.utf8))
        if let offer {
            let c = candidates[offer]
            c.state = CandidateState.offered.rawValue
            c.offeredAt = now
            c.expiresAt = now.addingTimeInterval(Double(rules.offerMinutes) * 60)
            try await c.save(on: db)
            job.state = JobState.offered.rawValue
        } else {
            job.state = JobState.unfilled.rawValue
        }
        job.updatedAt = now
        try await job.save(on: db)
        var payload: [String: CanonicalValue] = ["job": .int(Int64(job.number)), "state": .string(job.state)]
        if let offer {
            payload["position"] = .int(Int64(offer))
            payload["worker"] = .string(candidates[offer].workerID.uuidString)
            payload["score"] = .int(candidates[offer].score)
        }
        try await AuditLog.append(AuditEvent(kind: offer == nil ? "job.unfilled" : "job.offered", payload), on: db, at: now)
    }

    static func job(_ req: Request) async throws -> JobRequestRecord {
        let n = try req.pathParameter(.number, expecting: "a job number")
        guard let j = try await JobRequestRecord.query(on: req.db).filter(\.$number == n).first() else {
            throw Abort(.notFound, reason: "There is no job #\(n).")
        }
        return j
    }

    enum Answer: String, CaseIterable {
        case accept, decline, cancel

        struct Input: Content, APIFieldRules {
            var action: String
            static let fieldRules: [String: APIFieldRule] = ["action": .oneOf(Answer.allCases.map(\.rawValue))]
        }

        static func parse(_ req: Request) throws -> Answer {
            let text = try req.content.decode(Input.self).action
            guard let a = Answer(rawValue: text) else {
                throw CoopError.invalid("'\(text)' is not an answer; use accept, decline or cancel.")
            }
            return a
        }
    }

    /// The offered worker accepts or declines; the customer cancels. One transaction each.
    static func answer(_ req: Request, _ answer: Answer) async throws -> JobRequestRecord {
        let user = try req.requireUser()
        let member = try await req.membership(of: user)
        let id = try await job(req).requireID()
        let bylaws = try await req.bylaws()
        let now = req.now
        return try await req.write { db in
            guard let job = try await JobRequestRecord.find(id, on: db) else { throw Abort(.notFound) }
            guard job.state == JobState.offered.rawValue else {
                throw CoopError.conflict("Job #\(job.number) is \(job.state) now; nothing more can be done with it.")
            }
            let offered = try await JobCandidateRecord.query(on: db).filter(\.$jobID == id)
                .filter(\.$state == CandidateState.offered.rawValue).first()
            if answer == .cancel {
                guard job.customerID == user.id else {
                    throw Abort(.forbidden, reason: "Only the customer who posted a job can withdraw it.")
                }
                try await close(job, as: .cancelled, on: db, at: now)
                return job
            }
            guard let offered, let member, offered.workerID == member.id else {
                throw Abort(.forbidden, reason: "Job #\(job.number) is not on offer to you.")
            }
            guard let expires = offered.expiresAt, expires > now else {
                throw CoopError.conflict("Your offer of job #\(job.number) has expired; it has passed to the next worker.")
            }
            offered.answeredAt = now
            if answer == .decline {
                offered.state = CandidateState.declined.rawValue
                try await offered.save(on: db)
                try await AuditLog.append(
                    AuditEvent(kind: "job.declined", ["job": .int(Int64(job.number)), "position": .int(Int64(offered.position))]), on: db,
                    at: now)
                try await advance(job, on: db, at: now)
                return job
            }
            offered.state = CandidateState.accepted.rawValue
            try await offered.save(on: db)
            let order = try await orderFor(job, worker: offered.workerID, bylaws: bylaws, on: db, at: now)
            job.orderID = try order.requireID()
            try await close(job, as: .accepted, on: db, at: now)
            return job
        }
    }

    /// Ends the job's dispatch: every worker still waiting or on offer is passed.
    static func close(_ job: JobRequestRecord, as state: JobState, on db: any Database, at now: Date) async throws {
        for c in try await JobCandidateRecord.query(on: db).filter(\.$jobID == job.requireID())
            .filter(\.$state ~~ [CandidateState.waiting.rawValue, CandidateState.offered.rawValue]).all()
        {
            c.state = CandidateState.passed.rawValue
            try await c.save(on: db)
        }
        job.state = state.rawValue
        job.updatedAt = now
        try await job.save(on: db)
        var payload: [String: CanonicalValue] = ["job": .int(Int64(job.number))]
        if let o = job.orderID, let order = try await OrderRecord.find(o, on: db) { payload["order"] = .int(Int64(order.number)) }
        try await AuditLog.append(AuditEvent(kind: "job.\(state.rawValue)", payload), on: db, at: now)
    }

    /// The accepted job as an order: of a private, unlisted fixed-price listing made for it, so
    /// that every order has the same shape (breakdown, payment, state machine, reviews).
    static func orderFor(_ job: JobRequestRecord, worker: UUID, bylaws: Bylaws, on db: any Database, at now: Date) async throws
        -> OrderRecord
    {
        let l = ListingRecord()
        l.id = UUID()
        l.workerID = worker
        l.kind = ListingKind.service.rawValue
        l.title = "Job #\(job.number): \(job.title)"
        l.description = job.description
        l.category = job.category
        l.unit = PriceUnit.fixed.rawValue
        l.priceMinor = job.budgetMinor
        l.estimatedMinutes = job.estimatedMinutes
        l.area = job.area
        l.latitudeE6 = job.latitudeE6
        l.longitudeE6 = job.longitudeE6
        l.active = false
        l.createdAt = now
        l.searchText = ""
        l.rotationKey = 0
        try await l.create(on: db)
        let offer = Orders.Offer(
            id: try l.requireID(), workerID: worker, workerName: "", kind: l.kind, title: l.title, unit: l.unit, priceMinor: l.priceMinor,
            stock: nil, active: true)
        let o = try await Orders.insert(
            listing: offer, customer: job.customerID, quantity: 1, scheduledAt: job.scheduledAt,
            note: job.description.isEmpty ? "From job request #\(job.number)." : job.description, bylaws: bylaws, unlisted: true, on: db,
            at: now)
        // The worker accepting the offer is the worker accepting the order.
        try await Orders.move(o, .accept, by: .worker, refund: nil, review: nil, bylaws: bylaws, on: db, at: now)
        return o
    }

    /// Expires every offer left unanswered past its time and offers each job to the next worker.
    /// Each job in its own serialized transaction that re-reads it, so it runs once however often.
    static func expireDue(app: Application) async throws {
        let now = app.coop.config.now()
        let due = try await JobCandidateRecord.query(on: app.db).filter(\.$state == CandidateState.offered.rawValue)
            .filter(\.$expiresAt <= now).all()
        for stale in due {
            let id = try stale.requireID()
            // One offer that cannot expire is logged and skipped: it does not hold up the others.
            do {
                try await app.coop.write(on: app.db) { db in
                    guard let c = try await JobCandidateRecord.find(id, on: db), c.state == CandidateState.offered.rawValue,
                        let expires = c.expiresAt, expires <= now, let job = try await JobRequestRecord.find(c.jobID, on: db)
                    else { return }
                    c.state = CandidateState.expired.rawValue
                    try await c.save(on: db)
                    try await AuditLog.append(
                        AuditEvent(kind: "job.expired", ["job": .int(Int64(job.number)), "position": .int(Int64(c.position))]), on: db,
                        at: now)
                    try await advance(job, on: db, at: now)
                }
            } catch {
                app.logger.error("job offer could not expire", metadata: ["offer": "\(id)", "error": "\(plainDescription(error))"])
            }
        }
    }
}
