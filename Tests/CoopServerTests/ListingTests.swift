import CoopCore
import CoopStore
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import CoopServer

extension Server {
    @Suite struct ListingTests {
        struct Found: Decodable {
            struct Item: Decodable {
                let id: UUID
                let title: String
                let priceMinorUnits: Int64
                let distanceMeters: Int64?
            }
            let listings: [Item]
            let total: Int
            let page: Int
            let pages: Int
            let ordering: String
        }

        /// Lists through the API; `estimatedMinutes` and `stock` go as JSON numbers when they are numbers.
        func list(_ api: APIClient, _ fields: [String: String]) async throws -> TestingHTTPResponse {
            var object: [String: Any] = fields
            for key in ["estimatedMinutes", "stock"] { if let v = fields[key], let n = Int(v) { object[key] = n } }
            let raw = String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
            return try await api.send(.POST, APIPath.listings.fullPath, raw: raw)
        }

        func search(_ app: Application, _ query: String) async throws -> Found {
            let res = try await app.testing().sendRequest(.GET, APIPath.listings.fullPath + "?" + query)
            #expect(res.status == .ok, "\(res.body.string)")
            return try res.content.decode(Found.self)
        }

        @Test func aWorkerListsAServiceAndAPriceBelowTheMinimumPayIsRefusedWithTheFigures() async throws {
            try await withCoop { app async throws in
                let ana = try await APIClient.login(app, "ana@demo.coop")
                let before = try await count("listings", on: app)
                let low = try await list(
                    ana, ["kind": "service", "title": "Window cleaning", "category": "cleaning", "unit": "per_hour", "price": "16.00"])
                #expect(low.status == .badRequest)
                // 16.00 an hour less the 10% fee is 14.40, below the minimum pay of 15.00.
                #expect(low.body.string.contains("14.40") && low.body.string.contains("15.00"), "\(low.body.string)")
                #expect(try await count("listings", on: app) == before)
                let ok = try await list(
                    ana,
                    [
                        "kind": "service", "title": "Window cleaning", "description": "Inside and out", "category": "cleaning",
                        "unit": "per_hour", "price": "22.50", "area": "Centre",
                    ])
                #expect(ok.status == .created, "\(ok.body.string)")
                let id = try ok.content.decode(Found.Item.self).id
                let page = try await app.testing().sendRequest(.GET, SiteURL.listing(id).path).body.string
                // The breakdown: of 22.50 the worker receives 20.25 and the co-op keeps 2.25 (10%).
                #expect(page.contains("20.25") && page.contains("2.25"), "\(page)")
            }
        }

        @Test func badListingsAreRefusedWithTheReasonAndChangeNothing() async throws {
            try await withCoop { app async throws in
                let ana = try await APIClient.login(app, "ana@demo.coop")
                let before = try await count("listings", on: app)
                let cases: [([String: String], String)] = [
                    (
                        [
                            "kind": "service", "title": "Haircut", "category": "hair", "unit": "fixed", "price": "30",
                            "estimatedMinutes": "30",
                        ], "not a category"
                    ),
                    (["kind": "service", "title": "Haircut", "category": "care", "unit": "fixed", "price": "abc"], "not an amount"),
                    (["kind": "service", "title": "Haircut", "category": "care", "unit": "fixed", "price": "-5"], "more than zero"),
                    (["kind": "good", "title": "Jam", "category": "food", "unit": "per_item", "price": "4.00"], "stock"),
                    (
                        ["kind": "good", "title": "Jam", "category": "food", "unit": "per_hour", "price": "4.00", "stock": "3"],
                        "by the item"
                    ),
                    (["kind": "service", "title": "Yacht", "category": "care", "unit": "per_hour", "price": "99999999"], "greatest price"),
                    (["kind": "service", "title": "Lawn", "category": "repairs", "unit": "fixed", "price": "40"], "minutes"),
                ]
                for (fields, reason) in cases {
                    let res = try await list(ana, fields)
                    #expect(res.status == .badRequest, "\(fields)")
                    #expect(res.body.string.contains(reason), "\(fields): \(res.body.string)")
                }
                #expect(try await count("listings", on: app) == before)
                // A user-member is not paid for work through the platform: they cannot list.
                let cleo = try await APIClient.login(app, "cleo@demo.coop")
                let refused = try await list(
                    cleo, ["kind": "good", "title": "Jam", "category": "food", "unit": "per_item", "price": "4", "stock": "2"])
                #expect(refused.status == .forbidden)
                #expect(
                    try await APIClient(app: app).send(.POST, APIPath.listings.fullPath, json: ["kind": "good"]).status == .unauthorized)
            }
        }

        @Test func searchFiltersByWordsCategoryPriceAndDistanceAndPages() async throws {
            try await withCoop { app async throws in
                let ana = try await APIClient.login(app, "ana@demo.coop")
                let bo = try await APIClient.login(app, "bo@demo.coop")
                // 25 cleaning services by Ana around Rotterdam, 1 km apart going north; Bo repairs in Utrecht.
                for i in 0..<25 {
                    let res = try await list(
                        ana,
                        [
                            "kind": "service", "title": "Cleaning \(i)", "category": "cleaning", "unit": "per_hour",
                            "price": "\(20 + i).00", "latitude": String(format: "%.6f", 51.92 + Double(i) * 0.009), "longitude": "4.48",
                        ])
                    #expect(res.status == .created, "\(res.body.string)")
                }
                let repairs = try await list(
                    bo,
                    [
                        "kind": "service", "title": "Bicycle repairs", "description": "Flat tyres, brakes 100%", "category": "repairs",
                        "unit": "fixed", "price": "35.00", "estimatedMinutes": "60", "latitude": "52.09", "longitude": "5.12",
                    ])
                #expect(repairs.status == .created, "\(repairs.body.string)")
                let all = try await search(app, "")
                #expect(all.total >= 26)
                #expect(all.listings.count == 20 && all.pages == 2)
                #expect(all.ordering.contains("nobody can pay to rank higher"))
                let second = try await search(app, "page=2")
                #expect(Set(all.listings.map(\.id)).isDisjoint(with: second.listings.map(\.id)), "pages do not overlap")
                #expect(try await search(app, "q=BICYCLE%20brakes").listings.map(\.title) == ["Bicycle repairs"])
                #expect(try await search(app, "q=100%25").listings.map(\.title) == ["Bicycle repairs"], "% is a character, not a wildcard")
                #expect(try await search(app, "category=repairs").total == 1)
                let priced = try await search(app, "category=cleaning&minPrice=30&maxPrice=34.50")
                #expect(priced.listings.map(\.priceMinorUnits).sorted() == [3000, 3100, 3200, 3300, 3400])
                // Within 5 km of the first listing: the first five (0 to 4.0 km; the sixth is 5.004 km away).
                let near = try await search(app, "near=51.92,4.48&within=5")
                #expect(near.total == 5)
                #expect(near.listings.allSatisfy { ($0.distanceMeters ?? .max) <= 5_000 })
                let bad = try await app.testing().sendRequest(.GET, APIPath.listings.fullPath + "?category=hair")
                #expect(bad.status == .badRequest)
                #expect(try await app.testing().sendRequest(.GET, APIPath.listings.fullPath + "?near=north").status == .badRequest)
                #expect(try await app.testing().sendRequest(.GET, APIPath.listings.fullPath + "?within=far").status == .badRequest)
                #expect(try await app.testing().sendRequest(.GET, APIPath.listings.fullPath + "?page=two").status == .badRequest)
                #expect(try await search(app, "q=bicycle+BRAKES").listings.map(\.title) == ["Bicycle repairs"], "a form's + is a space")
                // A form sends its blank fields as empty values: they mean "not given".
                let blank = try await search(app, "q=bicycle&category=&minPrice=&maxPrice=&near=&within=")
                #expect(blank.listings.map(\.title) == ["Bicycle repairs"])
                // The search page works without JavaScript and says how results are ordered.
                let page = try await app.testing().sendRequest(.GET, SiteURL.listings.path + "?q=bicycle").body.string
                #expect(page.contains(#"id="ordering""#) && page.contains("Bicycle repairs"))
            }
        }
    }
}
