import CoopCore
import CoopStore
import Vapor

/// The marketplace part of the JSON API.
enum MarketplaceAPI {
    static func register(_ api: APIRoutes) {
        // The hot path: registered as written, the page's JSON assembled from pieces kept in memory.
        api.raw(
            .GET, .listings,
            summary: "Search listings (query: q, category, minPrice, maxPrice, near=lat,lon, within km, page), in the members' ranking",
            auth: .anyone, response: Listings.SearchResult.self
        ) { req async throws -> Response in
            let found = try await Listings.search(
                try Listings.SearchQuery(urlQuery: req.url.query), cache: req.coop.search, coop: req.coop, on: req.db, at: req.now)
            var headers = HTTPHeaders()
            headers.contentType = .json
            return Response(status: .ok, headers: headers, body: .init(string: found.json))
        }
        api.on(
            .POST, .listings, summary: "List a service or a good (worker-members; refused below the minimum pay)", auth: .member,
            body: Listings.Input.self, status: .created
        ) { req async throws -> Listings.Summary in
            let l = try await Listings.create(req)
            req.parameters.set("id", to: try l.requireID().uuidString)
            return try await Listings.summary(req).0
        }
        api.on(.GET, .listing, summary: "A listing, offered or not (status), with its first photo", auth: .anyone) {
            req async throws -> Listings.Summary in
            try await Listings.summary(req).0
        }
        registerManagement(api)
        registerOrders(api)
        registerJobs(api)
        BookingAPI.register(api)
    }

    /// A worker's changes to their own listing; anyone else is refused with 403.
    static func registerManagement(_ api: APIRoutes) {
        api.on(
            .PUT, .listing,
            summary:
                "Edit my listing: the same fields as listing it (a listing stays a service or a good); orders already placed keep their terms",
            auth: .member, body: Listings.Input.self
        ) { req async throws -> Listings.Summary in
            _ = try await Listings.edit(req, id: try Listings.id(req))
            return try await Listings.summary(req).0
        }
        api.on(.POST, .listingPause, summary: "Pause my listing: search no longer finds it and it takes no orders", auth: .user) {
            req async throws -> Listings.Summary in
            _ = try await Listings.change(req, id: try Listings.id(req), .pause)
            return try await Listings.summary(req).0
        }
        api.on(.POST, .listingResume, summary: "Offer my paused listing again", auth: .member) { req async throws -> Listings.Summary in
            _ = try await Listings.change(req, id: try Listings.id(req), .resume)
            return try await Listings.summary(req).0
        }
        api.on(
            .DELETE, .listing, summary: "Delete my listing: no longer offered, kept for the orders placed from it", auth: .user,
            status: .noContent
        ) { req in
            _ = try await Listings.change(req, id: try Listings.id(req), .delete)
        }
        api.on(.DELETE, .listingPhoto, summary: "Delete a photo of my listing", auth: .user, status: .noContent) { req in
            let id = try req.pathParameter(.id, expecting: t("a photo id"))
            let (member, _) = try await ListingPhotos.owner(req)
            let now = req.now
            _ = try await req.write { db in try await ListingPhotoStore.delete(id, by: member, on: db, at: now) }
        }
    }

    static func registerOrders(_ api: APIRoutes) {
        api.on(
            .POST, .orders, summary: "Order a listing at the breakdown in force (the fee is frozen on the order)", auth: .member,
            body: Orders.PlaceInput.self, status: .created
        ) { req async throws -> Orders.View in
            try await Orders.place(req).1
        }
        api.on(.GET, .orders, summary: "My orders, as customer and as worker", auth: .user) { req async throws -> [Orders.View] in
            var views: [Orders.View] = []
            for o in try await Orders.mine(req) { views.append(try await Orders.view(req, o)) }
            return views
        }
        api.on(.GET, .order, summary: "An order (its parties and stewards only)", auth: .user) { req async throws -> Orders.View in
            try await Orders.view(req, try await Orders.order(req))
        }
        api.on(
            .POST, .orderActions,
            summary:
                "Move an order: accept, decline, start, deliver, complete, review, cancel, dispute, settle (refused out of turn, with the reason)",
            auth: .user, input: Orders.ActionInput.self
        ) { req, input async throws -> Orders.View in
            let (action, refund) = try input.parsed(currency: try await req.bylaws().currency)
            return try await Orders.view(req, try await Orders.act(req, action: action, refund: refund, review: try input.review()))
        }
        api.on(
            .POST, .orderMessages, summary: "Write to the other party of an order", auth: .user, body: Orders.MessageInput.self,
            status: .created
        ) { req async throws -> Orders.View in
            try await Orders.view(req, try await Orders.message(req))
        }
        api.on(
            .POST, .orderPayment,
            summary:
                "Pay for an order: gateway offline (cash or bank_transfer, settled when a steward confirms) or test (demo, settles at once)",
            auth: .user, body: Payments.Input.self, status: .created
        ) { req async throws -> Payments.View in
            try await Payments.pay(req)
        }
        api.on(
            .POST, .orderPaymentConfirm, summary: "A steward confirms an offline payment arrived", auth: .steward, status: .noContent
        ) { req in
            try await Payments.confirm(req)
        }
        api.on(
            .POST, .orderPaymentFail, summary: "A steward marks an offline payment as not received, with the reason",
            auth: .steward, body: Payments.FailInput.self, status: .noContent
        ) { req in
            try await Payments.markNotReceived(req)
        }
    }

    static func registerJobs(_ api: APIRoutes) {
        api.on(
            .POST, .jobs,
            summary:
                "Post a job request (category, when, where, budget): the eligible workers are ranked by the governed weights and it is offered to the first",
            auth: .user, body: Jobs.PostInput.self, status: .created
        ) { req async throws -> Jobs.View in
            try await Jobs.view(req, try await Jobs.post(req))
        }
        api.on(.GET, .jobs, summary: "My job requests, newest first", auth: .user) { req async throws -> [Jobs.View] in
            var views: [Jobs.View] = []
            for j in try await Jobs.mine(req) { views.append(try await Jobs.view(req, j)) }
            return views
        }
        api.on(
            .GET, .job, summary: "A job request with its ranking; a ranked worker sees why it came to them, or did not", auth: .user
        ) { req async throws -> Jobs.View in
            try await Jobs.view(req, try await Jobs.job(req))
        }
        api.on(
            .POST, .jobAnswer,
            summary: "The offered worker accepts (it becomes an order) or declines (it passes to the next); the customer cancels",
            auth: .user, body: Jobs.Answer.Input.self
        ) { req async throws -> Jobs.View in
            try await Jobs.view(req, try await Jobs.answer(req, try Jobs.Answer.parse(req)))
        }
        api.on(
            .GET, .workerProfile, summary: "My availability, skills and place, as the dispatcher sees them (worker-members)",
            auth: .member
        ) { req async throws -> Jobs.Profile in
            try await Jobs.profile(req)
        }
        api.on(
            .PUT, .workerProfile, summary: "Set my availability, skills and place; going unavailable declines an open offer",
            auth: .member, body: Jobs.ProfileInput.self
        ) { req async throws -> Jobs.Profile in
            try await Jobs.setProfile(req)
        }
        api.on(
            .GET, .dashboard,
            summary: "My dashboard: offers with their explanations, hours and earnings by month (workers), orders and job requests",
            auth: .user
        ) { req async throws -> Dashboard in
            try await Dashboard.build(req)
        }
    }
}
