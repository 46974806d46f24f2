import Foundation

/// When the daily digest is due, and when a mail that could not be sent is tried again.
public struct DigestSchedule: Sendable, Equatable {
    /// The hour of the day (0 to 23), in ``timeZone``, at which digests are made.
    public let hour: Int
    /// The time zone the hour is in.
    public let timeZone: TimeZone

    /// Digests made every day at `hour` in `timeZone`.
    public init(hour: Int = 7, timeZone: TimeZone = TimeZone(identifier: "UTC")!) {
        self.hour = min(max(hour, 0), 23)
        self.timeZone = timeZone
    }

    /// The last time a digest was due at or before `now`: today's hour once it has passed,
    /// otherwise yesterday's. Notifications made before it go into that digest.
    public func lastDue(atOrBefore now: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let today = calendar.startOfDay(for: now)
        let due = calendar.date(bySettingHour: hour, minute: 0, second: 0, of: today) ?? today
        if due <= now { return due }
        return calendar.date(byAdding: .day, value: -1, to: due) ?? due.addingTimeInterval(-86_400)
    }

    /// The day a digest due at `due` is for, as `2026-11-30` in ``timeZone``: it names the mail and
    /// keys it, so a digest is made once per member and day.
    public func day(of due: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: due)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }
}

/// Retries of a mail that could not be sent: exponential backoff, then it is given up.
public enum MailRetry {
    /// The most attempts before a mail is marked failed (about two days of tries).
    public static let maxAttempts = 16
    /// The first wait, in seconds.
    public static let firstWait: TimeInterval = 30
    /// The longest wait, in seconds.
    public static let longestWait: TimeInterval = 6 * 3600

    /// The wait after `attempts` failed attempts (1 or more): 30 s, 60 s, 2 min... at most 6 hours.
    public static func wait(afterAttempts attempts: Int) -> TimeInterval {
        let n = max(attempts, 1) - 1
        guard n < 30 else { return longestWait }
        return min(firstWait * Double(1 << n), longestWait)
    }

    /// Whether a mail that failed `attempts` times is given up.
    public static func givesUp(afterAttempts attempts: Int) -> Bool { attempts >= maxAttempts }
}
