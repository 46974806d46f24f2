import CoopCore
import CoopStore
import FluentKit
import Foundation
import Plot

/// A worker's calendar (`GET /dashboard/calendar`): the coming weeks' bookings, day by day, in
/// the worker's time zone.
enum CalendarShow {
    struct Day {
        let day: LocalDay
        let bookings: [BookingStore.Entry]
    }

    struct Model {
        let days: [Day]
        let zone: TimeZone
        let weeks: Int

        /// The bookings of `worker` (a membership id) from the start of today for `weeks` weeks, by day in `zone`.
        static func load(worker: UUID, zone: TimeZone, weeks: Int = Booking.horizonDays / 7 + 1, on db: any Database, at now: Date)
            async throws -> Model
        {
            let today = LocalDay.of(now, in: zone)
            let from = today.moment(minute: 0, in: zone)
            let to = today.adding(days: weeks * 7).moment(minute: 0, in: zone)
            let entries = try await BookingStore.bookings(of: worker, from: from, to: to, on: db)
            var byDay: [LocalDay: [BookingStore.Entry]] = [:]
            for e in entries { byDay[LocalDay.of(e.start, in: zone), default: []].append(e) }
            return Model(
                days: byDay.keys.sorted().map { Day(day: $0, bookings: byDay[$0]!) }, zone: zone, weeks: weeks)
        }
    }

    static func tone(_ s: OrderState) -> String {
        switch s {
        case .requested: "act"
        case .accepted, .inProgress: "wait"
        case .delivered, .completed, .reviewed: "ok"
        case .disputed, .declined, .cancelled: "bad"
        case .settled: "info"
        }
    }

    static func render(_ m: Model, _ c: Layout.Context) -> PageResponse {
        Layout.page(
            c,
            .p(
                .text(t("Your bookings for the next %1$s weeks, in your time zone, %2$s. ", num(m.weeks), m.zone.identifier)),
                .a(.href(SiteURL.dashboard.path + "#hours"), .text(t("Change your hours")))),
            .if(m.days.isEmpty, .p(.id("no-bookings"), .text(t("Nothing booked yet.")))),
            .div(
                .id("calendar"),
                .forEach(m.days) { d in
                    .section(
                        .class("calendar-day"),
                        .h2(
                            MarketText.time(
                                MarketText.day(d.day.moment(minute: 720, in: m.zone), in: m.zone), d.day.moment(minute: 720, in: m.zone))),
                        .table(
                            .thead(.tr(.th(.text(t("Time"))), .th(.text(t("Booking"))), .th(.text(t("Customer"))), .th(.text(t("State"))))),
                            .tbody(
                                .forEach(d.bookings) { b in
                                    .tr(
                                        .td(
                                            MarketText.time(
                                                "\(ZonedText.time(b.start, in: m.zone))–\(ZonedText.time(b.interval.end, in: m.zone)) \(ZonedText.abbreviation(b.start, in: m.zone))",
                                                b.start)),
                                        .td(
                                            .a(
                                                .href(SiteURL.order(b.number).path),
                                                .element(named: "bdi", nodes: [.text("#\(b.number) \(b.title)")]))),
                                        .td(.element(named: "bdi", nodes: [.text(b.customer)])),
                                        .td(Layout.badge(MarketText.state(b.state), tone(b.state))))
                                })))
                }))
    }
}
