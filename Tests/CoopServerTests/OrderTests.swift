import CoopCore
import CoopStore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import CoopServer

extension Server {
    @Suite struct OrderTests {
        struct View: Decodable {
            let number: Int
            let state: String
            let price: String
            let fee: String
            let workerReceives: String
            let actions: [String]
        }

        func listing(_ app: Application, _ title: String) async throws -> UUID {
            try #require(try await ListingRecord.query(on: app.db).filter(\.$title == title).first()).requireID()
        }

        func order(_ api: APIClient, _ listing: UUID, quantity: Int) async throws -> TestingHTTPResponse {
            try await api.send(.POST, APIPath.orders.fullPath, raw: #"{"listing":"\#(listing.uuidString)","quantity":\#(quantity)}"#)
        }

        func review(_ api: APIClient, _ number: Int, rating: Int, _ comment: String) async throws -> TestingHTTPResponse {
            try await api.send(
                .POST, APIPath.orderActions.fullPath.replacingOccurrences(of: "{number}", with: String(number)),
                raw: #"{"action":"review","rating":\#(rating),"comment":"\#(comment)"}"#)
        }

        func act(_ api: APIClient, _ number: Int, _ action: String) async throws -> TestingHTTPResponse {
            try await api.send(
                .POST, APIPath.orderActions.fullPath.replacingOccurrences(of: "{number}", with: String(number)), json: ["action": action])
        }

        @Test func anOrderFreezesItsBreakdownAndMovesOnlyInTurn() async throws {
            try await withCoop { app async throws in
                let dev = try await APIClient.login(app, "dev@demo.coop")
                let ana = try await APIClient.login(app, "ana@demo.coop")
                let cleaning = try await listing(app, "Home cleaning")
                // 90 minutes at 22.50 an hour: 33.75; the 10% fee is 3.375, rounded half up to 3.38.
                let placed = try await order(dev, cleaning, quantity: 90)
                #expect(placed.status == .created, "\(placed.body.string)")
                let v = try placed.content.decode(View.self)
                #expect(v.state == "requested")
                #expect(v.price.hasPrefix("33.75") && v.fee.hasPrefix("3.38") && v.workerReceives.hasPrefix("30.37"), "\(v)")
                // The fee changes by vote: the order keeps the fee it was placed under; a new order uses the new one.
                try await app.coop.write(on: app.db) { db in
                    try await PolicyStore.change("platform_fee", to: .number(800), proposal: UUID(), source: "test", on: db, at: Date())
                }
                let path = APIPath.order.fullPath.replacingOccurrences(of: "{number}", with: String(v.number))
                #expect(try await dev.send(.GET, path).content.decode(View.self).fee.hasPrefix("3.38"))
                let later = try await order(dev, cleaning, quantity: 60).content.decode(View.self)
                #expect(later.fee.hasPrefix("1.80"), "8% of 22.50")

                // Out of turn, or by the wrong party: refused with the reason, nothing changed.
                let early = try await act(dev, v.number, "accept")
                #expect(early.status == .conflict)
                #expect(early.body.string.contains("only the worker can accept"), "\(early.body.string)")
                #expect(try await act(ana, v.number, "deliver").status == .conflict)
                #expect(try await act(ana, v.number, "fly").status == .badRequest)
                let bo = try await APIClient.login(app, "bo@demo.coop")
                #expect(try await bo.send(.GET, path).status == .forbidden)
                #expect(try await act(bo, v.number, "accept").status == .forbidden)
                #expect(try await dev.send(.GET, path).content.decode(View.self).state == "requested")

                for (who, action) in [(ana, "accept"), (ana, "start"), (ana, "deliver")] {
                    let res = try await act(who, v.number, action)
                    #expect(res.status == .ok, "\(action): \(res.body.string)")
                }
                // Not paid: it cannot complete. Paid through the test gateway, it can.
                let unpaid = try await act(dev, v.number, "complete")
                #expect(unpaid.status == .conflict && unpaid.body.string.contains("not paid"), "\(unpaid.body.string)")
                let payPath = APIPath.orderPayment.fullPath.replacingOccurrences(of: "{number}", with: String(v.number))
                #expect(try await ana.send(.POST, payPath, json: ["gateway": "test"]).status == .forbidden, "only the customer pays")
                #expect(try await dev.send(.POST, payPath, json: ["gateway": "bitcoin"]).status == .badRequest)
                #expect(try await dev.send(.POST, payPath, json: ["gateway": "test"]).status == .created)
                #expect(try await dev.send(.POST, payPath, json: ["gateway": "test"]).status == .conflict, "paid once")
                #expect(try await review(dev, v.number, rating: 5, "Too early").status == .conflict, "a review before completion")
                #expect(try await act(dev, v.number, "complete").status == .ok)
                #expect(try await act(dev, v.number, "review").status == .badRequest, "a review gives stars")
                #expect(try await review(dev, v.number, rating: 6, "Six").status == .badRequest)
                #expect(try await review(dev, v.number, rating: 5, "Spotless, on time").status == .ok)
                #expect(try await review(dev, v.number, rating: 1, "Again").status == .conflict, "a double review")
                let done = try await review(ana, v.number, rating: 4, "Clear instructions").content.decode(View.self)
                #expect(done.state == "reviewed" && done.actions.isEmpty)
                #expect(try await ReviewRecord.query(on: app.db).count() == 2)
                let listingPage = try await app.testing().sendRequest(.GET, SiteURL.listing(cleaning).path).body.string
                #expect(listingPage.contains("5.0 of 5 from 1 review"), "the worker's rating is shown")
                // The ledger: the payment came in and went out to Ana's earnings and the co-op's fee.
                let eur = try #require(try await app.coop.bylaws(on: app.db)).currency
                let anaID = try #require(
                    try await MembershipRecord.query(on: app.db).join(UserRecord.self, on: \MembershipRecord.$userID == \UserRecord.$id)
                        .filter(UserRecord.self, \.$email == "ana@demo.coop").first()
                ).requireID().uuidString.lowercased()
                #expect(try await LedgerStore.balance(of: .earningsPayable(member: anaID), currency: eur, on: app.db) == -3_037)
                #expect(try await LedgerStore.balance(of: .feeRevenue, currency: eur, on: app.db) == -338)
                #expect(try await LedgerStore.balance(of: .orderHeld(v.number), currency: eur, on: app.db) == 0)
                let statement = try await ana.send(.GET, APIPath.membershipLedger.fullPath).body.string
                #expect(statement.contains("earnings-payable") && statement.contains("-3037"), "\(statement)")
                #expect(try await AuditLog.verify(on: app.db).get().count == Int64(try await count("audit_entries", on: app)))
            }
        }

        @Test func anOfflinePaymentIsSettledWhenAStewardConfirmsAndACancellationRefundsIt() async throws {
            try await withCoop { app async throws in
                let dev = try await APIClient.login(app, "dev@demo.coop")
                let delivery = try await listing(app, "Cargo-bike delivery")  // 18.00 fixed
                let v = try await order(dev, delivery, quantity: 1).content.decode(View.self)
                let payPath = APIPath.orderPayment.fullPath.replacingOccurrences(of: "{number}", with: String(v.number))
                let paid = try await dev.send(
                    .POST, payPath, json: ["gateway": "offline", "method": "bank_transfer", "reference": "DEV-1"])
                #expect(paid.status == .created, "\(paid.body.string)")
                struct Payment: Decodable {
                    let id: UUID
                    let status: String
                    let instructions: String?
                }
                let p = try paid.content.decode(Payment.self)
                #expect(p.status == "pending" && (p.instructions ?? "").contains("ORDER-\(v.number)"))
                let eur = try #require(try await app.coop.bylaws(on: app.db)).currency
                #expect(try await LedgerStore.balance(of: .orderHeld(v.number), currency: eur, on: app.db) == 0, "not yet received")
                let confirm = APIPath.orderPaymentConfirm.with(p.id)
                #expect(try await dev.send(.POST, confirm).status == .forbidden, "a customer cannot confirm")
                let sam = try await APIClient.login(app, "sam@demo.coop")
                #expect(try await sam.send(.POST, confirm).status == .noContent)
                #expect(try await sam.send(.POST, confirm).status == .conflict)
                #expect(try await LedgerStore.balance(of: .orderHeld(v.number), currency: eur, on: app.db) == -1_800)
                // Cancelled before the worker accepted: refunded in full.
                #expect(try await act(dev, v.number, "cancel").status == .ok)
                #expect(try await LedgerStore.balance(of: .orderHeld(v.number), currency: eur, on: app.db) == 0)
                #expect(try await LedgerStore.balance(of: .cash, currency: eur, on: app.db) > 0, "share capital paid in stays")
            }
        }

        @Test func theOrderPagesWorkWithoutJavaScript() async throws {
            try await withCoop { app async throws in
                let cleaning = try await listing(app, "Home cleaning")
                var dev = Browser(app)
                try await dev.logIn("dev@demo.coop")
                let page = try await dev.get(SiteURL.listing(cleaning).path)
                #expect(page.body.string.contains(#"id="order""#))
                let placed = try await dev.post(
                    SiteURL.orders.path, ["listing": cleaning.uuidString, "quantity": "120", "note": "Ring twice"])
                #expect(placed.status == .seeOther || placed.status == .found || placed.status == .ok, "\(placed.status)")
                let o = try #require(try await OrderRecord.query(on: app.db).first())
                #expect(o.priceMinor == 4_500 && o.note == "Ring twice")
                let show = try await dev.get(SiteURL.order(o.number).path).body.string
                #expect(show.contains(#"id="pay""#) && show.contains("45.00"))
                _ = try await dev.post(SiteURL.orderPay(o.number).path, ["gateway": "test", "method": "bank_transfer"])
                #expect(try await dev.get(SiteURL.order(o.number).path).body.string.contains("settled"))
                // A refused move shows the reason on the page.
                let early = try await dev.post(SiteURL.orderAction(o.number).path, ["action": "complete"])
                #expect(early.status == .conflict && early.body.string.contains("only a delivered order can be completed"))
                var ana = Browser(app)
                try await ana.logIn("ana@demo.coop")
                _ = try await ana.get(SiteURL.order(o.number).path)
                _ = try await ana.post(SiteURL.orderAction(o.number).path, ["action": "accept"])
                #expect(try await ana.get(SiteURL.order(o.number).path).body.string.contains(#"id="order-state">accepted<"#))
            }
        }

        @Test func whereMembersLetRatingsCountTheBestRatedComeFirst() async throws {
            try await withCoop { app async throws in
                let dev = try await APIClient.login(app, "dev@demo.coop")
                for (email, title, stars) in [("ana@demo.coop", "Home cleaning", 2), ("bo@demo.coop", "Cargo-bike delivery", 5)] {
                    let worker = try await APIClient.login(app, email)
                    let v = try await order(dev, try await listing(app, title), quantity: 60).content.decode(View.self)
                    let payPath = APIPath.orderPayment.fullPath.replacingOccurrences(of: "{number}", with: String(v.number))
                    #expect(try await dev.send(.POST, payPath, json: ["gateway": "test"]).status == .created)
                    for action in ["accept", "start", "deliver"] { #expect(try await act(worker, v.number, action).status == .ok) }
                    #expect(try await act(dev, v.number, "complete").status == .ok)
                    #expect(try await review(dev, v.number, rating: stars, "ok").status == .ok)
                }
                struct Found: Decodable {
                    struct Item: Decodable { let title: String }
                    let listings: [Item]
                    let ordering: String
                }
                func titles() async throws -> Found {
                    try await app.testing().sendRequest(.GET, APIPath.listings.fullPath + "?category=cleaning").content.decode(Found.self)
                }
                func set(_ key: String, _ value: String) async throws {
                    try await app.coop.write(on: app.db) { db in
                        try await PolicyStore.change(key, to: .option(value), proposal: UUID(), source: "test", on: db, at: Date())
                    }
                }
                try await set("search_ranking", "rating")
                #expect(try await titles().ordering.contains("ratings do not count"))
                try await set("ratings_affect_ranking", "on")
                #expect(try await titles().ordering.hasPrefix("Best-rated workers first"))
                let all = try await app.testing().sendRequest(.GET, APIPath.listings.fullPath).content.decode(Found.self)
                let order = all.listings.map(\.title)
                let bo = try #require(order.firstIndex(of: "Cargo-bike delivery"))
                let ana = try #require(order.firstIndex(of: "Home cleaning"))
                #expect(bo < ana, "\(order)")
            }
        }

        @Test func aPaidDeliveredOrderCompletesByItselfAfterThePeriodAndPartiesWriteToEachOther() async throws {
            let clock = TestClock()
            try await withCoop(configure: { $0.now = { clock.now } }) { app async throws in
                let dev = try await APIClient.login(app, "dev@demo.coop")
                let ana = try await APIClient.login(app, "ana@demo.coop")
                let cleaning = try await listing(app, "Home cleaning")
                var numbers: [Int] = []
                for paid in [true, false] {
                    let v = try await order(dev, cleaning, quantity: 60).content.decode(View.self)
                    if paid {
                        let payPath = APIPath.orderPayment.fullPath.replacingOccurrences(of: "{number}", with: String(v.number))
                        #expect(try await dev.send(.POST, payPath, json: ["gateway": "test"]).status == .created)
                    }
                    for action in ["accept", "start", "deliver"] { #expect(try await act(ana, v.number, action).status == .ok) }
                    numbers.append(v.number)
                }
                // Messages: the two parties only.
                let messages = APIPath.orderMessages.fullPath.replacingOccurrences(of: "{number}", with: String(numbers[0]))
                #expect(try await dev.send(.POST, messages, json: ["body": "Thanks, see you Tuesday"]).status == .created)
                #expect(try await ana.send(.POST, messages, json: ["body": ""]).status == .badRequest)
                let bo = try await APIClient.login(app, "bo@demo.coop")
                #expect(try await bo.send(.POST, messages, json: ["body": "Hello"]).status == .forbidden)
                struct WithMessages: Decodable {
                    struct M: Decodable { let by: String }
                    let messages: [M]
                }
                let path = APIPath.order.fullPath.replacingOccurrences(of: "{number}", with: String(numbers[0]))
                #expect(try await ana.send(.GET, path).content.decode(WithMessages.self).messages.map(\.by) == ["customer"])

                clock.advance(days: 2)
                try await Orders.completeDue(app: app)
                #expect(try await OrderRecord.query(on: app.db).filter(\.$number == numbers[0]).first()?.state == .delivered)
                clock.advance(days: 2)  // past the 3 days the policy sets
                try await Orders.completeDue(app: app)
                try await Orders.completeDue(app: app)  // idempotent
                #expect(try await OrderRecord.query(on: app.db).filter(\.$number == numbers[0]).first()?.state == .completed)
                #expect(try await OrderRecord.query(on: app.db).filter(\.$number == numbers[1]).first()?.state == .delivered, "unpaid")
                let systemCompletions = try await OrderEventRecord.query(on: app.db).filter(\.$role == .system).count()
                #expect(systemCompletions == 1)
            }
        }

        @Test func theLastItemsAreNeverOversold() async throws {
            try await withCoop { app async throws in
                let jam = try await listing(app, "Plum jam")  // 12 in stock
                let dev = try await APIClient.login(app, "dev@demo.coop")
                let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                    for _ in 0..<14 { group.addTask { try await order(dev, jam, quantity: 1).status } }
                    return try await group.reduce(into: [HTTPStatus]()) { $0.append($1) }
                }
                #expect(statuses.filter { $0 == .created }.count == 12)
                #expect(statuses.filter { $0 == .conflict }.count == 2)
                #expect(try await ListingRecord.find(jam, on: app.db)?.stock == 0)
                // A cancelled order's item goes back to stock; nobody orders their own listing.
                let first = try #require(try await OrderRecord.query(on: app.db).sort(\.$number).first())
                #expect(try await act(dev, first.number, "cancel").status == .ok)
                #expect(try await ListingRecord.find(jam, on: app.db)?.stock == 1)
                let rita = try await APIClient.login(app, "rita@demo.coop")
                #expect(try await order(rita, jam, quantity: 1).status == .conflict)
                #expect(try await order(dev, jam, quantity: 0).status == .badRequest)
            }
        }
    }
}
