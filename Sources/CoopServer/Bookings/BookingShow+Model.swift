import CoopCore
import CoopStore
import FluentKit
import Foundation

/// Booking an hourly service (`GET /listings/:id/book?day=…&quantity=…`): the day picked, the
/// booking's length, and the free start times that day in the customer's zone.
enum BookingShow {
    struct Model {
        let listing: UUID
        let title: String
        let worker: String
        let price: String
        let rules: BookingRules
        /// The day picked, in the viewer's zone.
        let day: LocalDay
        /// The booking's length in minutes.
        let minutes: Int64
        /// The free start times on `day`, earliest first.
        let times: [Date]
        /// Whether the worker has set any hours (if not, an order takes no time).
        let hasHours: Bool
        let zone: TimeZone
        let today: LocalDay
        let lastDay: LocalDay
        /// The co-op's currency, to write the price in the page's language.
        var currency = Currency(code: "EUR")

        /// The booking page of listing `id` for `day` (the viewer's today when nil) and `minutes`.
        static func load(
            listing id: UUID, day: LocalDay?, minutes: Int64?, viewer zone: TimeZone, coopZone: String?, currency: Currency,
            on db: any Database, at now: Date
        ) async throws -> Model {
            guard let offer = try await OrderStore.offer(id, on: db), offer.active else {
                throw CoopError.notFound(t("There is no such listing on offer."))
            }
            guard offer.unit == .perHour, offer.kind == .service else {
                throw CoopError.invalid(t("Only a service priced by the hour is booked by time; order it from its page."))
            }
            let rules = try await BookingStore.rules(on: db)
            let today = LocalDay.of(now, in: zone)
            let lastDay = today.adding(days: Booking.horizonDays)
            let picked = min(max(day ?? today, today), lastDay)
            let length = max(rules.minimum, minutes ?? max(60, rules.minimum))
            let hours = try await BookingStore.availability(of: offer.workerID, on: db)
            let workerZone = try await BookingStore.timeZone(ofWorker: offer.workerID, coop: coopZone, on: db)
            // The viewer's day may straddle two of the worker's days when their zones differ.
            let from = picked.moment(minute: 0, in: zone)
            let to = picked.moment(minute: 1440, in: zone)
            let booked = try await BookingStore.bookings(of: offer.workerID, from: from, to: to.addingTimeInterval(86_400), on: db)
                .map(\.interval)
            var times: [Date] = []
            if rules.check(length) {
                for d in [-1, 0, 1].map({ LocalDay.of(from, in: workerZone).adding(days: $0) }) {
                    times += hours.freeStarts(on: d, minutes: length, step: rules.step, booked: booked, in: workerZone, after: now)
                }
            }
            let horizon = now.addingTimeInterval(Double(Booking.horizonDays) * 86_400)
            times = Array(Set(times.filter { $0 >= from && $0 < to && $0 <= horizon })).sorted()
            return Model(
                listing: id, title: offer.title, worker: offer.workerName,
                price: Money(minorUnits: offer.priceMinor, currency: currency).description, rules: rules, day: picked, minutes: length,
                times: times, hasHours: !hours.isEmpty, zone: zone, today: today, lastDay: lastDay, currency: currency)
        }
    }
}

extension BookingRules {
    /// Whether `minutes` is a length these rules allow.
    func check(_ minutes: Int64) -> Bool { (try? check(minutes: minutes)) != nil }
}
