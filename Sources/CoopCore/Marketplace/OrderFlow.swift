/// Where an order is.
public enum OrderState: String, Sendable, Codable, CaseIterable {
    /// The customer has ordered; the worker has not answered.
    case requested
    /// The worker has accepted; work has not started.
    case accepted
    /// The worker has declined; final.
    case declined
    /// The worker has started the work.
    case inProgress = "in_progress"
    /// The worker has marked the work delivered; it can now be completed or disputed.
    case delivered
    /// Done: by the customer, or by the platform after the governed period; reviews are open.
    case completed
    /// Completed, and both parties have reviewed each other.
    case reviewed
    /// Cancelled by either party before work started; final.
    case cancelled
    /// Either party has opened a dispute; a steward settles it.
    case disputed
    /// A dispute a steward has settled (with a full, partial or no refund).
    case settled

    /// No action moves an order out of these.
    public var isFinal: Bool { [.declined, .reviewed, .cancelled, .settled].contains(self) }

    /// Whether the order can be paid, and a pending payment of it confirmed: before it is
    /// completed, and not once it has ended.
    public var takesPayment: Bool { [.requested, .accepted, .inProgress, .delivered].contains(self) }

    /// The state in words for pages and messages, `in progress`.
    public var label: String { rawValue.split(separator: "_").joined(separator: " ") }
}

/// Who acts on an order.
public enum OrderRole: String, Sendable, Codable {
    /// The member or user who ordered and pays.
    case customer
    /// The worker-member who does the work.
    case worker
    /// A steward of the co-op, who settles disputes.
    case steward
    /// The platform itself (completion after the governed period).
    case system
}

/// What can be done to an order.
public enum OrderAction: String, Sendable, Codable, CaseIterable {
    /// Each named for the step it takes: `accept`, `decline`, `start`, `deliver` (worker); `complete` (customer or system);
    /// `review`, `cancel`, `dispute` (customer or worker); `settle` (steward).
    case accept, decline, start, deliver, complete, review, cancel, dispute, settle
}

/// An order's state and its reviews, and the rules that move it: pure, so that every transition is
/// tested once here and the server only stores what this allows.
///
/// requested → accepted or declined → in progress → delivered → completed (by the customer, or by
/// the platform after the governed period) → reviewed (both parties). Cancelled: by either party
/// before work starts (``CancellationRules`` say what is refunded). Disputed: by either party once
/// work has started, until completion; settled by a steward.
public struct OrderFlow: Sendable, Equatable, Codable {
    /// Where the order is.
    public private(set) var state: OrderState
    /// Whether the customer has reviewed the order.
    public private(set) var customerReviewed: Bool
    /// Whether the worker has reviewed the order.
    public private(set) var workerReviewed: Bool

    /// A flow in the given state, by default a new request with no reviews.
    public init(state: OrderState = .requested, customerReviewed: Bool = false, workerReviewed: Bool = false) {
        self.state = state
        self.customerReviewed = customerReviewed
        self.workerReviewed = workerReviewed
    }

    /// Applies an action, or throws the reason it is not allowed; the flow is unchanged then.
    public mutating func apply(_ action: OrderAction, by role: OrderRole) throws(OrderFlowError) {
        self = try applying(action, by: role)
    }

    /// The flow after an action, or the reason it is not allowed.
    public func applying(_ action: OrderAction, by role: OrderRole) throws(OrderFlowError) -> OrderFlow {
        func refuse(_ reason: Words) -> OrderFlowError { OrderFlowError(state: state, action: action, role: role, words: reason) }
        func need(_ roles: OrderRole..., or refusal: Words) throws(OrderFlowError) {
            guard roles.contains(role) else { throw refuse(refusal) }
        }
        var next = self
        switch (action, state) {
        case (.accept, .requested):
            try need(.worker, or: Words("only the worker can accept an order"))
            next.state = .accepted
        case (.decline, .requested):
            try need(.worker, or: Words("only the worker can decline an order"))
            next.state = .declined
        case (.start, .accepted):
            try need(.worker, or: Words("only the worker can start the work"))
            next.state = .inProgress
        case (.deliver, .inProgress):
            try need(.worker, or: Words("only the worker can mark the work delivered"))
            next.state = .delivered
        case (.complete, .delivered):
            try need(.customer, .system, or: Words("only the customer or system can complete an order"))
            next.state = .completed
        case (.review, .completed):
            try need(.customer, .worker, or: Words("only the customer or worker can review"))
            if role == .customer {
                guard !customerReviewed else { throw refuse(Words("the customer has already reviewed this order")) }
                next.customerReviewed = true
            } else {
                guard !workerReviewed else { throw refuse(Words("the worker has already reviewed this order")) }
                next.workerReviewed = true
            }
            if next.customerReviewed && next.workerReviewed { next.state = .reviewed }
        case (.cancel, .requested), (.cancel, .accepted):
            try need(.customer, .worker, or: Words("only the customer or worker can cancel an order"))
            next.state = .cancelled
        case (.dispute, .inProgress), (.dispute, .delivered):
            try need(.customer, .worker, or: Words("only the customer or worker can open a dispute"))
            next.state = .disputed
        case (.settle, .disputed):
            try need(.steward, or: Words("only the steward can settle a dispute"))
            next.state = .settled
        default:
            throw refuse(Self.whyNot(action, in: state))
        }
        return next
    }

    /// The actions someone in `role` may take now (for the order's page).
    public func allowed(for role: OrderRole) -> [OrderAction] {
        OrderAction.allCases.filter { (try? applying($0, by: role)) != nil }
    }

    static func whyNot(_ action: OrderAction, in state: OrderState) -> Words {
        if state.isFinal { return Words("the order is %s: nothing more can happen to it", .notice(state.words)) }
        switch action {
        case .accept, .decline: return Words("only a requested order can be accepted or declined")
        case .start: return Words("work starts only on an accepted order")
        case .deliver: return Words("only work in progress can be delivered")
        case .complete: return Words("only a delivered order can be completed")
        case .review: return Words("reviews come after completion")
        case .cancel: return Words("an order can be cancelled only before work starts; open a dispute instead")
        case .dispute: return Words("a dispute can be opened only once work has started and before completion")
        case .settle: return Words("only a disputed order can be settled")
        }
    }
}

/// An action an order's state or the actor's role does not allow, with the reason.
public struct OrderFlowError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The order's state when the action was refused.
    public let state: OrderState
    /// The action refused.
    public let action: OrderAction
    /// Who tried it.
    public let role: OrderRole
    /// Why it is not allowed, as words to write in the reader's language.
    public let because: Words

    /// Why it is not allowed, `only the worker can accept an order`.
    public var reason: String { because.english }

    init(state: OrderState, action: OrderAction, role: OrderRole, words: Words) {
        self.state = state
        self.action = action
        self.role = role
        self.because = words
    }

    /// One sentence, `Cannot settle an order that is delivered: only a disputed order can be settled.`
    public var description: String { words.english }

    /// The sentence as words to write in the reader's language.
    public var words: Words {
        Words("Cannot %1$s an order that is %2$s: %3$s.", .notice(action.words), .notice(state.words), .notice(because))
    }
}

/// The governed cancellation rules: free until `windowHours` before the booked start; later, the
/// customer may still cancel but the worker is paid `latePay` of the price. A worker who cancels
/// refunds the customer in full.
public struct CancellationRules: Sendable, Equatable, Codable {
    /// Hours before the booked start within which a customer's cancellation is late (policy `cancellation_window_hours`).
    public let windowHours: Int64
    /// Share of the price the worker keeps for a late cancellation, rounded half up (policy `late_cancellation_pay`).
    public let latePay: Fraction

    /// Creates the rules from the policies in force.
    public init(windowHours: Int64, latePay: Fraction) {
        self.windowHours = windowHours
        self.latePay = latePay
    }

    /// What a cancellation refunds, and what the worker keeps for a late one.
    public struct Terms: Sendable, Equatable, Codable {
        /// What goes back to the customer: the price less what the worker keeps.
        public let refund: Money
        /// What the worker is paid for a late cancellation; zero otherwise.
        public let workerKeeps: Money
        /// Whether the customer cancelled an accepted order within the window before its start.
        public let late: Bool
    }

    /// The terms of cancelling an order of `price` (what the customer paid), booked to start at
    /// `start` (milliseconds), at `now`.
    public func terms(price: Money, by role: OrderRole, state: OrderState, startMillis: Int64?, nowMillis: Int64) -> Terms {
        let zero = Money.zero(price.currency)
        guard role == .customer, state == .accepted, let start = startMillis else {
            return Terms(refund: price, workerKeeps: zero, late: false)
        }
        let late = nowMillis > start - windowHours * 3_600_000
        guard late else { return Terms(refund: price, workerKeeps: zero, late: false) }
        let keeps = PriceBreakdown.fee(price.minorUnits, latePay)
        return Terms(
            refund: Money(minorUnits: price.minorUnits - keeps, currency: price.currency),
            workerKeeps: Money(minorUnits: keeps, currency: price.currency), late: true)
    }
}
