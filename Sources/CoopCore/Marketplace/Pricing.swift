/// How a listing is priced.
public enum PriceUnit: String, Sendable, Codable, CaseIterable {
    /// A service by the hour: the order books a number of minutes.
    case perHour = "per_hour"
    /// A service for a fixed price, with an estimate of the time it takes.
    case fixed
    /// A good, by the item, from stock.
    case perItem = "per_item"
}

/// What a customer pays, what the co-op keeps and what the worker receives, in minor units.
///
/// The fee is the price × the fee rate, rounded half up to the minor unit, and never more than the
/// fee cap when the members set one; the worker receives the rest, so the parts always sum to the
/// price exactly.
public struct PriceBreakdown: Sendable, Equatable, Codable {
    /// What the customer pays.
    public let price: Money
    /// The platform fee's rate in force, 0 to 100%.
    public let feeRate: Fraction
    /// What the co-op keeps: price × fee rate, rounded half up to the minor unit.
    public let fee: Money
    /// What the worker receives: the price less the fee.
    public let workerReceives: Money
    /// The most the fee may take from this price (``PolicyKey/platformFeeCap``); nil for no cap.
    public let feeCap: Money?

    /// Splits a non-negative price under a fee rate of 0 to 100%.
    public init(price: Money, feeRate: Fraction, feeCap: Money? = nil) {
        self.price = price
        self.feeRate = feeRate
        self.feeCap = feeCap
        fee = Money(minorUnits: Self.fee(price.minorUnits, feeRate, cap: feeCap?.minorUnits), currency: price.currency)
        workerReceives = Money(minorUnits: price.minorUnits - fee.minorUnits, currency: price.currency)
    }

    /// `amount × rate`, half up, for a non-negative amount and a rate of 0 to 100%.
    /// Whether the cap, not the rate, set the fee: the rate would have taken more.
    public var isCapped: Bool {
        guard let feeCap else { return false }
        return Self.fee(price.minorUnits, feeRate) > feeCap.minorUnits
    }

    /// With a cap (a positive amount), never more than the cap; a cap of 0 or less is no cap.
    static func fee(_ amount: Int64, _ rate: Fraction, cap: Int64? = nil) -> Int64 {
        let product = amount.multipliedFullWidth(by: rate.basisPoints)
        let (q, r) = Int64(10_000).dividingFullWidth(product)
        let fee = r * 2 >= 10_000 ? q + 1 : q
        guard let cap, cap > 0 else { return fee }
        return min(fee, cap)
    }

    /// The cap a stored policy value means: a positive amount, or none for 0.
    public static func cap(minorUnits: Int64?, currency: Currency) -> Money? {
        guard let minorUnits, minorUnits > 0 else { return nil }
        return Money(minorUnits: minorUnits, currency: currency)
    }
}

/// Why a price or quantity is refused.
public enum PricingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A price, quantity or estimated time is zero or less (or missing); the sentence to show.
    case notPositive(Words)
    /// A price, quantity or total is above what is allowed; the sentence to show.
    case tooLarge(Words)
    /// The worker would earn less per hour than the minimum pay policy; the sentence with the figures.
    case belowMinimumPay(Words)

    /// The sentence to show the person pricing or ordering, `Order at least one item.`
    public var description: String { words.english }

    /// The sentence as words to write in the reader's language.
    public var words: Words {
        switch self {
        case .notPositive(let w), .tooLarge(let w), .belowMinimumPay(let w): w
        }
    }
}

/// Order totals and the minimum-pay check, in exact minor units.
public enum Pricing {
    /// The greatest unit price and order total accepted: 1,000,000.00 in a two-decimal currency.
    public static let maximumMinorUnits: Int64 = 100_000_000

    /// An order's price: the hourly rate × minutes ÷ 60 (half up), the fixed price, or the item
    /// price × the number of items.
    public static func total(unitPrice: Money, unit: PriceUnit, quantity: Int64) throws(PricingError) -> Money {
        guard quantity > 0 else {
            throw .notPositive(unit == .perHour ? Words("Book at least one minute.") : Words("Order at least one item."))
        }
        let minor: Int64
        switch unit {
        case .fixed:
            guard quantity == 1 else { throw .tooLarge("A fixed-price service is ordered once.") }
            minor = unitPrice.minorUnits
        case .perHour:
            guard quantity <= 24 * 60 * 31 else { throw .tooLarge("A booking is at most a month of hours.") }
            let product = unitPrice.minorUnits * quantity
            minor = product / 60 + (product % 60 * 2 >= 60 ? 1 : 0)
        case .perItem:
            guard quantity <= 10_000 else { throw .tooLarge("At most 10000 items in one order.") }
            minor = unitPrice.minorUnits * quantity
        }
        guard minor <= maximumMinorUnits else {
            throw .tooLarge(
                Words(
                    "The total, %s, is above the most one order may cost.", .money(Money(minorUnits: minor, currency: unitPrice.currency))))
        }
        return Money(minorUnits: minor, currency: unitPrice.currency)
    }

    /// Refuses a service price that would pay the worker less than the minimum pay per hour after
    /// the fee, with the figures. Hourly: the rate less its fee; fixed: the price less its fee, over
    /// the estimated time. Goods are not work by the hour: no check.
    public static func checkMinimumPay(
        unitPrice: Money, unit: PriceUnit, estimatedMinutes: Int64?, feeRate: Fraction, minimumPerHour: Money
    ) throws(PricingError) {
        guard unitPrice.minorUnits > 0 else { throw .notPositive("The price must be more than zero.") }
        guard unitPrice.minorUnits <= maximumMinorUnits else {
            throw .tooLarge(
                Words(
                    "%1$s is above the greatest price allowed, %2$s.", .money(unitPrice),
                    .money(Money(minorUnits: maximumMinorUnits, currency: unitPrice.currency))))
        }
        let net = PriceBreakdown(price: unitPrice, feeRate: feeRate).workerReceives
        switch unit {
        case .perItem:
            return
        case .perHour:
            if net.minorUnits < minimumPerHour.minorUnits {
                throw .belowMinimumPay(
                    Words(
                        "At %1$s an hour the worker would receive %2$s an hour after the %3$s fee, less than the minimum pay of %4$s an hour.",
                        .money(unitPrice), .money(net), .percent(feeRate.basisPoints), .money(minimumPerHour))
                )
            }
        case .fixed:
            guard let minutes = estimatedMinutes, minutes > 0, minutes <= 24 * 60 * 31 else {
                throw .notPositive("Give the time a fixed-price service takes, in minutes (1 to a month).")
            }
            // net per hour = net × 60 ÷ minutes ≥ minimum, compared exactly in integers.
            if net.minorUnits * 60 < minimumPerHour.minorUnits * minutes {
                let perHour = Money(minorUnits: net.minorUnits * 60 / minutes, currency: unitPrice.currency)
                throw .belowMinimumPay(
                    Words(
                        "At %1$s for %2$d minutes the worker would receive %3$s after the %4$s fee, about %5$s an hour, less than the minimum pay of %6$s an hour.",
                        .money(unitPrice), .number(minutes), .money(net), .percent(feeRate.basisPoints), .money(perHour),
                        .money(minimumPerHour))
                )
            }
        }
    }
}

extension PriceBreakdown {
    /// The breakdown of ordering `quantity` of a listing priced `priceMinor` per `unit`, under
    /// the fee in force; an unknown unit or an amount out of range is refused with the reason.
    public static func ordering(
        unit text: String, priceMinor: Int64, quantity: Int64, fee: Fraction, feeCap: Money? = nil, currency: Currency
    ) throws(CoopError)
        -> PriceBreakdown
    {
        guard let unit = PriceUnit(rawValue: text) else { throw .invalid(Words("This listing has an unknown unit, %s.", .text("\(text)"))) }
        do {
            let total = try Pricing.total(unitPrice: Money(minorUnits: priceMinor, currency: currency), unit: unit, quantity: quantity)
            return PriceBreakdown(price: total, feeRate: fee, feeCap: feeCap)
        } catch { throw .invalid(error.words) }
    }
}
