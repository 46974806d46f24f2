import CoopCore
import Foundation
import Testing
import VaporTesting

@testable import CoopServer

extension Server {
    /// The API's one contract: the routes, the document and the Swift types cannot disagree.
    @Suite struct APIContractTests {
        struct Sample: Decodable {
            enum Colour: String, Decodable, CaseIterable { case red, green }
            struct Inner: Decodable { let n: Int64 }
            let id: UUID
            let name: String
            let note: String?
            let at: Date
            let colour: Colour
            let inner: Inner?
            let tags: [String]
            let scores: [String: Int]
            let items: [Inner]
        }

        @Test func theProbeDerivesKeysTypesAndOptionality() throws {
            let registry = APISchemaRegistry()
            let schema = try registry.object(Sample.self)
            let byName = Dictionary(uniqueKeysWithValues: schema.properties.map { ($0.name, $0) })
            #expect(schema.properties.map(\.name) == ["id", "name", "note", "at", "colour", "inner", "tags", "scores", "items"])
            #expect(byName["id"]?.schema == .string(format: "uuid"))
            #expect(byName["at"]?.schema == .string(format: "date-time"))
            #expect(byName["colour"]?.schema == .string(cases: ["red", "green"]))
            #expect(byName["note"]?.required == false && byName["inner"]?.required == false)
            #expect(byName["name"]?.required == true && byName["items"]?.required == true)
            #expect(byName["tags"]?.schema == .array(.string()))
            #expect(byName["scores"]?.schema == .map(.integer()))
            let inner = APISchemaRegistry.name(of: Sample.Inner.self)
            #expect(byName["items"]?.schema == .array(.ref(inner)))
            #expect(registry.components[inner] == .object([APIProperty(name: "n", schema: .integer(), required: true)]))
        }

        @Test func aFieldRuleIsShownInTheSchemaAndEnforcedByValidation() async throws {
            let schema = try APISchemaRegistry().object(GovernanceActions.ProposalInput.self)
            let title = try #require(schema.properties.first { $0.name == "title" })
            #expect(title.schema == .string(length: 3...200) && title.required)
            #expect(
                schema.properties.first { $0.name == "kind" }?.schema
                    == .string(cases: ProposalKind.allCases.map(\.rawValue)))
            try await withCoop { app async throws in
                let ana = try await APIClient.login(app, "ana@demo.coop")
                let long = String(repeating: "x", count: 201)
                let res = try await ana.send(.POST, APIPath.proposals.fullPath, json: ["kind": "general", "title": long])
                #expect(res.status == .badRequest)
            }
        }

        @Test func theDocumentHasAnOperationForEveryRegisteredRouteAndNoOther() async throws {
            try await withCoop(founded: false) { app async throws in
                let operations = try #require(app.storage[APIOperationsKey.self])
                let declared = operations.map { "\($0.method.rawValue) \($0.path.fullPath)" }
                #expect(Set(declared).count == declared.count, "an operation is declared twice")
                var registered: Set<String> = []
                for route in app.routes.all {
                    let path =
                        "/"
                        + route.path.map { c -> String in
                            if case .parameter(let name) = c { return "{\(name)}" }
                            return c.description
                        }.joined(separator: "/")
                    if path.hasPrefix(APIPath.prefix + "/") { registered.insert("\(route.method.rawValue) \(path)") }
                }
                #expect(Set(declared) == registered)
                #expect(Set(operations.map(\.path)) == Set(APIPath.allCases), "a path no operation uses")
            }
        }

        @Test func everySchemaInTheDocumentIsDerivedFromASwiftType() async throws {
            try await withCoop(founded: false) { app async throws in
                let operations = try #require(app.storage[APIOperationsKey.self])
                let (_, registry) = try OpenAPIDocument.build(operations)
                let res = try await app.testing().sendRequest(.GET, SiteURL.openAPI.path)
                let doc = try JSONDecoder().decode(CanonicalValue.self, from: Data(res.body.string.utf8))
                guard case .object(let top) = doc, case .object(let components)? = top["components"],
                    case .object(let schemas)? = components["schemas"]
                else {
                    Issue.record("no components")
                    return
                }
                #expect(schemas == registry.components.mapValues(\.json))
                // Every reference resolves, and every declared type's schema is the one served.
                var refs: Set<String> = []
                func collect(_ v: CanonicalValue) {
                    switch v {
                    case .object(let o):
                        if case .string(let r)? = o["$ref"] { refs.insert(String(r.dropFirst("#/components/schemas/".count))) }
                        o.values.forEach(collect)
                    case .array(let a): a.forEach(collect)
                    default: break
                    }
                }
                collect(doc)
                #expect(refs.isSubset(of: Set(schemas.keys)))
                for op in operations {
                    for type in [op.request, op.response].compactMap({ $0 }) {
                        #expect(try registry.schema(for: type) != .any, "\(type) has no derived schema")
                    }
                }
                #expect(operations.contains { $0.response == nil && $0.status == .noContent })
            }
        }

        /// The document is derived from the types, but two handlers write their JSON by hand (the
        /// hot paths) and any type could be encoded differently from how it decodes: so every body
        /// the API answers with is checked against its derived schema, key by key.
        @Test func everyResponseBodyHasExactlyTheKeysItsSchemaNames() async throws {
            try await withCoop { app async throws in
                let operations = try #require(app.storage[APIOperationsKey.self])
                let (_, registry) = try OpenAPIDocument.build(operations)
                let sam = try await APIClient.login(app, "sam@demo.coop")
                let listing = try await sam.send(.GET, APIPath.listings.fullPath).content.decode(Listings.SearchResult.self)
                let id = try #require(listing.listings.first?.id)
                var checked = 0
                for op in operations where op.method == .GET {
                    guard let type = op.response else { continue }
                    let path = op.path.fullPath.replacingOccurrences(of: "{id}", with: id.uuidString)
                        .replacingOccurrences(of: "{number}", with: "1")
                    let res = try await sam.send(.GET, path)
                    guard res.status == op.status else { continue }
                    let body = try JSONSerialization.jsonObject(with: Data(res.body.string.utf8), options: [.fragmentsAllowed])
                    let problems = Self.mismatches(body, try registry.schema(for: type), registry.components, at: path)
                    #expect(problems.isEmpty, "\(problems)")
                    checked += 1
                }
                #expect(checked >= 20, "only \(checked) bodies checked")
            }
        }

        static func mismatches(_ value: Any, _ schema: APISchema, _ components: [String: APISchema], at path: String) -> [String] {
            switch schema {
            case .ref(let name):
                guard let s = components[name] else { return ["\(path): no schema \(name)"] }
                return mismatches(value, s, components, at: path)
            case .any: return []
            case .string: return value is String ? [] : ["\(path): not a string"]
            case .integer, .number, .boolean: return value is NSNumber ? [] : ["\(path): not a number or boolean"]
            case .array(let items):
                guard let a = value as? [Any] else { return ["\(path): not an array"] }
                return a.enumerated().flatMap { mismatches($1, items, components, at: "\(path)[\($0)]") }
            case .map(let values):
                guard let o = value as? [String: Any] else { return ["\(path): not an object"] }
                return o.flatMap { mismatches($1, values, components, at: "\(path).\($0)") }
            case .object(let properties):
                guard let o = value as? [String: Any] else { return ["\(path): not an object"] }
                let named = Dictionary(uniqueKeysWithValues: properties.map { ($0.name, $0) })
                var out = Set(o.keys).subtracting(named.keys).map { "\(path).\($0): not in the schema" }
                out += properties.filter { $0.required && o[$0.name] == nil }.map { "\(path).\($0.name): required, missing" }
                for (key, v) in o { if let p = named[key] { out += mismatches(v, p.schema, components, at: "\(path).\(key)") } }
                return out
            }
        }
    }
}
