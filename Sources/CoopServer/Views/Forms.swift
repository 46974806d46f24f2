import Foundation
import Vapor

/// How a page's form is read and shown again.
///
/// A browser sends every field of a form, the ones left empty too (`stock=`). Read as given, an
/// empty optional number fails to decode ("Value was not of type 'Int64'"), so a form body is read
/// with its blank fields left out: a blank field is an absent one. A field that still cannot be
/// read is refused in plain words that name it as the form's label would ("Estimated minutes must
/// be a whole number."). When a form is refused, its page is shown again with what was typed
/// (``Layout/posted``), never a password.
enum Forms {
    /// The body of a URL-encoded form without its blank fields (empty or only spaces).
    static func droppingBlankFields(_ body: String) -> String {
        body.split(separator: "&", omittingEmptySubsequences: true).filter { pair in
            guard let eq = pair.firstIndex(of: "=") else { return true }
            let raw = pair[pair.index(after: eq)...].replacingOccurrences(of: "+", with: " ")
            let value = raw.removingPercentEncoding ?? raw
            return !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        }.joined(separator: "&")
    }

    /// The fields of a URL-encoded form body, the first value of each, as typed; the CSRF token and
    /// any password are left out.
    static func values(_ body: String) -> [String: String] {
        var out: [String: String] = [:]
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String {
                let plus = s.replacingOccurrences(of: "+", with: " ")
                return plus.removingPercentEncoding ?? plus
            }
            let name = decode(parts[0])
            guard !name.isEmpty, name != CSRFMiddleware.field, !name.lowercased().contains("password"), out[name] == nil else {
                continue
            }
            out[name] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return out
    }

    /// A field's name as a person reads it: `estimatedMinutes` is "Estimated minutes".
    static func label(_ name: String) -> String {
        var words = ""
        for ch in name {
            if ch.isUppercase, !words.isEmpty {
                words += " " + ch.lowercased()
            } else if ch == "_" {
                words += " "
            } else {
                words.append(ch)
            }
        }
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    /// Why a value could not be read, in plain words. `human` names fields as a form's labels do;
    /// otherwise by their JSON path, as an API client knows them.
    /// For a person, the words are in the request's language (the API's stay English).
    static func reason(_ error: DecodingError, human: Bool) -> String {
        if human { return humanReason(error) }
        func name(_ path: [any CodingKey], _ extra: (any CodingKey)? = nil) -> String {
            let keys = (path + [extra].compactMap { $0 }).filter { $0.intValue == nil }.map(\.stringValue)
            guard let last = keys.last else { return human ? "The form" : "The request body" }
            return human ? label(last) : "'\(keys.joined(separator: "."))'"
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "\(name(context.codingPath, key)) is required."
        case .valueNotFound(_, let context):
            return "\(name(context.codingPath)) is required."
        case .typeMismatch(let type, let context):
            return "\(name(context.codingPath)) \(expectation(type))."
        case .dataCorrupted(let context):
            let detail = context.debugDescription
            if context.codingPath.isEmpty { return human ? "The form could not be read." : "The request body is not valid JSON: \(detail)" }
            return "\(name(context.codingPath)) is not valid" + (detail.hasPrefix("not ") || detail.hasPrefix("a ") ? ": \(detail)." : ".")
        @unknown default:
            return human ? "The form could not be read." : "The request could not be read."
        }
    }

    /// The same, for a person filling in a form: the field named by its label (translated when the
    /// same label is), the sentence in the request's language.
    private static func humanReason(_ error: DecodingError) -> String {
        func name(_ path: [any CodingKey], _ extra: (any CodingKey)? = nil) -> String {
            let keys = (path + [extra].compactMap { $0 }).filter { $0.intValue == nil }.map(\.stringValue)
            guard let last = keys.last else { return t("The form") }
            return Lang.catalog.text(label(last))
        }
        switch error {
        case .keyNotFound(let key, let context): return t("%s is required.", name(context.codingPath, key))
        case .valueNotFound(_, let context): return t("%s is required.", name(context.codingPath))
        case .typeMismatch(let type, let context):
            let field = name(context.codingPath)
            switch type {
            case is any BinaryInteger.Type: return t("%s must be a whole number.", field)
            case is Double.Type, is Float.Type, is Decimal.Type: return t("%s must be a number.", field)
            case is Bool.Type: return t("%s must be yes or no.", field)
            case is Date.Type: return t("%s must be a date and time.", field)
            case is String.Type: return t("%s must be text.", field)
            default: return t("%s is not in the expected form.", field)
            }
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return t("The form could not be read.") }
            // The detail comes from the core's checks, still in English.
            let detail = context.debugDescription
            return t("%s is not valid", name(context.codingPath))
                + (detail.hasPrefix("not ") || detail.hasPrefix("a ") ? ": \(detail)." : ".")
        @unknown default: return t("The form could not be read.")
        }
    }

    private static func expectation(_ type: Any.Type) -> String {
        switch type {
        case is any BinaryInteger.Type: "must be a whole number"
        case is Double.Type, is Float.Type, is Decimal.Type: "must be a number"
        case is Bool.Type: "must be yes or no"
        case is Date.Type: "must be a date and time"
        case is String.Type: "must be text"
        default: "is not in the expected form"
        }
    }
}

/// A form field that could not be read: a 400 whose reason is in plain words.
struct FormInputError: AbortError {
    let reason: String
    var status: HTTPStatus { .badRequest }
}

/// Reads URL-encoded form bodies with their blank fields left out, and says in plain words which
/// field could not be read.
struct BlankFieldsFormDecoder: ContentDecoder {
    let base: URLEncodedFormDecoder

    func decode<D: Decodable>(_ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders) throws -> D {
        try decode(D.self, from: body, headers: headers, userInfo: [:])
    }

    func decode<D: Decodable>(
        _ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders, userInfo: [CodingUserInfoKey: any Sendable]
    ) throws -> D {
        let text = body.getString(at: body.readerIndex, length: body.readableBytes) ?? ""
        let kept = ByteBuffer(string: Forms.droppingBlankFields(text))
        do {
            return try base.decode(D.self, from: kept, headers: headers, userInfo: userInfo)
        } catch let error as DecodingError {
            throw FormInputError(reason: Forms.reason(error, human: true))
        }
    }
}

extension Layout {
    /// What the visitor typed into the form being shown again after it was refused; empty otherwise.
    @TaskLocal static var posted: [String: String] = [:]

    /// The value a field shows: what was typed, if the form is being shown again, else `value`.
    static func shown(_ name: String, _ value: String = "") -> String { posted[name] ?? value }
}
