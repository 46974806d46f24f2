import Foundation
import Synchronization

/// Time zones by their IANA names (`Europe/Madrid`): a member's setting, the co-op's default.
public enum BookingZone {
    /// Whether `id` names a time zone this system knows.
    public static func isKnown(_ id: String) -> Bool { !id.isEmpty && TimeZone(identifier: id) != nil }

    /// The zone named `id`, or UTC when it is absent or unknown.
    public static func zone(_ id: String?) -> TimeZone {
        id.flatMap { TimeZone(identifier: $0) } ?? TimeZone(identifier: "UTC")!
    }

    /// The zone a member sees dates in: their own setting, else the co-op's.
    public static func viewer(_ own: String?, coop: String?) -> TimeZone {
        if let own, isKnown(own) { return zone(own) }
        return zone(coop)
    }

    /// The IANA names to choose from, sorted, with UTC first.
    public static var choices: [String] {
        ["UTC"] + TimeZone.knownTimeZoneIdentifiers.filter { $0.contains("/") }.sorted()
    }

    /// A Gregorian calendar in `zone`.
    public static func calendar(_ zone: TimeZone) -> Calendar {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = zone
        return c
    }
}

/// The governed length of a booking: at least `minimum` minutes, in steps of `step` minutes
/// (policies `booking_minimum_minutes` and `booking_step_minutes`).
public struct BookingRules: Sendable, Equatable {
    /// The shortest booking, in minutes.
    public let minimum: Int64
    /// The step of a booking's length and of its start times, in minutes.
    public let step: Int64

    /// Rules from the policies in force (a step below 1 counts as 1).
    public init(minimum: Int64, step: Int64) {
        self.minimum = minimum
        self.step = max(1, step)
    }

    /// The rule in words: `A booking is at least 30 minutes, in steps of 15 minutes.`
    public var sentence: String { words.english }

    /// The rule as words to write in the reader's language.
    public var words: Words { Words("A booking is at least %1$d minutes, in steps of %2$d minutes.", .number(minimum), .number(step)) }

    /// Refuses a booking of `minutes` that is too short or off the step, saying the rule.
    public func check(minutes: Int64) throws(CoopError) {
        guard minutes >= minimum, minutes % step == 0 else { throw .invalid(words) }
    }

    /// The lengths a booking form offers: from the minimum, in steps, up to `upTo` minutes.
    public func lengths(upTo: Int64 = 480) -> [Int64] {
        stride(from: minimum, through: max(minimum, upTo), by: Int(step)).map { $0 }
    }
}

/// A calendar day in some zone, `2026-03-29`, without a time.
public struct LocalDay: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The year.
    public let year: Int
    /// The month, 1 to 12.
    public let month: Int
    /// The day of the month, 1 to 31.
    public let day: Int

    /// A day from its parts (checked by ``init(_:)`` when read from text).
    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The day written `YYYY-MM-DD`, or nil when it is not a real day.
    public init?(_ text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
            (1...12).contains(m), (1...31).contains(d), (1970...9999).contains(y)
        else { return nil }
        let utc = BookingZone.calendar(BookingZone.zone("UTC"))
        guard let date = utc.date(from: DateComponents(year: y, month: m, day: d)),
            utc.component(.day, from: date) == d
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// The day `date` falls on in `zone`.
    public static func of(_ date: Date, in zone: TimeZone) -> LocalDay {
        let c = BookingZone.calendar(zone).dateComponents([.year, .month, .day], from: date)
        return LocalDay(year: c.year!, month: c.month!, day: c.day!)
    }

    /// `2026-03-29`.
    public var description: String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(year)-\(two(month))-\(two(day))"
    }

    /// The day `n` days later (earlier when negative).
    public func adding(days n: Int) -> LocalDay {
        let utc = BookingZone.calendar(BookingZone.zone("UTC"))
        let date = utc.date(byAdding: .day, value: n, to: utc.date(from: DateComponents(year: year, month: month, day: day))!)!
        return .of(date, in: BookingZone.zone("UTC"))
    }

    /// The weekday, 1 (Monday) to 7 (Sunday), as ISO 8601 counts.
    public var weekday: Int {
        let utc = BookingZone.calendar(BookingZone.zone("UTC"))
        let w = utc.component(.weekday, from: utc.date(from: DateComponents(year: year, month: month, day: day))!)
        return w == 1 ? 7 : w - 1
    }

    /// The moment the wall clock in `zone` shows `minute` minutes after this day's midnight
    /// (1440 is the next midnight). In a daylight-saving gap, the first moment after it.
    public func moment(minute: Int, in zone: TimeZone) -> Date {
        let cal = BookingZone.calendar(zone)
        let base = minute >= 1440 ? adding(days: 1) : self
        let m = minute >= 1440 ? minute - 1440 : minute
        let c = DateComponents(year: base.year, month: base.month, day: base.day, hour: m / 60, minute: m % 60)
        return cal.date(from: c)!
    }

    /// Orders days by date.
    public static func < (a: LocalDay, b: LocalDay) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }
}

/// Part of a day on the wall clock: from `start` to `end` minutes after midnight (1440 is midnight at its end).
public struct DayRange: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Minutes after midnight when it starts, 0 to 1439.
    public let start: Int
    /// Minutes after midnight when it ends, after `start`, at most 1440.
    public let end: Int

    /// A range; nil unless 0 ≤ start < end ≤ 1440.
    public init?(start: Int, end: Int) {
        guard 0 <= start, start < end, end <= 1440 else { return nil }
        self.start = start
        self.end = end
    }

    /// `09:00–17:00`.
    public var description: String { "\(Self.clock(start))–\(Self.clock(end))" }

    /// Minutes after midnight as `09:05` (`24:00` for the end of the day).
    public static func clock(_ minutes: Int) -> String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(two(minutes / 60)):\(two(minutes % 60))"
    }

    /// Ranges written `09:00-12:00, 13:00-17:00` (en dash or hyphen); empty text is none.
    /// Throws the plain reason for the first one that cannot be read.
    public static func parseList(_ text: String) throws(CoopError) -> [DayRange] {
        var out: [DayRange] = []
        for part in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !part.isEmpty {
            let ends = part.replacingOccurrences(of: "–", with: "-").split(separator: "-").map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard ends.count == 2, let a = minutes(ends[0]), let b = minutes(ends[1]), let r = DayRange(start: a, end: b) else {
                throw .invalid(Words("'%s' is not a time range such as 09:00-17:00.", .text("\(part)")))
            }
            out.append(r)
        }
        return out.sorted { $0.start < $1.start }
    }

    /// `09:30` (or `9:30`, `24:00`) as minutes after midnight.
    public static func minutes(_ text: String) -> Int? {
        let hm = text.split(separator: ":")
        guard hm.count == 2, let h = Int(hm[0]), let m = Int(hm[1]), (0...24).contains(h), (0...59).contains(m), h < 24 || m == 0
        else { return nil }
        return h * 60 + m
    }
}

/// When a worker takes bookings: weekly hours on the wall clock of their zone, days off, and
/// extra hours on given days. Pure: the concrete moments of a day are worked out with the
/// calendar of the worker's zone, so `Mon 09:00–17:00` stays 09:00–17:00 across a change of
/// daylight-saving time.
public struct Availability: Sendable, Equatable {
    /// Hours by ISO weekday, 1 (Monday) to 7 (Sunday).
    public var weekly: [Int: [DayRange]]
    /// Days with no weekly hours.
    public var daysOff: Set<LocalDay>
    /// Hours added on given days (also on a day off).
    public var extra: [LocalDay: [DayRange]]

    /// Availability from its parts; none by default.
    public init(weekly: [Int: [DayRange]] = [:], daysOff: Set<LocalDay> = [], extra: [LocalDay: [DayRange]] = [:]) {
        self.weekly = weekly
        self.daysOff = daysOff
        self.extra = extra
    }

    /// Whether the worker has set any hours at all.
    public var isEmpty: Bool { weekly.values.allSatisfy(\.isEmpty) && extra.values.allSatisfy(\.isEmpty) }

    /// The wall-clock ranges of one day: its weekly hours unless it is a day off, plus its extra hours.
    public func ranges(on day: LocalDay) -> [DayRange] {
        (daysOff.contains(day) ? [] : weekly[day.weekday] ?? []) + (extra[day] ?? [])
    }

    /// The moments the worker is available that start on `day` in `zone`, joined where they touch
    /// or overlap (also across midnight into the next day), in order.
    public func windows(on day: LocalDay, in zone: TimeZone) -> [DateInterval] {
        merged(from: day.adding(days: -1), through: day.adding(days: 1), in: zone).filter {
            LocalDay.of($0.start, in: zone) == day
                || (LocalDay.of($0.start, in: zone) < day && $0.end > day.moment(minute: 0, in: zone))
        }
    }

    func merged(from first: LocalDay, through last: LocalDay, in zone: TimeZone) -> [DateInterval] {
        var all: [DateInterval] = []
        var d = first
        while d <= last {
            for r in ranges(on: d) {
                let s = d.moment(minute: r.start, in: zone)
                let e = d.moment(minute: r.end, in: zone)
                if e > s { all.append(DateInterval(start: s, end: e)) }
            }
            d = d.adding(days: 1)
        }
        all.sort { $0.start < $1.start }
        var out: [DateInterval] = []
        for w in all {
            if let last = out.last, w.start <= last.end {
                out[out.count - 1] = DateInterval(start: last.start, end: max(last.end, w.end))
            } else {
                out.append(w)
            }
        }
        return out
    }

    /// Whether a booking from `start` lasting `minutes` lies wholly inside the worker's hours.
    public func contains(start: Date, minutes: Int64, in zone: TimeZone) -> Bool {
        let end = start.addingTimeInterval(TimeInterval(minutes * 60))
        let day = LocalDay.of(start, in: zone)
        return merged(from: day.adding(days: -1), through: day.adding(days: 2), in: zone).contains {
            $0.start <= start && end <= $0.end
        }
    }

    /// The start times on `day` (in `zone`) free for a booking of `minutes`: every `step` minutes
    /// from the start of each window, where the whole booking fits in the window, overlaps none of
    /// `booked`, and starts after `now`.
    public func freeStarts(
        on day: LocalDay, minutes: Int64, step: Int64, booked: [DateInterval], in zone: TimeZone, after now: Date
    ) -> [Date] {
        let length = TimeInterval(minutes * 60)
        var out: [Date] = []
        for w in windows(on: day, in: zone) {
            var t = w.start
            while t.addingTimeInterval(length) <= w.end {
                let slot = DateInterval(start: t, duration: length)
                if t > now, LocalDay.of(t, in: zone) == day, !booked.contains(where: { Booking.overlaps($0, slot) }) {
                    out.append(t)
                }
                t = t.addingTimeInterval(TimeInterval(max(1, step) * 60))
            }
        }
        return out
    }
}

/// Bookings of a worker's time: when two overlap, and the check a new one must pass.
public enum Booking {
    /// Orders in these states hold their booked time: a declined, cancelled or settled one frees it.
    public static let holdingStates: [OrderState] = [.requested, .accepted, .inProgress, .delivered, .completed, .reviewed, .disputed]

    /// The furthest ahead a booking may be made, in days.
    public static let horizonDays = 60

    /// Whether two half-open intervals share a moment (touching end to start does not).
    public static func overlaps(_ a: DateInterval, _ b: DateInterval) -> Bool { a.start < b.end && b.start < a.end }

    /// The time a booking from `start` of `minutes` holds.
    public static func interval(start: Date, minutes: Int64) -> DateInterval {
        DateInterval(start: start, duration: TimeInterval(max(0, minutes) * 60))
    }

    /// Refuses a booking that does not fit: in the past or beyond the horizon, outside the
    /// worker's hours, or over another booking of theirs (`booked`).
    public static func check(
        start: Date, minutes: Int64, availability: Availability, zone: TimeZone, booked: [DateInterval], now: Date
    ) throws(CoopError) {
        guard start > now else { throw .invalid("Pick a time that is still to come.") }
        guard start <= now.addingTimeInterval(TimeInterval(horizonDays * 86_400)) else {
            throw .invalid(Words("Bookings are taken up to %d days ahead.", .number(Int64(horizonDays))))
        }
        guard availability.contains(start: start, minutes: minutes, in: zone) else {
            throw .conflict("The worker does not take bookings at that time; pick one of the free times shown.")
        }
        let slot = interval(start: start, minutes: minutes)
        guard !booked.contains(where: { overlaps($0, slot) }) else {
            throw .conflict("That time has just been booked by someone else; pick another free time.")
        }
    }
}

/// Dates written for a person in their zone, with the zone's abbreviation: `Mon 30 Mar 2026, 09:00 CEST`.
public enum ZonedText {
    /// `Mon 30 Mar 2026, 09:00 CEST` in `zone`.
    public static func dateTime(_ d: Date, in zone: TimeZone) -> String {
        format(d, zone, "EEE d MMM yyyy, HH:mm") + " " + abbreviation(d, in: zone)
    }

    /// `09:00` in `zone`.
    public static func time(_ d: Date, in zone: TimeZone) -> String { format(d, zone, "HH:mm") }

    /// `Monday 30 March 2026` in `zone`.
    public static func day(_ d: Date, in zone: TimeZone) -> String { format(d, zone, "EEEE d MMMM yyyy") }

    /// The zone's abbreviation at `d`, `CEST`.
    /// English locales name zones by the abbreviations their people use (`CET` in British
    /// English, `EST` in American); the first that is not only an offset (`GMT-5`) is taken.
    public static func abbreviation(_ d: Date, in zone: TimeZone) -> String {
        let key = "\(zone.identifier) \(zone.isDaylightSavingTime(for: d))"
        if let known = abbreviations.withLock({ $0[key] }) { return known }
        var found: String?
        for locale in ["en_GB", "en_US", "en_CA", "en_AU", "en_NZ", "en_IE", "en_IN", "en_ZA"] {
            let a = format(d, zone, "zzz", locale: locale)
            if a == "GMT" || a == "UTC" || !a.hasPrefix("GMT") {
                found = a
                break
            }
        }
        let text = found ?? format(d, zone, "zzz")
        abbreviations.withLock { $0[key] = text }
        return text
    }

    private static let abbreviations = Mutex<[String: String]>([:])

    static func format(_ d: Date, _ zone: TimeZone, _ pattern: String, locale: String = "en_GB") -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: locale)
        f.timeZone = zone
        f.dateFormat = pattern
        return f.string(from: d)
    }
}
