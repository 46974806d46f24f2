import Vapor

/// Who may call an operation. The handler checks it; the document states it.
enum APIAuth: Sendable {
    case anyone
    /// Any account's bearer token.
    case user
    /// An admitted member's token.
    case member
    /// A steward's token.
    case steward

    var note: String? {
        switch self {
        case .anyone: nil
        case .user: "Needs a bearer token."
        case .member: "Needs an admitted member's bearer token."
        case .steward: "Needs a steward's bearer token."
        }
    }
}

/// One operation of the JSON API, as declared: the route and its OpenAPI operation both come
/// from these values. `@unchecked`: the metatypes it holds are immutable.
struct APIOperation: @unchecked Sendable {
    let method: HTTPMethod
    let path: APIPath
    let summary: String
    let auth: APIAuth
    /// The type the handler, or the action it calls, decodes the body as.
    let request: (any Decodable.Type)?
    /// The type of the success body; nil when there is none or it is not JSON.
    let response: (any Decodable.Type)?
    let status: HTTPStatus

    /// `post_proposals_number_ballots`: the method and the path.
    var operationID: String {
        method.rawValue.lowercased()
            + path.rawValue.replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "{", with: "")
            .replacingOccurrences(of: "}", with: "")
    }
}

/// Declares the API: each call registers the Vapor route and records the operation the OpenAPI
/// document is built from, so no route is registered undocumented or documented unregistered.
/// All the work happens at registration; a handler is registered as given, or wrapped only to set
/// the status the declaration names, which is what it did by hand before.
final class APIRoutes {
    let routes: any RoutesBuilder
    private(set) var operations: [APIOperation] = []

    init(_ routes: any RoutesBuilder) { self.routes = routes }

    /// An operation answering a JSON value with `status`.
    func on<Out: Content>(
        _ method: HTTPMethod, _ path: APIPath, summary: String, auth: APIAuth, body: (any Decodable.Type)? = nil,
        status: HTTPStatus = .ok, use handler: @escaping @Sendable (Request) async throws -> Out
    ) {
        record(method, path, summary, auth, body, Out.self, status)
        if status == .ok {
            routes.on(method, path.components, use: handler)
        } else {
            routes.on(method, path.components) { req async throws -> Response in
                try await handler(req).encodeResponse(status: status, for: req)
            }
        }
    }

    /// An operation whose handler is given the body, decoded as `input`.
    func on<In: Content, Out: Content>(
        _ method: HTTPMethod, _ path: APIPath, summary: String, auth: APIAuth, input: In.Type, status: HTTPStatus = .ok,
        use handler: @escaping @Sendable (Request, In) async throws -> Out
    ) {
        on(method, path, summary: summary, auth: auth, body: In.self, status: status) { req async throws -> Out in
            try await handler(req, try req.content.decode(In.self))
        }
    }

    /// An operation that answers `status` with no body.
    func on(
        _ method: HTTPMethod, _ path: APIPath, summary: String, auth: APIAuth, body: (any Decodable.Type)? = nil,
        status: HTTPStatus, use handler: @escaping @Sendable (Request) async throws -> Void
    ) {
        record(method, path, summary, auth, body, nil, status)
        routes.on(method, path.components) { req async throws -> HTTPStatus in
            try await handler(req)
            return status
        }
    }

    /// An operation whose handler builds its own response (JSON written in advance, or a file):
    /// registered exactly as given. `response` is the type the JSON has the shape of, if any.
    func raw(
        _ method: HTTPMethod, _ path: APIPath, summary: String, auth: APIAuth, body: (any Decodable.Type)? = nil,
        response: (any Decodable.Type)?, status: HTTPStatus = .ok, on builder: (any RoutesBuilder)? = nil,
        use handler: @escaping @Sendable (Request) async throws -> Response
    ) {
        record(method, path, summary, auth, body, response, status)
        (builder ?? routes).on(method, path.components, use: handler)
    }

    private func record(
        _ method: HTTPMethod, _ path: APIPath, _ summary: String, _ auth: APIAuth, _ request: (any Decodable.Type)?,
        _ response: (any Decodable.Type)?, _ status: HTTPStatus
    ) {
        operations.append(
            APIOperation(
                method: method, path: path, summary: summary, auth: auth, request: request, response: response, status: status))
    }
}
