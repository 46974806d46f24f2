import CoopStore
import Foundation
import Vapor

/// Every page and form target, in one place: routes are registered from these and links built
/// from them, so no URL string is repeated in views or tests.
enum SiteURL: Sendable, Equatable {
    case home
    case signup
    case login
    case logout
    case join
    case membership
    case membershipPayment
    case membershipWithdraw
    case members
    case steward
    case stewardConfirmPayment(UUID)
    case stewardFailPayment(UUID)
    case stewardAdmit(UUID)
    case stewardReject(UUID)
    case audit
    case proposals
    case newProposal
    case proposal(Int)
    case proposalComment(Int)
    case proposalStand(Int)
    case proposalBallot(Int)
    case proposalBallotChange(Int)
    case proposalBulletin(Int)
    case proposalBulletinCSV(Int)
    case listings
    case newListing
    case listing(UUID)
    case orders
    case order(Int)
    case orderAction(Int)
    case orderPay(Int)
    case orderMessage(Int)
    case orderPaymentConfirm(UUID)
    case orderPaymentFail(UUID)
    case jobs
    case newJob
    case job(Int)
    case jobAnswer(Int)
    case dashboard
    case workerProfile
    case finances
    case period(Int)
    case periodClose(Int)
    case periodPropose(Int)
    case stewardFinances
    case stewardExpenses
    case statement
    case statementCSV
    case openData
    case openDataFile(String)
    case myData
    case myDataJSON
    case myDataErase
    case stylesheet
    case healthz
    case openAPI

    var path: String {
        switch self {
        case .home: "/"
        case .signup: "/signup"
        case .login: "/login"
        case .logout: "/logout"
        case .join: "/join"
        case .membership: "/membership"
        case .membershipPayment: "/membership/payment"
        case .membershipWithdraw: "/membership/withdraw"
        case .members: "/members"
        case .steward: "/steward"
        case .stewardConfirmPayment(let id): "/steward/payments/\(id.uuidString)/confirm"
        case .stewardFailPayment(let id): "/steward/payments/\(id.uuidString)/fail"
        case .stewardAdmit(let id): "/steward/applications/\(id.uuidString)/admit"
        case .stewardReject(let id): "/steward/applications/\(id.uuidString)/reject"
        case .audit: "/audit"
        case .proposals: "/proposals"
        case .newProposal: "/proposals/new"
        case .proposal(let n): "/proposals/\(n)"
        case .proposalComment(let n): "/proposals/\(n)/comments"
        case .proposalStand(let n): "/proposals/\(n)/stand"
        case .proposalBallot(let n): "/proposals/\(n)/ballot"
        case .proposalBallotChange(let n): "/proposals/\(n)/ballot/change"
        case .proposalBulletin(let n): "/proposals/\(n)/bulletin"
        case .proposalBulletinCSV(let n): "/proposals/\(n)/bulletin.csv"
        case .listings: "/listings"
        case .newListing: "/listings/new"
        case .listing(let id): "/listings/\(id.uuidString)"
        case .orders: "/orders"
        case .order(let n): "/orders/\(n)"
        case .orderAction(let n): "/orders/\(n)/action"
        case .orderPay(let n): "/orders/\(n)/pay"
        case .orderMessage(let n): "/orders/\(n)/messages"
        case .orderPaymentConfirm(let id): "/order-payments/\(id.uuidString)/confirm"
        case .orderPaymentFail(let id): "/order-payments/\(id.uuidString)/fail"
        case .jobs: "/jobs"
        case .newJob: "/jobs/new"
        case .job(let n): "/jobs/\(n)"
        case .jobAnswer(let n): "/jobs/\(n)/answer"
        case .dashboard: "/dashboard"
        case .workerProfile: "/dashboard/profile"
        case .finances: "/finances"
        case .period(let n): "/finances/periods/\(n)"
        case .periodClose(let n): "/finances/periods/\(n)/close"
        case .periodPropose(let n): "/finances/periods/\(n)/propose"
        case .stewardFinances: "/steward/finances"
        case .stewardExpenses: "/steward/expenses"
        case .statement: "/statement"
        case .statementCSV: "/statement.csv"
        case .openData: "/open-data"
        case .openDataFile(let name): "/open-data/\(name)"
        case .myData: "/my-data"
        case .myDataJSON: "/my-data.json"
        case .myDataErase: "/my-data/erase"
        case .stylesheet: "/style.css"
        case .healthz: "/healthz"
        case .openAPI: "/openapi.json"
        }
    }

    /// The route pattern, with parameters named.
    static func pattern(_ url: SiteURL) -> [PathComponent] {
        switch url {
        case .stewardConfirmPayment: ["steward", "payments", ":id", "confirm"]
        case .stewardFailPayment: ["steward", "payments", ":id", "fail"]
        case .stewardAdmit: ["steward", "applications", ":id", "admit"]
        case .stewardReject: ["steward", "applications", ":id", "reject"]
        case .proposal: ["proposals", ":number"]
        case .proposalComment: ["proposals", ":number", "comments"]
        case .proposalStand: ["proposals", ":number", "stand"]
        case .proposalBallot: ["proposals", ":number", "ballot"]
        case .proposalBallotChange: ["proposals", ":number", "ballot", "change"]
        case .proposalBulletin: ["proposals", ":number", "bulletin"]
        case .proposalBulletinCSV: ["proposals", ":number", "bulletin.csv"]
        case .listing: ["listings", ":id"]
        case .order: ["orders", ":number"]
        case .orderAction: ["orders", ":number", "action"]
        case .orderPay: ["orders", ":number", "pay"]
        case .orderMessage: ["orders", ":number", "messages"]
        case .orderPaymentConfirm: ["order-payments", ":id", "confirm"]
        case .orderPaymentFail: ["order-payments", ":id", "fail"]
        case .job: ["jobs", ":number"]
        case .jobAnswer: ["jobs", ":number", "answer"]
        case .period: ["finances", "periods", ":number"]
        case .periodClose: ["finances", "periods", ":number", "close"]
        case .periodPropose: ["finances", "periods", ":number", "propose"]
        case .openDataFile: ["open-data", ":file"]
        default: url.path.split(separator: "/").map { PathComponent(stringLiteral: String($0)) }
        }
    }
}

extension RoutesBuilder {
    @discardableResult
    func get(_ url: SiteURL, use handler: @escaping @Sendable (Request) async throws -> some AsyncResponseEncodable)
        -> Route
    {
        on(.GET, SiteURL.pattern(url), use: handler)
    }

    @discardableResult
    func post(_ url: SiteURL, use handler: @escaping @Sendable (Request) async throws -> some AsyncResponseEncodable)
        -> Route
    {
        on(.POST, SiteURL.pattern(url), use: handler)
    }
}
