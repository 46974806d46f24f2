import CoopCore
import Foundation
import Plot

/// The marketplace's and bookings' words for values the core names in English (states, units,
/// the search's ordering, the booking rule), and their numbers, amounts and dates by the request's
/// language. English is written exactly as the core writes it, so the API (always English) and the
/// English pages do not change.
enum MarketText {
    /// A rate: `10%` in English (as ``Fraction`` writes it), `10 %` in Spanish and French.
    static func percent(_ f: Fraction) -> String {
        Lang.current == .en || Lang.current == .qps ? f.description : Lang.format.percent(basisPoints: f.basisPoints)
    }

    /// An amount the API already wrote (`1234.50 EUR`), written again by the request's language.
    static func amount(_ text: String, _ currency: Currency) -> String {
        guard Lang.current != .en && Lang.current != .qps else { return text }
        let number = text.prefix { $0 != " " }
        guard let minor = try? Money.parseFixed(String(number), digits: currency.minorDigits) else { return text }
        return money(Money(minorUnits: minor, currency: currency))
    }

    /// A decimal with `places` figures after the point from an integer scaled by 10^places:
    /// `4.5` / `4,5`.
    static func decimal(_ scaled: Int64, places: Int) -> String {
        var scale: Int64 = 1
        for _ in 0..<places { scale *= 10 }
        let sign = scaled < 0 ? "-" : ""
        let a = abs(scaled)
        let fraction = String(a % scale)
        let point = Lang.current == .es || Lang.current == .fr ? "," : "."
        return sign + num(a / scale) + point + String(repeating: "0", count: places - fraction.count) + fraction
    }

    /// A distance in metres as kilometres with one decimal: `1.2 km`.
    static func kilometres(_ meters: Int64) -> String {
        t("%s km", decimal(meters / 100, places: 1))
    }

    /// The names plain-words form errors give this part's fields (``Forms/label(_:)`` makes
    /// `estimatedMinutes` "Estimated minutes" and looks it up), written here so that they are
    /// extracted and translated; the others are the forms' own labels.
    static var fieldNames: [String] {
        [
            t("Estimated minutes"), t("Stock"), t("Quantity"), t("Price"), t("Listing"), t("Scheduled at"), t("Kind"), t("Unit"),
            t("Refund"), t("Gateway"), t("Method"), t("Action"), t("Body"),
        ]
    }

    /// A listing's kind of price: `an hour`, `fixed price`, `an item`.
    static func unit(_ unit: String) -> String {
        switch PriceUnit(rawValue: unit) {
        case .perHour: t("an hour")
        case .fixed: t("fixed price")
        case .perItem: t("an item")
        case nil: unit
        }
    }

    /// A listing's status as its badge says it.
    static func status(_ s: ListingStatus) -> String {
        switch s {
        case .active: tc("listing", "offered")
        case .paused: tc("listing", "paused")
        case .deleted: tc("listing", "deleted")
        case .unlisted: tc("listing", "for one job")
        }
    }

    /// An order's state in words: `in progress`.
    static func state(_ s: OrderState) -> String {
        switch s {
        case .requested: tc("order", "requested")
        case .accepted: tc("order", "accepted")
        case .declined: tc("order", "declined")
        case .inProgress: tc("order", "in progress")
        case .delivered: tc("order", "delivered")
        case .completed: tc("order", "completed")
        case .reviewed: tc("order", "reviewed")
        case .cancelled: tc("order", "cancelled")
        case .disputed: tc("order", "disputed")
        case .settled: tc("order", "settled")
        }
    }

    /// An order's state from its raw value (`in_progress`).
    static func state(_ raw: String) -> String {
        OrderState(rawValue: raw).map(state) ?? raw.replacingOccurrences(of: "_", with: " ")
    }

    /// What was done to an order, as its history says it.
    static func action(_ raw: String) -> String {
        switch raw {
        case "place": tc("order action", "place")
        case "accept": tc("order action", "accept")
        case "decline": tc("order action", "decline")
        case "start": tc("order action", "start")
        case "deliver": tc("order action", "deliver")
        case "complete": tc("order action", "complete")
        case "review": tc("order action", "review")
        case "cancel": tc("order action", "cancel")
        case "dispute": tc("order action", "dispute")
        case "settle": tc("order action", "settle")
        default: raw
        }
    }

    /// An action's button: `Accept`.
    static func actionButton(_ raw: String) -> String {
        switch raw {
        case "accept": tc("order button", "Accept")
        case "decline": tc("order button", "Decline")
        case "start": tc("order button", "Start")
        case "deliver": tc("order button", "Deliver")
        case "complete": tc("order button", "Complete")
        case "review": tc("order button", "Review")
        case "cancel": tc("order button", "Cancel")
        case "dispute": tc("order button", "Dispute")
        case "settle": tc("order button", "Settle")
        default: raw.prefix(1).uppercased() + raw.dropFirst()
        }
    }

    /// A party to an order, after "the": `customer`.
    static func theRole(_ raw: String) -> String {
        switch raw {
        case "customer": t("the customer")
        case "worker": t("the worker")
        case "steward": t("a steward")
        case "system": t("the platform")
        default: raw
        }
    }

    /// The same, starting a sentence.
    static func theRoleCapitalized(_ raw: String) -> String {
        switch raw {
        case "customer": t("The customer")
        case "worker": t("The worker")
        case "steward": t("A steward")
        case "system": t("The platform")
        default: raw
        }
    }

    /// A job request's state in words.
    static func jobState(_ raw: String) -> String {
        switch JobState(rawValue: raw) {
        case .offered: tc("job", "offered")
        case .accepted: tc("job", "accepted")
        case .unfilled: tc("job", "unfilled")
        case .cancelled: tc("job", "cancelled")
        case nil: raw
        }
    }

    /// A ranked worker's outcome in words.
    static func candidateState(_ raw: String) -> String {
        switch CandidateState(rawValue: raw) {
        case .waiting: tc("candidate", "waiting")
        case .offered: tc("candidate", "offered")
        case .declined: tc("candidate", "declined")
        case .expired: tc("candidate", "expired")
        case .accepted: tc("candidate", "accepted")
        case .skipped: tc("candidate", "skipped")
        case .passed: tc("candidate", "passed")
        case nil: raw
        }
    }

    /// How search results are ordered and why, as ``SearchRanking/explanation(ratingsCount:hasPlace:)`` says it.
    static func ordering(_ ranking: SearchRanking, ratingsCount: Bool, hasPlace: Bool) -> String {
        let used = ranking.effective(ratingsCount: ratingsCount, hasPlace: hasPlace)
        let how: String =
            switch used {
            case .fairRotation: t("Fair rotation: every listing takes its turn at the top, the order shifting each hour.")
            case .newest: t("Newest first.")
            case .rating: t("Best-rated workers first.")
            case .distance: t("Nearest first.")
            }
        let why: String =
            switch (ranking, used) {
            case (.rating, .fairRotation):
                t(
                    "The members chose ranking by rating, but ratings do not count (their other choice), so fair rotation applies; nobody can pay to rank higher."
                )
            case (.distance, .fairRotation):
                t(
                    "The members chose ranking by distance; give a place to use it. Until then, fair rotation applies; nobody can pay to rank higher."
                )
            default: t("The members chose this ranking by vote; nobody can pay to rank higher.")
            }
        return how + " " + why
    }

    /// The booking rule, as ``BookingRules/sentence`` says it.
    static func bookingRule(_ r: BookingRules) -> String {
        t("A booking is at least %1$s minutes, in steps of %2$s minutes.", num(r.minimum), num(r.step))
    }

    /// A booking's length: `1 h 30 min`, `45 min`.
    static func length(_ minutes: Int64) -> String {
        let (h, m) = (minutes / 60, minutes % 60)
        if h == 0 { return t("%s min", num(m)) }
        return m == 0 ? t("%s h", num(h)) : t("%1$s h %2$s min", num(h), num(m))
    }

    /// A day of the week, Monday first (1) to Sunday (7).
    static func weekday(_ i: Int) -> String {
        switch i {
        case 1: t("Monday")
        case 2: t("Tuesday")
        case 3: t("Wednesday")
        case 4: t("Thursday")
        case 5: t("Friday")
        case 6: t("Saturday")
        default: t("Sunday")
        }
    }

    /// A moment in `zone` with the zone's abbreviation: `Mon 30 Mar 2026, 09:00 CEST` in English
    /// (as ``ZonedText/dateTime(_:in:)`` writes it), `30 mar 2026, 09:00 CEST` in Spanish.
    static func dateTime(_ d: Date, in zone: TimeZone) -> String {
        if Lang.current == .en || Lang.current == .qps { return ZonedText.dateTime(d, in: zone) }
        let c = components(d, zone)
        return Lang.format.dateTime(
            year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1, hour: c.hour ?? 0, minute: c.minute ?? 0,
            zone: ZonedText.abbreviation(d, in: zone))
    }

    /// A day in `zone` with its weekday: `Monday 30 March 2026`, `lunes 30 mar 2026`.
    static func day(_ d: Date, in zone: TimeZone) -> String {
        if Lang.current == .en || Lang.current == .qps { return ZonedText.day(d, in: zone) }
        let c = components(d, zone)
        // Calendar weekdays count from Sunday (1).
        let monday1 = ((c.weekday ?? 2) + 5) % 7 + 1
        let date = Lang.format.day(year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1)
        return weekday(monday1).lowercased() + " " + date
    }

    /// A calendar day (no zone): `2026-12-24` in English, `24 dic 2026` in Spanish.
    static func day(_ d: LocalDay) -> String {
        if Lang.current == .en || Lang.current == .qps { return d.description }
        return Lang.format.day(year: d.year, month: d.month, day: d.day)
    }

    /// A date as the page shows it, in a `<time>` element with its moment in ISO 8601.
    /// A job's name, `Job #3: Fix the sink`, with the title its customer wrote marked with the
    /// language they wrote it in (`language`), inside the page's own words.
    static func jobName<Context>(_ number: Int, _ title: String, language: String?) -> Node<Context> {
        let mark = "\u{1}"
        let parts = t("Job #%1$s: %2$s", String(number), mark).components(separatedBy: mark)
        return .group(
            .text(parts.first ?? ""), .element(named: "bdi", nodes: [.attribute(named: "lang", value: language), .text(title)]),
            .text(parts.dropFirst().joined()))
    }

    /// Member-written words of unknown direction, isolated in `<bdi>` and marked with the language
    /// they were written in.
    static func written<Context>(_ text: String, language: String?) -> Node<Context> {
        .element(named: "bdi", nodes: [.attribute(named: "lang", value: language), .text(text)])
    }

    static func time(_ text: String, _ d: Date) -> Node<HTML.BodyContext> {
        .element(named: "time", nodes: [.attribute(named: "datetime", value: d.formatted(.iso8601)), .text(text)])
    }

    private static func components(_ d: Date, _ zone: TimeZone) -> DateComponents {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar.dateComponents([.year, .month, .day, .hour, .minute, .weekday], from: d)
    }
}
