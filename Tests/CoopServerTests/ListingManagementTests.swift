import CoopCore
import CoopStore
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import CoopServer

/// Real images of 3 × 2 pixels, made with Pillow (the core's tests read more of them).
enum TestImages {
    static func bytes(_ hex: String) -> [UInt8] {
        stride(from: 0, to: hex.count, by: 2).map { i in
            let start = hex.index(hex.startIndex, offsetBy: i)
            return UInt8(hex[start..<hex.index(start, offsetBy: 2)], radix: 16)!
        }
    }

    static let png = bytes(
        "89504e470d0a1a0a0000000d49484452000000030000000208020000001216f14d0000001549444154789c63948f7163606060606060628001000da700c51e25cb360000000049454e44ae426082"
    )
    static let webp = bytes(
        "524946462e0000005745425056503820220000005001009d012a0300020001402625980004000000fef4be8ffff01fd81ff607620000")
}

extension Server {
    @Suite struct ListingManagementTests {
        struct Cover: Decodable {
            let id: UUID
            let url: String
            let width: Int?
            let height: Int?
            let alt: String
        }

        struct Summary: Decodable {
            let id: UUID
            let title: String
            let price: String
            let priceMinorUnits: Int64
            let status: String
            let area: String
            let areaID: String?
            let cover: Cover?
        }

        struct Found: Decodable {
            let listings: [Summary]
            let total: Int
        }

        struct OrderView: Decodable {
            let number: Int
            let title: String
            let price: String
            let state: String
        }

        static func email(_ name: String) -> String {
            name.lowercased().split(separator: " ").joined(separator: ".") + "@fixture.test"
        }

        func edit(_ api: APIClient, _ id: UUID, _ fields: [String: String]) async throws -> TestingHTTPResponse {
            try await api.send(.PUT, APIPath.listing.with(id), json: fields)
        }

        func search(_ app: Application, _ query: String) async throws -> Found {
            let res = try await app.testing().sendRequest(.GET, APIPath.listings.fullPath + "?" + query)
            #expect(res.status == .ok, "\(res.body.string)")
            return try res.content.decode(Found.self)
        }

        func order(_ api: APIClient, _ listing: UUID, quantity: Int = 60) async throws -> TestingHTTPResponse {
            try await api.send(.POST, APIPath.orders.fullPath, raw: #"{"listing":"\#(listing.uuidString)","quantity":\#(quantity)}"#)
        }

        func orderPath(_ number: Int, _ path: APIPath = .order) -> String {
            path.fullPath.replacingOccurrences(of: "{number}", with: String(number))
        }

        /// An order of `listing` by `customer`, taken through to a review of `rating` stars.
        func reviewedOrder(_ worker: APIClient, _ customer: APIClient, _ listing: UUID, rating: Int, comment: String) async throws {
            let placed = try await order(customer, listing)
            try #require(placed.status == .created, "\(placed.body.string)")
            let n = try placed.content.decode(OrderView.self).number
            for (who, action) in [(worker, "accept"), (worker, "start"), (worker, "deliver")] {
                let res = try await who.send(.POST, orderPath(n, .orderActions), json: ["action": action])
                try #require(res.status == .ok, "\(action): \(res.body.string)")
            }
            try #require(try await customer.send(.POST, orderPath(n, .orderPayment), json: ["gateway": "test"]).status == .created)
            try #require(try await customer.send(.POST, orderPath(n, .orderActions), json: ["action": "complete"]).status == .ok)
            let body = String(
                decoding: try JSONSerialization.data(withJSONObject: ["action": "review", "rating": rating, "comment": comment]),
                as: UTF8.self)
            let reviewed = try await customer.send(.POST, orderPath(n, .orderActions), raw: body)
            try #require(reviewed.status == .ok, "\(reviewed.body.string)")
        }

        static let hourly: [String: String] = [
            "kind": "service", "title": "Window cleaning", "description": "Inside and out", "category": "cleaning", "unit": "per_hour",
            "price": "25.00",
        ]

        @Test func aWorkerEditsPausesResumesAndDeletesAListingAndPlacedOrdersKeepTheirTerms() async throws {
            try await withCoop(founded: false) { app async throws in
                let coop = try await Fixture.coop(app)
                let maker = try await coop.member("Mo Maker")
                let customer = try await coop.member("Cy Customer", class: "user")
                let id = try await coop.listing(by: maker, title: "Window cleaning", price: "25.00")
                let placed = try await order(customer, id)
                try #require(placed.status == .created, "\(placed.body.string)")
                let number = try placed.content.decode(OrderView.self).number
                #expect(try placed.content.decode(OrderView.self).price == "25.00 EUR")

                // Edited: new title, price and area. The order placed before keeps its terms.
                var changed = Self.hourly
                changed["title"] = "Window and frame cleaning"
                changed["price"] = "30.00"
                changed["areaID"] = "north"
                let edited = try await edit(maker, id, changed)
                #expect(edited.status == .ok, "\(edited.body.string)")
                let summary = try edited.content.decode(Summary.self)
                #expect(summary.price == "30.00 EUR" && summary.area == "North" && summary.areaID == "north")
                let before = try await customer.send(.GET, orderPath(number)).content.decode(OrderView.self)
                #expect(before.price == "25.00 EUR", "an order keeps the price it was placed at")
                let orders = try await OrderRecord.query(on: app.db).filter(\.$number == number).all()
                let stored = try #require(orders.first)
                #expect(stored.unitPriceMinor == 2_500)
                #expect(try await search(app, "q=frame").listings.map(\.priceMinorUnits) == [3_000])
                #expect(try await search(app, "q=frame&area=north&within=1").total == 1)
                #expect(try await search(app, "q=frame&area=south&within=1").total == 0, "North is more than 1 km from South")
                let asGood = changed.merging(["kind": "good", "unit": "per_item"]) { $1 }.map { #""\#($0.key)":"\#($0.value)""# }
                let kindChange = try await maker.send(
                    .PUT, APIPath.listing.with(id), raw: "{" + (asGood + [#""stock":3"#]).joined(separator: ",") + "}")
                #expect(kindChange.status == .badRequest && kindChange.body.string.contains("stays a service"), "\(kindChange.body.string)")
                // The API names the co-op's areas, with their centres.
                struct Coop: Decodable {
                    struct Area: Decodable { let id, name, latitude, longitude: String }
                    let areas: [Area]
                }
                let areas = try await APIClient(app: app).send(.GET, APIPath.coop.fullPath).content.decode(Coop.self).areas
                #expect(
                    areas.first { $0.id == "north" }.map { [$0.name, $0.latitude, $0.longitude] } == ["North", "52.400000", "4.915000"])
                let badArea = try await edit(maker, id, changed.merging(["areaID": "atlantis"]) { $1 })
                #expect(badArea.status == .badRequest && badArea.body.string.contains("not one of the co-op's areas"))

                // Paused: not found, not orderable, its page says so; pausing twice is refused.
                let pause = APIPath.listingPause.with(id)
                let paused = try await maker.send(.POST, pause)
                #expect(try paused.status == .ok && paused.content.decode(Summary.self).status == "paused")
                #expect(try await maker.send(.POST, pause).status == .conflict)
                #expect(try await search(app, "q=frame").total == 0)
                let refused = try await order(customer, id)
                #expect(refused.status == .conflict && refused.body.string.contains("no longer offered"), "\(refused.body.string)")
                let pausedPage = try await app.testing().sendRequest(.GET, SiteURL.listing(id).path).body.string
                #expect(pausedPage.contains("This listing is paused") && !pausedPage.contains("to order."))

                // Resumed: found and orderable again.
                let resumed = try await maker.send(.POST, APIPath.listingResume.with(id))
                #expect(try resumed.status == .ok && resumed.content.decode(Summary.self).status == "active")
                #expect(try await search(app, "q=frame").total == 1)

                // Deleted: kept for the order, never found, never changed again.
                #expect(try await maker.send(.DELETE, APIPath.listing.with(id)).status == .noContent)
                #expect(try await search(app, "q=frame").total == 0)
                #expect(try await count("listings", on: app) >= 1)
                let gone = try await app.testing().sendRequest(.GET, SiteURL.listing(id).path)
                #expect(gone.status == .ok && gone.body.string.contains("no longer offered"))
                #expect(try await maker.send(.POST, APIPath.listingResume.with(id)).status == .conflict)
                #expect(try await edit(maker, id, changed).status == .conflict)
                let after = try await customer.send(.GET, orderPath(number))
                #expect(after.status == .ok, "the order still shows")
                let view = try after.content.decode(OrderView.self)
                #expect(view.price == "25.00 EUR" && view.title == "Window cleaning", "what was ordered, as it was then")
                var browser = Browser(app)
                try await browser.logIn(Self.email("Cy Customer"), Fixture.password)
                #expect(try await browser.get(SiteURL.order(number).path).status == .ok)
                let kinds = try await AuditEntryRecord.query(on: app.db).all().map(\.kind)
                for kind in ["listing.edited", "listing.paused", "listing.resumed", "listing.deleted"] {
                    #expect(kinds.contains(kind), "audited: \(kind)")
                }
            }
        }

        @Test func onlyTheWorkerWhoListedItMayChangeIt() async throws {
            try await withCoop(founded: false) { app async throws in
                let coop = try await Fixture.coop(app)
                let maker = try await coop.member("Mo Maker")
                let other = try await coop.member("Wu Other")
                let id = try await coop.listing(by: maker, title: "Window cleaning", price: "25.00")
                var changed = Self.hourly
                changed["price"] = "99.00"
                // Another worker, and a steward (the bylaws give stewards no power over listings): 403.
                for api in [other, coop.steward] {
                    #expect(try await edit(api, id, changed).status == .forbidden)
                    #expect(try await api.send(.POST, APIPath.listingPause.with(id)).status == .forbidden)
                    #expect(try await api.send(.DELETE, APIPath.listing.with(id)).status == .forbidden)
                }
                #expect(try await edit(APIClient(app: app), id, changed).status == .unauthorized)
                var wu = Browser(app)
                try await wu.logIn(Self.email("Wu Other"), Fixture.password)
                #expect(try await wu.get(SiteURL.editListing(id).path).status == .forbidden)
                #expect(try await wu.post(SiteURL.editListing(id).path, changed).status == .forbidden)
                #expect(try await wu.post(SiteURL.listingStatus(id).path, ["change": "pause"]).status == .forbidden)
                let upload = try await wu.postFile(
                    SiteURL.listingPhotos(id).path, file: ("photo", "x.png", "image/png", TestImages.png))
                #expect(upload.status == .forbidden)
                #expect(try await count("listing_photos", on: app) == 0)
                let l = try #require(try await ListingRecord.find(id, on: app.db))
                #expect(l.priceMinor == 2_500 && l.status == .active)
                // The owner's photo, deleted by someone else: refused.
                let makerUser = try await UserStore.user(email: Self.email("Mo Maker"), on: app.db)
                let makerUserID = try #require(makerUser).requireID()
                let makerMember = try #require(try await MembershipQueries.membership(ofUser: makerUserID, on: app.db))
                let photo = try await ListingPhotoStore.add(
                    TestImages.png, alt: nil, to: id, by: try makerMember.requireID(), on: app.db, at: Date())
                #expect(try await wu.post(SiteURL.photoDelete(photo.id).path).status == .forbidden)
                #expect(try await other.send(.DELETE, APIPath.listingPhoto.with(photo.id)).status == .forbidden)
                #expect(try await count("listing_photos", on: app) == 1)
                #expect(photo.alt == "Photo of Window cleaning", "a sensible default alt text from the title")
            }
        }

        @Test func aWorkerListsAnHourlyServiceThroughTheFormWithBlankOptionalFieldsThenEditsPausesAndDeletesIt() async throws {
            try await withCoop(founded: false) { app async throws in
                let coop = try await Fixture.coop(app)
                _ = try await coop.member("Mo Maker")
                var mo = Browser(app)
                try await mo.logIn(Self.email("Mo Maker"), Fixture.password)
                let form = try await mo.get(SiteURL.newListing.path).body.string
                #expect(form.contains(#"<select id="areaID""#) && form.contains(">East</option>"))
                #expect(!form.lowercased().contains("latitude") && !form.lowercased().contains("longitude"), "no place typed by hand")
                // An hourly service with a price only: the minutes and stock are left blank, as a browser sends them.
                let fields = [
                    "kind": "service", "title": "Ironing",
                    "description": "Shirts and sheets.\nCollected and returned.\n\nAsk about <b>linen</b>.",
                    "category": "care", "unit": "per_hour", "price": "24.00", "estimatedMinutes": "", "stock": "", "areaID": "east",
                ]
                let made = try await mo.post(SiteURL.listings.path, fields)
                #expect(made.status == .seeOther, "\(made.body.string.prefix(2000))")
                let location = try #require(made.headers.first(name: .location))
                let id = try #require(UUID(uuidString: String(location.split(separator: "/").last ?? "")))
                let page = try #require(try await mo.follow(made)).body.string
                #expect(
                    page.contains("Shirts and sheets.<br/>Collected and returned.</p><p>Ask about &lt;b&gt;linen&lt;/b&gt;.</p>"), "\(page)"
                )
                #expect(page.contains("Area: East") && page.contains("Edit this listing"))

                // Edited through its form: a refused edit shows the form again with what was sent.
                let editPage = try await mo.get(SiteURL.editListing(id).path).body.string
                #expect(
                    editPage.contains(#"value="24.00""#) && editPage.contains(#"<option value="east" selected="selected" translate="no">"#))
                let bad = try await mo.post(
                    SiteURL.editListing(id).path, fields.merging(["price": "abc", "title": "Ironing, fast"]) { $1 })
                #expect(bad.status == .badRequest)
                #expect(bad.body.string.contains("abc") && bad.body.string.contains("Ironing, fast"), "the form keeps what was sent")
                let saved = try await mo.post(SiteURL.editListing(id).path, fields.merging(["price": "26.00"]) { $1 })
                #expect(saved.status == .seeOther, "\(saved.body.string.prefix(2000))")
                #expect(try await ListingRecord.find(id, on: app.db)?.priceMinor == 2_600)

                // Paused and resumed from its page; deleting asks to be sure.
                _ = try await mo.get(SiteURL.editListing(id).path)
                #expect(try await mo.post(SiteURL.listingStatus(id).path, ["change": "pause"]).status == .seeOther)
                #expect(try await ListingRecord.find(id, on: app.db)?.status == .paused)
                #expect(try await mo.get(SiteURL.editListing(id).path).body.string.contains("Resume"))
                #expect(try await mo.post(SiteURL.listingStatus(id).path, ["change": "resume"]).status == .seeOther)
                #expect(try await ListingRecord.find(id, on: app.db)?.status == .active)
                let unsure = try await mo.post(SiteURL.listingStatus(id).path, ["change": "delete"])
                #expect(unsure.status == .badRequest && unsure.body.string.contains("Tick the box"))
                let deleted = try await mo.post(SiteURL.listingStatus(id).path, ["change": "delete", "confirm": "yes"])
                #expect(deleted.status == .seeOther)
                let dashboard = try #require(try await mo.follow(deleted)).body.string
                #expect(dashboard.contains(#"id="my-listings""#) && dashboard.contains("deleted"))
                #expect(try await ListingRecord.find(id, on: app.db)?.status == .deleted)
            }
        }

        @Test func photosAreCheckedByContentKeptInTheDatabaseAndServedWithSafeHeaders() async throws {
            try await withCoop(founded: false) { app async throws in
                let coop = try await Fixture.coop(app)
                let maker = try await coop.member("Mo Maker")
                let id = try await coop.listing(by: maker, title: "Window cleaning", price: "25.00")
                var mo = Browser(app)
                try await mo.logIn(Self.email("Mo Maker"), Fixture.password)
                _ = try await mo.get(SiteURL.editListing(id).path)
                let path = SiteURL.listingPhotos(id).path

                // Without the form's token, refused (the token is read from the multipart body).
                #expect(
                    try await mo.postFile(path, file: ("photo", "w.png", "image/png", TestImages.png), csrf: false).status == .forbidden)
                let added = try await mo.postFile(path, ["alt": "A clean <window>"], file: ("photo", "w.png", "image/png", TestImages.png))
                #expect(added.status == .seeOther, "\(added.body.string.prefix(1000))")
                // A PNG renamed .jpg and sent as a JPEG is a PNG.
                let renamed = try await mo.postFile(path, file: ("photo", "holiday.jpg", "image/jpeg", TestImages.png))
                #expect(renamed.status == .seeOther)
                #expect(try await mo.postFile(path, file: ("photo", "w.webp", "image/webp", TestImages.webp)).status == .seeOther)
                // An HTML file named x.jpg, an empty file: refused with the reason, nothing stored.
                let html = try await mo.postFile(
                    path, file: ("photo", "x.jpg", "image/jpeg", Array("<html><script>alert(1)</script></html>".utf8)))
                #expect(html.status == .badRequest && html.body.string.contains("not a JPEG, PNG or WebP"))
                let empty = try await mo.postFile(path, file: ("photo", "", "application/octet-stream", []))
                #expect(empty.status == .badRequest && empty.body.string.contains("empty"))
                let photos = try await ListingPhotoStore.photos(of: id, on: app.db)
                #expect(photos.map(\.format) == [.png, .png, .webp])
                #expect(photos[0].width == 3 && photos[0].height == 2 && photos[0].alt == "A clean <window>")
                #expect(photos[1].alt == "Photo of Window cleaning")

                // Served with the type read from its bytes, never sniffed, cached for good, nothing in it run.
                let first = Listings.Photo(photos[0])
                #expect(first.url.hasSuffix(".png"))
                let res = try await app.testing().sendRequest(.GET, first.url)
                #expect(res.status == .ok)
                #expect(res.headers.first(name: .contentType) == "image/png")
                #expect(res.headers.first(name: "X-Content-Type-Options") == "nosniff")
                #expect(res.headers.first(name: .cacheControl) == "public, max-age=31536000, immutable")
                #expect(res.headers.first(name: "Content-Security-Policy") == "default-src 'none'")
                #expect(Array(res.body.readableBytesView) == TestImages.png)
                let etag = try #require(res.headers.first(name: .eTag))
                var again = HTTPHeaders()
                again.add(name: .ifNoneMatch, value: etag)
                #expect(try await app.testing().sendRequest(.GET, first.url, headers: again).status == .notModified)
                let webp = try await app.testing().sendRequest(.GET, Listings.Photo(photos[2]).url)
                #expect(webp.headers.first(name: .contentType) == "image/webp")
                let wrongName = first.url.replacingOccurrences(of: ".png", with: ".jpg")
                #expect(try await app.testing().sendRequest(.GET, wrongName).status == .notFound)

                // The listing page and its search card show it, with its size and escaped alt text.
                let page = try await app.testing().sendRequest(.GET, SiteURL.listing(id).path).body.string
                #expect(page.contains(#"src="\#(first.url)""#) && page.contains(#"width="3""#) && page.contains("A clean &lt;window&gt;"))
                let card = try await app.testing().sendRequest(.GET, SiteURL.listings.path + "?q=window").body.string
                #expect(card.contains(#"<img class="card-photo" src="\#(first.url)""#) && card.contains(#"width="3" height="2""#))
                let found = try await search(app, "q=window")
                #expect(found.listings.first?.cover?.url == first.url)

                // Deleted: gone from the listing and from its address; the card shows the next one.
                _ = try await mo.get(SiteURL.editListing(id).path)
                #expect(try await mo.post(SiteURL.photoDelete(photos[0].id).path).status == .seeOther)
                #expect(try await app.testing().sendRequest(.GET, first.url).status == .notFound)
                #expect(try await search(app, "q=window").listings.first?.cover?.id == photos[1].id)
                #expect(try await count("listing_photos", on: app) == 2)
            }
        }

        @Test func anOversizedPhotoIsRefusedWith413AndAPlainMessage() async throws {
            try await withCoop(founded: false) { app async throws in
                let coop = try await Fixture.coop(app)
                let maker = try await coop.member("Mo Maker")
                let id = try await coop.listing(by: maker, title: "Window cleaning", price: "25.00")
                var mo = Browser(app)
                try await mo.logIn(Self.email("Mo Maker"), Fixture.password)
                _ = try await mo.get(SiteURL.editListing(id).path)
                // Just over the photo limit, within the request's: refused by the upload.
                let over = TestImages.png + [UInt8](repeating: 0, count: PhotoRules.maxBytes)
                let res = try await mo.postFile(SiteURL.listingPhotos(id).path, file: ("photo", "big.png", "image/png", over))
                #expect(res.status == .payloadTooLarge)
                #expect(res.body.string.contains("at most 5 MB"), "\(res.body.string.prefix(500))")
                #expect(try await count("listing_photos", on: app) == 0)
            }
        }

        @Test func anUploadOverTheRequestLimitIsCutOffBeforeTheRouteOverRealHTTP() async throws {
            try await withCoop(founded: false) { app async throws in
                let coop = try await Fixture.coop(app)
                let maker = try await coop.member("Mo Maker")
                let id = try await coop.listing(by: maker, title: "Window cleaning", price: "25.00")
                var mo = Browser(app)
                try await mo.logIn(Self.email("Mo Maker"), Fixture.password)
                _ = try await mo.get(SiteURL.editListing(id).path)
                let boundary = "b0undary"
                var body = ByteBuffer()
                body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n\(mo.csrf ?? "")\r\n")
                body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"huge.png\"\r\n\r\n")
                body.writeBytes(TestImages.png + [UInt8](repeating: 0, count: 7 * 1024 * 1024))
                body.writeString("\r\n--\(boundary)--\r\n")
                var headers = HTTPHeaders()
                headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
                headers.add(name: .cookie, value: mo.cookie ?? "")
                // Over a real connection the body streams in, and the CSRF check's collection stops it.
                let res = try await app.testing(method: .running(port: 0)).sendRequest(
                    .POST, SiteURL.listingPhotos(id).path, headers: headers, body: body)
                #expect(res.status == .payloadTooLarge)
                #expect(res.body.string.contains("at most 5 MB"), "\(res.body.string.prefix(500))")
                #expect(try await count("listing_photos", on: app) == 0)
            }
        }

        @Test func searchCardsShowRatingAndAreaAndNearIsAnAreaPickedByName() async throws {
            try await withCoop(founded: false) { app async throws in
                let coop = try await Fixture.coop(app)
                let maker = try await coop.member("Mo Maker")
                let customer = try await coop.member("Cy Customer", class: "user")
                let id = try await coop.listing(by: maker, title: "Window cleaning", price: "25.00")
                var placed = Self.hourly
                placed["areaID"] = "east"
                #expect(try await edit(maker, id, placed).status == .ok)
                try await reviewedOrder(maker, customer, id, rating: 5, comment: "Spotless.\nWould book again <3")

                let page = try await app.testing().sendRequest(.GET, SiteURL.listings.path + "?q=window").body.string
                #expect(page.contains(#"<span class="card-rating">5.0 of 5 · 1 review</span>"#), "\(page)")
                #expect(page.contains(#"<span class="card-price">25.00 EUR an hour</span>"#))
                #expect(page.contains(#"<span class="card-area" translate="no">East</span>"#))
                #expect(page.contains(#"<span class="card-photo no-photo" aria-hidden="true"></span>"#), "no photo yet: a placeholder")
                // Near is one of the co-op's areas, chosen by name; nobody types coordinates.
                #expect(page.contains(#"<select id="area" name="area">"#) && !page.contains(#"name="near""#))
                let near = try await app.testing().sendRequest(.GET, SiteURL.listings.path + "?area=east&within=1").body.string
                #expect(near.contains("Window cleaning") && near.contains("km away"))
                let far = try await app.testing().sendRequest(.GET, SiteURL.listings.path + "?q=window&area=west&within=1").body.string
                #expect(far.contains(#"id="result-count">0 listings"#), "West is more than 1 km from East")
                let unknown = try await app.testing().sendRequest(.GET, SiteURL.listings.path + "?area=atlantis")
                #expect(
                    unknown.status == .badRequest && unknown.body.string.contains("not one of the co-op&#39;s areas"),
                    "\(unknown.body.string)")

                // The listing page: the review's text, its stars and day, its line breaks, escaped, and no name.
                let show = try await app.testing().sendRequest(.GET, SiteURL.listing(id).path).body.string
                #expect(show.contains("Reviews of this listing") && show.contains("5 of 5"))
                #expect(show.contains("Spotless.<br/>Would book again &lt;3"), "\(show)")
                #expect(!show.contains("Cy Customer"), "reviews name no one, as orders' pages do")
            }
        }

        @Test func logInReturnsToTheListingAndNeverToAnotherSite() async throws {
            for bad in [
                "//evil.com", "https://evil", "/\\evil", "http://evil.com/x", "javascript:alert(1)", "evil", "", "/a\nb", "/\\/evil",
            ] {
                #expect(AuthPages.safeNext(bad) == nil, "\(bad)")
            }
            #expect(AuthPages.safeNext("/listings/abc?x=1") == "/listings/abc?x=1")
            try await withCoop(founded: false) { app async throws in
                let coop = try await Fixture.coop(app)
                let maker = try await coop.member("Mo Maker")
                _ = try await coop.member("Cy Customer", class: "user")
                let id = try await coop.listing(by: maker, title: "Window cleaning", price: "25.00")
                var cy = Browser(app)
                let page = try await cy.get(SiteURL.listing(id).path).body.string
                let link = AuthPages.loginLink(next: SiteURL.listing(id).path)
                #expect(page.contains(#"href="\#(link)""#), "Log in to order leads to the log-in with the way back")
                let form = try await cy.get(link).body.string
                #expect(form.contains(#"name="next" value="\#(SiteURL.listing(id).path)""#))
                let back = try await cy.post(
                    SiteURL.login.path,
                    ["email": Self.email("Cy Customer"), "password": Fixture.password, "next": SiteURL.listing(id).path])
                #expect(back.headers.first(name: .location) == SiteURL.listing(id).path)
                for evil in ["//evil.com", "https://evil", "/\\evil"] {
                    var b = Browser(app)
                    _ = try await b.get(
                        SiteURL.login.path + "?next=" + (evil.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
                    #expect(!b.lastBody.contains("evil"), "an unsafe next is not even put in the form")
                    let res = try await b.post(
                        SiteURL.login.path, ["email": Self.email("Cy Customer"), "password": Fixture.password, "next": evil])
                    #expect(res.headers.first(name: .location) == SiteURL.membership.path, "\(evil)")
                }
                // A page that needs a log-in sends there with the way back.
                let dashboard = try await app.testing().sendRequest(.GET, SiteURL.dashboard.path)
                #expect(dashboard.headers.first(name: .location) == AuthPages.loginLink(next: SiteURL.dashboard.path))
            }
        }

        @Test func aJobRequestAndAWorkersPlaceArePickedByAreaNeverTyped() async throws {
            try await withCoop(founded: false) { app async throws in
                let coop = try await Fixture.coop(app)
                _ = try await coop.member("Mo Maker")
                _ = try await coop.member("Cy Customer", class: "user")
                var cy = Browser(app)
                try await cy.logIn(Self.email("Cy Customer"), Fixture.password)
                let form = try await cy.get(SiteURL.newJob.path).body.string
                #expect(form.contains(#"<select id="areaID""#) && !form.contains(#"name="latitude""#))
                let posted = try await cy.post(
                    SiteURL.jobs.path,
                    ["category": "cleaning", "title": "Clean the stairs", "budget": "60.00", "estimatedMinutes": "120", "areaID": "east"])
                #expect(posted.status == .seeOther, "\(posted.body.string.prefix(1000))")
                let job = try #require(try await JobRequestRecord.query(on: app.db).all().first)
                #expect(job.area == "East" && job.latitudeE6 == 52_360_000 && job.longitudeE6 == 4_940_000)

                var mo = Browser(app)
                try await mo.logIn(Self.email("Mo Maker"), Fixture.password)
                let dashboard = try await mo.get(SiteURL.dashboard.path).body.string
                #expect(!dashboard.contains(#"name="latitude""#) && dashboard.contains(#"<select id="areaID""#))
                let saved = try await mo.post(SiteURL.workerProfile.path, ["available": "true", "skills": "windows", "areaID": "north"])
                #expect(saved.status == .seeOther, "\(saved.body.string.prefix(1000))")
                let profile = try #require(try await WorkerProfileRecord.query(on: app.db).all().first)
                #expect(profile.latitudeE6 == 52_400_000 && profile.longitudeE6 == 4_915_000)
                let again = try await mo.get(SiteURL.dashboard.path).body.string
                #expect(
                    again.contains(#"<option value="north" selected="selected" translate="no">North</option>"#),
                    "the place shows as its area")
            }
        }

        @Test func onlyThoseWhoMayListAreOfferedToAndOthersAreToldWhy() async throws {
            try await withCoop(founded: false) { app async throws in
                let coop = try await Fixture.coop(app)
                _ = try await coop.member("Mo Maker")
                _ = try await coop.member("Cy Customer", class: "user")
                var cy = Browser(app)
                try await cy.logIn(Self.email("Cy Customer"), Fixture.password)
                let userPage = try await cy.get(SiteURL.listings.path).body.string
                #expect(!userPage.contains("List a service or a good") && userPage.contains(Listings.whoMayList))
                var mo = Browser(app)
                try await mo.logIn(Self.email("Mo Maker"), Fixture.password)
                let workerPage = try await mo.get(SiteURL.listings.path).body.string
                #expect(workerPage.contains(#"href="\#(SiteURL.newListing.path)""#) && !workerPage.contains(Listings.whoMayList))
                let anonymous = try await app.testing().sendRequest(.GET, SiteURL.listings.path).body.string
                #expect(!anonymous.contains("List a service or a good") && !anonymous.contains(Listings.whoMayList))
            }
        }
    }
}

extension Server {
    @Suite struct ListingMigrationTests {
        /// On PostgreSQL (as CI runs the server suites too): on SQLite, re-adding a column dropped in the same
        /// process is refused ("duplicate column name"), though the column is gone; not yet understood.
        @Test(.enabled(if: ProcessInfo.processInfo.environment["DATABASE_URL"] != nil))
        func anExistingCoopIsUpgradedItsJobListingsUnlistedAndItsOrdersKeepTheirTitles() async throws {
            try await withCoop { app async throws in
                let sql = app.db as! any SQLDatabase
                let dev = try await APIClient.login(app, "dev@demo.coop")
                let home = try #require(try await ListingRecord.query(on: app.db).filter(\.$title == "Home cleaning").first())
                let placed = try await dev.send(
                    .POST, APIPath.orders.fullPath, raw: #"{"listing":"\#(try home.requireID().uuidString)","quantity":60}"#)
                try #require(placed.status == .created, "\(placed.body.string)")
                // The co-op as it was before M025-M027: undo them, newest first.
                try await M027FreezeOrderTitles().revert(on: app.db)
                try await M026CreateListingPhotos().revert(on: app.db)
                try await M025AddListingStatus().revert(on: app.db)
                let columns = try await sql.raw("SELECT * FROM listings LIMIT 1").all().first?.allColumns ?? []
                #expect(!columns.isEmpty && !columns.contains("status") && !columns.contains("area_id"), "\(columns)")
                struct Row: Decodable {
                    let id: UUID
                    let title: String
                }
                let any = try #require(
                    try await sql.raw("SELECT id, title FROM listings").all(decoding: Row.self).first { $0.title != "Home cleaning" })
                // A listing made for a job request was the only kind not offered.
                try await sql.raw("UPDATE listings SET active = \(bind: false) WHERE id = \(bind: any.id)").run()

                try await M025AddListingStatus().prepare(on: app.db)
                try await M026CreateListingPhotos().prepare(on: app.db)
                try await M027FreezeOrderTitles().prepare(on: app.db)
                struct Status: Decodable {
                    let id: UUID
                    let status: String
                    let active: Bool
                }
                for l in try await sql.raw("SELECT id, status, active FROM listings").all(decoding: Status.self) {
                    #expect(l.status == (l.active ? "active" : "unlisted"), "\(l.id)")
                }
                struct Titled: Decodable {
                    let title: String?
                    let listing: String
                }
                let orders = try await sql.raw(
                    "SELECT o.title, l.title AS listing FROM orders o JOIN listings l ON l.id = o.listing_id"
                ).all(decoding: Titled.self)
                #expect(!orders.isEmpty && orders.allSatisfy { $0.title == $0.listing }, "every order keeps its listing's title")
                // Changing a new column still moves the search revision (SQLite's trigger names it).
                let before = try await SearchQueries.revision(on: app.db)
                try await sql.raw("UPDATE listings SET status = 'paused' WHERE id <> \(bind: any.id)").run()
                #expect(try await SearchQueries.revision(on: app.db) > before)
            }
        }
    }
}
