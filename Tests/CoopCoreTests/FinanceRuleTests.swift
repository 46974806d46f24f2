import CoopCore
import Foundation
import Testing

@Suite struct FinanceRuleTests {
    @Test func hoursCountBookedMinutesAndFixedEstimatesButNotGoods() {
        #expect(PatronageActivity.minutesWorked(unit: .perHour, quantity: 90, estimatedMinutes: 30) == 90)
        #expect(PatronageActivity.minutesWorked(unit: .fixed, quantity: 2, estimatedMinutes: 45) == 90)
        #expect(PatronageActivity.minutesWorked(unit: .fixed, quantity: 1, estimatedMinutes: nil) == 0)
        #expect(PatronageActivity.minutesWorked(unit: .perItem, quantity: 5, estimatedMinutes: 10) == 0)
        #expect(PatronageActivity.minutesWorked(unit: nil, quantity: 5, estimatedMinutes: 10) == 0)
    }

    @Test func hoursOfOrdersCountedTogetherEqualTheirSum() {
        // The store sums the quantities of one listing's orders: the rule is linear in them.
        for q in [(1, 2), (3, 7), (60, 120)] {
            let apart =
                PatronageActivity.minutesWorked(unit: .fixed, quantity: Int64(q.0), estimatedMinutes: 25)
                + PatronageActivity.minutesWorked(unit: .fixed, quantity: Int64(q.1), estimatedMinutes: 25)
            #expect(PatronageActivity.minutesWorked(unit: .fixed, quantity: Int64(q.0 + q.1), estimatedMinutes: 25) == apart)
        }
    }

    @Test func eachMeasureReadsItsFigure() {
        let a = PatronageActivity(earnings: 1_000, minutesWorked: 120, ordersWorked: 3, ordersBought: 2, spent: 700)
        #expect(a.patronage(by: .earnings) == 1_000)
        #expect(a.patronage(by: .hours) == 120)
        #expect(a.patronage(by: .spending) == 700)
        #expect(a.patronage(by: .orders) == 5)
        #expect(PatronageActivity().patronage(by: .orders) == 0)
    }

    @Test func accountFamiliesAreRangesOfCodes() {
        #expect(Account.revenue.prefix == "coop:revenue:" && Account.revenue.end == "coop:revenue;")
        #expect(Account.revenue.contains(.feeRevenue) && !Account.revenue.contains(.cash))
        #expect(Account.expenses.contains(.expense("hosting")))
        #expect(Account.members.contains(.earningsPayable(member: "abc")))
        #expect(Account.members.end > Account.earningsPayable(member: "zzz").code)
        #expect(Account.everyEarningsPayable.code == "member:%:earnings-payable")
    }

    @Test func balancesReadInTheirNormalDirection() {
        #expect(AccountKind.revenue.normalBalance(ofSum: -500) == 500)
        #expect(AccountKind.expense.normalBalance(ofSum: 300) == 300)
        #expect(AccountKind.asset.normalBalance(ofSum: 10) == 10)
        #expect(AccountKind.liability.normalBalance(ofSum: -10) == 10)
    }

    @Test func aPeriodWithSurplusGoesToAVoteAndOneWithoutCloses() {
        #expect(FiscalPeriodStatus.afterClosing(allocatable: 1) == .proposed)
        #expect(FiscalPeriodStatus.afterClosing(allocatable: 0) == .closed)
    }

    @Test func fiscalPeriodsRunWholeMonthsInUTC() {
        let start = Date(timeIntervalSince1970: 1_704_067_200)  // 2024-01-01 UTC
        #expect(FiscalCalendar.end(of: start, months: 12) == Date(timeIntervalSince1970: 1_735_689_600))
        #expect(FiscalCalendar.end(of: FiscalCalendar.end(of: start, months: 3), months: -3) == start)
    }

    @Test func erasureWaitsForSharesAndOrdersUnderWay() {
        #expect(Erasure.blocks(MembershipStatus.admitted) && Erasure.blocks(MembershipStatus.awaitingVote))
        #expect(!Erasure.blocks(MembershipStatus.withdrawn) && !Erasure.blocks(MembershipStatus?.none))
        #expect(Erasure.blocks(OrderState.inProgress) && Erasure.blocks(OrderState?.none))
        #expect(!Erasure.blocks(OrderState.completed) && !Erasure.blocks(OrderState.settled))
    }
}
