import CoopCore
import CoopStore
import FluentKit
import Foundation
import Vapor

/// Job requests and the dispatcher: a customer asks for work instead of choosing a listing; the
/// eligible workers are ranked by the governed weights when the job is posted, and the job is
/// offered down that ranking, one worker at a time, for the governed minutes each.
enum Jobs {
    /// Recent work, for the fair-share term, is the work of this many days.
    static let recentDays = WorkMinutes.recentDays

    /// The dispatch rules in force when a job is posted, frozen on it.
    typealias Rules = DispatchRules

    static func rules(on db: any Database) async throws -> Rules {
        try await JobQueries.rules(on: db)
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
        /// One of the co-op's areas, by id: the job takes its name and centre. Pages send only this.
        var areaID: String?
        /// Kept for API clients written before areas: a place in words, used when `areaID` is absent.
        var area: String?
        /// Kept for API clients written before areas: decimal degrees, with `longitude`.
        var latitude: String?
        /// Kept for API clients written before areas.
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
    static func skillList(_ text: String?) -> [String] { Skills.list(text) }

    /// Posts a job request, ranks the eligible workers and offers it to the first, in one transaction.
    static func post(_ req: Request) async throws -> JobRequestRecord {
        let user = try req.requireUser()
        let input = try req.content.decode(PostInput.self)
        let bylaws = try await req.bylaws()
        guard bylaws.categories.contains(input.category) else {
            throw CoopError.invalid(
                t("'%1$s' is not a category; choose one of %2$s.", input.category, bylaws.categories.joined(separator: ", ")))
        }
        let title = input.title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard PostInput.titleLength.contains(title.count) else { throw CoopError.invalid(t("A job's title is 3 to 120 characters.")) }
        let description = (input.description ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard PostInput.descriptionLength.contains(description.count) else {
            throw CoopError.invalid(t("A job's description is at most 2000 characters."))
        }
        let skills = skillList(input.skills)
        guard skills.count <= 10, skills.allSatisfy({ $0.count <= 40 }) else {
            throw CoopError.invalid(t("Ask for at most 10 skills, each at most 40 characters."))
        }
        guard PostInput.minutes.contains(input.estimatedMinutes) else {
            throw CoopError.invalid(t("A job takes from 15 minutes to a week (10080 minutes)."))
        }
        let budget: Money
        do {
            budget = Money(minorUnits: try Money.parseFixed(input.budget, digits: bylaws.currency.minorDigits), currency: bylaws.currency)
        } catch { throw CoopError.invalid(t("The budget '%1$s' is not an amount in %2$s.", input.budget, bylaws.currency.code)) }
        let (fee, minimum) = try await Listings.payTerms(bylaws, on: req.db)
        do {
            try Pricing.checkMinimumPay(
                unitPrice: budget, unit: .fixed, estimatedMinutes: input.estimatedMinutes, feeRate: fee, minimumPerHour: minimum)
        } catch { throw CoopError.invalid(error.description) }
        var (lat, lon) = try Listings.place(latitude: input.latitude, longitude: input.longitude)
        var area = (input.area ?? "").trimmingCharacters(in: .whitespaces)
        if let picked = try Listings.area(input.areaID, in: bylaws) {
            (area, lat, lon) = (picked.name, picked.latitudeE6, picked.longitudeE6)
        }
        var scheduledAt = input.scheduledAt
        if scheduledAt == nil, let when = input.when?.trimmingCharacters(in: .whitespaces), !when.isEmpty {
            let f = DateFormatter()
            f.locale = Locale(identifier: "en_US_POSIX")
            f.timeZone = TimeZone(identifier: "UTC")
            f.dateFormat = "yyyy-MM-dd'T'HH:mm"
            guard let d = f.date(from: when) else {
                throw CoopError.invalid(t("'%s' is not a date and time such as 2026-12-01T09:30.", when))
            }
            guard InputBounds.acceptsDate(secondsSince1970: d.timeIntervalSince1970) else {
                throw CoopError.invalid(t("'%1$s' is out of range: a date must be %2$s.", when, InputBounds.dateRange))
            }
            scheduledAt = d
        }
        guard area.count <= 120 else { throw CoopError.invalid(t("An area is at most 120 characters.")) }
        let now = req.now
        // The customer writes in the page's language (English behind the pseudo-language).
        let language = req.storage[LanguageKey.self].map { $0 == .qps ? Language.en : $0 }?.rawValue
        let new = JobCommands.NewJob(
            customer: user.id, category: input.category, title: title, description: description, skills: skills, scheduledAt: scheduledAt,
            area: area, latitudeE6: lat, longitudeE6: lon, budget: budget, estimatedMinutes: input.estimatedMinutes, language: language)
        return try await req.write { db in try await JobCommands.post(new, bylaws: bylaws, on: db, at: now) }
    }

    /// The job number in the request's path.
    static func number(_ req: Request) throws -> Int {
        try req.pathParameter(.number, expecting: t("a job number"))
    }

    static func job(_ req: Request) async throws -> JobRequestRecord {
        let n = try number(req)
        guard let j = try await JobQueries.job(number: n, on: req.db) else {
            throw Abort(.notFound, reason: t("There is no job #%s.", String(n)))
        }
        return j
    }

    typealias Answer = JobCommands.Answer

    /// The offered worker accepts or declines; the customer cancels. One transaction each.
    static func answer(_ req: Request, _ answer: Answer) async throws -> JobRequestRecord {
        let user = try req.requireUser()
        let member = try await req.membership(of: user)?.requireID()
        let id = try await job(req).requireID()
        let bylaws = try await req.bylaws()
        let now = req.now
        return try await req.write { db in
            try await JobCommands.answer(job: id, answer, user: user.id, member: member, bylaws: bylaws, on: db, at: now)
        }
    }

    /// Expires every offer left unanswered past its time and offers each job to the next worker.
    /// Each job in its own serialized transaction that re-reads it, so it runs once however often.
    static func expireDue(app: Application) async throws {
        let now = app.coop.config.now()
        for stale in try await JobQueries.expiredOffers(at: now, on: app.db) {
            let id = try stale.requireID()
            // One offer that cannot expire is logged and skipped: it does not hold up the others.
            do {
                try await app.coop.write(on: app.db) { db in try await JobCommands.expire(offer: id, on: db, at: now) }
            } catch {
                app.logger.error("job offer could not expire", metadata: ["offer": "\(id)", "error": "\(plainDescription(error))"])
            }
        }
    }
}

extension JobCommands.Answer {
    struct Input: Content, APIFieldRules {
        var action: String
        static let fieldRules: [String: APIFieldRule] = ["action": .oneOf(JobCommands.Answer.allCases.map(\.rawValue))]
    }

    static func parse(_ req: Request) throws -> Self {
        let text = try req.content.decode(Input.self).action
        guard let a = Self(rawValue: text) else {
            throw CoopError.invalid(t("'%s' is not an answer; use accept, decline or cancel.", text))
        }
        return a
    }
}
