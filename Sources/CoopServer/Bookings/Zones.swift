import CoopCore
import CoopStore
import Foundation
import Plot
import Vapor

extension Request {
    /// The time zone the requester reads dates in: their own setting, else the co-op's (bylaws).
    func viewerZone() async throws -> TimeZone {
        let coop = try await bylaws().timezone
        guard let user else { return BookingZone.zone(coop) }
        return BookingZone.viewer(try await BookingStore.timeZone(ofUser: user.id, on: db), coop: coop)
    }
}

extension Layout {
    /// A moment in `zone`, with the zone's abbreviation: `Mon 30 Mar 2026, 09:00 CEST`.
    /// In the request's language (``MarketText/dateTime(_:in:)``).
    static func date(_ d: Date, in zone: TimeZone) -> String { MarketText.dateTime(d, in: zone) }

    /// A select of time zones by IANA name, `selected` chosen.
    static func zoneSelect(name: String, label: String, selected: String) -> Node<HTML.FormContext> {
        .div(
            .class("field"), .label(.for(name), .text(label)),
            .select(
                .id(name), .attribute(named: "name", value: name),
                .group(
                    BookingZone.choices.map {
                        ListingPages.option($0, $0.replacingOccurrences(of: "_", with: " "), selected: $0 == selected, asWritten: true)
                    })))
    }
}
