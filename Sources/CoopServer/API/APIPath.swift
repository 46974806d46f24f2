import Foundation
import Vapor

/// The JSON API's paths, under `/api/v1`, with OpenAPI-style parameter names. Each path is
/// registered and documented by the routes declared with ``APIRoutes``, never spelled again.
enum APIPath: String, CaseIterable, Sendable {
    case users = "/users"
    case tokens = "/tokens"
    case token = "/tokens/{id}"
    case coop = "/coop"
    case policies = "/policies"
    case members = "/members"
    case membership = "/membership"
    case membershipPayment = "/membership/payment"
    case membershipWithdraw = "/membership/withdraw"
    case membershipLedger = "/membership/ledger"
    case stewardQueue = "/steward/queue"
    case paymentConfirm = "/payments/{id}/confirm"
    case paymentFail = "/payments/{id}/fail"
    case applicationAdmit = "/applications/{id}/admit"
    case applicationReject = "/applications/{id}/reject"
    case proposals = "/proposals"
    case proposal = "/proposals/{number}"
    case proposalComments = "/proposals/{number}/comments"
    case proposalStand = "/proposals/{number}/stand"
    case proposalBallots = "/proposals/{number}/ballots"
    case proposalBallotChange = "/proposals/{number}/ballots/change"
    case proposalBulletin = "/proposals/{number}/bulletin"
    case listings = "/listings"
    case listing = "/listings/{id}"
    case listingSlots = "/listings/{id}/slots"
    case bookingHours = "/booking-hours"
    case listingPause = "/listings/{id}/pause"
    case listingResume = "/listings/{id}/resume"
    case listingPhoto = "/listing-photos/{id}"
    case orders = "/orders"
    case order = "/orders/{number}"
    case orderActions = "/orders/{number}/actions"
    case orderPayment = "/orders/{number}/payment"
    case orderMessages = "/orders/{number}/messages"
    case orderPaymentConfirm = "/order-payments/{id}/confirm"
    case orderPaymentFail = "/order-payments/{id}/fail"
    case jobs = "/jobs"
    case job = "/jobs/{number}"
    case jobAnswer = "/jobs/{number}/answer"
    case workerProfile = "/worker-profile"
    case dashboard = "/dashboard"
    case finances = "/finances"
    case period = "/finances/periods/{number}"
    case periodClose = "/finances/periods/{number}/close"
    case expenses = "/finances/expenses"
    case statement = "/statement"
    case openData = "/open-data"
    case openDataFile = "/open-data/{file}"
    case myData = "/my-data"
    case myDataErase = "/my-data/erase"
    case auditHead = "/audit/head"
    case auditEntries = "/audit/entries"
    case auditCheckpoints = "/audit/checkpoints"

    static let prefix = "/api/v1"

    var fullPath: String { Self.prefix + rawValue }

    /// The parameters the path names, in order, each with its type.
    var parameters: [APIPathParameter] {
        rawValue.split(separator: "/").compactMap { part in
            guard part.hasPrefix("{") else { return nil }
            guard let p = APIPathParameter(rawValue: String(part.dropFirst().dropLast())) else {
                preconditionFailure("\(rawValue) names a parameter APIPathParameter does not type")
            }
            return p
        }
    }

    /// The route pattern Vapor matches, with the same parameter names.
    var components: [PathComponent] {
        fullPath.split(separator: "/").map { part in
            part.hasPrefix("{") ? PathComponent.parameter(String(part.dropFirst().dropLast())) : .constant(String(part))
        }
    }
}

/// A path parameter of the API, with the one type every route that names it reads it as.
enum APIPathParameter: String, CaseIterable, Sendable {
    /// A record's UUID.
    case id
    /// A proposal's, order's, job's or fiscal period's number.
    case number
    /// An open dataset's file name: `<dataset>.csv` or `<dataset>.json`.
    case file

    var schema: APISchema {
        switch self {
        case .id: .string(format: "uuid")
        case .number: .integer()
        case .file: .string(cases: OpenData.datasets.flatMap { ["\($0.id).csv", "\($0.id).json"] })
        }
    }
}
