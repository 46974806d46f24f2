import CoopCore
import CoopStore
import Foundation
import Vapor

/// Bookings in the JSON API: a listing's free times on a day, and a worker's weekly hours.
enum BookingAPI {
    struct Slots: Content {
        let listing: UUID
        /// The day, in the caller's time zone.
        let day: String
        /// The caller's time zone (IANA).
        let timezone: String
        let minutes: Int64
        /// The governed rule, in words.
        let rule: String
        /// Whether the worker has set hours; if not, an order takes no time.
        let workerHasHours: Bool
        /// The free start times, in UTC.
        let times: [Date]
    }

    struct Exception: Content {
        let day: String
        let dayOff: Bool
        /// Extra hours, `09:00-13:00`; empty for none.
        let extra: String
    }

    /// A worker's hours: weekly ranges per weekday (`09:00-12:00, 13:00-17:00`; empty for none).
    struct HoursDTO: Content {
        let timezone: String
        let monday: String
        let tuesday: String
        let wednesday: String
        let thursday: String
        let friday: String
        let saturday: String
        let sunday: String
        let exceptions: [Exception]
    }

    struct WeeklyInput: Content, APIFieldRules {
        var monday: String?
        var tuesday: String?
        var wednesday: String?
        var thursday: String?
        var friday: String?
        var saturday: String?
        var sunday: String?

        static let fieldRules: [String: APIFieldRule] = Dictionary(
            uniqueKeysWithValues: ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"].map {
                ($0, APIFieldRule.length(0...200))
            })

        var days: [String?] { [monday, tuesday, wednesday, thursday, friday, saturday, sunday] }
    }

    static func register(_ api: APIRoutes) {
        api.on(
            .GET, .listingSlots,
            summary: "Free start times of an hourly service on a day (query: day=YYYY-MM-DD in your time zone, quantity=minutes)",
            auth: .user
        ) { req async throws -> Slots in
            _ = try req.requireUser()
            let id = try req.pathParameter(.id, expecting: t("a listing id"))
            let q = (try? req.query.decode(BookingPages.BookQuery.self)) ?? BookingPages.BookQuery()
            var day: LocalDay?
            if let text = q.day, !text.isEmpty {
                guard let d = LocalDay(text) else { throw CoopError.invalid("'\(text)' is not a day such as 2026-12-01.") }
                day = d
            }
            let bylaws = try await req.bylaws()
            let zone = try await req.viewerZone()
            let m = try await BookingShow.Model.load(
                listing: id, day: day, minutes: q.quantity.flatMap { Int64($0) }, viewer: zone, coopZone: bylaws.timezone,
                currency: bylaws.currency, on: req.db, at: req.now)
            return Slots(
                listing: id, day: m.day.description, timezone: zone.identifier, minutes: m.minutes, rule: m.rules.sentence,
                workerHasHours: m.hasHours, times: m.times)
        }
        api.on(.GET, .bookingHours, summary: "My weekly hours and exceptions for bookings (worker-members)", auth: .member) {
            req async throws -> HoursDTO in
            try await hours(req)
        }
        api.on(
            .PUT, .bookingHours, summary: "Set my weekly hours for bookings, as 09:00-12:00, 13:00-17:00 per weekday (worker-members)",
            auth: .member, input: WeeklyInput.self
        ) { req, input async throws -> HoursDTO in
            let worker = try await Hours.worker(req)
            var weekly: [Int: [DayRange]] = [:]
            for (i, text) in input.days.enumerated() {
                do throws(CoopError) { weekly[i + 1] = try DayRange.parseList(text ?? "") } catch {
                    throw CoopError.invalid(Words("%1$s: %2$s", .text(Hours.weekdays[i]), .notice(error.words)))
                }
            }
            let set = weekly
            try await req.write { db in try await BookingStore.setWeekly(set, of: worker, on: db) }
            return try await hours(req)
        }
    }

    static func hours(_ req: Request) async throws -> HoursDTO {
        let worker = try await Hours.worker(req)
        let a = try await BookingStore.availability(of: worker, on: req.db)
        let zone = try await BookingStore.timeZone(ofWorker: worker, coop: try await req.bylaws().timezone, on: req.db)
        func day(_ n: Int) -> String {
            (a.weekly[n] ?? []).map { "\(DayRange.clock($0.start))-\(DayRange.clock($0.end))" }.joined(separator: ", ")
        }
        let days = Set(a.daysOff).union(a.extra.keys).sorted()
        return HoursDTO(
            timezone: zone.identifier, monday: day(1), tuesday: day(2), wednesday: day(3), thursday: day(4), friday: day(5),
            saturday: day(6), sunday: day(7),
            exceptions: days.map { d in
                Exception(
                    day: d.description, dayOff: a.daysOff.contains(d),
                    extra: (a.extra[d] ?? []).map { "\(DayRange.clock($0.start))-\(DayRange.clock($0.end))" }.joined(separator: ", "))
            })
    }
}
