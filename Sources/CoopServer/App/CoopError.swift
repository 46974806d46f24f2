import CoopCore
import CoopStore
import PostgresNIO
import Vapor

/// Domain errors as they cross into HTTP: each maps to a status; the reason is the core's.
extension CoopError: AbortError {
    public var status: HTTPResponseStatus {
        switch self {
        case .membership(.unknownClass), .money, .invalid: .badRequest
        case .membership(.notAMember), .forbidden: .forbidden
        case .membership, .conflict: .conflict
        case .ledger: .unprocessableEntity
        case .notFound: .notFound
        case .unauthorized: .unauthorized
        case .storage: .internalServerError
        }
    }
}

/// An error in plain words for a note or a log: PostgreSQL's errors hide their message from
/// `description` (to keep data out of logs by accident); the server's message is what a steward needs.
func plainDescription(_ error: any Error) -> String {
    if let psql = error as? PSQLError, let message = psql.serverInfo?[.message] { return message }
    return "\(error)"
}
