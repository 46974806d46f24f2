import CoopCore
import Testing

@Suite struct OrderTimelineTests {
    typealias S = OrderTimeline.Status

    func statuses(_ t: OrderTimeline) -> [String: S] { Dictionary(uniqueKeysWithValues: t.steps.map { ($0.name, $0.status) }) }

    @Test func aNewRequestWaitsForTheWorker() {
        let t = OrderTimeline.of(flow: OrderFlow(), actions: ["place"], payment: .none, isGood: false)
        #expect(t.steps.map(\.name) == OrderTimeline.names)
        #expect(t.steps.map(\.status) == [.current, .next, .later, .later, .later, .later, .later])
        #expect(t.actors == [.worker])
        #expect(t.next.hasPrefix("The worker accepts or declines") && t.next.contains("may pay now"))
    }

    @Test func aPaidAcceptedBookingWaitsForTheWorkToStartAtItsTime() {
        let t = OrderTimeline.of(
            flow: OrderFlow(state: .accepted), actions: ["place", "accept"], payment: .settled, isGood: false,
            booked: "Mon 19 Oct 2026, 09:00 CEST")
        #expect(t.steps.map(\.status) == [.done, .current, .done, .next, .later, .later, .later])
        #expect(t.next == "The worker starts the work at the booked time, Mon 19 Oct 2026, 09:00 CEST.")
        #expect(t.steps[0].note == "booked for Mon 19 Oct 2026, 09:00 CEST")
        #expect(t.actors == [.worker])
    }

    @Test func aGoodIsPreparedAndDeliveredItems() {
        let t = OrderTimeline.of(flow: OrderFlow(state: .accepted), actions: ["place", "accept"], payment: .none, isGood: true)
        #expect(t.next.hasPrefix("The worker prepares the items."))
        let s = OrderTimeline.of(flow: OrderFlow(state: .inProgress), actions: ["place", "accept", "start"], payment: .none, isGood: true)
        #expect(s.next == "The worker marks the items delivered.")
        #expect(statuses(s)["paid"] == .open && statuses(s)["in progress"] == .current && statuses(s)["delivered"] == .next)
    }

    @Test func aDeliveredOrderWaitsForWhoeverHoldsUpItsPayment() {
        let flow = OrderFlow(state: .delivered)
        let actions = ["place", "accept", "start", "deliver"]
        #expect(OrderTimeline.of(flow: flow, actions: actions, payment: .none, isGood: false).actors == [.customer])
        let pending = OrderTimeline.of(flow: flow, actions: actions, payment: .pending, isGood: false)
        #expect(pending.actors == [.steward] && pending.steps[2].note == "payment recorded, waiting for confirmation")
        let paid = OrderTimeline.of(flow: flow, actions: actions, payment: .settled, isGood: false, autoCompleteDays: 5)
        #expect(paid.actors == [.customer] && paid.next.contains("after 5 days"))
        #expect(paid.steps.map(\.status) == [.done, .done, .done, .done, .current, .next, .later])
    }

    @Test func reviewsWaitForWhoeverHasNotReviewed() {
        let actions = ["place", "accept", "start", "deliver", "complete"]
        let both = OrderTimeline.of(flow: OrderFlow(state: .completed), actions: actions, payment: .settled, isGood: false)
        #expect(both.actors == [.customer, .worker] && both.next == "Reviews: The customer and the worker review the other.")
        let one = OrderTimeline.of(
            flow: OrderFlow(state: .completed, customerReviewed: true), actions: actions + ["review"], payment: .settled, isGood: false)
        #expect(one.actors == [.worker] && one.steps[6].note == "the customer has reviewed" && one.steps[6].status == .next)
        let done = OrderTimeline.of(
            flow: OrderFlow(state: .reviewed, customerReviewed: true, workerReviewed: true), actions: actions + ["review", "review"],
            payment: .settled, isGood: false)
        #expect(done.actors.isEmpty && done.steps.allSatisfy { $0.status == .done })
    }

    @Test func anEndedOrderShowsHowFarItGotAndHowItEnded() {
        let declined = OrderTimeline.of(flow: OrderFlow(state: .declined), actions: ["place", "decline"], payment: .none, isGood: false)
        #expect(declined.steps.map(\.status) == [.done, .skipped, .skipped, .skipped, .skipped, .skipped, .skipped, .done])
        #expect(declined.steps.last?.name == "declined" && declined.actors.isEmpty)
        let cancelled = OrderTimeline.of(
            flow: OrderFlow(state: .cancelled), actions: ["place", "accept", "cancel"], payment: .settled, isGood: true)
        #expect(cancelled.steps.map(\.status) == [.done, .done, .done, .skipped, .skipped, .skipped, .skipped, .done])
        let disputed = OrderTimeline.of(
            flow: OrderFlow(state: .disputed), actions: ["place", "accept", "start", "dispute"], payment: .settled, isGood: false)
        #expect(disputed.steps.last?.name == "disputed" && disputed.steps.last?.status == .current && disputed.actors == [.steward])
        #expect(statuses(disputed)["in progress"] == .done && statuses(disputed)["delivered"] == .skipped)
        let settled = OrderTimeline.of(
            flow: OrderFlow(state: .settled), actions: ["place", "accept", "start", "deliver", "dispute", "settle"], payment: .settled,
            isGood: false)
        #expect(settled.steps.last?.name == "settled" && settled.actors.isEmpty && statuses(settled)["delivered"] == .done)
    }

    @Test func everyStateHasOneCurrentStepAtMostAndSaysWhatIsNext() {
        for state in OrderState.allCases {
            for isGood in [true, false] {
                for payment in [OrderTimeline.Payment.none, .pending, .settled] {
                    let t = OrderTimeline.of(flow: OrderFlow(state: state), actions: ["place"], payment: payment, isGood: isGood)
                    #expect(t.steps.filter { $0.status == .current }.count <= 1, "\(state)")
                    #expect(t.steps.filter { $0.status == .next }.count <= 1, "\(state)")
                    #expect(!t.next.isEmpty)
                    #expect(t.actors.isEmpty == (state.isFinal), "\(state): \(t.actors)")
                }
            }
        }
    }
}
