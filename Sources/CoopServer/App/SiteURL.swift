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
    case proposalBulletinFind(Int)
    case proposalReceipt(Int)
    case proposalReceiptKept(Int)
    case listings
    case newListing
    case listing(UUID)
    case editListing(UUID)
    case listingStatus(UUID)
    case listingPhotos(UUID)
    case photoDelete(UUID)
    case photo(UUID, String)
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
    case listingBook(UUID)
    case calendar
    case hours
    case hoursException
    case hoursExceptionRemove
    case timeZone
    case finances
    case period(Int)
    case periodClose(Int)
    case periodPropose(Int)
    case stewardFinances
    case stewardExpenses
    case stewardBudgetPayments
    case statement
    case statementCSV
    case payoutRequest
    case payoutCancel(UUID)
    case stewardPayoutPaid(UUID)
    case openData
    case openDataFile(String)
    case myData
    case myDataJSON
    case myDataErase
    case handbook
    case bylaws
    case modules
    case module(UUID)
    case moduleComplete(UUID)
    case notifications
    case notificationsRead
    case notificationSettings
    case unsubscribe(String)
    case assemblies
    case newAssembly
    case assembly(Int)
    case assemblyOpen(Int)
    case assemblyCheckIn(Int)
    case assemblyCheckInOnline(Int)
    case assemblyCheckOut(Int)
    case assemblyCheckOutOnline(Int)
    case assemblyProxy(Int)
    case assemblyProxyRevoke(Int)
    case assemblyItemOpen(Int)
    case assemblyItemClose(Int)
    case assemblyTeller(Int)
    case assemblyPaper(Int)
    case assemblyPaperBatch(Int)
    case assemblySlips(Int)
    case assemblyCheckInLink(Int, String)
    case assemblyClose(Int)
    case language
    case assemblyMinutes(Int)
    case assemblyMinutesCountersign(Int)
    case assemblyMinutesFile(Int, String)
    case workerSkills(UUID)
    case workerSkillEndorse(UUID)
    case workerSkillWithdraw(UUID)
    case stylesheet
    case healthz
    case openAPI

    /// The route's one definition: the methods it answers and its path, with each parameter named
    /// and typed. Registration reads the names and links read the values, so the two cannot drift.
    var definition: Definition {
        switch self {
        case .home: .get()
        case .signup: .getAndPost("signup")
        case .login: .getAndPost("login")
        case .logout: .post("logout")
        case .join: .getAndPost("join")
        case .membership: .get("membership")
        case .membershipPayment: .post("membership", "payment")
        case .membershipWithdraw: .post("membership", "withdraw")
        case .members: .get("members")
        case .steward: .get("steward")
        case .stewardConfirmPayment(let id): .post("steward", "payments", .id(id), "confirm")
        case .stewardFailPayment(let id): .post("steward", "payments", .id(id), "fail")
        case .stewardAdmit(let id): .post("steward", "applications", .id(id), "admit")
        case .stewardReject(let id): .post("steward", "applications", .id(id), "reject")
        case .audit: .get("audit")
        case .proposals: .getAndPost("proposals")
        case .newProposal: .get("proposals", "new")
        case .proposal(let n): .get("proposals", .number(n))
        case .proposalComment(let n): .post("proposals", .number(n), "comments")
        case .proposalStand(let n): .post("proposals", .number(n), "stand")
        case .proposalBallot(let n): .post("proposals", .number(n), "ballot")
        case .proposalBallotChange(let n): .post("proposals", .number(n), "ballot", "change")
        case .proposalBulletin(let n): .get("proposals", .number(n), "bulletin")
        case .proposalBulletinCSV(let n): .get("proposals", .number(n), "bulletin.csv")
        case .proposalBulletinFind(let n): .post("proposals", .number(n), "bulletin", "find")
        case .proposalReceipt(let n): .get("proposals", .number(n), "receipt.txt")
        case .proposalReceiptKept(let n): .post("proposals", .number(n), "receipt", "kept")
        case .listings: .getAndPost("listings")
        case .newListing: .get("listings", "new")
        case .listing(let id): .get("listings", .id(id))
        case .editListing(let id): .getAndPost("listings", .id(id), "edit")
        case .listingStatus(let id): .post("listings", .id(id), "status")
        case .listingPhotos(let id): .post("listings", .id(id), "photos")
        case .photoDelete(let id): .post("photos", .id(id), "delete")
        case .photo(let id, let file): .get("photos", .id(id), .file(file))
        case .orders: .getAndPost("orders")
        case .order(let n): .get("orders", .number(n))
        case .orderAction(let n): .post("orders", .number(n), "action")
        case .orderPay(let n): .post("orders", .number(n), "pay")
        case .orderMessage(let n): .post("orders", .number(n), "messages")
        case .orderPaymentConfirm(let id): .post("order-payments", .id(id), "confirm")
        case .orderPaymentFail(let id): .post("order-payments", .id(id), "fail")
        case .jobs: .getAndPost("jobs")
        case .newJob: .get("jobs", "new")
        case .job(let n): .get("jobs", .number(n))
        case .jobAnswer(let n): .post("jobs", .number(n), "answer")
        case .dashboard: .get("dashboard")
        case .workerProfile: .post("dashboard", "profile")
        case .listingBook(let id): .getAndPost("listings", .id(id), "book")
        case .calendar: .get("dashboard", "calendar")
        case .hours: .post("dashboard", "hours")
        case .hoursException: .post("dashboard", "hours", "exceptions")
        case .hoursExceptionRemove: .post("dashboard", "hours", "exceptions", "remove")
        case .timeZone: .post("dashboard", "timezone")
        case .finances: .get("finances")
        case .period(let n): .get("finances", "periods", .number(n))
        case .periodClose(let n): .post("finances", "periods", .number(n), "close")
        case .periodPropose(let n): .post("finances", "periods", .number(n), "propose")
        case .stewardFinances: .get("steward", "finances")
        case .stewardExpenses: .post("steward", "expenses")
        case .stewardBudgetPayments: .post("steward", "budget-payments")
        case .statement: .get("statement")
        case .statementCSV: .get("statement.csv")
        case .payoutRequest: .post("statement", "payouts")
        case .payoutCancel(let id): .post("statement", "payouts", .id(id), "cancel")
        case .stewardPayoutPaid(let id): .post("steward", "payouts", .id(id), "paid")
        case .openData: .get("open-data")
        case .openDataFile(let name): .get("open-data", .file(name))
        case .myData: .get("my-data")
        case .myDataJSON: .get("my-data.json")
        case .myDataErase: .post("my-data", "erase")
        case .handbook: .get("handbook")
        case .bylaws: .getAndPost("bylaws")
        case .modules: .getAndPost("learn")
        case .module(let id): .get("learn", .id(id))
        case .moduleComplete(let id): .post("learn", .id(id), "complete")
        case .notifications: .get("notifications")
        case .notificationsRead: .post("notifications", "read")
        case .notificationSettings: .getAndPost("notifications", "settings")
        case .unsubscribe(let token): .getAndPost("unsubscribe", .init(.token, token))
        case .assemblies: .getAndPost("assemblies")
        case .newAssembly: .get("assemblies", "new")
        case .assembly(let n): .get("assemblies", .number(n))
        case .assemblyOpen(let n): .post("assemblies", .number(n), "open")
        case .assemblyCheckIn(let n): .post("assemblies", .number(n), "check-in")
        case .assemblyCheckInOnline(let n): .post("assemblies", .number(n), "check-in", "online")
        case .assemblyCheckOut(let n): .post("assemblies", .number(n), "check-out")
        case .assemblyCheckOutOnline(let n): .post("assemblies", .number(n), "check-out", "online")
        case .assemblyProxy(let n): .post("assemblies", .number(n), "proxy")
        case .assemblyProxyRevoke(let n): .post("assemblies", .number(n), "proxy", "revoke")
        case .assemblyItemOpen(let n): .post("assemblies", .number(n), "items")
        case .assemblyItemClose(let n): .post("assemblies", .number(n), "items", "close")
        case .assemblyTeller(let n): .post("assemblies", .number(n), "tellers")
        case .assemblyPaper(let n): .post("assemblies", .number(n), "paper")
        case .assemblyPaperBatch(let n): .post("assemblies", .number(n), "paper", "batch")
        case .assemblySlips(let n): .post("assemblies", .number(n), "paper", "slips")
        case .assemblyCheckInLink(let n, let code): .get("assemblies", .number(n), "check-in", .init(.checkInCode, code))
        case .assemblyClose(let n): .post("assemblies", .number(n), "close")
        case .language: .post("language")
        case .assemblyMinutes(let n): .getAndPost("assemblies", .number(n), "minutes")
        case .assemblyMinutesCountersign(let n): .post("assemblies", .number(n), "minutes", "countersign")
        case .assemblyMinutesFile(let n, let file): .get("assemblies", .number(n), "minutes", .file(file))
        case .workerSkills(let id): .get("workers", .id(id), "skills")
        case .workerSkillEndorse(let id): .post("workers", .id(id), "skills", "endorse")
        case .workerSkillWithdraw(let id): .post("workers", .id(id), "skills", "withdraw")
        case .stylesheet: .get("style.css")
        case .healthz: .get("healthz")
        case .openAPI: .get("openapi.json")
        }
    }

    /// The link to this page or form target.
    var path: String { definition.path }

    /// The route pattern, with parameters named.
    static func pattern(_ url: SiteURL) -> [PathComponent] {
        url.definition.pathComponents
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
