/// What one member did in a fiscal period: the figures every patronage measure reads. The store
/// fetches them; which of them counts as patronage, and how, is decided here.
public struct PatronageActivity: Sendable, Equatable {
    /// Earnings credited to the member as a worker (minor units).
    public var earnings: Int64
    /// Minutes worked on orders completed in the period (see ``minutesWorked(unit:quantity:estimatedMinutes:)``).
    public var minutesWorked: Int64
    /// Orders the member completed as a worker.
    public var ordersWorked: Int64
    /// Orders the member completed as a customer.
    public var ordersBought: Int64
    /// What the member paid, as a customer, for orders completed in the period (minor units).
    public var spent: Int64

    /// A member's activity; nothing by default.
    public init(earnings: Int64 = 0, minutesWorked: Int64 = 0, ordersWorked: Int64 = 0, ordersBought: Int64 = 0, spent: Int64 = 0) {
        self.earnings = earnings
        self.minutesWorked = minutesWorked
        self.ordersWorked = ordersWorked
        self.ordersBought = ordersBought
        self.spent = spent
    }

    /// The member's patronage by a class's measure: earnings and spending in minor units, hours as
    /// the minutes worked, orders as the orders completed on either side.
    public func patronage(by measure: PatronageMeasure) -> Int64 {
        switch measure {
        case .earnings: earnings
        case .hours: minutesWorked
        case .spending: spent
        case .orders: ordersWorked + ordersBought
        }
    }

    /// What "hours" of patronage count for completed orders of one listing: an hourly service its
    /// booked minutes (the quantity), a fixed service its estimate for each one ordered (none when
    /// it has no estimate), goods nothing. Linear in `quantity`, so orders of one listing may be
    /// counted together by the sum of their quantities.
    public static func minutesWorked(unit: PriceUnit?, quantity: Int64, estimatedMinutes: Int64?) -> Int64 {
        switch unit {
        case .perHour: quantity
        case .fixed: (estimatedMinutes ?? 0) * quantity
        case .perItem, nil: 0
        }
    }

    /// The measures a formula reads: those of the classes that share in the patronage pool.
    public static func measures(of formula: SurplusFormula) -> Set<PatronageMeasure> {
        Set(formula.measures.filter { formula.classShares[$0.key] != nil }.values)
    }
}

extension PatronageActivity {
    /// A member's patronage under a period's locked formula: by their class's measure, or none
    /// when their class has no share of the pool, no measure, or the member no patronage.
    public func patronage(member: String, classID: String, formula: SurplusFormula) -> Patronage? {
        guard formula.classShares[classID] != nil, let measure = formula.measures[classID] else { return nil }
        let amount = patronage(by: measure)
        guard amount > 0 else { return nil }
        return Patronage(member: member, classID: classID, amount: amount)
    }
}
