import CoopCore
import Foundation
import Testing

@Suite struct AnnualMeetingRuleTests {
    let closed = Date(timeIntervalSince1970: 1_790_000_000)  // 2026-09-21T...Z

    @Test func theDeadlineIsCalendarMonthsAfterTheClose() {
        let jan31 = ISO8601DateFormatter().date(from: "2027-01-31T12:00:00Z")!
        #expect(AnnualMeeting.deadline(closedAt: jan31, months: 1) == ISO8601DateFormatter().date(from: "2027-02-28T12:00:00Z")!)
        #expect(AnnualMeeting.deadline(closedAt: jan31, months: 6) == ISO8601DateFormatter().date(from: "2027-07-31T12:00:00Z")!)
        #expect(AnnualMeeting.months(-5) == 0 && AnnualMeeting.months(99) == 24 && AnnualMeeting.months(6) == 6)
    }

    @Test func nothingIsDueWithoutAScheduleOrWhenAMeetingCounts() {
        let late = AnnualMeeting.deadline(closedAt: closed, months: 6)
        #expect(AnnualMeeting.due(closedAt: closed, months: 0, noticeDays: 14, held: false, now: late) == nil)
        #expect(AnnualMeeting.due(closedAt: closed, months: 6, noticeDays: 14, held: true, now: late) == nil)
    }

    @Test func theScheduleWaitsForStewardsUntilTheLastCall() {
        for months in [1, 6, 12, 24] {
            for notice in [0, 1, 14, 60] {
                let deadline = AnnualMeeting.deadline(closedAt: closed, months: months)
                let last = AnnualMeeting.lastCall(closedAt: closed, months: months, noticeDays: notice)
                #expect(AnnualMeeting.due(closedAt: closed, months: months, noticeDays: notice, held: false, now: last - 1) == nil)
                for now in [last, last + 3_599, last + 43_200] {
                    guard let date = AnnualMeeting.due(closedAt: closed, months: months, noticeDays: notice, held: false, now: now)
                    else {
                        Issue.record("nothing due at the last call, \(months) months, \(notice) days' notice")
                        continue
                    }
                    // The notice is given, the meeting is on the hour, and by the deadline.
                    #expect(date >= now.addingTimeInterval(Double(notice) * 86_400))
                    #expect(date.timeIntervalSince1970.truncatingRemainder(dividingBy: 3_600) == 0)
                    #expect(date <= deadline, "\(months) months, \(notice) days: \(date) after \(deadline)")
                    // The meeting it convenes counts, so it is convened once.
                    #expect(AnnualMeeting.counts(date, convenedAt: now, closedAt: closed, months: months, noticeDays: notice))
                }
            }
        }
    }

    @Test func aMeetingCountsAfterTheCloseByTheDeadlineOrWhenConvenedLate() {
        let deadline = AnnualMeeting.deadline(closedAt: closed, months: 6)
        let last = AnnualMeeting.lastCall(closedAt: closed, months: 6, noticeDays: 14)
        #expect(AnnualMeeting.counts(closed + 86_400, convenedAt: closed - 86_400 * 30, closedAt: closed, months: 6, noticeDays: 14))
        #expect(!AnnualMeeting.counts(closed, convenedAt: closed - 86_400, closedAt: closed, months: 6, noticeDays: 14))
        #expect(!AnnualMeeting.counts(closed - 86_400, convenedAt: closed - 86_400 * 30, closedAt: closed, months: 6, noticeDays: 14))
        // Convened early for after the deadline: not the annual meeting.
        #expect(!AnnualMeeting.counts(deadline + 1, convenedAt: closed + 86_400, closedAt: closed, months: 6, noticeDays: 14))
        // Convened at or after the last call (by the schedule, the deadline missed): it counts.
        #expect(AnnualMeeting.counts(deadline + 86_400 * 30, convenedAt: last, closedAt: closed, months: 6, noticeDays: 14))
        // A missed schedule: due at once, for as soon as the notice allows.
        let now = deadline + 86_400 * 10
        let date = AnnualMeeting.due(closedAt: closed, months: 6, noticeDays: 14, held: false, now: now)
        #expect(date.map { $0 >= now.addingTimeInterval(14 * 86_400) && $0 < now.addingTimeInterval(14 * 86_400 + 3_600) } == true)
    }

    /// The example in docs/assemblies.md, date for date.
    @Test func theDocumentedExampleHolds() {
        let iso = ISO8601DateFormatter()
        let close = iso.date(from: "2027-01-31T12:00:00Z")!
        #expect(AnnualMeeting.deadline(closedAt: close, months: 6) == iso.date(from: "2027-07-31T12:00:00Z")!)
        let last = AnnualMeeting.lastCall(closedAt: close, months: 6, noticeDays: 14)
        #expect(last == iso.date(from: "2027-07-16T12:00:00Z")!)
        #expect(
            AnnualMeeting.due(closedAt: close, months: 6, noticeDays: 14, held: false, now: last) == iso.date(from: "2027-07-30T12:00:00Z")!
        )
    }
}
