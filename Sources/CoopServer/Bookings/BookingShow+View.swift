import CoopCore
import Foundation
import Plot

extension BookingShow {
    /// The booking page; `error` is why the last booking was refused, if it was.
    static func render(_ m: Model, _ c: Layout.Context, error: String?) -> PageResponse {
        let abbreviation = ZonedText.abbreviation(m.day.moment(minute: 720, in: m.zone), in: m.zone)
        let lengths: [Node<HTML.SelectContext>] = m.rules.lengths().map { n in
            ListingPages.option(String(n), Self.length(n), selected: n == m.minutes)
        }
        let pick: Node<HTML.BodyContext> = .form(
            .id("pick-day"), .method(.get), .action(SiteURL.listingBook(m.listing).path),
            .div(
                .class("field"), .label(.for("day"), .text(t("Day"))),
                .input(
                    .id("day"), .name("day"), .type(.date), .value(m.day.description), .required(true),
                    .attribute(named: "min", value: m.today.description), .attribute(named: "max", value: m.lastDay.description))),
            .div(
                .class("field"), .label(.for("quantity"), .text(t("How long"))),
                .select(.id("quantity"), .attribute(named: "name", value: "quantity"), .group(lengths))),
            .button(.type(.submit), .class("secondary"), .text(t("See free times"))))
        let note: Node<HTML.FormContext> = .div(
            .class("field"), .label(.for("note"), .text(t("A note for the worker (optional)"))),
            .textarea(.id("note"), .name("note"), .attribute(named: "rows", value: "2"), .text(Layout.shown("note"))))
        let hidden: Node<HTML.FormContext> = .group(
            Layout.csrfField(c.csrf),
            .input(.type(.hidden), .name("listing"), .value(m.listing.uuidString)),
            .input(.type(.hidden), .name("quantity"), .value(String(m.minutes))),
            .input(.type(.hidden), .name("day"), .value(m.day.description)))
        let order: Node<HTML.BodyContext>
        if m.hasHours {
            order = .form(
                .id("book"), .method(.post), .action(SiteURL.listingBook(m.listing).path), hidden,
                .fieldset(
                    .id("times"),
                    .element(
                        named: "legend",
                        text: t(
                            "Free times on %1$s (%2$s)", MarketText.day(m.day.moment(minute: 720, in: m.zone), in: m.zone), abbreviation)),
                    .if(
                        m.times.isEmpty,
                        .p(.id("no-times"), .text(t("No free time that day for %s; try another day.", Self.length(m.minutes))))
                    ),
                    .div(
                        .class("slots"),
                        .forEach(m.times) { t in
                            // By the moment, not the wall clock: the night summer time ends shows 02:30 twice.
                            let id = "slot-\(Int(t.timeIntervalSince1970))"
                            return .div(
                                .class("field choice"),
                                .input(
                                    .type(.radio), .name("scheduledAt"), .id(id), .value(ISO8601DateFormatter().string(from: t)),
                                    .required(true), .attribute(named: "checked", value: m.times.count == 1 ? "checked" : nil)),
                                .label(
                                    .for(id),
                                    .text(
                                        "\(ZonedText.time(t, in: m.zone))–\(ZonedText.time(t.addingTimeInterval(Double(m.minutes) * 60), in: m.zone))"
                                    )))
                        })),
                note,
                .if(!m.times.isEmpty, .button(.type(.submit), .text(tc("verb", "Order")))))
        } else {
            order = .group(
                .p(
                    .id("no-hours"),
                    .text(t("%s has not set the hours they take bookings yet: order, and agree a time in the order's messages.", m.worker))),
                .form(
                    .id("book"), .method(.post), .action(SiteURL.listingBook(m.listing).path), hidden, note,
                    .button(.type(.submit), .text(tc("verb", "Order")))))
        }
        return Layout.page(
            c,
            .p(
                .class("meta"),
                .a(.href(SiteURL.listing(m.listing).path), .element(named: "bdi", nodes: [.text(m.title)])),
                .text(t(" by %1$s, %2$s an hour.", m.worker, MarketText.amount(m.price, m.currency)))),
            .p(
                .id("booking-rules"),
                .text(
                    MarketText.bookingRule(m.rules) + " "
                        + t("Times are shown in your time zone, %1$s (%2$s).", m.zone.identifier, abbreviation))),
            Layout.error(error), pick, order)
    }

    /// `1 h 30 min`, `45 min`.
    static func length(_ minutes: Int64) -> String { MarketText.length(minutes) }
}
