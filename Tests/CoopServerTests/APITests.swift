import CoopCore
import CoopStore
import Foundation
import Testing
import VaporTesting

@testable import CoopServer

extension Server {
    @Suite struct APITests {
        @Test func theOpenAPIDocumentDescribesExactlyTheRegisteredRoutes() async throws {
            try await withCoop(founded: false) { app async throws in
                let res = try await app.testing().sendRequest(.GET, SiteURL.openAPI.path)
                #expect(res.status == .ok)
                struct Doc: Decodable {
                    let openapi: String
                    let paths: [String: [String: CanonicalValue]]
                }
                let doc = try JSONDecoder().decode(Doc.self, from: Data(res.body.string.utf8))
                #expect(doc.openapi.hasPrefix("3."))
                var documented: Set<String> = []
                for (path, ops) in doc.paths { for method in ops.keys { documented.insert("\(method.uppercased()) \(path)") } }
                var registered: Set<String> = []
                for route in app.routes.all {
                    let path =
                        "/"
                        + route.path.map { c -> String in
                            if case .parameter(let name) = c { return "{\(name)}" }
                            return c.description
                        }.joined(separator: "/")
                    if path.hasPrefix(APIPath.prefix) { registered.insert("\(route.method.rawValue) \(path)") }
                }
                #expect(documented == registered)
                // Every parameter a path names is defined (schemathesis refuses the document otherwise).
                for (path, ops) in doc.paths {
                    let named = path.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) }
                    for (method, op) in ops {
                        guard case .object(let fields) = op else { continue }
                        var defined: [String] = []
                        if case .array(let params)? = fields["parameters"] {
                            for case .object(let p) in params { if case .string(let n)? = p["name"] { defined.append(n) } }
                        }
                        #expect(Set(named).isSubset(of: Set(defined)), "\(method.uppercased()) \(path) defines \(defined), names \(named)")
                    }
                }
            }
        }

        @Test func healthzAnswers() async throws {
            try await withCoop(founded: false) { app async throws in
                #expect(try await app.testing().sendRequest(.GET, SiteURL.healthz.path).status == .ok)
            }
        }

        @Test func thePublicSeesCountsAndPoliciesAndAuditHead() async throws {
            try await withCoop { app async throws in
                let api = APIClient(app: app)
                let coop = try await api.send(.GET, APIPath.coop.fullPath).content.decode(APIController.CoopDTO.self)
                #expect(coop.name == "Commons Care Co-operative")
                #expect(coop.members == 6)
                #expect(coop.classes.first { $0.id == "worker" }?.members == 4)
                let policies = try await api.send(.GET, APIPath.policies.fullPath).content.decode([PolicyView].self)
                let fee = try #require(policies.first { $0.key == "platform_fee" })
                #expect(fee.value == "10%" && fee.min == "0%" && fee.max == "25%")
                #expect(fee.history.first?.source == "bylaws v1 (founding)")
                let head = try await api.send(.GET, APIPath.auditHead.fullPath).content.decode(APIController.AuditHeadDTO.self)
                #expect(head.sequence == coop.auditHead?.sequence)
                let entries = try await api.send(.GET, APIPath.auditEntries.fullPath + "?after=0&limit=1000").content.decode(
                    [APIController.AuditEntryDTO].self)
                #expect(entries.count == Int(head.sequence))
                #expect(try await api.send(.GET, APIPath.members.fullPath).status == .unauthorized)
            }
        }

        @Test func noRouteChangesAPolicy() async throws {
            try await withCoop { app async throws in
                let sam = try await APIClient.login(app, "sam@demo.coop")
                for method in [HTTPMethod.POST, .PUT, .PATCH, .DELETE] {
                    let res = try await sam.send(method, APIPath.policies.fullPath + "/platform_fee", json: ["value": "1%"])
                    #expect(res.status == .notFound || res.status == .methodNotAllowed)
                }
                #expect(try await PolicyStore.value("platform_fee", on: app.db) == .number(1000))
            }
        }
    }
}
