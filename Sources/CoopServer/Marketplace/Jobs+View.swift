import CoopCore
import CoopStore
import FluentKit
import Foundation
import Vapor

extension Jobs {
    /// A job request as the requester may see it, with the ranking and, for a ranked worker, why
    /// the job came to them or did not.
    struct View: Content {
        let number: Int
        let category: String
        let title: String
        let description: String
        /// The language the customer wrote the title and description in; nil when not known
        /// (taken to be the co-op's).
        let language: String?
        let skills: [String]
        let scheduledAt: Date?
        let area: String
        let budget: String
        let estimatedMinutes: Int64
        let state: String
        let createdAt: Date
        /// The order it became, once accepted.
        let order: Int?
        let rules: Rules
        /// What the requester may do now: accept, decline, cancel.
        let actions: [String]
        /// The requester's own place in the ranking, if they were eligible.
        let you: Place?
        /// Why the requester, a worker, is not in the ranking.
        let notRanked: String?
        /// The whole ranking, without names: positions, outcomes and the terms of each score.
        let ranking: [Rank]

        struct Place: Content {
            let position: Int
            let state: String
            let score: String
            let expiresAt: Date?
            let terms: [String]
            let explanation: String
        }

        struct Rank: Content {
            let position: Int
            let state: String
            let score: String
            let fairShare: String
            let distance: String
            let skills: String
            let rating: String
        }
    }

    /// Customers see their own jobs; stewards and worker-members see every job (the dispatcher's
    /// choices are open to the workers they concern).
    static func view(_ req: Request, _ job: JobRequestRecord) async throws -> View {
        let user = try req.requireUser()
        let member = try await req.membership(of: user)
        return try await load(job, user: user.id, member: member, bylaws: try await req.bylaws(), on: req.db, at: req.now)
    }

    /// The job as `user` (whose membership is `member`) may see it, or forbidden.
    static func load(
        _ job: JobRequestRecord, user: UUID, member: MembershipRecord?, bylaws: Bylaws, on db: any Database, at now: Date
    ) async throws -> View {
        let admitted = member?.status == .admitted
        let isWorker = member.map { Listings.mayList($0, bylaws: bylaws) } ?? false
        let isCustomer = job.customerID == user
        guard isCustomer || isWorker || (admitted && member?.steward == true) else {
            throw CoopError.forbidden(t("Only the customer, worker-members and stewards can see a job request."))
        }
        let rules = try job.dispatchRules
        let candidates = try await JobQueries.candidates(of: job.requireID(), on: db)
        var you: View.Place?
        var actions: [String] = []
        if let member, let mine = candidates.first(where: { $0.workerID == member.id }) {
            let state = mine.state
            let holder = candidates.first {
                $0.workerID != member.id && ($0.state == .offered || $0.state == .accepted)
            }
            you = View.Place(
                position: mine.position + 1, state: mine.state.rawValue, score: JobDispatch.points(mine.score),
                expiresAt: state == .offered ? mine.expiresAt : nil,
                terms: DispatchText.termLines(
                    mine.candidate, mine.terms, weights: rules.weights, ratingsCount: rules.ratingsCount, recentDays: recentDays,
                    maxDistanceKm: rules.maxDistanceKm, requiredSkill: rules.requiredSkill),
                explanation: DispatchText.explanation(
                    state: state, position: mine.position, count: candidates.count, terms: mine.terms,
                    holder: holder.map { ($0.position, $0.state, $0.terms) },
                    offerMinutes: rules.offerMinutes))
            if state == .offered, let e = mine.expiresAt, e > now { actions += [Answer.accept.rawValue, Answer.decline.rawValue] }
        }
        var notRanked: String?
        if you == nil, isWorker, let member {
            notRanked = try await whyNotRanked(job, member: member, on: db)
        }
        if isCustomer && job.state == .offered { actions.append(Answer.cancel.rawValue) }
        var order: Int?
        if let o = job.orderID { order = try await OrderQueries.numbers(of: [o], on: db)[o] }
        return View(
            number: job.number, category: job.category, title: job.title, description: job.description, language: job.language,
            skills: skillList(job.skills),
            scheduledAt: job.scheduledAt, area: job.area, budget: Money(minorUnits: job.budgetMinor, currency: bylaws.currency).description,
            estimatedMinutes: job.estimatedMinutes, state: job.state.rawValue, createdAt: job.createdAt, order: order, rules: rules,
            actions: actions, you: you, notRanked: notRanked,
            ranking: candidates.map {
                View.Rank(
                    position: $0.position + 1, state: $0.state.rawValue, score: JobDispatch.points($0.score),
                    fairShare: JobDispatch.share($0.fairShare), distance: JobDispatch.share($0.distance),
                    skills: JobDispatch.share($0.skillsTerm), rating: JobDispatch.share($0.rating))
            })
    }

    /// Why a worker-member is not among a job's ranked workers, as far as can be told now.
    static func whyNotRanked(_ job: JobRequestRecord, member: MembershipRecord, on db: any Database) async throws -> String {
        let id = try member.requireID()
        let profile = try await JobQueries.profile(of: id, on: db)
        let lists = try await JobQueries.lists(worker: id, in: job.category, on: db)
        let skilled = skillList(profile?.skills).contains(job.category.lowercased())
        if job.customerID == member.userID { return t("You posted this job, so you are not among the workers it is offered to.") }
        if profile?.available == false {
            return t("You are marked unavailable, and unavailable workers are not ranked. The ranking was made when the job was posted.")
        }
        if let required = (try? job.dispatchRules)?.requiredSkill,
            !skillList(profile?.skills).contains(required)
        {
            return t(
                "You were not eligible: the members require the skill '%1$s' for '%2$s' work, and your skills do not name it.", required,
                job.category)
        }
        if !lists && !skilled {
            return t("You were not eligible: neither your skills nor your active listings name the category '%s'.", job.category)
        }
        return t(
            "You were not eligible when the job was posted (unavailable, or not yet listing in '%s'); the ranking is made once, when a job is posted.",
            job.category)
    }

    /// The requester's job requests, newest first.
    static func mine(_ req: Request) async throws -> [JobRequestRecord] {
        try await JobQueries.mine(customer: try req.requireUser().id, on: req.db)
    }
}

extension Jobs {
    struct ProfileInput: Content {
        var available: Bool
        /// Comma-separated; a category's name among them makes the worker eligible for its jobs.
        var skills: String?
        /// One of the co-op's areas, by id: the worker's place is its centre. Pages send only this.
        var areaID: String?
        /// Kept for API clients written before areas: decimal degrees, used when `areaID` is absent.
        var latitude: String?
        /// Kept for API clients written before areas.
        var longitude: String?
    }

    struct Profile: Content {
        let available: Bool
        let skills: [String]
        let latitude: String?
        let longitude: String?
    }

    static func profileView(_ p: WorkerProfileRecord?) -> Profile {
        func degrees(_ e6: Int64?) -> String? {
            guard let e6 else { return nil }
            let sign = e6 < 0 ? "-" : ""
            let a = abs(e6)
            let frac = String(a % 1_000_000)
            return "\(sign)\(a / 1_000_000).\(String(repeating: "0", count: 6 - frac.count))\(frac)"
        }
        return Profile(
            available: p?.available ?? true, skills: skillList(p?.skills), latitude: degrees(p?.latitudeE6),
            longitude: degrees(p?.longitudeE6))
    }

    static func requireWorker(_ req: Request) async throws -> MembershipRecord {
        let (_, member) = try await req.requireMember()
        guard Listings.mayList(member, bylaws: try await req.bylaws()) else {
            throw Abort(.forbidden, reason: t("Only worker-members take jobs."))
        }
        return member
    }

    static func profile(_ req: Request) async throws -> Profile {
        let id = try await requireWorker(req).requireID()
        return profileView(try await JobQueries.profile(of: id, on: req.db))
    }

    /// Sets a worker's availability, skills and place. Marking oneself unavailable declines any
    /// offer open to one, which passes to the next worker.
    static func setProfile(_ req: Request) async throws -> Profile {
        let id = try await requireWorker(req).requireID()
        let input = try req.content.decode(ProfileInput.self)
        let skills = skillList(input.skills)
        guard skills.count <= 30, skills.allSatisfy({ $0.count <= 40 }) else {
            throw CoopError.invalid(t("List at most 30 skills, each at most 40 characters."))
        }
        var place = try Listings.place(latitude: input.latitude, longitude: input.longitude)
        if let area = try Listings.area(input.areaID, in: try await req.bylaws()) { place = (area.latitudeE6, area.longitudeE6) }
        let (lat, lon) = place
        let now = req.now
        return try await req.write { db in
            profileView(
                try await JobCommands.setProfile(
                    of: id, available: input.available, skills: skills, latitudeE6: lat, longitudeE6: lon, on: db, at: now))
        }
    }

    /// The jobs on offer to a worker now.
    static func offers(_ req: Request, worker: UUID) async throws -> [JobRequestRecord] {
        try await JobQueries.offers(worker: worker, at: req.now, on: req.db)
    }
}

/// What a member sees first: as a worker, offers, availability, hours and earnings by month; as
/// a customer, their orders and job requests.
struct Dashboard: Content {
    let worker: Worker?
    let orders: [OrderLine]
    let jobs: [JobLine]

    struct Worker: Content {
        let profile: Jobs.Profile
        let offers: [Jobs.View]
        /// By calendar month (UTC), newest first.
        let periods: [Period]
        let earned: String
    }

    struct Period: Content {
        let month: String
        let completed: Int
        let minutes: Int64
        let earned: String
        let earnedMinorUnits: Int64
    }

    struct OrderLine: Content {
        let number: Int
        let title: String
        let state: String
        let role: String
        let price: String
        let createdAt: Date
    }

    struct JobLine: Content {
        let number: Int
        let title: String
        let state: String
        let order: Int?
        let createdAt: Date
    }

    static func build(_ req: Request) async throws -> Dashboard {
        let user = try req.requireUser()
        return try await load(
            user: user.id, member: try await req.membership(of: user), bylaws: try await req.bylaws(), on: req.db, at: req.now)
    }

    /// The dashboard of `user`, whose membership is `member`, at `now`.
    static func load(user: UUID, member: MembershipRecord?, bylaws: Bylaws, on db: any Database, at now: Date) async throws -> Dashboard {
        var worker: Worker?
        if let member, Listings.mayList(member, bylaws: bylaws) {
            let id = try member.requireID()
            let profile = try await JobQueries.profile(of: id, on: db)
            var offers: [Jobs.View] = []
            for j in try await JobQueries.offers(worker: id, at: now, on: db) {
                offers.append(try await Jobs.load(j, user: user, member: member, bylaws: bylaws, on: db, at: now))
            }
            let periods = try await WorkerMonths.months(worker: id, currency: bylaws.currency, on: db).map { m in
                Period(
                    month: m.month, completed: m.completed, minutes: m.minutes,
                    earned: Money(minorUnits: m.earnedMinor, currency: bylaws.currency).description, earnedMinorUnits: m.earnedMinor)
            }
            worker = Worker(
                profile: Jobs.profileView(profile), offers: offers, periods: periods,
                earned: Money(minorUnits: periods.reduce(0) { $0 + $1.earnedMinorUnits }, currency: bylaws.currency).description)
        }
        let orders = try await OrderQueries.mine(user: user, on: db)
        // Orders placed before titles were frozen on them read their listing's.
        let titles = try await OrderQueries.listingTitles(Set(orders.filter { $0.title == nil }.map(\.listingID)), on: db)
        var jobs: [JobLine] = []
        for j in try await JobQueries.mine(customer: user, on: db) {
            var order: Int?
            if let o = j.orderID { order = orders.first { $0.id == o }?.number }
            jobs.append(JobLine(number: j.number, title: j.title, state: j.state.rawValue, order: order, createdAt: j.createdAt))
        }
        return Dashboard(
            worker: worker,
            orders: orders.map { o in
                OrderLine(
                    number: o.number, title: o.title ?? titles[o.listingID] ?? "", state: o.state.rawValue,
                    role: o.customerID == user ? "customer" : "worker",
                    price: Money(minorUnits: o.priceMinor, currency: bylaws.currency).description, createdAt: o.createdAt)
            }, jobs: jobs)
    }
}
