import CoopCore
import CoopStore
import Vapor

/// The OpenAPI 3 description of `/api/v1`, served at `/openapi.json`, built from the operations
/// ``APIRoutes`` registered: paths, parameters and summaries from the declarations, every schema
/// derived from the Swift type the handler decodes or encodes. Built once, at start.
enum OpenAPIDocument {
    /// The document, and the registry whose components it holds (tests read both).
    static func build(_ operations: [APIOperation]) throws -> (document: CanonicalValue, schemas: APISchemaRegistry) {
        let registry = APISchemaRegistry()
        let error = try registry.schema(for: CoopErrorMiddleware.ErrorBody.self)
        var paths: [String: [String: CanonicalValue]] = [:]
        for op in operations {
            var success: [String: CanonicalValue] = ["description": .string(op.status.reasonPhrase)]
            if let response = op.response {
                success["content"] = ["application/json": ["schema": try registry.schema(for: response).json]]
            }
            let description = [op.summary, op.auth.note].compactMap { $0 }.joined(separator: " ")
            var o: [String: CanonicalValue] = [
                "summary": .string(op.summary),
                "description": .string(description),
                "operationId": .string(op.operationID),
                "responses": [
                    String(op.status.code): .object(success),
                    "default": ["description": "Error", "content": ["application/json": ["schema": error.json]]],
                ],
            ]
            if op.auth != .anyone { o["security"] = [["bearer": []]] }
            if let request = op.request {
                o["requestBody"] = [
                    "required": true, "content": ["application/json": ["schema": try registry.schema(for: request).json]],
                ]
            }
            let parameters = op.path.parameters
            if !parameters.isEmpty {
                o["parameters"] = .array(
                    parameters.map { ["name": .string($0.rawValue), "in": "path", "required": true, "schema": $0.schema.json] })
            }
            paths[op.path.fullPath, default: [:]][op.method.rawValue.lowercased()] = .object(o)
        }
        let document: CanonicalValue = [
            "openapi": "3.0.3",
            "info": [
                "title": "Coop API", "version": "1",
                "description": "The JSON API of a Coop platform co-operative. Errors are JSON: {error, status, reason}.",
            ],
            "paths": .object(paths.mapValues { .object($0) }),
            "components": [
                "schemas": .object(registry.components.mapValues(\.json)),
                "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer"]],
            ],
        ]
        return (document, registry)
    }
}
