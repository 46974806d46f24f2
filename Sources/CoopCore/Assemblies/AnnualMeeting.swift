import Foundation

/// The bylaws' schedule of annual general meetings: one must be held within
/// `annual_meeting_months` calendar months of each fiscal period's close. Stewards convene it as
/// they wish (a place, an agenda); if none has, the schedule convenes it itself at the last moment
/// the notice period allows, so the meeting is never missed.
public enum AnnualMeeting {
    /// The policy is read within these bounds, in months; 0 means the bylaws set no schedule.
    public static let monthsBounds: ClosedRange<Int64> = 0...24

    /// The months in force for a policy value, within ``monthsBounds``.
    public static func months(_ policy: Int64) -> Int { Int(min(max(policy, monthsBounds.lowerBound), monthsBounds.upperBound)) }

    /// The last moment the annual meeting for a period closed at `closedAt` may begin.
    public static func deadline(closedAt: Date, months: Int) -> Date { FiscalCalendar.end(of: closedAt, months: months) }

    /// The last moment stewards may convene the meeting before the schedule does: a day before
    /// the notice period would carry it past the deadline.
    public static func lastCall(closedAt: Date, months: Int, noticeDays: Int) -> Date {
        deadline(closedAt: closedAt, months: months).addingTimeInterval(-Double(noticeDays) * 86_400 - 86_400)
    }

    /// Whether an assembly beginning at `startsAt`, convened at `convenedAt`, is that period's
    /// annual meeting: it begins after the close, and by the deadline, or it was convened once the
    /// last call had passed (a meeting the schedule convened late, when the deadline could no
    /// longer be met, still counts: it is not convened again and again).
    public static func counts(_ startsAt: Date, convenedAt: Date, closedAt: Date, months: Int, noticeDays: Int) -> Bool {
        startsAt > closedAt
            && (startsAt <= deadline(closedAt: closedAt, months: months)
                || convenedAt >= lastCall(closedAt: closedAt, months: months, noticeDays: noticeDays))
    }

    /// When the schedule must convene the meeting itself, if it must now: nil when the bylaws set
    /// no schedule (`months` 0), when an assembly already counts (`held`), or while stewards still
    /// have time to convene it with the notice the bylaws require (until a day before the last
    /// moment that notice allows). Otherwise the date to hold it: the notice period from now,
    /// rounded up to the next whole hour (after the deadline, if the schedule was missed: the
    /// meeting is still held, as soon as the notice allows).
    public static func due(closedAt: Date, months: Int, noticeDays: Int, held: Bool, now: Date) -> Date? {
        guard months > 0, !held else { return nil }
        guard now >= lastCall(closedAt: closedAt, months: months, noticeDays: noticeDays) else { return nil }
        let earliest = now.addingTimeInterval(Double(noticeDays) * 86_400)
        return Date(timeIntervalSince1970: (earliest.timeIntervalSince1970 / 3_600).rounded(.up) * 3_600)
    }
}
