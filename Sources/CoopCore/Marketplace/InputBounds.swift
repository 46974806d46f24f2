/// The ranges that every value a person or a program sends must fall within. Outside them a
/// request is refused before anything is stored, so no later arithmetic on the value can trap.
/// `docs/security.md` lists them.
public enum InputBounds {
    /// The earliest date accepted: 2000-01-01T00:00:00Z, in seconds since 1970.
    public static let earliestSeconds: Int64 = 946_684_800
    /// The latest date accepted: 2199-12-31T23:59:59Z, in seconds since 1970.
    public static let latestSeconds: Int64 = 7_258_118_399

    /// Whether a date, in seconds since 1970, is within the accepted range. NaN and infinities are not.
    public static func acceptsDate(secondsSince1970 seconds: Double) -> Bool {
        seconds.isFinite && seconds >= Double(earliestSeconds) && seconds <= Double(latestSeconds)
    }

    /// The accepted range of dates in words, for error messages.
    public static let dateRange = "between 2000-01-01 and 2199-12-31 (UTC)"
}
