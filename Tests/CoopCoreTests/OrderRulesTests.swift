import CoopCore
import PropertyBased
import Testing

private let eur = Currency(code: "EUR")
private func euros(_ minor: Int64) -> Money { Money(minorUnits: minor, currency: eur) }

@Suite struct OrderRulesTests {
    @Test func onlyADeclinedOrCancelledGoodGoesBackToStock() {
        #expect(OrderStock.returned(after: .cancel, kind: .good, quantity: 3) == 3)
        #expect(OrderStock.returned(after: .decline, kind: .good, quantity: 2) == 2)
        #expect(OrderStock.returned(after: .complete, kind: .good, quantity: 2) == 0)
        #expect(OrderStock.returned(after: .cancel, kind: .service, quantity: 90) == 0)
        #expect(OrderStock.returned(after: .cancel, kind: nil, quantity: 1) == 0)
    }

    private func release(
        _ action: OrderAction, by role: OrderRole = .customer, previous: OrderState = .accepted, held: Int64, price: Int64 = 1_000,
        refund: Int64? = nil, rules: CancellationRules? = nil, start: Int64? = nil, now: Int64 = 0
    ) throws(CoopError) -> OrderRelease? {
        try OrderRelease.after(
            action, by: role, previous: previous, order: 7, price: euros(price), held: euros(held), requestedRefund: refund,
            cancellation: rules, startMillis: start, nowMillis: now)
    }

    @Test func completionPaysOutAndNeedsTheWholePriceHeld() throws {
        #expect(try release(.complete, held: 1_000) == OrderRelease(refund: euros(0), reason: "completed"))
        #expect(throws: CoopError.conflict("Order #7 is not paid yet: it completes once its payment is settled.")) {
            try release(.complete, held: 999)
        }
    }

    @Test func aDeclineRefundsAllAndNothingHeldMovesNothing() throws {
        #expect(try release(.decline, held: 1_000) == OrderRelease(refund: euros(1_000), reason: "declined"))
        #expect(try release(.decline, held: 0) == nil)
        #expect(try release(.start, held: 1_000) == nil)
    }

    @Test func aLateCancellationKeepsTheWorkersShare() throws {
        let rules = CancellationRules(windowHours: 24, latePay: Fraction(basisPoints: 5_000))
        let hour: Int64 = 3_600_000
        let early = try release(.cancel, held: 1_000, rules: rules, start: 48 * hour, now: 0)
        #expect(early == OrderRelease(refund: euros(1_000), reason: "cancelled"))
        let late = try release(.cancel, held: 1_000, rules: rules, start: 12 * hour, now: 0)
        #expect(late == OrderRelease(refund: euros(500), reason: "cancelled-late"))
        #expect(try release(.cancel, held: 1_000) == OrderRelease(refund: euros(1_000), reason: "cancelled"))
    }

    @Test func aSettlementRefundsWhatTheStewardSaysWithinWhatIsHeld() throws {
        #expect(try release(.settle, by: .steward, held: 1_000, refund: 250) == OrderRelease(refund: euros(250), reason: "settled"))
        #expect(throws: CoopError.self) { try release(.settle, by: .steward, held: 1_000, refund: 1_001) }
        #expect(throws: CoopError.self) { try release(.settle, by: .steward, held: 1_000, refund: nil) }
    }

    @Test func aReleaseNeverRefundsMoreThanIsHeld() async {
        await propertyCheck(input: Gen.int64(in: 1...1_000_000), Gen.int64(in: 0...10_000)) { held, bp in
            let rules = CancellationRules(windowHours: 24, latePay: Fraction(basisPoints: bp))
            for action in OrderAction.allCases {
                let r = try? OrderRelease.after(
                    action, by: .customer, previous: .accepted, order: 1, price: euros(held), held: euros(held),
                    requestedRefund: held / 2, cancellation: rules, startMillis: 0, nowMillis: 0)
                if let r { #expect((0...held).contains(r.refund.minorUnits)) }
            }
        }
    }

    @Test func theRolesOnAnOrder() {
        #expect(OrderParties.role(user: "u", customer: "u", membership: nil, worker: "w", steward: false, status: nil) == .customer)
        #expect(OrderParties.role(user: "u", customer: "c", membership: "w", worker: "w", steward: false, status: .admitted) == .worker)
        #expect(OrderParties.role(user: "u", customer: "c", membership: "m", worker: "w", steward: true, status: .admitted) == .steward)
        #expect(OrderParties.role(user: "u", customer: "c", membership: "m", worker: "w", steward: true, status: .withdrawn) == nil)
        #expect(OrderParties.role(user: "u", customer: "c", membership: nil, worker: "w", steward: false, status: nil) == nil)
    }

    @Test func anOrderIsPaidOnceWhileItTakesPayment() {
        #expect(OrderPaymentStatus.mayPay(state: .accepted, existing: []))
        #expect(OrderPaymentStatus.mayPay(state: .accepted, existing: [.failed]))
        #expect(!OrderPaymentStatus.mayPay(state: .accepted, existing: [.failed, .pending]))
        #expect(!OrderPaymentStatus.mayPay(state: .accepted, existing: [.settled]))
        #expect(!OrderPaymentStatus.mayPay(state: .completed, existing: []))
    }

    @Test func workIsMinutesBookedOrEstimatedAndNoneForGoods() {
        #expect(WorkMinutes.of(unit: .perHour, quantity: 90, estimatedMinutes: 30) == 90)
        #expect(WorkMinutes.of(unit: .fixed, quantity: 1, estimatedMinutes: 45) == 45)
        #expect(WorkMinutes.of(unit: .fixed, quantity: 1, estimatedMinutes: nil) == 0)
        #expect(WorkMinutes.of(unit: .perItem, quantity: 5, estimatedMinutes: nil) == 0)
        #expect(!WorkMinutes.busyStates.contains(.requested) && !WorkMinutes.busyStates.contains(.cancelled))
    }

    @Test func ratingsRoundAsTheRankingAndTheSearchUseThem() {
        // 14 stars from 3 reviews: 4.666… → 47 tenths (half up), 466 hundredths (down).
        #expect(WorkerRating.tenths(stars: 14, count: 3) == 47)
        #expect(WorkerRating.hundredths(stars: 14, count: 3) == 466)
    }

    @Test func anOrderCompletesByItselfOnlyWhenDueAndPaid() {
        let day: Int64 = 86_400_000
        #expect(AutoCompletion.isDue(deliveredMillis: 0, nowMillis: 7 * day, days: 7, held: 100, price: 100))
        #expect(!AutoCompletion.isDue(deliveredMillis: 1, nowMillis: 7 * day, days: 7, held: 100, price: 100))
        #expect(!AutoCompletion.isDue(deliveredMillis: 0, nowMillis: 7 * day, days: 7, held: 99, price: 100))
    }

    @Test func fairRotationShiftsEveryHourWithinItsModulus() {
        #expect(FairRotation.seed(secondsSince1970: 0) == 0)
        #expect(FairRotation.seed(secondsSince1970: 3_599) == 0)
        #expect(FairRotation.seed(secondsSince1970: 3_600) == 7_919)
        #expect((0..<FairRotation.modulus).contains(FairRotation.seed(secondsSince1970: 1_790_000_000)))
    }

    @Test func skillsAreTrimmedLowerCasedAndUnique() {
        #expect(Skills.list(" Plumbing, cooking ,plumbing,,") == ["plumbing", "cooking"])
        #expect(Skills.list(nil) == [])
    }
}
