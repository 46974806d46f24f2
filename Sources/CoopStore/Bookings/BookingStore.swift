import CoopCore
import FluentKit
import Foundation
import SQLKit

/// Workers' availability, members' time zones, and the bookings that hold a worker's time.
public enum BookingStore {
    /// The availability a worker (membership id) has set; none when they set nothing.
    public static func availability(of worker: UUID, on db: any Database) async throws -> Availability {
        try await availability(of: [worker], on: db)[worker] ?? Availability()
    }

    /// The availability of several workers (membership ids), in one query; a worker who set
    /// nothing is absent.
    public static func availability(of workers: [UUID], on db: any Database) async throws -> [UUID: Availability] {
        guard !workers.isEmpty else { return [:] }
        struct Keyed: Decodable {
            let worker_id: UUID
            let kind: String
            let weekday: Int?
            let day: String?
            let start_minute: Int?
            let end_minute: Int?
        }
        var out: [UUID: Availability] = [:]
        let rows = try await db.sql().raw(
            "SELECT worker_id, kind, weekday, day, start_minute, end_minute FROM availability WHERE worker_id IN (\(binds: workers))"
        ).all(decoding: Keyed.self)
        for r in rows {
            var a = out[r.worker_id] ?? Availability()
            let range = r.start_minute.flatMap { s in r.end_minute.flatMap { DayRange(start: s, end: $0) } }
            switch r.kind {
            case "weekly":
                if let w = r.weekday, let range { a.weekly[w, default: []].append(range) }
            case "extra":
                if let d = r.day.flatMap(LocalDay.init), let range { a.extra[d, default: []].append(range) }
            case "off":
                if let d = r.day.flatMap(LocalDay.init) { a.daysOff.insert(d) }
            default: continue
            }
            out[r.worker_id] = a
        }
        for (worker, a) in out {
            for k in a.weekly.keys { out[worker]?.weekly[k]?.sort { $0.start < $1.start } }
        }
        return out
    }

    /// Replaces a worker's weekly hours (ISO weekday 1 to 7 → ranges); their exceptions stay.
    public static func setWeekly(_ weekly: [Int: [DayRange]], of worker: UUID, on db: any Database) async throws {
        let sql = try db.sql()
        try await sql.raw("DELETE FROM availability WHERE worker_id = \(bind: worker) AND kind = 'weekly'").run()
        for (day, ranges) in weekly.sorted(by: { $0.key < $1.key }) where (1...7).contains(day) {
            for r in ranges {
                try await sql.raw(
                    """
                    INSERT INTO availability (id, worker_id, kind, weekday, start_minute, end_minute) \
                    VALUES (\(bind: UUID()), \(bind: worker), 'weekly', \(bind: day), \(bind: r.start), \(bind: r.end))
                    """
                ).run()
            }
        }
    }

    /// Sets a worker's exception on `day`: a day off (`ranges` empty), or extra hours; replaces
    /// any exception they had on that day.
    public static func setException(on day: LocalDay, ranges: [DayRange], of worker: UUID, on db: any Database) async throws {
        let sql = try db.sql()
        try await clearException(on: day, of: worker, on: db)
        if ranges.isEmpty {
            try await sql.raw(
                "INSERT INTO availability (id, worker_id, kind, day) VALUES (\(bind: UUID()), \(bind: worker), 'off', \(bind: day.description))"
            ).run()
        }
        for r in ranges {
            try await sql.raw(
                """
                INSERT INTO availability (id, worker_id, kind, day, start_minute, end_minute) \
                VALUES (\(bind: UUID()), \(bind: worker), 'extra', \(bind: day.description), \(bind: r.start), \(bind: r.end))
                """
            ).run()
        }
    }

    /// Removes a worker's exception on `day`, if any.
    public static func clearException(on day: LocalDay, of worker: UUID, on db: any Database) async throws {
        try await db.sql().raw(
            "DELETE FROM availability WHERE worker_id = \(bind: worker) AND kind IN ('off', 'extra') AND day = \(bind: day.description)"
        ).run()
    }

    /// A user's own time zone setting (an IANA name), nil when they chose none.
    public static func timeZone(ofUser user: UUID, on db: any Database) async throws -> String? {
        struct Z: Decodable { let timezone: String? }
        return try await db.sql().raw("SELECT timezone FROM users WHERE id = \(bind: user)").first(decoding: Z.self)?.timezone
    }

    /// Sets a user's time zone (nil: the co-op's). The caller has checked the name.
    public static func setTimeZone(_ zone: String?, ofUser user: UUID, on db: any Database) async throws {
        try await db.sql().raw("UPDATE users SET timezone = \(bind: zone) WHERE id = \(bind: user)").run()
    }

    /// The time zone of a worker (membership id): their user's own, else `coop`.
    public static func timeZone(ofWorker worker: UUID, coop: String?, on db: any Database) async throws -> TimeZone {
        struct Z: Decodable { let timezone: String? }
        let own = try await db.sql().raw(
            "SELECT u.timezone FROM users u JOIN memberships m ON m.user_id = u.id WHERE m.id = \(bind: worker)"
        ).first(decoding: Z.self)?.timezone
        return BookingZone.viewer(own, coop: coop)
    }

    /// One booking on a worker's calendar.
    public struct Entry: Sendable, Equatable {
        /// The order's number.
        public let number: Int
        /// The listing's title.
        public let title: String
        /// The customer's name.
        public let customer: String
        /// When it starts.
        public let start: Date
        /// How long it lasts, in minutes.
        public let minutes: Int64
        /// The order's state.
        public let state: OrderState

        /// The time it holds.
        public var interval: DateInterval { Booking.interval(start: start, minutes: minutes) }
    }

    /// A worker's bookings that hold their time (``Booking/holdingStates``) and end after `from`
    /// and start before `to`, earliest first. A booking is an order by the hour with a time.
    public static func bookings(of worker: UUID, from: Date, to: Date, on db: any Database) async throws -> [Entry] {
        struct R: Decodable {
            let number: Int
            let title: String?
            let name: String?
            let scheduled_at: Date
            let quantity: Int64
            let state: OrderState
        }
        // Bookings start at most a day before `from` (the longest booking is shorter than a day).
        let rows = try await db.sql().raw(
            """
            SELECT o.number, l.title, u.name, o.scheduled_at, o.quantity, o.state FROM orders o \
            LEFT JOIN listings l ON l.id = o.listing_id LEFT JOIN users u ON u.id = o.customer_id \
            WHERE o.worker_id = \(bind: worker) AND o.unit = \(bind: PriceUnit.perHour.rawValue) AND o.scheduled_at IS NOT NULL \
            AND o.scheduled_at < \(bind: to) AND o.scheduled_at >= \(bind: from.addingTimeInterval(-86_400)) \
            AND o.state IN (\(binds: Booking.holdingStates.map(\.rawValue))) ORDER BY o.scheduled_at
            """
        ).all(decoding: R.self)
        return rows.map {
            Entry(
                number: $0.number, title: $0.title ?? "", customer: $0.name ?? "", start: $0.scheduled_at, minutes: $0.quantity,
                state: $0.state)
        }.filter { $0.interval.end > from }
    }

    /// The governed rules of a booking's length, as in force.
    public static func rules(on db: any Database) async throws -> BookingRules {
        BookingRules(
            minimum: try await PolicyStore.number(.bookingMinimumMinutes, on: db),
            step: try await PolicyStore.number(.bookingStepMinutes, on: db))
    }

    /// Checks, in the caller's write transaction, the bookings among `jobs` (orders by the hour
    /// of a listed service): the length by the rules in force, and the time against the worker's
    /// hours and bookings, those already stored and those placed before it in the batch. A
    /// worker who has set no hours takes orders without a time, as before there were bookings.
    /// Returns, for each job, nil or the reason it is refused.
    static func check(_ jobs: [OrderStore.Placement], rules: BookingRules, on db: any Database) async throws -> [(any Error)?] {
        let booking = jobs.map { $0.offer.unit == .perHour && $0.offer.kind == .service && !$0.unlisted }
        guard booking.contains(true) else { return jobs.map { _ in nil } }
        // One query for every worker's hours; their zone and bookings only where a time is to be checked.
        let workers = Array(Set(zip(jobs, booking).compactMap { job, isBooking in isBooking ? job.offer.workerID : nil }))
        let availability = try await self.availability(of: workers, on: db)
        var zones: [UUID: TimeZone] = [:]
        var held: [UUID: [DateInterval]] = [:]
        var out: [(any Error)?] = []
        for (job, isBooking) in zip(jobs, booking) {
            guard isBooking else {
                out.append(nil)
                continue
            }
            do {
                try rules.check(minutes: job.quantity)
                let worker = job.offer.workerID
                let hours = availability[worker] ?? Availability()
                guard let start = job.scheduledAt else {
                    if hours.isEmpty {
                        out.append(nil)
                    } else {
                        out.append(CoopError.invalid("Pick a day and a free time for the booking."))
                    }
                    continue
                }
                if zones[worker] == nil {
                    zones[worker] = try await timeZone(ofWorker: worker, coop: job.coopTimeZone, on: db)
                    held[worker] = try await bookings(
                        of: worker, from: job.at, to: job.at.addingTimeInterval(Double(Booking.horizonDays + 2) * 86_400), on: db
                    ).map(\.interval)
                }
                try Booking.check(
                    start: start, minutes: job.quantity, availability: hours, zone: zones[worker]!, booked: held[worker] ?? [], now: job.at)
                held[worker, default: []].append(Booking.interval(start: start, minutes: job.quantity))
                out.append(nil)
            } catch {
                out.append(error)
            }
        }
        return out
    }
}
