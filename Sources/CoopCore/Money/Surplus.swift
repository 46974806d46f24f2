/// One member's patronage in a period, in its class's measure's unit (minor units for earnings and spending, minutes for
/// hours, a count for orders).
public struct Patronage: Sendable, Equatable, Codable {
    /// The member, unique within one allocation.
    public let member: String
    /// The member's stakeholder class, whose share and measure apply.
    public let classID: String
    /// The measure of the member's patronage, never negative.
    public let amount: Int64

    /// Creates one member's patronage.
    public init(member: String, classID: String, amount: Int64) {
        self.member = member
        self.classID = classID
        self.amount = amount
    }
}

/// How a period's surplus was divided: the reserve, the community fund, each class's pool and each member's dividend.
public struct SurplusAllocation: Sendable, Equatable, Codable {
    /// A class's part of the patronage pool and what it paid out.
    public struct ClassPool: Sendable, Equatable, Codable {
        /// The class.
        public let classID: String
        /// Its share of the patronage pool.
        public let share: Fraction
        /// What its patronage is measured by.
        public let measure: PatronageMeasure
        /// Its part of the patronage pool.
        public let pool: Int64
        /// The total patronage of its members, in the measure's unit.
        public let patronage: Int64
        /// The sum of its members' dividends: the pool, or 0 when it had no patronage.
        public let paid: Int64
    }

    /// One member's dividend and how it is paid.
    public struct Line: Sendable, Equatable, Codable {
        /// The member.
        public let member: String
        /// The member's class.
        public let classID: String
        /// The member's patronage, in the class's measure's unit.
        public let patronage: Int64
        /// The member's patronage dividend.
        public let dividend: Int64
        /// The part paid in cash: at least the formula's cash minimum.
        public let cash: Int64
        /// The part credited to the member's capital account.
        public let capital: Int64
    }

    /// The amount allocated, never negative.
    public let surplus: Int64
    /// The indivisible reserve, including the pools of classes with no patronage.
    public let reserve: Int64
    /// The community fund.
    public let community: Int64
    /// The sum of all dividends actually paid.
    public let patronage: Int64
    /// One pool per class with a share in the formula, sorted by class id.
    public let classes: [ClassPool]
    /// One line per input patronage, in the input's order.
    public let lines: [Line]
}

/// Why a surplus could not be allocated.
public enum SurplusError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The surplus to allocate was negative: a loss is carried, never allocated.
    case negativeSurplus(Int64)
    /// A member's patronage was negative.
    case negativePatronage(member: String)
    /// A member appeared twice in the patronage.
    case duplicateMember(String)
    /// A class's total patronage, or the formula's shares, exceed what 64-bit arithmetic holds.
    case tooLarge

    /// One sentence for a steward, `The patronage of m-12 is negative.`
    public var description: String {
        switch self {
        case .negativeSurplus(let amount):
            "The surplus to allocate is negative (\(amount) minor units): a loss is carried forward, never allocated."
        case .negativePatronage(let member): "The patronage of \(member) is negative."
        case .duplicateMember(let member): "\(member) appears twice in the patronage."
        case .tooLarge: "The amounts are too large to allocate exactly."
        }
    }
}

/// The surplus of a period: what is left to allocate, and how it is divided.
public enum Surplus {
    /// Net result of a period: allocatable = max(0, revenue - expenses - carriedLoss); carriedOut = the loss still to
    /// carry (>= 0).
    public struct Result: Sendable, Equatable, Codable {
        /// The period's revenue.
        public let revenue: Int64
        /// The period's expenses.
        public let expenses: Int64
        /// Revenue less expenses; negative for a loss.
        public let net: Int64
        /// The loss carried in from earlier periods.
        public let carriedIn: Int64
        /// The surplus to allocate, never negative.
        public let allocatable: Int64
        /// The loss carried on to the next period, never negative.
        public let carriedOut: Int64
    }

    /// The result of a period: a surplus first makes good the loss carried in, and only the rest is allocated; a
    /// loss is carried, never allocated.
    ///
    /// A negative carried loss counts as none. The arithmetic is exact in 128 bits; a figure beyond the 64-bit range
    /// (not reachable by amounts below 4.6 × 10^18 minor units) is clamped to it.
    public static func result(revenue: Int64, expenses: Int64, carriedLoss: Int64) -> Result {
        let carriedIn = max(0, carriedLoss)
        let net = Int128(revenue) - Int128(expenses)
        let left = net - Int128(carriedIn)
        return Result(
            revenue: revenue, expenses: expenses, net: clamped(net), carriedIn: carriedIn,
            allocatable: clamped(max(0, left)), carriedOut: clamped(max(0, -left)))
    }

    /// Allocates a period's surplus by a formula and the members' patronage.
    ///
    /// 1. A negative surplus is an error; a zero surplus gives all zeros (still one line per input).
    /// 2. The surplus is split into reserve, patronage pool and community fund in proportion to the formula's basis
    ///    points, by the largest remainder (``allocate(_:weights:)``).
    /// 3. The patronage pool is split among the classes with a share, sorted by class id, by their shares' basis
    ///    points, largest remainder.
    /// 4. A class's pool is split among its members by their patronage, largest remainder, ties to the earlier
    ///    input. A class whose members' total patronage is 0 (or that has no members in the input) pays nothing: its
    ///    pool goes to the reserve. A member whose class has no share in the formula gets a line with dividend 0.
    /// 5. A dividend's cash part is `ceil(dividend × cashMinimum / 10,000)`, never below the required share; the rest
    ///    is credited to capital.
    /// 6. A negative patronage or a member appearing twice is an error. Arithmetic is exact; a class whose total
    ///    patronage exceeds `Int64.max` is refused as ``SurplusError/tooLarge``.
    ///
    /// So the reserve, the community fund and the dividends always sum to the surplus, and members of a class with
    /// equal patronage get dividends at most one minor unit apart.
    ///
    /// The formula is expected to be validated (its shares sum to the whole). Otherwise: a negative share counts as
    /// zero; when no top-level share is positive the whole surplus is kept in the reserve, and when no class share is
    /// positive the patronage pool goes to the reserve; the cash minimum is bounded to 0...10,000 basis points; a
    /// class without a measure is reported as measured by earnings.
    public static func allocate(_ formula: SurplusFormula, surplus: Int64, patronage: [Patronage]) throws(SurplusError)
        -> SurplusAllocation
    {
        guard surplus >= 0 else { throw .negativeSurplus(surplus) }
        var seen = Set<String>(minimumCapacity: patronage.count)
        var membersByClass: [String: [Int]] = [:]
        for (index, entry) in patronage.enumerated() {
            guard entry.amount >= 0 else { throw .negativePatronage(member: entry.member) }
            guard seen.insert(entry.member).inserted else { throw .duplicateMember(entry.member) }
            membersByClass[entry.classID, default: []].append(index)
        }

        let top = try split(surplus, [formula.reserve, formula.patronage, formula.community].map(\.basisPoints))
        var reserve = top[0]
        let classIDs = formula.classShares.keys.sorted()
        let pools = try split(top[1], classIDs.map { formula.classShares[$0]!.basisPoints }, remainderTo: &reserve)

        let cashBasisPoints = min(max(formula.cashMinimum.basisPoints, 0), 10_000)
        var dividends = [Int64](repeating: 0, count: patronage.count)
        var classes: [SurplusAllocation.ClassPool] = []
        var paidTotal: Int64 = 0
        for (classID, pool) in zip(classIDs, pools) {
            let members = membersByClass[classID] ?? []
            var total: Int64 = 0
            for index in members {
                let (sum, overflow) = total.addingReportingOverflow(patronage[index].amount)
                guard !overflow else { throw .tooLarge }
                total = sum
            }
            var paid: Int64 = 0
            if total > 0 {
                let parts = try split(pool, members.map { patronage[$0].amount })
                for (index, part) in zip(members, parts) { dividends[index] = part }
                paid = pool
            } else {
                reserve += pool
            }
            paidTotal += paid
            classes.append(
                .init(
                    classID: classID, share: formula.classShares[classID]!, measure: formula.measures[classID] ?? .earnings,
                    pool: pool, patronage: total, paid: paid))
        }

        let lines = zip(patronage, dividends).map { entry, dividend in
            let cash = cashPart(of: dividend, basisPoints: cashBasisPoints)
            return SurplusAllocation.Line(
                member: entry.member, classID: entry.classID, patronage: entry.amount, dividend: dividend, cash: cash,
                capital: dividend - cash)
        }
        return SurplusAllocation(
            surplus: surplus, reserve: reserve, community: top[2], patronage: paidTotal, classes: classes, lines: lines)
    }

    /// Splits by largest remainder, negative weights counting as zero; with no positive weight, the whole amount goes
    /// to `remainderTo` and every part is zero.
    private static func split(_ amount: Int64, _ weights: [Int64], remainderTo sink: inout Int64) throws(SurplusError)
        -> [Int64]
    {
        let weights = weights.map { max($0, 0) }
        guard weights.contains(where: { $0 > 0 }) else {
            sink += amount
            return weights.map { _ in 0 }
        }
        return try split(amount, weights)
    }

    /// Splits the top level: with no positive weight the first part (the reserve) keeps everything.
    private static func split(_ amount: Int64, _ weights: [Int64]) throws(SurplusError) -> [Int64] {
        var weights = weights.map { max($0, 0) }
        if !weights.contains(where: { $0 > 0 }) { weights[0] = 1 }
        do {
            return try CoopCore.allocate(amount, weights: weights)
        } catch {
            throw .tooLarge
        }
    }

    /// `ceil(dividend × basisPoints / 10,000)` for a dividend ≥ 0 and basis points in 0...10,000, exact in 128 bits.
    private static func cashPart(of dividend: Int64, basisPoints: Int64) -> Int64 {
        let product = Int128(dividend) * Int128(basisPoints)
        return Int64((product + 9_999) / 10_000)
    }

    private static func clamped(_ value: Int128) -> Int64 {
        Int64(min(max(value, Int128(Int64.min)), Int128(Int64.max)))
    }
}
