import CoopCore
import PostgresNIO
import Vapor

/// Domain errors as they cross into HTTP: each maps to a status and a one-line reason.
enum CoopError: Error, AbortError {
    case membership(MembershipError)
    case ledger(LedgerError)
    case money(MoneyError)
    case conflict(String)
    case invalid(String)
    case forbidden(String)

    var status: HTTPResponseStatus {
        switch self {
        case .membership(.unknownClass), .money, .invalid: .badRequest
        case .membership(.notAMember), .forbidden: .forbidden
        case .membership, .conflict: .conflict
        case .ledger: .unprocessableEntity
        }
    }

    var reason: String {
        switch self {
        case .membership(let e): e.description
        case .ledger(let e): e.description
        case .money(let e): e.description
        case .conflict(let s), .invalid(let s), .forbidden(let s): s
        }
    }
}

/// An error in plain words for a note or a log: PostgreSQL's errors hide their message from
/// `description` (to keep data out of logs by accident); the server's message is what a steward needs.
func plainDescription(_ error: any Error) -> String {
    if let psql = error as? PSQLError, let message = psql.serverInfo?[.message] { return message }
    return "\(error)"
}
