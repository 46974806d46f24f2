import CoopCore
import Vapor

/// A JSON Schema in the subset OpenAPI 3.0 uses, derived from a Swift type by ``APISchemaRegistry``
/// rather than written by hand, so the document cannot describe a field the code does not have.
indirect enum APISchema: Sendable, Equatable {
    case string(format: String? = nil, cases: [String]? = nil, length: ClosedRange<Int>? = nil)
    case integer(range: ClosedRange<Int64>? = nil)
    case number
    case boolean
    case array(APISchema)
    /// An object with any keys, each value of one schema (a Swift `[String: Value]`).
    case map(APISchema)
    case object([APIProperty])
    /// A named schema under `#/components/schemas`.
    case ref(String)
    /// Any JSON value.
    case any

    /// The schema as OpenAPI JSON.
    var json: CanonicalValue {
        switch self {
        case .string(let format, let cases, let length):
            var o: [String: CanonicalValue] = ["type": "string"]
            if let format { o["format"] = .string(format) }
            if let cases { o["enum"] = .array(cases.map { .string($0) }) }
            if let length {
                o["minLength"] = .int(Int64(length.lowerBound))
                o["maxLength"] = .int(Int64(length.upperBound))
            }
            return .object(o)
        case .integer(let range):
            var o: [String: CanonicalValue] = ["type": "integer", "format": "int64"]
            if let range {
                o["minimum"] = .int(range.lowerBound)
                o["maximum"] = .int(range.upperBound)
            }
            return .object(o)
        case .number: return ["type": "number"]
        case .boolean: return ["type": "boolean"]
        case .array(let items): return ["type": "array", "items": items.json]
        case .map(let values): return ["type": "object", "additionalProperties": values.json]
        case .object(let properties):
            var o: [String: CanonicalValue] = [
                "type": "object",
                "properties": .object(Dictionary(properties.map { ($0.name, $0.schema.json) }, uniquingKeysWith: { $1 })),
            ]
            let required = properties.filter(\.required).map { CanonicalValue.string($0.name) }
            if !required.isEmpty { o["required"] = .array(required) }
            return .object(o)
        case .ref(let name): return ["$ref": .string("#/components/schemas/\(name)")]
        case .any: return [:]
        }
    }

    /// The properties of an object schema; empty for any other.
    var properties: [APIProperty] {
        if case .object(let p) = self { return p }
        return []
    }
}

/// One key of an object: its schema, and whether the type always has it (a non-optional
/// property, read with `decode` rather than `decodeIfPresent`).
struct APIProperty: Sendable, Equatable {
    let name: String
    var schema: APISchema
    let required: Bool
}

/// A bound on one field of a request, stated once: the schema shows it and the input's
/// validation enforces it, so generated requests and the real checks agree.
enum APIFieldRule: Sendable, Equatable {
    /// A string's length in characters.
    case length(ClosedRange<Int>)
    /// An integer's range.
    case range(ClosedRange<Int64>)
    /// A string that must be one of these.
    case oneOf([String])

    func applied(to schema: APISchema) -> APISchema {
        switch (self, schema) {
        case (.length(let r), .string(let format, let cases, _)): .string(format: format, cases: cases, length: r)
        case (.range(let r), .integer): .integer(range: r)
        case (.oneOf(let cases), .string(let format, _, let length)): .string(format: format, cases: cases, length: length)
        default: schema
        }
    }
}

extension APIFieldRule {
    /// What a field under this rule must be, in plain words: "Amount must be 1 to 30 characters."
    func plainWords(_ label: String) -> String {
        switch self {
        case .length(let r) where r.lowerBound > 0: "\(label) must be \(r.lowerBound) to \(r.upperBound) characters."
        case .length(let r): "\(label) must be at most \(r.upperBound) characters."
        case .oneOf(let cases): "\(label) must be one of: \(cases.joined(separator: ", "))."
        case .range(let r): "\(label) must be a whole number from \(r.lowerBound) to \(r.upperBound)."
        }
    }
}

/// A request type whose fields carry bounds: its `validations` read the same values.
protocol APIFieldRules {
    static var fieldRules: [String: APIFieldRule] { get }
}

/// A type whose JSON form is not its Swift shape (a custom `Codable`), so it states its schema.
protocol APISchemaDescribing {
    static var apiSchema: APISchema { get }
}

extension CanonicalValue: APISchemaDescribing {
    static var apiSchema: APISchema { .any }
}

extension APIFieldRules {
    /// The rule for a field; a name without one is a mistake in the type, caught by its first use.
    static func rule(_ key: String) -> APIFieldRule {
        guard let rule = fieldRules[key] else { preconditionFailure("\(Self.self) states no rule for '\(key)'") }
        return rule
    }
}

extension Validations {
    /// Validates a field by the rule its type states for it, the same rule its schema shows.
    mutating func add<T: APIFieldRules>(
        _ key: String, of type: T.Type, required: Bool = true, customFailureDescription: String? = nil
    ) {
        let rule = T.rule(key)
        let customFailureDescription = customFailureDescription ?? rule.plainWords(Forms.label(key))
        let key = ValidationKey.key(key)
        switch rule {
        case .length(let r) where required:
            add(key, as: String.self, is: .count(r), customFailureDescription: customFailureDescription)
        case .length(let r):
            add(key, as: String?.self, is: .nil || .count(r), required: false, customFailureDescription: customFailureDescription)
        case .oneOf(let cases) where required:
            add(key, as: String.self, is: .in(cases), customFailureDescription: customFailureDescription)
        case .oneOf(let cases):
            add(key, as: String?.self, is: .nil || .in(cases), required: false, customFailureDescription: customFailureDescription)
        case .range(let r) where required:
            add(key, as: Int64.self, is: .range(r), customFailureDescription: customFailureDescription)
        case .range(let r):
            add(key, as: Int64?.self, is: .nil || .range(r), required: false, customFailureDescription: customFailureDescription)
        }
    }
}
