import Foundation

extension Date {
    /// Milliseconds since 1970, saturating rather than trapping far outside ``InputBounds``
    /// (requests cannot carry such dates; this only keeps a bad stored value from stopping the process).
    public var millis: Int64 {
        let ms = (timeIntervalSince1970 * 1000).rounded(.down)
        guard ms.isFinite else { return ms > 0 ? .max : .min }
        return Int64(exactly: ms) ?? (ms > 0 ? .max : .min)
    }
}
