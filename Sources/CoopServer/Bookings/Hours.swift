import CoopCore
import CoopStore
import FluentKit
import Foundation
import Plot
import Vapor

/// A worker's hours on the dashboard: weekly hours, days off and extra hours, and the time zone
/// every member reads dates in.
enum Hours {
    struct Model {
        /// The worker's availability; nil for someone who does not take bookings.
        let availability: Availability?
        /// The worker's zone, in which their hours are kept.
        let zone: TimeZone
        /// The member's own zone setting; nil: the co-op's.
        let ownZone: String?
        /// The co-op's zone.
        let coopZone: String
        let today: LocalDay

        /// The hours part of `user`'s dashboard; `member` is their membership, if any.
        static func load(
            user: UUID, member: MembershipRecord?, bylaws: Bylaws, on db: any Database, at now: Date
        ) async throws -> Model {
            let own = try await BookingStore.timeZone(ofUser: user, on: db)
            let zone = BookingZone.viewer(own, coop: bylaws.timezone)
            var availability: Availability?
            if let member, Listings.mayList(member, bylaws: bylaws) {
                availability = try await BookingStore.availability(of: member.requireID(), on: db)
            }
            return Model(
                availability: availability, zone: zone, ownZone: own, coopZone: bylaws.timeZoneID, today: LocalDay.of(now, in: zone))
        }
    }

    static let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    struct ExceptionInput: Content {
        var day: String
        var kind: String
        /// The extra hours, `09:00-13:00`, when `kind` is `extra`.
        var extra: String?
    }

    struct ZoneInput: Content {
        var timezone: String?
    }

    /// The worker's membership id, or forbidden.
    static func worker(_ req: Request) async throws -> UUID {
        let (_, member) = try await req.requireMember()
        guard Listings.mayList(member, bylaws: try await req.bylaws()) else {
            throw Abort(.forbidden, reason: t("Only worker-members take bookings."))
        }
        return try member.requireID()
    }

    /// Saves the weekly hours from the form's `day1` (Monday) to `day7` (Sunday) fields.
    static func saveWeekly(_ req: Request) async throws {
        let worker = try await worker(req)
        let fields = try req.content.decode([String: String].self)
        var weekly: [Int: [DayRange]] = [:]
        for i in weekdays.indices {
            do {
                weekly[i + 1] = try DayRange.parseList(fields["day\(i + 1)"] ?? "")
            } catch {
                throw CoopError.invalid(Words("%1$s: %2$s", .text(MarketText.weekday(i + 1)), .notice(error.words)))
            }
        }
        let hours = weekly
        try await req.write { db in try await BookingStore.setWeekly(hours, of: worker, on: db) }
    }

    /// Adds a day off or extra hours on a day.
    static func saveException(_ req: Request) async throws {
        let worker = try await worker(req)
        let input = try req.content.decode(ExceptionInput.self)
        guard let day = LocalDay(input.day) else { throw CoopError.invalid(t("Give the day as a date, such as 2026-12-24.")) }
        var ranges: [DayRange] = []
        if input.kind == "extra" {
            ranges = try DayRange.parseList(input.extra ?? "")
            guard !ranges.isEmpty else { throw CoopError.invalid(t("Give the extra hours, such as 09:00-13:00.")) }
        }
        let extra = ranges
        try await req.write { db in try await BookingStore.setException(on: day, ranges: extra, of: worker, on: db) }
    }

    /// Removes the exception on a day.
    static func removeException(_ req: Request) async throws {
        let worker = try await worker(req)
        struct Input: Content { var day: String }
        guard let day = LocalDay(try req.content.decode(Input.self).day) else { throw CoopError.invalid(t("Give the day as a date.")) }
        try await req.write { db in try await BookingStore.clearException(on: day, of: worker, on: db) }
    }

    /// Sets the requester's time zone; blank: the co-op's.
    static func saveZone(_ req: Request) async throws {
        let user = try req.requireUser()
        let zone = try req.content.decode(ZoneInput.self).timezone?.trimmingCharacters(in: .whitespaces)
        if let zone, !BookingZone.isKnown(zone) { throw CoopError.invalid(t("'%s' is not a time zone such as Europe/Madrid.", zone)) }
        try await req.write { db in try await BookingStore.setTimeZone(zone, ofUser: user.id, on: db) }
    }

    /// The dashboard's hours and time-zone sections.
    static func render(_ m: Model, csrf: String) -> Node<HTML.BodyContext> {
        .group(
            .unwrap(m.availability) { a in hoursSection(a, m, csrf: csrf) },
            .section(
                .id("time-zone"), .h2(.text(t("Time zone"))),
                .p(
                    .text(
                        t("Dates and times are shown to you in %1$s (%2$s).", m.zone.identifier, ZonedText.abbreviation(Date(), in: m.zone))
                    )),
                .form(
                    .method(.post), .action(SiteURL.timeZone.path), Layout.csrfField(csrf),
                    .div(
                        .class("field"), .label(.for("timezone"), .text(t("Your time zone"))),
                        .select(
                            .id("timezone"), .attribute(named: "name", value: "timezone"),
                            ListingPages.option("", t("The co-op's: %s", m.coopZone), selected: m.ownZone == nil),
                            .group(
                                BookingZone.choices.map {
                                    ListingPages.option(
                                        $0, $0.replacingOccurrences(of: "_", with: " "), selected: $0 == m.ownZone, asWritten: true)
                                }))),
                    .button(.type(.submit), .class("secondary"), .text(t("Save time zone"))))))
    }

    static func hoursSection(_ a: Availability, _ m: Model, csrf: String) -> Node<HTML.BodyContext> {
        let exceptions = Set(a.daysOff).union(a.extra.keys).filter { $0 >= m.today }.sorted()
        return .section(
            .id("hours"), .h2(.text(t("Hours you take bookings"))),
            .p(
                .text(t("Customers book your hourly services inside these hours, in your time zone (%s). ", m.zone.identifier)),
                .a(.href(SiteURL.calendar.path), .text(t("See what is booked")))),
            .form(
                .id("weekly-hours"), .method(.post), .action(SiteURL.hours.path), Layout.csrfField(csrf),
                .fieldset(
                    .element(named: "legend", text: t("Every week (such as 09:00-12:00, 13:00-17:00; blank for none)")),
                    .group(
                        weekdays.indices.map { i in
                            Layout.field(
                                MarketText.weekday(i + 1), name: "day\(i + 1)",
                                value: (a.weekly[i + 1] ?? []).map(\.description).joined(separator: ", ")
                                    .replacingOccurrences(of: "–", with: "-"), required: false)
                        })),
                .button(.type(.submit), .id("save-hours"), .text(t("Save weekly hours")))),
            .h3(.text(t("Days off and extra hours"))),
            .if(exceptions.isEmpty, .p(.text(t("None coming.")))),
            .ul(
                .id("exceptions"),
                .forEach(exceptions) { d in
                    let extra = (a.extra[d] ?? []).map(\.description).joined(separator: ", ")
                    return .li(
                        .text(
                            (a.daysOff.contains(d)
                                ? (extra.isEmpty
                                    ? t("%s: day off", MarketText.day(d)) : t("%1$s: day off, extra %2$s", MarketText.day(d), extra))
                                : t("%1$s: extra %2$s", MarketText.day(d), extra)) + " "),
                        .form(
                            .class("inline"), .method(.post), .action(SiteURL.hoursExceptionRemove.path), Layout.csrfField(csrf),
                            .input(.type(.hidden), .name("day"), .value(d.description)),
                            .button(.type(.submit), .class("secondary"), .text(t("Remove %s", MarketText.day(d))))))
                }),
            .form(
                .id("exception"), .method(.post), .action(SiteURL.hoursException.path), Layout.csrfField(csrf),
                .div(
                    .class("field"), .label(.for("exception-day"), .text(t("Day"))),
                    .input(.id("exception-day"), .name("day"), .type(.date), .required(true), .value(Layout.shown("day")))),
                .div(
                    .class("field"), .label(.for("exception-kind"), .text(t("That day"))),
                    .select(
                        .id("exception-kind"), .attribute(named: "name", value: "kind"), ListingPages.option("off", t("Day off")),
                        ListingPages.option("extra", t("Extra hours")))),
                Layout.field(t("Extra hours (such as 09:00-13:00)"), name: "extra", required: false),
                .button(.type(.submit), .class("secondary"), .text(t("Add")))))
    }
}
