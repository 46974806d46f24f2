import CoopCore
import Foundation
import Testing

private let madrid = TimeZone(identifier: "Europe/Madrid")!
private func utc(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }
private func day(_ text: String) -> LocalDay { LocalDay(text)! }
private func ranges(_ text: String) -> [DayRange] { try! DayRange.parseList(text) }

@Suite struct BookingTests {
    @Test func aBookingIsAtLeastTheMinimumAndInSteps() {
        let rules = BookingRules(minimum: 30, step: 15)
        #expect(throws: CoopError.invalid("A booking is at least 30 minutes, in steps of 15 minutes.")) { try rules.check(minutes: 1) }
        #expect(throws: CoopError.invalid(rules.words)) { try rules.check(minutes: 40) }
        #expect(throws: CoopError.invalid(rules.words)) { try rules.check(minutes: 15) }
        #expect((try? rules.check(minutes: 30)) != nil)
        #expect((try? rules.check(minutes: 45)) != nil)
        #expect(rules.lengths(upTo: 90) == [30, 45, 60, 75, 90])
    }

    @Test func rangesAreReadAsPeopleWriteThemAndRefusedInPlainWords() throws {
        #expect(ranges("09:00-12:00, 13:00–17:30").map(\.description) == ["09:00–12:00", "13:00–17:30"])
        #expect(ranges(" ").isEmpty)
        #expect(ranges("22:00-24:00").first?.end == 1440)
        #expect(throws: CoopError.invalid("'17:00-09:00' is not a time range such as 09:00-17:00.")) {
            try DayRange.parseList("17:00-09:00")
        }
        #expect(throws: CoopError.self) { try DayRange.parseList("9-5") }
        #expect(throws: CoopError.self) { try DayRange.parseList("09:00-24:30") }
        #expect(LocalDay("2026-02-30") == nil && LocalDay("2026-13-01") == nil && LocalDay("tomorrow") == nil)
        #expect(day("2026-03-30").weekday == 1 && day("2026-03-29").weekday == 7)
    }

    @Test func weeklyHoursStayOnTheWallClockAcrossDaylightSavingChanges() {
        let a = Availability(weekly: [1: ranges("09:00-17:00"), 7: ranges("00:00-06:00")])
        // Madrid moves from CET (UTC+1) to CEST (UTC+2) on Sunday 29 March 2026 at 02:00.
        #expect(
            a.windows(on: day("2026-03-23"), in: madrid) == [
                DateInterval(start: utc("2026-03-23T08:00:00Z"), end: utc("2026-03-23T16:00:00Z"))
            ])
        #expect(
            a.windows(on: day("2026-03-30"), in: madrid) == [
                DateInterval(start: utc("2026-03-30T07:00:00Z"), end: utc("2026-03-30T15:00:00Z"))
            ])
        // The night of the change has an hour less: 00:00 to 06:00 is five hours.
        #expect(a.windows(on: day("2026-03-29"), in: madrid).first.map { Int($0.duration.rounded()) } == 5 * 3600)
        // And back on Sunday 25 October 2026 at 03:00.
        #expect(a.windows(on: day("2026-10-19"), in: madrid).first?.start == utc("2026-10-19T07:00:00Z"))
        #expect(a.windows(on: day("2026-10-26"), in: madrid).first?.start == utc("2026-10-26T08:00:00Z"))
        #expect(a.windows(on: day("2026-10-25"), in: madrid).first.map { Int($0.duration.rounded()) } == 7 * 3600)
        // Tuesday has no hours.
        #expect(a.windows(on: day("2026-03-24"), in: madrid).isEmpty)
    }

    @Test func aDayOffRemovesTheWeeklyHoursAndExtraHoursAddToADay() {
        var a = Availability(weekly: [1: ranges("09:00-12:00")])
        a.daysOff = [day("2026-10-19")]
        a.extra = [day("2026-10-20"): ranges("14:00-16:00"), day("2026-10-26"): ranges("12:00-13:00")]
        #expect(a.windows(on: day("2026-10-19"), in: madrid).isEmpty)
        #expect(a.windows(on: day("2026-10-20"), in: madrid) == [DateInterval(start: utc("2026-10-20T12:00:00Z"), duration: 7200)])
        // Extra hours that touch the weekly ones make one window.
        #expect(a.windows(on: day("2026-10-26"), in: madrid) == [DateInterval(start: utc("2026-10-26T08:00:00Z"), duration: 4 * 3600)])
        #expect(!a.contains(start: utc("2026-10-19T07:00:00Z"), minutes: 60, in: madrid))
        #expect(a.contains(start: utc("2026-10-26T10:30:00Z"), minutes: 90, in: madrid))
        #expect(!a.contains(start: utc("2026-10-26T11:30:00Z"), minutes: 60, in: madrid))
    }

    @Test func aBookingMayRunPastMidnightWhenTheHoursDo() {
        let a = Availability(weekly: [5: ranges("22:00-24:00"), 6: ranges("00:00-02:00")])
        #expect(a.contains(start: utc("2026-10-23T21:00:00Z"), minutes: 120, in: madrid))  // Fri 23:00 CEST to Sat 01:00
        #expect(!a.contains(start: utc("2026-10-23T23:30:00Z"), minutes: 60, in: madrid))  // Sat 01:30 to 02:30
    }

    @Test func freeStartsLeaveOutWhatIsBookedAndWhatHasPassed() {
        let a = Availability(weekly: [1: ranges("09:00-12:00")])
        let now = utc("2026-10-01T00:00:00Z")
        let all = a.freeStarts(on: day("2026-10-19"), minutes: 60, step: 15, booked: [], in: madrid, after: now)
        #expect(all.count == 9 && all.first == utc("2026-10-19T07:00:00Z") && all.last == utc("2026-10-19T09:00:00Z"))
        let booked = [Booking.interval(start: utc("2026-10-19T08:00:00Z"), minutes: 60)]  // 10:00-11:00 CEST
        let free = a.freeStarts(on: day("2026-10-19"), minutes: 60, step: 15, booked: booked, in: madrid, after: now)
        #expect(free == [utc("2026-10-19T07:00:00Z"), utc("2026-10-19T09:00:00Z")])
        let later = a.freeStarts(on: day("2026-10-19"), minutes: 60, step: 15, booked: [], in: madrid, after: utc("2026-10-19T08:20:00Z"))
        #expect(later.first == utc("2026-10-19T08:30:00Z"))
    }

    @Test func aBookingMustBeToComeWithinTheHoursAndFree() {
        let a = Availability(weekly: [1: ranges("09:00-12:00")])
        let now = utc("2026-10-01T00:00:00Z")
        func check(_ start: String, _ minutes: Int64 = 60, booked: [DateInterval] = [], now: Date = now) throws(CoopError) {
            try Booking.check(start: utc(start), minutes: minutes, availability: a, zone: madrid, booked: booked, now: now)
        }
        #expect((try? check("2026-10-19T07:00:00Z")) != nil)
        #expect(throws: CoopError.invalid("Pick a time that is still to come.")) {
            try check("2026-10-19T07:00:00Z", now: utc("2026-10-20T00:00:00Z"))
        }
        #expect(throws: CoopError.invalid("Bookings are taken up to 60 days ahead.")) { try check("2027-01-04T08:00:00Z") }
        #expect(throws: CoopError.self) { try check("2026-10-19T09:30:00Z") }  // ends at 12:30
        #expect(throws: CoopError.conflict("That time has just been booked by someone else; pick another free time.")) {
            try check("2026-10-19T07:30:00Z", booked: [Booking.interval(start: utc("2026-10-19T08:00:00Z"), minutes: 30)])
        }
        // Back to back is not an overlap.
        #expect((try? check("2026-10-19T07:00:00Z", booked: [Booking.interval(start: utc("2026-10-19T08:00:00Z"), minutes: 30)])) != nil)
    }

    @Test func datesAreWrittenInTheReadersZoneWithItsAbbreviation() {
        let d = utc("2026-10-19T07:00:00Z")
        #expect(ZonedText.time(d, in: madrid) == "09:00")
        #expect(ZonedText.time(d, in: TimeZone(identifier: "America/New_York")!) == "03:00")
        #expect(ZonedText.dateTime(d, in: madrid).hasPrefix("Mon 19 Oct 2026, 09:00"))
        #expect(ZonedText.abbreviation(d, in: madrid) == "CEST" && ZonedText.abbreviation(utc("2026-10-26T08:00:00Z"), in: madrid) == "CET")
        #expect(ZonedText.dateTime(d, in: TimeZone(identifier: "America/New_York")!) == "Mon 19 Oct 2026, 03:00 EDT")
        #expect(BookingZone.isKnown("Europe/Madrid") && !BookingZone.isKnown("Mars/Olympus"))
        #expect(BookingZone.viewer(nil, coop: "Europe/Madrid") == madrid)
        #expect(BookingZone.viewer("Mars/Olympus", coop: nil).secondsFromGMT() == 0)
    }
}
