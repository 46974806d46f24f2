/// What an order's action does to the stock of the good it sold.
public enum OrderStock {
    /// The items that go back to stock after `action` on an order of `quantity` of a listing of
    /// `kind`: a declined or cancelled good's items were never sold; a service has no stock.
    public static func returned(after action: OrderAction, kind: ListingKind?, quantity: Int64) -> Int64 {
        guard kind == .good, mayReturn(after: action) else { return 0 }
        return quantity
    }

    /// Whether `action` may return items to stock (before the listing is read to know).
    public static func mayReturn(after action: OrderAction) -> Bool { action == .cancel || action == .decline }

    /// Reserves `quantity` of a good whose `stock` is what the database holds and of which
    /// `taken` are already reserved by orders placed before it in the same batch: the new total
    /// taken, or the refusal with how many are left. Stock never goes below zero, however many
    /// order the last items at once.
    public static func reserve(_ quantity: Int64, stock: Int64?, taken: Int64) throws(CoopError) -> Int64 {
        let left = (stock ?? 0) - taken
        guard left >= quantity else { throw .conflict(Words("Only %d left; order fewer.", .number(Int64(left)))) }
        return taken + quantity
    }
}

/// What releasing the money held for an order does after an action: how much goes back to the
/// customer, and the reason the ledger records. The rest goes to the worker and the fee.
public struct OrderRelease: Sendable, Equatable {
    /// Refunded to the customer.
    public let refund: Money
    /// `completed`, `declined`, `cancelled`, `cancelled-late` or `settled`.
    public let reason: String

    /// A release of `refund` for `reason`.
    public init(refund: Money, reason: String) {
        self.refund = refund
        self.reason = reason
    }

    /// Whether working out the release after `action` needs the governed cancellation rules.
    public static func needsCancellationRules(_ action: OrderAction) -> Bool { action == .cancel }

    /// The release after `action` by `role` on order `number` of `price`, of what is `held` for it,
    /// or nil when nothing moves: completion pays everything out (and needs the whole price held);
    /// a decline refunds all; a cancellation refunds under `cancellation` (all when none are given);
    /// a steward's settlement refunds `requestedRefund`, from nothing to all that is held.
    public static func after(
        _ action: OrderAction, by role: OrderRole, previous: OrderState, order number: Int, price: Money, held: Money,
        requestedRefund: Int64?, cancellation: CancellationRules?, startMillis: Int64?, nowMillis: Int64
    ) throws(CoopError) -> OrderRelease? {
        if action == .complete && held.minorUnits < price.minorUnits {
            throw .conflict(Words("Order #%s is not paid yet: it completes once its payment is settled.", .text("\(number)")))
        }
        guard held.minorUnits > 0 else { return nil }
        switch action {
        case .complete:
            return OrderRelease(refund: .zero(held.currency), reason: "completed")
        case .decline:
            return OrderRelease(refund: held, reason: "declined")
        case .cancel:
            guard let cancellation else { return OrderRelease(refund: held, reason: "cancelled") }
            let terms = cancellation.terms(price: held, by: role, state: previous, startMillis: startMillis, nowMillis: nowMillis)
            return OrderRelease(refund: terms.refund, reason: terms.late ? "cancelled-late" : "cancelled")
        case .settle:
            guard let requestedRefund, (0...held.minorUnits).contains(requestedRefund) else {
                throw .invalid(Words("Settle with a refund from 0 to %s.", .text("\(held)")))
            }
            return OrderRelease(refund: Money(minorUnits: requestedRefund, currency: held.currency), reason: "settled")
        default:
            return nil
        }
    }
}

/// Who someone is on an order.
public enum OrderParties {
    /// The role of a user on an order: its customer, the worker (when `membership` is the
    /// worker's), a steward (an admitted one, to settle), or nobody (nil).
    public static func role(
        user: String, customer: String, membership: String?, worker: String, steward: Bool, status: MembershipStatus?
    ) -> OrderRole? {
        if user == customer { return .customer }
        guard let membership else { return nil }
        if membership == worker { return .worker }
        if steward && status == .admitted { return .steward }
        return nil
    }
}

/// The states of a payment of an order.
public enum OrderPaymentStatus: String, Sendable, Codable, CaseIterable {
    /// Recorded and waiting for a steward to confirm that the money arrived.
    case pending
    /// The money arrived: it is held for the order.
    case settled
    /// Marked as not received, or ended with its order: it no longer counts.
    case failed

    /// Whether the customer may pay for an order in `state` whose payments so far are `existing`:
    /// while the order takes payment, and only once (a failed payment leaves it to be paid again).
    public static func mayPay(state: OrderState?, existing: [OrderPaymentStatus?]) -> Bool {
        state?.takesPayment == true && existing.allSatisfy { $0 == .failed }
    }
}

/// Time worked through the platform, as the dispatcher and the dashboard count it.
public enum WorkMinutes {
    /// The minutes of work of an order: the minutes booked by the hour, a fixed-price service's
    /// estimate, nothing for goods. Linear in both, so it may be applied to sums of orders of one unit.
    public static func of(unit: PriceUnit?, quantity: Int64, estimatedMinutes: Int64?) -> Int64 {
        switch unit {
        case .perHour: quantity
        case .fixed: estimatedMinutes ?? 0
        case .perItem, nil: 0
        }
    }

    /// The order states that count as work taken on (for the fair share of recent work).
    public static let busyStates: [OrderState] = [.accepted, .inProgress, .delivered, .completed, .reviewed, .disputed, .settled]

    /// Recent work, for the fair-share term, is the work of this many days.
    public static let recentDays = 28
}

/// A worker's rating from customers' reviews.
public enum WorkerRating {
    /// Whose reviews count towards a worker's rating: their customers'.
    public static let countedAuthor = OrderRole.customer

    /// The average of `stars` over `count` reviews in tenths of a star, rounded half up.
    public static func tenths(stars: Int64, count: Int64) -> Int64 { (stars * 10 + count / 2) / count }

    /// The average in hundredths of a star, rounded down (search's order by rating).
    public static func hundredths(stars: Int64, count: Int64) -> Int64 { stars * 100 / count }
}

/// When the platform completes an order its customer left delivered.
public enum AutoCompletion {
    /// Whether an order delivered at `deliveredMillis` is due to complete at `nowMillis` after the
    /// governed `days`: only once that long has passed and only when the whole `price` is `held`.
    public static func isDue(deliveredMillis: Int64, nowMillis: Int64, days: Int64, held: Int64, price: Int64) -> Bool {
        deliveredMillis <= nowMillis - days * 86_400_000 && held >= price
    }
}

/// Why a payment of an order failed, in words for whoever reads it. The reason is stored as the
/// English sentence (the audit chain records the same), and the platform's own sentence is
/// recognized when it is shown, so that a reader gets it in their language; the reason a steward
/// typed is shown as they wrote it.
public enum OrderPaymentFailure {
    /// The platform's reason when an order ends with a payment still pending:
    /// `the order was cancelled before it arrived`.
    public static func orderEnded(_ state: OrderState) -> Words {
        Words("the order was %s before it arrived", .notice(state.words))
    }

    /// A stored reason as words: the platform's sentence (no steward marked it, `byPlatform`) in the
    /// reader's language, anything else as written.
    public static func words(stored reason: String, byPlatform: Bool) -> Words {
        guard byPlatform, let state = OrderState.allCases.first(where: { orderEnded($0).english == reason }) else {
            return .verbatim(reason)
        }
        return orderEnded(state)
    }
}
