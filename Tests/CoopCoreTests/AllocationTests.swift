import CoopCore
import PropertyBased
import Testing

@Suite struct AllocationTests {
    @Test func splitsByLargestRemainder() throws {
        // 100 over three equal weights: 33.33 each, the leftover unit goes to the first.
        #expect(try allocate(100, weights: [1, 1, 1]) == [34, 33, 33])
        // Exact shares 14.2857, 28.5714, 57.1428: remainders decide the two leftover units.
        #expect(try allocate(100, weights: [1, 2, 4]) == [14, 29, 57])
        #expect(try allocate(-100, weights: [1, 1, 1]) == [-34, -33, -33])
        #expect(try allocate(5, weights: [0, 3]) == [0, 5])
    }

    @Test func refusesImpossibleWeights() {
        #expect(throws: AllocationError.noWeights) { try allocate(10, weights: []) }
        #expect(throws: AllocationError.noWeights) { try allocate(10, weights: [0, 0]) }
        #expect(throws: AllocationError.negativeWeight) { try allocate(10, weights: [3, -1]) }
    }

    @Test func partsAlwaysSumToTheWhole() async {
        await propertyCheck(
            input: Gen.int64(in: -10_000_000_000...10_000_000_000),
            Gen.int64(in: 0...1_000_000_000).array(of: 1...40)
        ) { total, weights in
            guard weights.contains(where: { $0 > 0 }) else { return }
            guard let parts = try? allocate(total, weights: weights) else {
                Issue.record("allocation failed for \(weights)")
                return
            }
            #expect(parts.reduce(0, +) == total)
            #expect(parts.count == weights.count)
        }
    }

    @Test func noPartMissesItsExactShareByAUnit() async {
        await propertyCheck(
            input: Gen.int64(in: 0...10_000_000_000), Gen.int64(in: 0...1_000_000).array(of: 1...30)
        ) { total, weights in
            let sum = weights.reduce(0, +)
            guard sum > 0 else { return }
            guard let parts = try? allocate(total, weights: weights) else {
                Issue.record("allocation failed for \(weights)")
                return
            }
            for (part, weight) in zip(parts, weights) {
                // |part - total*weight/sum| < 1  <=>  |part*sum - total*weight| < sum, in exact integers.
                let exact = Int128(total) * Int128(weight)
                let diff = Int128(part) * Int128(sum) - exact
                #expect(diff.magnitude < UInt128(sum))
                #expect(part >= 0)
            }
        }
    }

    @Test func handlesTheLargestAmountsWithoutOverflow() throws {
        let parts = try allocate(Int64.max, weights: [Int64.max / 2, Int64.max / 2, 1])
        #expect(parts.reduce(0 as Int128) { $0 + Int128($1) } == Int128(Int64.max))
    }
}
