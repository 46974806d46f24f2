import Foundation
import Vapor

/// A value a page's path parameter carries: a number, an id, a file name.
protocol SiteURLParameterValue: Sendable {
    /// Any value of the type. Registration evaluates a case at it only to read the case's
    /// definition; the pattern names the parameter, so the value never reaches a route.
    static var anyValue: Self { get }
}

extension Int: SiteURLParameterValue {
    static var anyValue: Int { 0 }
}

extension UUID: SiteURLParameterValue {
    static var anyValue: UUID { UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)) }
}

extension String: SiteURLParameterValue {
    static var anyValue: String { "" }
}

extension SiteURL {
    /// The route pattern of a parameterised page, from its case alone: `SiteURL.pattern(SiteURL.order)`.
    static func pattern<Value: SiteURLParameterValue>(_ url: (Value) -> SiteURL) -> [PathComponent] {
        url(.anyValue).definition.pathComponents
    }
}

extension RoutesBuilder {
    /// Registers a parameterised page by its case, `routes.get(SiteURL.order) { ... }`; the handler
    /// reads the parameter with `req.pathParameter(.number, expecting:)`.
    @discardableResult
    func get<Value: SiteURLParameterValue>(
        _ url: (Value) -> SiteURL, use handler: @escaping @Sendable (Request) async throws -> some AsyncResponseEncodable
    ) -> Route {
        on(.GET, SiteURL.pattern(url), use: handler)
    }

    @discardableResult
    func post<Value: SiteURLParameterValue>(
        _ url: (Value) -> SiteURL, use handler: @escaping @Sendable (Request) async throws -> some AsyncResponseEncodable
    ) -> Route {
        on(.POST, SiteURL.pattern(url), use: handler)
    }
}

extension Request {
    /// A path parameter's value, typed; a missing or malformed one is a 400 that says what was
    /// expected: "'abc' is not an order number."
    func pathParameter<Value>(_ parameter: SiteURL.Parameter<Value>, expecting what: String) throws -> Value {
        let raw = parameters.get(parameter.name)
        guard let raw, let value = parameter.parse(raw) else {
            throw Abort(.badRequest, reason: t("'%1$s' is not %2$s.", raw ?? "", what))
        }
        return value
    }
}
