import CoopCore
import CoopStore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import CoopServer

extension Server {
    /// Bookings with a time: the governed minimum and step, the worker's hours in their zone, no
    /// double booking however the requests race, dates in each reader's zone, and the timeline.
    @Suite struct BookingServerTests {
        struct Placed: Decodable {
            let number: Int
            let state: String
            let scheduledAt: Date?
        }

        struct Slots: Decodable {
            let day: String
            let timezone: String
            let minutes: Int64
            let times: [Date]
        }

        func utc(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

        func order(_ api: APIClient, _ listing: UUID, minutes: Int, at start: String? = nil) async throws -> TestingHTTPResponse {
            let time = start.map { #","scheduledAt":"\#($0)""# } ?? ""
            return try await api.send(
                .POST, APIPath.orders.fullPath, raw: #"{"listing":"\#(listing.uuidString)","quantity":\#(minutes)\#(time)}"#)
        }

        func freeTimes(_ api: APIClient, _ listing: UUID, _ day: String) async throws -> [Date] {
            let res = try await api.send(.GET, APIPath.listingSlots.with(listing) + "?day=\(day)&quantity=60")
            #expect(res.status == .ok, "\(res.body.string)")
            return try res.content.decode(Slots.self).times
        }

        func setHours(_ worker: APIClient, _ fields: [String: String]) async throws {
            let res = try await worker.send(.PUT, APIPath.bookingHours.fullPath, json: fields)
            #expect(res.status == .ok, "\(res.body.string)")
        }

        /// A co-op in Europe/Madrid (the template's) whose clock is Monday 21 September 2026, 14:13 UTC.
        func coop(_ app: Application, edit: @escaping (String) -> String = { $0 }) async throws -> (Fixture, APIClient, UUID) {
            let coop = try await Fixture.coop(app, edit: edit)
            let worker = try await coop.member("Wanda Worker")
            let listing = try await coop.listing(by: worker, title: "Ironing", price: "20.00")
            return (coop, worker, listing)
        }

        @Test func aOneMinuteBookingIsRefusedByTheGovernedMinimumAndStep() async throws {
            let clock = TestClock()
            try await withCoop(founded: false, configure: { $0.now = { clock.now } }) { app async throws in
                let (coop, _, listing) = try await coop(app)
                let customer = try await coop.member("Cy Customer", class: "user")
                let orders = try await count("orders", on: app)
                for minutes in [1, 15, 40] {
                    let res = try await order(customer, listing, minutes: minutes)
                    #expect(res.status == .badRequest, "\(minutes): \(res.body.string)")
                    #expect(res.body.string.contains("A booking is at least 30 minutes, in steps of 15 minutes."), "\(res.body.string)")
                }
                #expect(try await count("orders", on: app) == orders)
                // The worker set no hours: an order of a right length takes no time, as before bookings.
                #expect(try await order(customer, listing, minutes: 45).status == .created)
                // The members change the minimum by vote: it applies to the next order.
                try await app.coop.write(on: app.db) { db in
                    try await PolicyStore.change(
                        "booking_minimum_minutes", to: .number(60), proposal: UUID(), source: "test", on: db, at: Date())
                }
                let later = try await order(customer, listing, minutes: 45)
                #expect(later.status == .badRequest && later.body.string.contains("at least 60 minutes"), "\(later.body.string)")
            }
        }

        @Test func bylawsSetTheBookingPoliciesAndTheTimeZone() async throws {
            try await withCoop(founded: false) { app async throws in
                let (coop, _, listing) = try await coop(app) {
                    $0.replacingOccurrences(
                        of: "Shortest booking of a service priced by the hour, in minutes.\n    initial: 30",
                        with: "Shortest booking of a service priced by the hour, in minutes.\n    initial: 120"
                    )
                    .replacingOccurrences(of: "timezone: Europe/Madrid", with: "timezone: Asia/Tokyo")
                }
                #expect(coop.bylaws.timezone == "Asia/Tokyo")
                #expect(coop.bylaws.policy("booking_minimum_minutes")?.initial == .number(120))
                let customer = try await coop.member("Cy Customer", class: "user")
                let res = try await order(customer, listing, minutes: 90)
                #expect(res.status == .badRequest && res.body.string.contains("at least 120 minutes"), "\(res.body.string)")
                #expect(throws: (any Error).self) {
                    _ = try BylawsFile.parse(
                        BylawsTemplate.worker.text.replacingOccurrences(of: "timezone: Europe/Madrid", with: "timezone: Mars/Olympus"))
                }
            }
        }

        @Test func aBookingMustFitTheWorkersHoursAndDaysOffAcrossDaylightSaving() async throws {
            let clock = TestClock()
            try await withCoop(founded: false, configure: { $0.now = { clock.now } }) { app async throws in
                let (coop, worker, listing) = try await coop(app)
                let customer = try await coop.member("Cy Customer", class: "user")
                try await setHours(worker, ["monday": "09:00-12:00", "friday": "14:00-15:00"])
                // Madrid leaves summer time on Sunday 25 October: Monday 9:00 is 07:00 UTC before, 08:00 UTC after.
                func slots(_ day: String, _ minutes: Int = 60) async throws -> Slots {
                    let res = try await customer.send(
                        .GET, APIPath.listingSlots.with(listing) + "?day=\(day)&quantity=\(minutes)")
                    #expect(res.status == .ok, "\(res.body.string)")
                    return try res.content.decode(Slots.self)
                }
                let before = try await slots("2026-10-19")
                #expect(before.timezone == "Europe/Madrid" && before.times.count == 9)
                #expect(before.times.first == utc("2026-10-19T07:00:00Z") && before.times.last == utc("2026-10-19T09:00:00Z"))
                #expect(try await slots("2026-10-26").times.first == utc("2026-10-26T08:00:00Z"))
                #expect(try await slots("2026-10-20").times.isEmpty)

                // Without a time, outside the hours, or running past them: refused.
                #expect(try await order(customer, listing, minutes: 60).status == .badRequest)
                #expect(try await order(customer, listing, minutes: 60, at: "2026-10-20T07:00:00Z").status == .conflict)
                #expect(try await order(customer, listing, minutes: 60, at: "2026-10-19T09:30:00Z").status == .conflict)
                let booked = try await order(customer, listing, minutes: 60, at: "2026-10-19T08:00:00Z")
                #expect(booked.status == .created, "\(booked.body.string)")
                #expect(try booked.content.decode(Placed.self).scheduledAt == utc("2026-10-19T08:00:00Z"))
                // The hour is taken: overlapping starts are gone, and booking it again is refused.
                #expect(try await slots("2026-10-19").times == [utc("2026-10-19T07:00:00Z"), utc("2026-10-19T09:00:00Z")])
                let again = try await order(customer, listing, minutes: 30, at: "2026-10-19T08:30:00Z")
                #expect(again.status == .conflict && again.body.string.contains("just been booked"), "\(again.body.string)")

                // A day off on the 26th, extra hours on Tuesday the 20th, through the dashboard's forms.
                var page = Browser(app)
                try await page.logIn("wanda.worker@fixture.test", Fixture.password)
                _ = try await page.get(SiteURL.dashboard.path)
                #expect(try await page.post(SiteURL.hoursException.path, ["day": "2026-10-26", "kind": "off"]).status == .seeOther)
                #expect(
                    try await page.post(SiteURL.hoursException.path, ["day": "2026-10-20", "kind": "extra", "extra": "10:00-11:00"]).status
                        == .seeOther)
                let bad = try await page.post(SiteURL.hoursException.path, ["day": "2026-10-21", "kind": "extra", "extra": "11:00-10:00"])
                #expect(bad.status == .badRequest && bad.body.string.contains("is not a time range"), "\(bad.body.string.prefix(300))")
                #expect(try await slots("2026-10-26").times.isEmpty)
                #expect(try await slots("2026-10-20").times == [utc("2026-10-20T08:00:00Z")])
                let dashboard = try await page.get(SiteURL.dashboard.path).body.string
                #expect(dashboard.contains("2026-10-26: day off") && dashboard.contains("2026-10-20: extra 10:00–11:00"), "\(dashboard)")
                #expect(try await page.post(SiteURL.hoursExceptionRemove.path, ["day": "2026-10-26"]).status == .seeOther)
                #expect(try await slots("2026-10-26").times.count == 9)
                // Weekly hours through the form, refused in plain words when a day cannot be read.
                let wrong = try await page.post(SiteURL.hours.path, ["day1": "9 to 5"])
                #expect(wrong.status == .badRequest && wrong.body.string.contains("Monday: "), "\(wrong.body.string.prefix(400))")
                #expect(wrong.body.string.contains("is not a time range such as 09:00-17:00."))
                #expect(try await page.post(SiteURL.hours.path, ["day2": "09:00-10:00"]).status == .seeOther)
                #expect(try await slots("2026-10-19").times.isEmpty)
                #expect(try await slots("2026-10-27").times.count == 1)
            }
        }

        @Test func twoCustomersRacingForOneSlotCannotBothGetIt() async throws {
            let clock = TestClock()
            try await withCoop(founded: false, configure: { $0.now = { clock.now } }) { app async throws in
                let (coop, worker, listing) = try await coop(app)
                try await setHours(worker, ["monday": "09:00-12:00"])
                var customers: [APIClient] = []
                for name in ["Ada One", "Ben Two", "Cat Three", "Dan Four"] { customers.append(try await coop.member(name, class: "user")) }
                // Eight requests at once for overlapping times on one morning: 09:00, 09:15, 09:30 and 09:45 for an hour.
                let starts = ["07:00", "07:15", "07:30", "07:45"].map { "2026-10-19T\($0):00Z" }
                let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                    for (i, c) in customers.enumerated() {
                        for s in [starts[i], starts[3 - i]] {
                            group.addTask { try await order(c, listing, minutes: 60, at: s).status }
                        }
                    }
                    return try await group.reduce(into: [HTTPStatus]()) { $0.append($1) }
                }
                #expect(statuses.filter { $0 == .created }.count == 1, "\(statuses)")
                #expect(statuses.filter { $0 == .conflict }.count == 7, "\(statuses)")
                let held = try await BookingStore.bookings(
                    of: try #require(try await OrderRecord.query(on: app.db).first()).workerID, from: utc("2026-10-19T00:00:00Z"),
                    to: utc("2026-10-20T00:00:00Z"), on: app.db)
                #expect(held.count == 1)
            }
        }

        @Test func datesAreShownInEachReadersTimeZoneAndTheTimelineSaysWhoActs() async throws {
            let clock = TestClock()
            try await withCoop(founded: false, configure: { $0.now = { clock.now } }) { app async throws in
                let (coop, worker, listing) = try await coop(app)
                let customerAPI = try await coop.member("Cy Customer", class: "user")
                try await setHours(worker, ["monday": "09:00-12:00"])
                // The customer books through the pages: the day, then a free time, in New York time once she says so.
                var customer = Browser(app)
                try await customer.logIn("cy.customer@fixture.test", Fixture.password)
                _ = try await customer.get(SiteURL.dashboard.path)
                #expect(try await customer.post(SiteURL.timeZone.path, ["timezone": "America/New_York"]).status == .seeOther)
                let bad = try await customer.post(SiteURL.timeZone.path, ["timezone": "Mars/Olympus"])
                #expect(bad.status == .badRequest)
                let book = try await customer.get(SiteURL.listingBook(listing).path + "?day=2026-10-19&quantity=60")
                let form = book.body.string
                #expect(form.contains("<legend>Free times on Monday 19 October 2026 (EDT)</legend>"), "\(form)")
                #expect(form.contains(#"value="2026-10-19T07:00:00Z""#) && form.contains("03:00–04:00"), "\(form)")
                #expect(!form.contains("09:00–10:00"))
                let placed = try await customer.post(
                    SiteURL.listingBook(listing).path,
                    ["listing": listing.uuidString, "quantity": "60", "day": "2026-10-19", "scheduledAt": "2026-10-19T07:00:00Z"])
                #expect(placed.status == .seeOther, "\(placed.body.string.prefix(500))")
                let page = try #require(try await customer.follow(placed)).body.string
                #expect(page.contains("Booked for Mon 19 Oct 2026, 03:00 EDT"), "\(page)")
                #expect(page.contains(#"aria-current="step""#) && page.contains("Who must act: </strong>the worker"), "\(page)")
                // Booking the same time again, from the page: refused, shown again with the reason.
                let again = try await customer.post(
                    SiteURL.listingBook(listing).path,
                    ["listing": listing.uuidString, "quantity": "60", "day": "2026-10-19", "scheduledAt": "2026-10-19T07:00:00Z"])
                #expect(again.status == .conflict && again.body.string.contains("just been booked"), "\(again.body.string.prefix(500))")
                #expect(!again.body.string.contains(#"value="2026-10-19T07:00:00Z""#))

                // The worker reads it in the co-op's zone, Madrid, on the order and on her calendar.
                var wanda = Browser(app)
                try await wanda.logIn("wanda.worker@fixture.test", Fixture.password)
                let number = try #require(try await OrderRecord.query(on: app.db).first()).number
                let shown = try await wanda.get(SiteURL.order(number).path).body.string
                #expect(
                    shown.contains("Booked for Mon 19 Oct 2026, 09:00 CEST") && shown.contains("Who must act: </strong>you"), "\(shown)")
                let calendar = try await wanda.get(SiteURL.calendar.path).body.string
                #expect(
                    calendar.contains("Monday 19 October 2026") && calendar.contains("09:00–10:00")
                        && calendar.contains("#\(number) Ironing"), "\(calendar)")
                let mine = try await customer.get(SiteURL.orders.path).body.string
                #expect(mine.contains("Ironing") && mine.contains("(you ordered)") && mine.contains("requested"), "\(mine)")

                // Decline asks to be confirmed: without the box ticked, nothing happens.
                let unconfirmed = try await wanda.post(SiteURL.orderAction(number).path, ["action": "decline"])
                #expect(unconfirmed.status == .badRequest && unconfirmed.body.string.contains("Tick the box"))
                #expect(try await OrderRecord.query(on: app.db).first()?.state == .requested)
                #expect(shown.contains(#"class="danger""#) && shown.contains("Decline…"))
                #expect(try await wanda.post(SiteURL.orderAction(number).path, ["action": "accept"]).status == .seeOther)
                // The model the page renders: the worker must start; the customer may pay.
                let model = try await OrderShow.Model.load(
                    number: number, user: try #require(try await UserStore.user(email: "cy.customer@fixture.test", on: app.db)).requireID(),
                    currency: coop.bylaws.currency, gateways: [], zone: TimeZone(identifier: "America/New_York")!, on: app.db)
                #expect(model.timeline.actors == [.worker] && model.timeline.next.contains("at the booked time, Mon 19 Oct 2026, 03:00"))
                // A declined or cancelled booking frees its time; an accepted one holds it.
                func free() async throws -> [Date] { try await freeTimes(customerAPI, listing, "2026-10-19") }
                #expect(!(try await free()).contains(utc("2026-10-19T07:00:00Z")))
                let cancel = try await customerAPI.send(
                    .POST, APIPath.orderActions.fullPath.replacingOccurrences(of: "{number}", with: String(number)),
                    json: ["action": "cancel"])
                #expect(cancel.status == .ok, "\(cancel.body.string)")
                #expect(try await free().contains(utc("2026-10-19T07:00:00Z")))
            }
        }
    }
}
