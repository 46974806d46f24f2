import CoopCore
import Foundation

/// Derives schemas from `Decodable` types by decoding each one from a probe that answers every
/// question with a placeholder and writes down what was asked: each key, the type read for it, and
/// whether it was read with `decode` (required) or `decodeIfPresent` (optional). Objects become
/// named components. Used once, when the routes are registered; never on a request.
final class APISchemaRegistry {
    /// Object schemas by component name.
    private(set) var components: [String: APISchema] = [:]
    private var inProgress: Set<String> = []

    /// The component name of a type: its qualified name without the module (`Listings.Summary`).
    static func name(of type: Any.Type) -> String {
        String(reflecting: type).split(separator: ".").dropFirst().joined(separator: ".")
    }

    /// The schema of a type: inline for scalars, arrays and maps; a reference for objects.
    func schema(for type: any Decodable.Type) throws -> APISchema {
        if let described = type as? any APISchemaDescribing.Type { return described.apiSchema }
        if let scalar = Self.scalar(type) { return scalar }
        if let optional = type as? any OptionalProbe.Type { return try schema(for: optional.wrappedDecodable) }
        if let array = type as? any ArrayProbe.Type { return .array(try schema(for: array.elementDecodable)) }
        if let map = type as? any MapProbe.Type { return .map(try schema(for: map.valueDecodable)) }
        if let cases = Self.cases(of: type) { return .string(cases: cases) }
        let name = Self.name(of: type)
        if components[name] != nil || inProgress.contains(name) { return .ref(name) }
        inProgress.insert(name)
        defer { inProgress.remove(name) }
        let probe = SchemaProbe(registry: self)
        _ = try type.init(from: probe)
        if let single = probe.single { return single }
        var properties = probe.properties
        if let rules = type as? any APIFieldRules.Type {
            for (key, rule) in rules.fieldRules {
                guard let i = properties.firstIndex(where: { $0.name == key }) else {
                    throw SchemaError(type: name, reason: "a field rule names '\(key)', which it does not have")
                }
                properties[i].schema = rule.applied(to: properties[i].schema)
            }
        }
        components[name] = .object(properties)
        return .ref(name)
    }

    /// The object schema of a type, its references resolved one level.
    func object(_ type: any Decodable.Type) throws -> APISchema {
        let s = try schema(for: type)
        if case .ref(let name) = s, let found = components[name] { return found }
        return s
    }

    static func scalar(_ type: Any.Type) -> APISchema? {
        switch type {
        case is String.Type, is Substring.Type: .string()
        case is Bool.Type: .boolean
        case is Int.Type, is Int64.Type, is Int32.Type, is Int16.Type, is Int8.Type: .integer()
        case is UInt.Type, is UInt64.Type, is UInt32.Type, is UInt16.Type, is UInt8.Type: .integer()
        case is Double.Type, is Float.Type, is Decimal.Type: .number
        case is UUID.Type: .string(format: "uuid")
        case is Date.Type: .string(format: "date-time")
        case is URL.Type: .string(format: "uri")
        default: nil
        }
    }

    /// The raw values of a string enum that lists its cases.
    static func cases(of type: Any.Type) -> [String]? {
        guard let e = type as? any (CaseIterable & RawRepresentable<String>).Type else { return nil }
        func names<E: CaseIterable & RawRepresentable<String>>(_: E.Type) -> [String] { E.allCases.map(\.rawValue) }
        return names(e)
    }

    /// A placeholder value of a type, to hand back to the initializer being probed.
    func placeholder<T: Decodable>(_ type: T.Type) throws -> T {
        if let cases = Self.cases(of: type) { return try T(from: SchemaProbe(registry: self, string: cases.first ?? "")) }
        if let value = Self.scalarPlaceholder(type) { return value }
        return try T(from: SchemaProbe(registry: self))
    }

    private static func scalarPlaceholder<T>(_ type: T.Type) -> T? {
        let value: Any? =
            switch type {
            case is String.Type: ""
            case is Bool.Type: false
            case is Int.Type: 0 as Int
            case is Int64.Type: 0 as Int64
            case is Int32.Type: 0 as Int32
            case is Int16.Type: 0 as Int16
            case is Int8.Type: 0 as Int8
            case is UInt.Type: 0 as UInt
            case is UInt64.Type: 0 as UInt64
            case is UInt32.Type: 0 as UInt32
            case is UInt16.Type: 0 as UInt16
            case is UInt8.Type: 0 as UInt8
            case is Double.Type: 0 as Double
            case is Float.Type: 0 as Float
            case is Decimal.Type: Decimal(0)
            case is UUID.Type: UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
            case is Date.Type: Date(timeIntervalSince1970: 0)
            default: nil
            }
        return value as? T
    }
}

/// A type the probe could not describe.
struct SchemaError: Error, CustomStringConvertible {
    let type: String
    let reason: String
    var description: String { "cannot derive the schema of \(type): \(reason)" }
}

protocol OptionalProbe { static var wrappedDecodable: any Decodable.Type { get } }
extension Optional: OptionalProbe where Wrapped: Decodable {
    static var wrappedDecodable: any Decodable.Type { Wrapped.self }
}

protocol ArrayProbe { static var elementDecodable: any Decodable.Type { get } }
extension Array: ArrayProbe where Element: Decodable {
    static var elementDecodable: any Decodable.Type { Element.self }
}

protocol MapProbe { static var valueDecodable: any Decodable.Type { get } }
extension Dictionary: MapProbe where Key == String, Value: Decodable {
    static var valueDecodable: any Decodable.Type { Value.self }
}
