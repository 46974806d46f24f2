import CoopCore
import CoopStore
import Foundation
import Testing
import VaporTesting

@testable import CoopServer

extension Server {
    /// Each page's model, loaded from the database with no HTTP request.
    @Suite struct PageModelTests {
        func userID(_ email: String, _ app: Application) async throws -> UUID {
            try #require(try await UserStore.user(email: email, on: app.db)).requireID()
        }

        @Test func theProposalModelShowsAnEligibleMemberTheOpenVote() async throws {
            try await withCoop { app async throws in
                let bylaws = try await app.coop.bylaws(on: app.db)!
                let ana = try await userID("ana@demo.coop", app)
                let model = try await ProposalShow.load(number: 1, viewer: ana, bylaws: bylaws, on: app.db)
                #expect(model.proposal.title == "Lower the platform fee to 8%")
                #expect(model.isMember && model.eligible && !model.voted)
                #expect(model.frozen != nil && model.outcome == nil)
                let visitor = try await ProposalShow.load(number: 1, viewer: nil, bylaws: bylaws, on: app.db)
                #expect(!visitor.isMember && !visitor.eligible)
                await #expect(throws: CoopError.self) {
                    try await ProposalShow.load(number: 99, viewer: nil, bylaws: bylaws, on: app.db)
                }
            }
        }

        @Test func theProposalListIsNewestFirst() async throws {
            try await withCoop { app async throws in
                let model = try await ProposalList.load(on: app.db)
                #expect(model.proposals.map(\.number) == [3, 2, 1])
            }
        }

        @Test func theNewProposalFormOffersThePoliciesAndTheBylawsText() async throws {
            try await withCoop { app async throws in
                let bylaws = try await app.coop.bylaws(on: app.db)!
                let model = try await ProposalNew.load(bylaws: bylaws, on: app.db)
                #expect(model.policies.contains { $0.key == PolicyKey.platformFee.rawValue })
                #expect(model.currentBylaws.contains(bylaws.name))
            }
        }

        @Test func theBulletinBoardOpensOnlyAfterClose() async throws {
            try await withCoop { app async throws in
                await #expect(throws: CoopError.self) { try await ProposalBulletin.load(number: 1, on: app.db) }
            }
        }

        @Test func theHomeModelCountsMembersAndKnowsTheViewer() async throws {
            try await withCoop { app async throws in
                let bylaws = try await app.coop.bylaws(on: app.db)!
                let visitor = try await HomeShow.load(bylaws: bylaws, viewer: nil, on: app.db)
                #expect(visitor.counts.values.reduce(0, +) == 6)
                #expect(!visitor.isMember && visitor.head != nil && visitor.board.isEmpty)
                let eli = try await HomeShow.load(bylaws: bylaws, viewer: try await userID("eli@demo.coop", app), on: app.db)
                #expect(eli.isMember, "an applicant is shown their membership")
            }
        }

        @Test func theRegisterIsLoadedForMembersOnly() async throws {
            try await withCoop { app async throws in
                let bylaws = try await app.coop.bylaws(on: app.db)!
                #expect(try await MemberList.load(bylaws: bylaws, viewer: nil, on: app.db).register == nil)
                let eli = try await MemberList.load(bylaws: bylaws, viewer: try await userID("eli@demo.coop", app), on: app.db)
                #expect(eli.register == nil)
                let ana = try await MemberList.load(bylaws: bylaws, viewer: try await userID("ana@demo.coop", app), on: app.db)
                #expect(ana.register?.count == 6)
            }
        }

        @Test func theAuditModelPagesTheChain() async throws {
            try await withCoop { app async throws in
                let model = try await AuditShow.load(before: nil, on: app.db)
                #expect(model.entries.first?.sequence == model.head?.sequence)
                #expect(model.key != nil)
                let older = try await AuditShow.load(before: 3, on: app.db)
                #expect(older.entries.map(\.sequence) == [2, 1])
            }
        }

        @Test func theMembershipModelShowsAnApplicantsPendingPayment() async throws {
            try await withCoop { app async throws in
                let bylaws = try await app.coop.bylaws(on: app.db)!
                let eli = try await MembershipShow.load(user: try await userID("eli@demo.coop", app), bylaws: bylaws, on: app.db)
                let summary = try #require(eli.summary)
                #expect(summary.status == MembershipStatus.awaitingPayment.rawValue)
                #expect(summary.payments.map(\.status) == ["pending"])
                let nobody = try await MembershipShow.load(user: UUID(), bylaws: bylaws, on: app.db)
                #expect(nobody.summary == nil && nobody.ledger.isEmpty)
            }
        }

        @Test func theStewardQueueHoldsThePaymentToConfirm() async throws {
            try await withCoop { app async throws in
                let bylaws = try await app.coop.bylaws(on: app.db)!
                let model = try await StewardQueue.load(bylaws: bylaws, on: app.db)
                #expect(model.rows.map(\.email) == ["eli@demo.coop"])
                #expect(model.rows.first?.status == "payment_pending")
                #expect(!model.balances.isEmpty)
            }
        }
    }
}
