import CoopCore
import CoopStore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import CoopServer

/// The marketplace's page models, loaded with a database and no HTTP.
extension Server {
    @Suite struct MarketplaceModelTests {
        func user(_ app: Application, _ email: String) async throws -> UUID {
            try #require(try await UserRecord.query(on: app.db).filter(\.$email == email).first()).requireID()
        }

        func member(_ app: Application, _ email: String) async throws -> MembershipRecord? {
            try await MembershipRecord.query(on: app.db).filter(\.$userID == user(app, email)).first()
        }

        func cleaning(_ app: Application) async throws -> UUID {
            try #require(try await ListingRecord.query(on: app.db).filter(\.$title == "Home cleaning").first()).requireID()
        }

        @Test func theListingPagesLoadWithoutARequest() async throws {
            try await withCoop { app async throws in
                let bylaws = try #require(try await app.coop.bylaws(on: app.db))
                let show = try await ListingShow.Model.load(id: try await cleaning(app), currency: bylaws.currency, on: app.db)
                #expect(show.listing.title == "Home cleaning" && show.rating == nil)
                #expect(show.breakdown.fee.minorUnits + show.breakdown.workerReceives.minorUnits == show.listing.priceMinorUnits)
                await #expect(throws: CoopError.notFound("There is no such listing.")) {
                    try await ListingShow.Model.load(id: UUID(), currency: bylaws.currency, on: app.db)
                }
                let search = try await ListingSearch.Model.load(
                    query: .init(q: "cleaning"), categories: bylaws.categories, cache: app.coop.search, coop: app.coop, on: app.db,
                    at: Date())
                #expect(search.status == .ok && search.result.hits.map(\.item.summary.title).contains("Home cleaning"))
                let refused = try await ListingSearch.Model.load(
                    query: .init(within: "9000"), categories: bylaws.categories, cache: app.coop.search, coop: app.coop, on: app.db,
                    at: Date())
                #expect(refused.status == .badRequest && refused.problem == "Search within 1 to 500 km." && refused.result.total == 0)
                let new = try await ListingNew.Model.load(bylaws: bylaws, on: app.db)
                #expect(new.categories == bylaws.categories && new.fee == Fraction(basisPoints: 1_000))
            }
        }

        @Test func theOrderPagesLoadForTheirPartiesOnly() async throws {
            try await withCoop { app async throws in
                let bylaws = try #require(try await app.coop.bylaws(on: app.db))
                let dev = try await APIClient.login(app, "dev@demo.coop")
                let placed = try await dev.send(
                    .POST, APIPath.orders.fullPath, raw: #"{"listing":"\#(try await cleaning(app).uuidString)","quantity":60}"#)
                #expect(placed.status == .created)
                let devID = try await user(app, "dev@demo.coop")
                let list = try await OrderList.Model.load(user: devID, currency: bylaws.currency, on: app.db)
                let number = try #require(list.orders.first?.number)
                let show = try await OrderShow.Model.load(
                    number: number, user: devID, currency: bylaws.currency, gateways: [OfflineGateway()], on: app.db)
                #expect(show.role == .customer && show.payable && show.isParty && show.payments.isEmpty)
                #expect(show.order.title == "Home cleaning" && show.order.history.map(\.action) == ["place"])
                let ana = try await OrderShow.Model.load(
                    number: number, user: try await user(app, "ana@demo.coop"), currency: bylaws.currency, gateways: [], on: app.db)
                #expect(ana.role == .worker && !ana.payable && ana.order.actions.contains("accept"))
                await #expect(throws: CoopError.forbidden("This is not your order.")) {
                    try await OrderShow.Model.load(
                        number: number, user: try await user(app, "cleo@demo.coop"), currency: bylaws.currency, gateways: [], on: app.db)
                }
                await #expect(throws: CoopError.unauthorized("Log in first.")) {
                    try await OrderShow.Model.load(number: number, user: nil, currency: bylaws.currency, gateways: [], on: app.db)
                }
                await #expect(throws: CoopError.notFound("There is no order #999.")) {
                    try await OrderShow.Model.load(number: 999, user: devID, currency: bylaws.currency, gateways: [], on: app.db)
                }
            }
        }

        @Test func theJobPagesAndTheDashboardLoadWithoutARequest() async throws {
            try await withCoop { app async throws in
                let bylaws = try #require(try await app.coop.bylaws(on: app.db))
                let new = try await JobNew.Model.load(bylaws: bylaws, on: app.db)
                #expect(new.rules.offerMinutes >= 1 && new.categories == bylaws.categories)
                let devID = try await user(app, "dev@demo.coop")
                let now = app.coop.config.now()
                let job = try await app.coop.write(on: app.db) { db in
                    try await JobCommands.post(
                        .init(
                            customer: devID, category: "cleaning", title: "Clean the windows", description: "", skills: [],
                            scheduledAt: nil,
                            area: "", latitudeE6: nil, longitudeE6: nil, budget: Money(minorUnits: 6_000, currency: bylaws.currency),
                            estimatedMinutes: 60), bylaws: bylaws, on: db, at: now)
                }
                let mine = try await JobList.Model.load(user: devID, on: app.db)
                #expect(mine.jobs.map(\.number) == [job.number])
                let shown = try await JobShow.Model.load(number: job.number, user: devID, member: nil, bylaws: bylaws, on: app.db, at: now)
                #expect(shown.job.title == "Clean the windows" && shown.job.actions == ["cancel"] && !shown.job.ranking.isEmpty)
                await #expect(throws: CoopError.forbidden("Only the customer, worker-members and stewards can see a job request.")) {
                    try await JobShow.Model.load(
                        number: job.number, user: try await user(app, "cleo@demo.coop"),
                        member: try await member(app, "cleo@demo.coop"), bylaws: bylaws, on: app.db, at: now)
                }
                let customer = try await Dashboard.load(user: devID, member: nil, bylaws: bylaws, on: app.db, at: now)
                #expect(customer.worker == nil && customer.jobs.map(\.number) == [job.number])
                let worker = try await Dashboard.load(
                    user: try await user(app, "ana@demo.coop"), member: try await member(app, "ana@demo.coop"), bylaws: bylaws, on: app.db,
                    at: now)
                #expect(worker.worker != nil)
            }
        }
    }
}
