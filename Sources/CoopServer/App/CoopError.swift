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

// The server writes its own refusals already in the request's language, with `t` (or, where a
// literal is left untranslated, in English): such a reason is kept as it is, not looked up again.
// The core and the store write theirs as `Words`, rendered here at the edge.
extension CoopError {
    /// A conflict in words already written for the reader.
    static func conflict(_ text: String) -> CoopError { .conflict(.verbatim(text)) }
    /// Malformed input, in words already written for the reader.
    static func invalid(_ text: String) -> CoopError { .invalid(.verbatim(text)) }
    /// A refusal, in words already written for the reader.
    static func forbidden(_ text: String) -> CoopError { .forbidden(.verbatim(text)) }
    /// Something missing, in words already written for the reader.
    static func notFound(_ text: String) -> CoopError { .notFound(.verbatim(text)) }
    /// A request to log in, in words already written for the reader.
    static func unauthorized(_ text: String) -> CoopError { .unauthorized(.verbatim(text)) }
}

/// A refusal's reason in the language text is being written in (``Lang``): the core's and the
/// store's words are translated here; other errors keep the reason they were made with.
func localReason(_ error: any AbortError) -> String {
    if let refusal = error as? CoopError { return refusal.reason(in: Lang.catalog) }
    return error.reason
}

/// An error in plain words for a note or a log: PostgreSQL's errors hide their message from
/// `description` (to keep data out of logs by accident); the server's message is what a steward needs.
func plainDescription(_ error: any Error) -> String {
    if let psql = error as? PSQLError, let message = psql.serverInfo?[.message] { return message }
    return "\(error)"
}
