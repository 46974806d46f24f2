import CoopCore
import CoopStore
import Plot
import Vapor

/// Bookings' pages: booking an hourly service at a free time, the worker's calendar, and the
/// dashboard's forms for hours and time zone.
enum BookingPages {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(SiteURL.listingBook) { req in try await book(req) }
        routes.post(SiteURL.listingBook) { req async throws -> Response in
            try await MembershipPages.formAction(req, retry: { try await book($0) }) {
                let (o, _) = try await Orders.place(req)
                return req.redirect(to: SiteURL.order(o.number).path)
            }
        }
        routes.get(.calendar) { req in try await calendar(req) }
        for (url, action) in [
            (SiteURL.hours, Hours.saveWeekly), (.hoursException, Hours.saveException), (.hoursExceptionRemove, Hours.removeException),
            (.timeZone, Hours.saveZone),
        ] as [(SiteURL, @Sendable (Request) async throws -> Void)] {
            routes.post(url) { req async throws -> Response in
                try await MembershipPages.formAction(req, retry: { try await JobPages.dashboard($0) }) {
                    try await action(req)
                    return req.redirect(to: SiteURL.dashboard.path + (url == .timeZone ? "#time-zone" : "#hours"))
                }
            }
        }
    }

    struct BookQuery: Content {
        var day: String?
        var quantity: String?
    }

    static func book(_ req: Request) async throws -> PageResponse {
        _ = try req.requireUser()
        let id = try req.pathParameter(.id, expecting: t("a listing id"))
        let query = (try? req.query.decode(BookQuery.self)) ?? BookQuery()
        // Shown again after a refusal: the day and length that were being booked.
        let dayText = Layout.posted["day"] ?? query.day
        let minutesText = Layout.posted["quantity"] ?? query.quantity
        let bylaws = try await req.bylaws()
        let m = try await BookingShow.Model.load(
            listing: id, day: dayText.flatMap(LocalDay.init), minutes: minutesText.flatMap { Int64($0) },
            viewer: try await req.viewerZone(), coopZone: bylaws.timezone, currency: bylaws.currency, on: req.db, at: req.now)
        let c = try await req.layout(t("Book %s", m.title), forms: true)
        return BookingShow.render(m, c, error: req.storage[FormErrorKey.self])
    }

    static func calendar(_ req: Request) async throws -> PageResponse {
        let worker = try await Hours.worker(req)
        let m = try await CalendarShow.Model.load(worker: worker, zone: try await req.viewerZone(), on: req.db, at: req.now)
        return CalendarShow.render(m, try await req.layout(t("My calendar")))
    }

    /// The dashboard's hours and time-zone part for the requester.
    static func hours(_ req: Request) async throws -> Hours.Model {
        let user = try req.requireUser()
        return try await Hours.Model.load(
            user: user.id, member: try await req.membership(of: user), bylaws: try await req.bylaws(), on: req.db, at: req.now)
    }
}
