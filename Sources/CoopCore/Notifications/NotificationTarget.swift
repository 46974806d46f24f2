/// What a notification links to, stored as text (`order:7`) so that the store names no URL; the
/// server turns it into a link.
public enum NotificationTarget: Sendable, Equatable {
    /// An order, by number.
    case order(Int)
    /// A job request, by number.
    case job(Int)
    /// A proposal, by number.
    case proposal(Int)
    /// A general assembly, by number.
    case assembly(Int)
    /// The member's statement (dividends).
    case statement
    /// The notifications page itself (a digest).
    case notifications

    /// The stored form: `order:7`, `statement`.
    public var stored: String {
        switch self {
        case .order(let n): "order:\(n)"
        case .job(let n): "job:\(n)"
        case .proposal(let n): "proposal:\(n)"
        case .assembly(let n): "assembly:\(n)"
        case .statement: "statement"
        case .notifications: "notifications"
        }
    }

    /// Reads the stored form; anything unknown is the notifications page.
    public init(stored: String) {
        let parts = stored.split(separator: ":", maxSplits: 1).map(String.init)
        let n = parts.count == 2 ? Int(parts[1]) : nil
        switch (parts.first, n) {
        case ("order", let n?): self = .order(n)
        case ("job", let n?): self = .job(n)
        case ("proposal", let n?): self = .proposal(n)
        case ("assembly", let n?): self = .assembly(n)
        case ("statement", _): self = .statement
        default: self = .notifications
        }
    }
}
