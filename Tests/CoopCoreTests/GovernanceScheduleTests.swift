import Foundation
import Testing

@testable import CoopCore

/// The rules the store used to hold in SQL: when a proposal moves, who may apply again, what a
/// steward waits for, when a session ends.
@Suite struct GovernanceScheduleTests {
    let t0 = Date(timeIntervalSince1970: 1_700_000_000)

    @Test func aProposalMovesOnlyWhenItsTimeHasCome() {
        let opens = t0, closes = t0 + 100, enact = t0 + 200
        func step(_ s: ProposalStatus, _ now: Date, enactAfter: Date? = enact) -> ProposalStep? {
            s.dueStep(opensAt: opens, closesAt: closes, enactAfter: enactAfter, at: now)
        }
        #expect(step(.discussion, t0 - 1) == nil)
        #expect(step(.discussion, t0) == .open)
        #expect(step(.voting, closes - 1) == nil)
        #expect(step(.voting, closes) == .close)
        #expect(step(.passed, enact - 1) == nil)
        #expect(step(.passed, enact) == .enact)
        #expect(step(.passed, enact + 1, enactAfter: nil) == nil)
        for final in [ProposalStatus.failed, .enacted, .notEnacted] { #expect(step(final, enact + 1000) == nil) }
        #expect(ProposalStatus.scheduled == [.discussion, .voting, .passed])
    }

    @Test func aBoardTermEndsAfterTheBylawsMonths() {
        let board = BoardRules(seats: 3, termMonths: 24, reserved: [:], method: .stv)
        let end = board.termEnd(seatedAt: t0)
        #expect(Calendar(identifier: .gregorian).dateComponents([.month], from: t0, to: end).month == 24)
    }

    @Test func onlyAnEndedMembershipMayApplyAgain() {
        #expect(MembershipStatus.allCases.filter(\.mayApplyAgain) == [.rejected, .withdrawn])
        #expect(MembershipStatus.awaitingPayment.isCurrent && !MembershipStatus.withdrawn.isCurrent)
    }

    @Test func theStewardQueueShowsWhatAnApplicationWaitsFor() {
        #expect(MembershipStatus.awaitingPayment.stewardWaitsFor(paymentPending: false) == nil)
        #expect(MembershipStatus.awaitingPayment.stewardWaitsFor(paymentPending: true) == "payment_pending")
        #expect(MembershipStatus.awaitingSteward.stewardWaitsFor(paymentPending: false) == "awaiting_steward")
        #expect(MembershipStatus.awaitingVote.stewardWaitsFor(paymentPending: false) == "awaiting_vote")
    }

    @Test func memberNumbersAndRedemptions() {
        #expect(nextMemberNumber(after: nil) == 1)
        #expect(nextMemberNumber(after: 7) == 8)
        #expect(shareCapitalOwed(balance: -5_000) == 5_000)
        #expect(shareCapitalOwed(balance: 0) == 0)
        #expect(shareCapitalOwed(balance: 30) == 0)
    }

    @Test func aSessionEndsWhenIdleOrTooOld() {
        let limits = SessionLimits(idleMillis: 1_000, anonymousIdleMillis: 500, lifetimeMillis: 10_000)
        #expect(!limits.expired(loggedIn: true, createdMillis: 0, seenMillis: 0, nowMillis: 1_000))
        #expect(limits.expired(loggedIn: true, createdMillis: 0, seenMillis: 0, nowMillis: 1_001))
        #expect(limits.expired(loggedIn: false, createdMillis: 0, seenMillis: 0, nowMillis: 501))
        #expect(limits.expired(loggedIn: true, createdMillis: 0, seenMillis: 9_900, nowMillis: 10_001))
        let cut = limits.cutoffs(nowMillis: 20_000)
        #expect(cut.created == 10_000 && cut.seen == 19_000 && cut.seenAnonymous == 19_500)
    }
}
