import CoopCore
import CoopStore
import Foundation
import Vapor

/// How every date in a request is read: ISO 8601 text (`2026-12-01T09:30:00Z`, with or without
/// seconds or a zone, as a date-and-time field sends it) or seconds since 1970, and refused
/// outside ``InputBounds`` with a plain reason. Installed for JSON, forms and query strings alike,
/// so no route can store a date that later arithmetic (milliseconds, PostgreSQL's microseconds)
/// cannot hold.
enum RequestDates {
    static func install() {
        var content = ContentConfiguration.global
        let json = JSONDecoder()
        json.dateDecodingStrategy = .custom { decoder in try decode(decoder) }
        content.use(decoder: json, for: .json)
        content.use(decoder: json, for: .jsonAPI)
        let form = URLEncodedFormDecoder(configuration: .init(dateDecodingStrategy: .custom { decoder in try decode(decoder) }))
        content.use(decoder: BlankFieldsFormDecoder(base: form), for: .urlEncodedForm)
        content.use(urlDecoder: form)
        ContentConfiguration.global = content
    }

    static func decode(_ decoder: any Decoder) throws -> Date {
        let container = try decoder.singleValueContainer()
        let date: Date?
        if let seconds = try? container.decode(Double.self) {
            date = Date(timeIntervalSince1970: seconds)
        } else {
            date = parse(try container.decode(String.self))
        }
        guard let date else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "not a date and time such as 2026-12-01T09:30:00Z")
        }
        guard InputBounds.acceptsDate(secondsSince1970: date.timeIntervalSince1970) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "a date must be \(InputBounds.dateRange)")
        }
        return date
    }

    /// ISO 8601 text, with or without fractional seconds, seconds or a zone (UTC when none).
    static func parse(_ text: String) -> Date? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let seconds = Double(t) { return Date(timeIntervalSince1970: seconds) }
        let full = ISO8601DateFormatter()
        if let d = full.date(from: t) { return d }
        full.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let d = full.date(from: t) { return d }
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        for format in ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd"] {
            f.dateFormat = format
            if let d = f.date(from: t) { return d }
        }
        return nil
    }
}
