import CoopCore
import PropertyBased
import Testing

private let eur = Currency(code: "EUR")
private func euros(_ minor: Int64) -> Money { Money(minorUnits: minor, currency: eur) }

@Suite struct PricingTests {
    @Test func aBreakdownRoundsTheFeeHalfUpAndSumsToThePrice() {
        let b = PriceBreakdown(price: euros(4_500), feeRate: Fraction(basisPoints: 1_000))
        #expect(b.fee == euros(450))
        #expect(b.workerReceives == euros(4_050))
        // 0.125 → 0.13 (half up); 0.124 → 0.12.
        #expect(PriceBreakdown(price: euros(125), feeRate: Fraction(basisPoints: 1_000)).fee == euros(13))
        #expect(PriceBreakdown(price: euros(124), feeRate: Fraction(basisPoints: 1_000)).fee == euros(12))
    }

    @Test func everyBreakdownSumsToThePriceWithANonNegativeFee() async {
        await propertyCheck(input: Gen.int64(in: 0...Pricing.maximumMinorUnits), Gen.int64(in: 0...10_000)) { price, bp in
            let b = PriceBreakdown(price: euros(price), feeRate: Fraction(basisPoints: bp))
            #expect(b.fee.minorUnits + b.workerReceives.minorUnits == price)
            #expect(b.fee.minorUnits >= 0 && b.workerReceives.minorUnits >= 0)
            // Within half a unit of the exact fee: |fee × 10000 − price × bp| ≤ 5000.
            #expect(abs(b.fee.minorUnits * 10_000 - price * bp) <= 5_000)
        }
    }

    @Test func totalsByTheHourTheItemAndTheFixedPrice() throws {
        #expect(try Pricing.total(unitPrice: euros(2_000), unit: .perHour, quantity: 90) == euros(3_000))
        #expect(try Pricing.total(unitPrice: euros(1_999), unit: .perHour, quantity: 1) == euros(33))  // 33.32 → 33
        #expect(try Pricing.total(unitPrice: euros(350), unit: .perItem, quantity: 3) == euros(1_050))
        #expect(try Pricing.total(unitPrice: euros(8_000), unit: .fixed, quantity: 1) == euros(8_000))
        #expect(throws: PricingError.self) { try Pricing.total(unitPrice: euros(100), unit: .perItem, quantity: 0) }
        #expect(throws: PricingError.self) { try Pricing.total(unitPrice: euros(100), unit: .fixed, quantity: 2) }
        #expect(throws: PricingError.self) { try Pricing.total(unitPrice: euros(90_000_000), unit: .perItem, quantity: 2) }
    }

    @Test func aPriceBelowTheMinimumPayIsRefusedWithTheFigures() throws {
        let fee = Fraction(basisPoints: 1_000)
        let minimum = euros(1_500)
        // 16.00 an hour less 10% is 14.40: below 15.00.
        #expect {
            try Pricing.checkMinimumPay(
                unitPrice: euros(1_600), unit: .perHour, estimatedMinutes: nil, feeRate: fee, minimumPerHour: minimum)
        } throws: { error in
            "\(error)".contains("14.40") && "\(error)".contains("15.00") && "\(error)".contains("10%")
        }
        // 16.67 less 10% is 15.00 (15.003): allowed.
        try Pricing.checkMinimumPay(unitPrice: euros(1_667), unit: .perHour, estimatedMinutes: nil, feeRate: fee, minimumPerHour: minimum)
        // Fixed: 40.00 for 3 hours is 36.00 net, 12.00 an hour: refused; for 2 hours, 18.00 an hour: allowed.
        #expect(throws: PricingError.self) {
            try Pricing.checkMinimumPay(unitPrice: euros(4_000), unit: .fixed, estimatedMinutes: 180, feeRate: fee, minimumPerHour: minimum)
        }
        try Pricing.checkMinimumPay(unitPrice: euros(4_000), unit: .fixed, estimatedMinutes: 120, feeRate: fee, minimumPerHour: minimum)
        #expect(throws: PricingError.self) {
            try Pricing.checkMinimumPay(unitPrice: euros(4_000), unit: .fixed, estimatedMinutes: nil, feeRate: fee, minimumPerHour: minimum)
        }
        // Goods are not paid by the hour; a price must still be positive and not absurd.
        try Pricing.checkMinimumPay(unitPrice: euros(50), unit: .perItem, estimatedMinutes: nil, feeRate: fee, minimumPerHour: minimum)
        #expect(throws: PricingError.self) {
            try Pricing.checkMinimumPay(unitPrice: euros(-5), unit: .perItem, estimatedMinutes: nil, feeRate: fee, minimumPerHour: minimum)
        }
        #expect(throws: PricingError.self) {
            try Pricing.checkMinimumPay(
                unitPrice: euros(Pricing.maximumMinorUnits + 1), unit: .perItem, estimatedMinutes: nil, feeRate: fee,
                minimumPerHour: minimum)
        }
    }
}

@Suite struct OrderFlowTests {
    @Test func theHappyPathEndsReviewedByBoth() throws {
        var flow = OrderFlow()
        try flow.apply(.accept, by: .worker)
        try flow.apply(.start, by: .worker)
        try flow.apply(.deliver, by: .worker)
        try flow.apply(.complete, by: .customer)
        try flow.apply(.review, by: .customer)
        #expect(flow.state == .completed)
        try flow.apply(.review, by: .worker)
        #expect(flow.state == .reviewed)
    }

    @Test func transitionsOutOfTurnAreRefusedWithTheReason() {
        var flow = OrderFlow()
        #expect(throws: OrderFlowError.self) { try flow.apply(.deliver, by: .worker) }
        #expect(throws: OrderFlowError.self) { try flow.apply(.accept, by: .customer) }
        #expect(throws: OrderFlowError.self) { try flow.apply(.review, by: .customer) }
        #expect(flow.state == .requested, "a refused action changes nothing")
        do {
            try flow.apply(.settle, by: .steward)
            Issue.record("settled a requested order")
        } catch {
            #expect(error.description == "Cannot settle an order that is requested: only a disputed order can be settled.")
        }
        let done = OrderFlow(state: .completed, customerReviewed: true)
        #expect(throws: OrderFlowError.self) { _ = try done.applying(.review, by: .customer) }
        #expect(throws: OrderFlowError.self) { _ = try done.applying(.cancel, by: .customer) }
    }

    @Test func disputesAreOpenedOnceWorkStartsAndSettledByAStewardOnly() throws {
        var flow = OrderFlow(state: .delivered)
        try flow.apply(.dispute, by: .customer)
        #expect(throws: OrderFlowError.self) { _ = try flow.applying(.settle, by: .worker) }
        try flow.apply(.settle, by: .steward)
        #expect(flow.state == .settled)
        #expect(flow.allowed(for: .steward).isEmpty)
    }

    @Test func theFlowNeverLeavesAFinalStateAndOnlyMovesAlongItsEdges() async {
        let actions = OrderAction.allCases
        let roles: [OrderRole] = [.customer, .worker, .steward, .system]
        await propertyCheck(input: Gen.int(in: 0...(actions.count * roles.count - 1)).array(of: 0...30)) { steps in
            var flow = OrderFlow()
            for step in steps {
                let before = flow
                let action = actions[step % actions.count]
                let role = roles[step / actions.count]
                do {
                    try flow.apply(action, by: role)
                    #expect(!before.state.isFinal)
                    #expect(before.allowed(for: role).contains(action))
                } catch {
                    #expect(flow == before)
                }
            }
        }
    }

    @Test func cancellingLateKeepsTheGovernedShareForTheWorker() {
        let rules = CancellationRules(windowHours: 24, latePay: Fraction(basisPoints: 5_000))
        let hour: Int64 = 3_600_000
        let start: Int64 = 100 * hour
        let early = rules.terms(price: euros(6_000), by: .customer, state: .accepted, startMillis: start, nowMillis: start - 25 * hour)
        #expect(early.refund == euros(6_000) && !early.late)
        let late = rules.terms(price: euros(6_001), by: .customer, state: .accepted, startMillis: start, nowMillis: start - 2 * hour)
        #expect(late.late)
        #expect(late.workerKeeps == euros(3_001))
        #expect(late.refund.minorUnits + late.workerKeeps.minorUnits == 6_001)
        let byWorker = rules.terms(price: euros(6_000), by: .worker, state: .accepted, startMillis: start, nowMillis: start - hour)
        #expect(byWorker.refund == euros(6_000))
        let requested = rules.terms(price: euros(6_000), by: .customer, state: .requested, startMillis: start, nowMillis: start)
        #expect(requested.refund == euros(6_000))
    }
}

@Suite struct DispatchTests {
    let weights = DispatchWeights(fairShare: 50, distance: 30, skills: 20, rating: 40)

    @Test func lessRecentWorkAndNearerRankHigherAndTheTermsExplainIt() {
        let workers = [
            DispatchCandidate(recentMinutes: 600, distanceMeters: 1_000, skillsMatched: 1, skillsRequired: 1, ratingTenths: 50),
            DispatchCandidate(recentMinutes: 0, distanceMeters: 5_000, skillsMatched: 1, skillsRequired: 1, ratingTenths: 30),
            DispatchCandidate(recentMinutes: 0, distanceMeters: 30_000, skillsMatched: 0, skillsRequired: 1, ratingTenths: nil),
        ]
        let ranked = rankWorkers(workers, weights: weights, maxDistanceMeters: 25_000, ratingsCount: false)
        #expect(ranked.map(\.index) == [1, 2, 0])
        let first = ranked[0].terms
        #expect(first.fairShare == 1_000_000 && first.distance == 800_000 && first.skills == 1_000_000 && first.rating == 0)
        #expect(first.score == 50 * 1_000_000 + 30 * 800_000 + 20 * 1_000_000)
        #expect(ranked[1].terms.distance == 0, "beyond the greatest distance")
        // With ratings allowed, the best-rated worker can come first.
        let rated = rankWorkers(
            workers, weights: DispatchWeights(fairShare: 10, distance: 0, skills: 0, rating: 100), maxDistanceMeters: 25_000,
            ratingsCount: true)
        #expect(rated[0].index == 0)
    }

    @Test func aRankingIsAPermutationInScoreOrder() async {
        await propertyCheck(
            input: Gen.int64(in: 0...5_000).array(of: 0...60), Gen.int64(in: 0...100).array(of: 4...4)
        ) { minutes, w in
            let workers = minutes.enumerated().map { i, m in
                DispatchCandidate(
                    recentMinutes: m, distanceMeters: i % 3 == 0 ? nil : Int64(i) * 700, skillsMatched: i % 3, skillsRequired: 2,
                    ratingTenths: Int64(i * 7 % 51))
            }
            let ranked = rankWorkers(
                workers, weights: DispatchWeights(fairShare: w[0], distance: w[1], skills: w[2], rating: w[3]),
                maxDistanceMeters: 20_000, ratingsCount: w[3] > 50)
            #expect(ranked.map(\.index).sorted() == Array(workers.indices))
            // Best first: by score, then by fair share (to 8 millionths), then by the given order.
            for (a, b) in zip(ranked, ranked.dropFirst()) {
                let ka = (a.terms.score, a.terms.fairShare >> 3, -a.index)
                let kb = (b.terms.score, b.terms.fairShare >> 3, -b.index)
                #expect(ka > kb, "\(a) before \(b)")
            }
        }
    }
}

@Suite struct OrderMoneyTests {
    @Test func aReleaseSplitsWhatIsHeldExactlyAndBalances() async {
        await propertyCheck(input: Gen.int64(in: 1...Pricing.maximumMinorUnits), Gen.int64(in: 0...10_000), Gen.int64(in: 0...100)) {
            held, bp, refundPercent in
            let refund = held * refundPercent / 100
            let s = OrderMoney.split(held: euros(held), refund: euros(refund), feeRate: Fraction(basisPoints: bp))
            #expect(s.refund.minorUnits + s.fee.minorUnits + s.worker.minorUnits == held)
            #expect(s.fee.minorUnits >= 0 && s.worker.minorUnits >= 0)
            guard
                let tx = try? OrderMoney.release(
                    order: 7, held: euros(held), refund: euros(refund), feeRate: Fraction(basisPoints: bp), worker: "w", reason: "settled")
            else {
                Issue.record("release refused for held \(held), refund \(refund)")
                return
            }
            #expect(tx.postings.reduce(0) { $0 + $1.amount.minorUnits } == 0)
        }
    }

    @Test func aRefundAboveWhatIsHeldIsRefused() {
        #expect(throws: LedgerError.self) {
            try OrderMoney.release(
                order: 1, held: euros(100), refund: euros(101), feeRate: Fraction(basisPoints: 1_000), worker: "w", reason: "x")
        }
    }
}

@Suite struct JobDispatchTests {
    @Test func theNextOfferGoesToTheFirstAvailableWorkerStillWaiting() {
        let s: [CandidateState] = [.declined, .expired, .waiting, .waiting, .waiting]
        let next = JobDispatch.next(states: s, available: [true, true, false, true, true])
        #expect(next.offer == 3 && next.skipped == [2])
        #expect(JobDispatch.next(states: [.declined, .waiting], available: [true, false]) == (nil, [1]))
        #expect(JobDispatch.next(states: [], available: []).offer == nil)
    }

    @Test func theNextOfferNeverGoesBackUpTheRanking() async {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let n = Int.random(in: 0...12, using: &rng)
            let states = (0..<n).map { _ in CandidateState.allCases.randomElement(using: &rng)! }
            let available = (0..<n).map { _ in Bool.random(using: &rng) }
            let (offer, skipped) = JobDispatch.next(states: states, available: available)
            if let offer {
                #expect(states[offer] == .waiting && available[offer])
                // Every waiting worker above was unavailable, and is skipped.
                #expect(skipped == (0..<offer).filter { states[$0] == .waiting })
            } else {
                #expect(skipped == (0..<n).filter { states[$0] == .waiting })
            }
            #expect(skipped.allSatisfy { !available[$0] })
        }
    }

    @Test func explanationsSayWhereTheJobWentAndWhy() {
        let mine = DispatchTerms(fairShare: 500_000, distance: 900_000, skills: 0, rating: 0, score: 52_000_000)
        let theirs = DispatchTerms(fairShare: 1_000_000, distance: 833_333, skills: 1_000_000, rating: 0, score: 95_000_000)
        let waiting = JobDispatch.explanation(
            state: .waiting, position: 1, count: 3, terms: mine, holder: (0, .offered, theirs), offerMinutes: 30)
        #expect(
            waiting
                == "You ranked 2nd of 3 eligible workers, with 52.00 points. The worker ranked 1st has it on offer now."
                + " They had 95.00 points (fair share 1.00, distance 0.83, skills 1.00, rating 0.00)."
                + " It comes to you only if everyone ranked above you declines or lets the offer pass.")
        let first = JobDispatch.explanation(state: .offered, position: 0, count: 3, terms: theirs, holder: nil, offerMinutes: 30)
        #expect(first.hasSuffix("The job came to you first. It is yours to accept for 30 minutes from the offer."))
        let lines = JobDispatch.termLines(
            DispatchCandidate(recentMinutes: 90, distanceMeters: 1_530, skillsMatched: 0, skillsRequired: 1, ratingTenths: 45),
            mine, weights: DispatchWeights(fairShare: 50, distance: 30, skills: 20, rating: 20), ratingsCount: false, recentDays: 28,
            maxDistanceKm: 25)
        #expect(lines[0] == "Fair share of recent work: 0.50 × weight 50 = 25.00 (90 minutes of work in the last 28 days)")
        #expect(lines[1] == "Distance: 0.90 × weight 30 = 27.00 (1.5 km away; nearness counts up to 25 km)")
        #expect(lines[3].contains("weight 0") && lines[3].contains("chose not to let ratings count"))
        #expect(
            [1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111].map(JobDispatch.ordinal) == [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st", "111th",
            ])
    }
}

@Suite struct FeeCapTests {
    let rate = Fraction(basisPoints: 1_000)

    @Test func theFeeNeverTakesMoreThanTheCapAndTheWorkerGetsTheRest() {
        let b = PriceBreakdown(price: euros(50_000), feeRate: rate, feeCap: euros(2_500))
        #expect(b.fee == euros(2_500) && b.workerReceives == euros(47_500) && b.isCapped)
        // Below the cap the rate decides, as without one.
        let small = PriceBreakdown(price: euros(4_500), feeRate: rate, feeCap: euros(2_500))
        #expect(small == PriceBreakdown(price: euros(4_500), feeRate: rate, feeCap: euros(2_500)))
        #expect(small.fee == euros(450) && !small.isCapped)
        #expect(small.fee == PriceBreakdown(price: euros(4_500), feeRate: rate).fee)
    }

    @Test func aCapOfZeroIsNoCap() {
        #expect(PriceBreakdown.cap(minorUnits: 0, currency: eur) == nil)
        #expect(PriceBreakdown.cap(minorUnits: nil, currency: eur) == nil)
        #expect(PriceBreakdown.cap(minorUnits: -5, currency: eur) == nil)
        #expect(PriceBreakdown.cap(minorUnits: 250, currency: eur) == euros(250))
    }

    @Test func theReleaseAppliesTheCapFrozenOnTheOrder() throws {
        // 500.00 held, 100.00 refunded: the fee on the 400.00 kept is 40.00 at 10%, capped at 25.00.
        let s = OrderMoney.split(held: euros(50_000), refund: euros(10_000), feeRate: rate, feeCap: euros(2_500))
        #expect(s.fee == euros(2_500) && s.worker == euros(37_500) && s.refund == euros(10_000))
        let tx = try OrderMoney.release(
            order: 1, held: euros(50_000), refund: euros(10_000), feeRate: rate, feeCap: euros(2_500), worker: "w", reason: "completed")
        #expect(tx.postings.first { $0.account == .feeRevenue }?.amount == euros(-2_500))
    }

    @Test func everyPriceSplitsExactlyUnderAnyCap() {
        for price in stride(from: Int64(0), through: 200_000, by: 7_919) {
            for cap in [Int64(0), 1, 99, 2_500, 1_000_000] {
                let b = PriceBreakdown(price: euros(price), feeRate: rate, feeCap: PriceBreakdown.cap(minorUnits: cap, currency: eur))
                #expect(b.fee.minorUnits + b.workerReceives.minorUnits == price)
                #expect(b.fee.minorUnits <= PriceBreakdown(price: euros(price), feeRate: rate).fee.minorUnits)
                if cap > 0 { #expect(b.fee.minorUnits <= cap) }
            }
        }
    }
}
