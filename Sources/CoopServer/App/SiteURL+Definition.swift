import Foundation
import Vapor

extension SiteURL {
    /// What a route is: the methods it answers and its path. Built by `SiteURL.definition`, the
    /// one place each route is spelled.
    struct Definition: Sendable {
        let methods: [HTTPMethod]
        let segments: [Segment]

        static func get(_ segments: Segment...) -> Self { Self(methods: [.GET], segments: segments) }
        static func post(_ segments: Segment...) -> Self { Self(methods: [.POST], segments: segments) }
        /// A page that shows a form or list and takes its submission at the same path.
        static func getAndPost(_ segments: Segment...) -> Self { Self(methods: [.GET, .POST], segments: segments) }

        /// The link, with each parameter's value in place.
        var path: String { "/" + segments.map(\.text).joined(separator: "/") }

        /// The pattern to register, with each parameter named and no value in it.
        var pathComponents: [PathComponent] { segments.map(\.component) }
    }

    /// One part of a route's path: fixed text, or a named parameter with the value a link gives it.
    enum Segment: Sendable, Equatable, ExpressibleByStringLiteral {
        case constant(String)
        case parameter(name: String, value: String)

        init(stringLiteral value: String) { self = .constant(value) }

        init<Value>(_ parameter: Parameter<Value>, _ value: Value) {
            self = .parameter(name: parameter.name, value: parameter.format(value))
        }

        static func number(_ value: Int) -> Self { Self(.number, value) }
        static func id(_ value: UUID) -> Self { Self(.id, value) }
        static func file(_ value: String) -> Self { Self(.file, value) }

        var text: String {
            switch self {
            case .constant(let text): text
            case .parameter(_, let value): value
            }
        }

        var component: PathComponent {
            switch self {
            case .constant(let text): .constant(text)
            case .parameter(let name, _): .parameter(name)
            }
        }
    }

    /// A path parameter: its name, spelled only here, and how its value is written into a link and
    /// read back from a request (`req.parameter(.number, describedAs:)`).
    struct Parameter<Value: Sendable>: Sendable {
        let name: String
        let format: @Sendable (Value) -> String
        let parse: @Sendable (String) -> Value?
    }
}

extension SiteURL.Parameter where Value == Int {
    /// A proposal's, order's, job's or fiscal period's number.
    static var number: Self { Self(name: "number", format: { String($0) }, parse: { Int($0) }) }
}

extension SiteURL.Parameter where Value == UUID {
    /// A record's id: a payment, an application, a listing.
    static var id: Self { Self(name: "id", format: { $0.uuidString }, parse: { UUID(uuidString: $0) }) }
}

extension SiteURL.Parameter where Value == String {
    /// An open data file's name, with its extension.
    static var file: Self { Self(name: "file", format: { $0 }, parse: { $0 }) }
}
