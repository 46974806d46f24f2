import Foundation
import Testing
import VaporTesting

@testable import CoopServer

extension Server {
    /// The route table and `SiteURL` are one contract: each case's definition is registered for
    /// exactly the methods it declares, nothing outside the JSON API is registered without a case,
    /// and every link a case builds reaches the route it was registered as.
    @Suite struct SiteURLTests {
        static let id = UUID(uuidString: "0A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D")!

        /// One of every case, with sample values unlike the ones registration uses.
        static let samples: [SiteURL] = [
            .home, .signup, .login, .logout, .join, .membership, .membershipPayment, .membershipWithdraw, .members,
            .steward, .stewardConfirmPayment(id), .stewardFailPayment(id), .stewardAdmit(id), .stewardReject(id),
            .audit, .proposals, .newProposal, .proposal(7), .proposalComment(7), .proposalStand(7), .proposalBallot(7),
            .proposalBallotChange(7), .proposalBulletin(7), .proposalBulletinCSV(7), .listings, .newListing, .listing(id),
            .editListing(id), .listingStatus(id), .listingPhotos(id), .photoDelete(id), .photo(id, "0123456789abcdef.png"),
            .orders, .order(7), .orderAction(7), .orderPay(7), .orderMessage(7), .orderPaymentConfirm(id),
            .orderPaymentFail(id), .jobs, .newJob, .job(7), .jobAnswer(7), .dashboard, .workerProfile, .finances,
            .period(7), .periodClose(7), .periodPropose(7), .stewardFinances, .stewardExpenses, .statement,
            .statementCSV, .openData, .openDataFile("members.csv"), .myData, .myDataJSON, .myDataErase, .language, .stylesheet,
            .healthz, .openAPI, .proposalBulletinFind(7), .proposalReceipt(7), .proposalReceiptKept(7),
            .payoutRequest, .payoutCancel(id), .stewardPayoutPaid(id), .stewardBudgetPayments,
            .notifications, .notificationsRead, .notificationSettings, .unsubscribe("a-token"),
            .listingBook(id), .calendar, .hours, .hoursException, .hoursExceptionRemove, .timeZone,
            .assemblies, .newAssembly, .assembly(7), .assemblyOpen(7), .assemblyCheckIn(7), .assemblyCheckInOnline(7), .assemblyCheckOut(7),
            .assemblyCheckOutOnline(7),
            .assemblyProxy(7), .assemblyProxyRevoke(7), .assemblyItemOpen(7), .assemblyItemClose(7), .assemblyTeller(7), .assemblyPaper(7),
            .assemblyPaperBatch(7), .assemblySlips(7), .assemblyCheckInLink(7, "K7QF2M"), .assemblyClose(7), .handbook, .bylaws,
            .modules, .module(id), .moduleComplete(id), .assemblyMinutes(7), .assemblyMinutesCountersign(7),
            .assemblyMinutesFile(7, "minutes-7-v1.txt"), .workerSkills(id), .workerSkillEndorse(id), .workerSkillWithdraw(id),
        ]

        static func pattern(_ components: [PathComponent]) -> String {
            "/" + components.map(\.description).joined(separator: "/")
        }

        @Test func everyCaseRegistersExactlyTheRoutesItDeclaresAndNoPageRouteIsLeftOut() async throws {
            try await withCoop(founded: false) { app async throws in
                let registered = app.routes.all
                    .map { "\($0.method.rawValue) \(Self.pattern($0.path))" }
                    .filter { !$0.contains(" \(APIPath.prefix)/") }
                let declared = Self.samples.flatMap { url in
                    url.definition.methods.map { "\($0.rawValue) \(Self.pattern(SiteURL.pattern(url)))" }
                }
                #expect(Set(declared).count == declared.count, "no two cases declare the same route")
                let notOnce = declared.filter { route in registered.count { $0 == route } != 1 }
                #expect(notOnce.isEmpty, "each declared route is registered exactly once")
                // Every GET a browser can open, and every form target, is a case.
                let undeclared = registered.filter { !declared.contains($0) }
                #expect(undeclared.isEmpty, "registered outside the JSON API without a SiteURL case")
            }
        }

        @Test func everyLinkReachesItsOwnRouteWithItsValues() async throws {
            try await withCoop(founded: false) { app async throws in
                // Routed as Vapor's responder routes a request: the method, then the path's parts.
                let router = TrieRouter(String.self)
                for route in app.routes.all {
                    router.register(Self.pattern(route.path), at: [.constant(route.method.rawValue)] + route.path)
                }
                for url in Self.samples {
                    for method in url.definition.methods {
                        var parameters = Parameters()
                        let parts = [method.rawValue] + url.path.split(separator: "/").map(String.init)
                        let reached = router.route(path: parts, parameters: &parameters)
                        #expect(reached == Self.pattern(SiteURL.pattern(url)), "\(method) \(url.path)")
                        for case .parameter(let name, let value) in url.definition.segments {
                            #expect(parameters.get(name) == value, "\(url.path) gives \(name) its value")
                        }
                    }
                }
            }
        }

        @Test func aParameterisedCaseRegistersTheSamePatternWhateverItsValue() {
            #expect(SiteURL.pattern(SiteURL.order) == SiteURL.pattern(.order(7)))
            #expect(SiteURL.pattern(SiteURL.listing) == SiteURL.pattern(.listing(Self.id)))
            #expect(SiteURL.pattern(SiteURL.openDataFile) == SiteURL.pattern(.openDataFile("members.csv")))
            #expect(Self.pattern(SiteURL.pattern(SiteURL.periodClose)) == "/finances/periods/:number/close")
        }

        @Test func aMalformedParameterIsABadRequestThatSaysWhatWasExpected() async throws {
            try await withCoop { app async throws in
                let proposal = try await app.testing().sendRequest(.GET, SiteURL.proposals.path + "/seven")
                #expect(proposal.status == .badRequest)
                #expect(proposal.body.string.contains("is not a proposal number"))
                let listing = try await app.testing().sendRequest(.GET, SiteURL.listings.path + "/not-a-uuid")
                #expect(listing.status == .badRequest)
                #expect(listing.body.string.contains("is not a listing id"))
                let period = try await app.testing().sendRequest(.GET, SiteURL.period(0).path)
                #expect(period.status == .badRequest)
                #expect(try await app.testing().sendRequest(.GET, SiteURL.proposal(999).path).status == .notFound)
            }
        }
    }
}
