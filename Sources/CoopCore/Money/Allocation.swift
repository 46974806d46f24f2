/// Splits an amount in proportion to weights by the largest-remainder method.
///
/// Each part first gets the floor of its exact share; the units left over go one each to the parts
/// with the largest remainders, ties going to the earlier index. So the parts always sum to the
/// whole, and no part differs from its exact share by a unit or more. A negative total is split as
/// its magnitude and negated. All weights zero (or no weights) is an error, as is a negative weight.
///
/// The arithmetic is exact for any `Int64` total and weights: products use full-width integers.
public func allocate(_ total: Int64, weights: [Int64]) throws(AllocationError) -> [Int64] {
    guard !weights.isEmpty else { throw .noWeights }
    guard total != .min else { throw .totalOutOfRange }
    guard weights.allSatisfy({ $0 >= 0 }) else { throw .negativeWeight }
    var weightSum: UInt64 = 0
    for w in weights {
        let (s, o) = weightSum.addingReportingOverflow(UInt64(w))
        guard !o else { throw .weightsTooLarge }
        weightSum = s
    }
    guard weightSum > 0 else { throw .noWeights }
    let magnitude = total.magnitude
    var parts = [UInt64](repeating: 0, count: weights.count)
    var remainders = [UInt64](repeating: 0, count: weights.count)
    var assigned: UInt64 = 0
    for (i, w) in weights.enumerated() {
        let product = magnitude.multipliedFullWidth(by: UInt64(w))
        let (q, r) = weightSum.dividingFullWidth(product)
        parts[i] = q
        remainders[i] = r
        assigned += q
    }
    var left = magnitude - assigned
    if left > 0 {
        let order = weights.indices.sorted { a, b in
            remainders[a] != remainders[b] ? remainders[a] > remainders[b] : a < b
        }
        for i in order where left > 0 {
            parts[i] += 1
            left -= 1
        }
    }
    return parts.map { total < 0 ? -Int64($0) : Int64($0) }
}

/// Splits an amount of money in proportion to weights, as ``allocate(_:weights:)``.
public func allocate(_ money: Money, weights: [Int64]) throws(AllocationError) -> [Money] {
    try allocate(money.minorUnits, weights: weights).map { Money(minorUnits: $0, currency: money.currency) }
}

/// Why an allocation could not be made.
public enum AllocationError: Error, Equatable, Sendable {
    /// No weights were given, or all of them are zero.
    case noWeights
    /// A weight is negative.
    case negativeWeight
    /// The weights' sum does not fit in 64 bits.
    case weightsTooLarge
    /// The total is `Int64.min`, whose magnitude has no positive `Int64`.
    case totalOutOfRange
}
