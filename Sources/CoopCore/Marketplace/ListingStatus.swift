/// Whether a listing is offered: a worker pauses and resumes it, and deletes it when it is no
/// longer offered. A deleted listing is kept (orders placed from it still show it) but is never
/// found by search nor ordered again.
public enum ListingStatus: String, Sendable, Codable, CaseIterable {
    /// Offered: found by search and open to orders.
    case active
    /// Not offered for now: its page says so; the worker may resume it.
    case paused
    /// No longer offered, for good; kept for the orders placed from it.
    case deleted
    /// Made for one accepted job request: never offered in search, never changed.
    case unlisted

    /// What a worker does to a listing's status.
    public enum Change: String, Sendable, Codable, CaseIterable {
        /// Stops offering it for now.
        case pause
        /// Offers it again after a pause.
        case resume
        /// Stops offering it for good.
        case delete
    }

    /// The status after `change`, or why the change does not apply to a listing in this status.
    public func applying(_ change: Change) throws(CoopError) -> ListingStatus {
        switch (self, change) {
        case (.active, .pause): return .paused
        case (.paused, .resume): return .active
        case (.active, .delete), (.paused, .delete): return .deleted
        case (.deleted, _): throw CoopError.conflict("This listing was deleted; it cannot be changed. List it again instead.")
        case (.unlisted, _): throw CoopError.conflict("This listing was made for one job request; it is not offered to others.")
        case (.active, .resume): throw CoopError.conflict("This listing is already offered.")
        case (.paused, .pause): throw CoopError.conflict("This listing is already paused.")
        }
    }

    /// Whether search finds it and customers can order it.
    public var isOffered: Bool { self == .active }

    /// A short word for badges and the API: `offered`, `paused`, `deleted`.
    public var label: String {
        switch self {
        case .active: "offered"
        case .paused: "paused"
        case .deleted: "deleted"
        case .unlisted: "for one job"
        }
    }
}
