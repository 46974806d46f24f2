import CoopCore
import FluentKit
import Foundation

/// Changing job requests, in the caller's write transaction: posting one, answering an offer,
/// expiring offers, and a worker's availability.
public enum JobCommands {
    /// A job request as its customer posts it, checked by the caller.
    public struct NewJob: Sendable {
        /// The posting user's id.
        public let customer: UUID
        /// A category id from the bylaws.
        public let category: String
        /// The job's title.
        public let title: String
        /// What is to be done; may be empty.
        public let description: String
        /// The skills asked for (at most 10), which dispatch matches against workers'.
        public let skills: [String]
        /// When the work is wanted, if the customer said.
        public let scheduledAt: Date?
        /// Where, in words; may be empty.
        public let area: String
        /// Where, in millionths of a degree of latitude; given with the longitude or not at all.
        public let latitudeE6: Int64?
        /// Where, in millionths of a degree of longitude.
        public let longitudeE6: Int64?
        /// The whole price offered, in the co-op's currency (checked against the minimum pay).
        public let budget: Money
        /// How long the work should take, in minutes (15 to 10,080).
        public let estimatedMinutes: Int64
        /// The language the customer wrote it in (a tag such as `es`), if known.
        public let language: String?

        /// A checked job request.
        public init(
            customer: UUID, category: String, title: String, description: String, skills: [String], scheduledAt: Date?, area: String,
            latitudeE6: Int64?, longitudeE6: Int64?, budget: Money, estimatedMinutes: Int64, language: String? = nil
        ) {
            self.customer = customer
            self.category = category
            self.title = title
            self.description = description
            self.skills = skills
            self.scheduledAt = scheduledAt
            self.area = area
            self.latitudeE6 = latitudeE6
            self.longitudeE6 = longitudeE6
            self.budget = budget
            self.estimatedMinutes = estimatedMinutes
            self.language = language
        }
    }

    /// Posts a job request under the rules in force, ranks the eligible workers and offers it to the first.
    public static func post(_ new: NewJob, bylaws: Bylaws, on db: any Database, at now: Date) async throws -> JobRequestRecord {
        var rules = try await JobQueries.rules(on: db)
        rules.requiredSkill = try await SkillEndorsementStore.requiredSkill(category: new.category, on: db)
        let last = try await JobRequestRecord.query(on: db).sort(\.$number, .descending).field(\.$number).first()?.number ?? 0
        let job = JobRequestRecord()
        job.id = UUID()
        job.number = last + 1
        job.customerID = new.customer
        job.category = new.category
        job.title = new.title
        job.description = new.description
        job.skills = new.skills.joined(separator: ",")
        job.scheduledAt = new.scheduledAt
        job.area = new.area
        job.latitudeE6 = new.latitudeE6
        job.longitudeE6 = new.longitudeE6
        job.budgetMinor = new.budget.minorUnits
        job.estimatedMinutes = new.estimatedMinutes
        job.language = new.language
        job.state = .offered
        job.rules = String(decoding: try JSONEncoder().encode(rules), as: UTF8.self)
        job.createdAt = now
        job.updatedAt = now
        try await job.create(on: db)
        let ranked = try await JobDispatchStore.rank(job, rules: rules, bylaws: bylaws, on: db, at: now)
        try await AuditLog.append(
            AuditEvent(
                kind: "job.posted",
                [
                    "job": .int(Int64(job.number)), "category": .string(job.category), "budget_minor": .int(job.budgetMinor),
                    "eligible": .int(Int64(ranked)),
                ]), on: db, at: now)
        try await JobDispatchStore.advance(job, on: db, at: now)
        return job
    }

    /// An answer to a job's offer: the offered worker accepts or declines; the customer cancels.
    public enum Answer: String, CaseIterable, Sendable {
        case accept, decline, cancel
    }

    /// Answers job `id` for `user` (whose membership is `member`, if any).
    public static func answer(
        job id: UUID, _ answer: Answer, user: UUID, member: UUID?, bylaws: Bylaws, on db: any Database, at now: Date
    ) async throws -> JobRequestRecord {
        guard let job = try await JobRequestRecord.find(id, on: db) else { throw CoopError.notFound("Not Found") }
        guard job.state == .offered else {
            throw CoopError.conflict(
                Words("Job #%1$s is %2$s now; nothing more can be done with it.", .text("\(job.number)"), .notice(job.state.words)))
        }
        let offered = try await JobCandidateRecord.query(on: db).filter(\.$jobID == id)
            .filter(\.$state == .offered).first()
        if answer == .cancel {
            guard job.customerID == user else { throw CoopError.forbidden("Only the customer who posted a job can withdraw it.") }
            try await JobDispatchStore.close(job, as: .cancelled, on: db, at: now)
            return job
        }
        guard let offered, let member, offered.workerID == member else {
            throw CoopError.forbidden(Words("Job #%s is not on offer to you.", .text("\(job.number)")))
        }
        guard let expires = offered.expiresAt, expires > now else {
            throw CoopError.conflict(Words("Your offer of job #%s has expired; it has passed to the next worker.", .text("\(job.number)")))
        }
        offered.answeredAt = now
        if answer == .decline {
            offered.state = .declined
            try await offered.save(on: db)
            try await AuditLog.append(
                AuditEvent(kind: "job.declined", ["job": .int(Int64(job.number)), "position": .int(Int64(offered.position))]), on: db,
                at: now)
            try await JobDispatchStore.advance(job, on: db, at: now)
            return job
        }
        offered.state = .accepted
        try await offered.save(on: db)
        let order = try await orderFor(job, worker: offered.workerID, currency: bylaws.currency, on: db, at: now)
        job.orderID = try order.requireID()
        try await JobDispatchStore.close(job, as: .accepted, on: db, at: now)
        return job
    }

    /// The accepted job as an order: of a private, unlisted fixed-price listing made for it, so
    /// that every order has the same shape (breakdown, payment, state machine, reviews).
    public static func orderFor(_ job: JobRequestRecord, worker: UUID, currency: Currency, on db: any Database, at now: Date)
        async throws -> OrderRecord
    {
        let l = ListingRecord()
        l.id = UUID()
        l.workerID = worker
        l.kind = .service
        l.title = "Job #\(job.number): \(job.title)"
        l.description = job.description
        l.language = job.language
        l.category = job.category
        l.unit = .fixed
        l.priceMinor = job.budgetMinor
        l.estimatedMinutes = job.estimatedMinutes
        l.area = job.area
        l.latitudeE6 = job.latitudeE6
        l.longitudeE6 = job.longitudeE6
        l.active = false
        l.status = .unlisted
        l.createdAt = now
        l.searchText = ""
        l.rotationKey = 0
        try await l.create(on: db)
        let offer = OrderStore.Offer(
            id: try l.requireID(), workerID: worker, workerName: "", kind: l.kind, title: l.title, unit: l.unit, priceMinor: l.priceMinor,
            stock: nil, active: true)
        let placement = OrderStore.Placement(
            offer: offer, customer: job.customerID, quantity: 1, scheduledAt: job.scheduledAt,
            note: job.description.isEmpty ? "From job request #\(job.number)." : job.description, unlisted: true, currency: currency,
            at: now)
        let o = try await OrderStore.record([placement], on: db)[0].get()
        // The worker accepting the offer is the worker accepting the order.
        try await OrderCommands.move(o, .accept, by: .worker, refund: nil, review: nil, currency: currency, on: db, at: now)
        return o
    }

    /// Expires offer `id` if it is still open past its time at `now` (re-read under the write
    /// lock) and offers its job to the next worker.
    public static func expire(offer id: UUID, on db: any Database, at now: Date) async throws {
        guard let c = try await JobCandidateRecord.find(id, on: db), c.state == .offered,
            let expires = c.expiresAt, expires <= now, let job = try await JobRequestRecord.find(c.jobID, on: db)
        else { return }
        c.state = .expired
        try await c.save(on: db)
        try await AuditLog.append(
            AuditEvent(kind: "job.expired", ["job": .int(Int64(job.number)), "position": .int(Int64(c.position))]), on: db, at: now)
        try await JobDispatchStore.advance(job, on: db, at: now)
    }

    /// Sets a worker's availability, skills and place. Marking oneself unavailable declines any
    /// offer open to one, which passes to the next worker.
    public static func setProfile(
        of id: UUID, available: Bool, skills: [String], latitudeE6: Int64?, longitudeE6: Int64?, on db: any Database, at now: Date
    ) async throws -> WorkerProfileRecord {
        let p = try await JobQueries.profile(of: id, on: db) ?? WorkerProfileRecord()
        let was = p.id == nil ? true : p.available
        p.membershipID = id
        p.available = available
        p.skills = skills.joined(separator: ",")
        p.latitudeE6 = latitudeE6
        p.longitudeE6 = longitudeE6
        p.updatedAt = now
        try await p.save(on: db)
        if was != available {
            try await AuditLog.append(
                AuditEvent(kind: "worker.availability", ["member": .string(id.uuidString), "available": .bool(available)]), on: db, at: now)
        }
        if !available {
            for c in try await JobCandidateRecord.query(on: db).filter(\.$workerID == id)
                .filter(\.$state == .offered).all()
            {
                guard let job = try await JobRequestRecord.find(c.jobID, on: db) else { continue }
                c.state = .declined
                c.answeredAt = now
                try await c.save(on: db)
                try await JobDispatchStore.advance(job, on: db, at: now)
            }
        }
        return p
    }
}
