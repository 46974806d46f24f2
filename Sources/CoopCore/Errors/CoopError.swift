/// Why a state change or a lookup was refused, in words for the person who asked. The core and the
/// store throw these; only the server maps each case to an HTTP status.
public enum CoopError: Error, Sendable, Equatable {
    /// A membership rule refused it.
    case membership(MembershipError)
    /// The ledger refused it (an unbalanced or malformed transaction).
    case ledger(LedgerError)
    /// An amount was malformed or overflowed.
    case money(MoneyError)
    /// It contradicts the current state (already voted, out of stock, not open).
    case conflict(String)
    /// The input itself is malformed.
    case invalid(String)
    /// The person may not do this.
    case forbidden(String)
    /// What it names does not exist.
    case notFound(String)
    /// The person must identify themselves first.
    case unauthorized(String)
    /// The store itself could not do its work (a database that does not speak SQL, a row that
    /// vanished under the write lock); nothing was changed.
    case storage(String)

    /// The reason in plain words.
    public var reason: String {
        switch self {
        case .membership(let e): e.description
        case .ledger(let e): e.description
        case .money(let e): e.description
        case .conflict(let s), .invalid(let s), .forbidden(let s), .notFound(let s), .unauthorized(let s), .storage(let s): s
        }
    }
}
