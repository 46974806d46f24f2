/// An order's steps as its parties follow them (requested, accepted, paid, in progress, delivered,
/// completed, reviewed), which are done, which is now and which next, what happens next and who
/// must act. Pure: derived from the order's state, the actions taken on it and its payment.
public struct OrderTimeline: Sendable, Equatable {
    /// Where a step stands.
    public enum Status: String, Sendable, Equatable {
        /// Reached and passed.
        case done
        /// Where the order is now.
        case current
        /// The first step still to come.
        case next
        /// A later step.
        case later
        /// Not reached though a later step is: a payment still to be made.
        case open
        /// Never to be reached: the order ended before it.
        case skipped
    }

    /// One step with its status.
    public struct Step: Sendable, Equatable {
        /// The step's name, `in progress`.
        public let name: String
        /// Where it stands.
        public let status: Status
        /// A few words on it, `the customer has reviewed`; empty for none.
        public let note: String
    }

    /// How far the payment of an order is.
    public enum Payment: Sendable, Equatable {
        /// Nothing paid, or only failed payments.
        case none
        /// Recorded, waiting for the money to be confirmed.
        case pending
        /// The money is held for the order.
        case settled
    }

    /// The steps, in order; an ended order (declined, cancelled, disputed, settled) ends with that outcome.
    public let steps: [Step]
    /// What happens next, in a sentence; for an ended order, how it ended.
    public let next: String
    /// Who must act now: empty when nobody must.
    public let actors: [OrderRole]

    /// The names of the seven steps every order can pass.
    public static let names = ["requested", "accepted", "paid", "in progress", "delivered", "completed", "reviewed"]

    /// The timeline of an order in `flow` after `actions` (the raw values of its events, `place`
    /// first), with its `payment`, of a good (`isGood`) or a service, booked at `booked` (words) or not.
    public static func of(
        flow: OrderFlow, actions: [String], payment: Payment, isGood: Bool, booked: String? = nil, autoCompleteDays: Int64 = 3
    ) -> OrderTimeline {
        let did = Set(actions)
        let state = flow.state
        let reviewed = state == .reviewed
        var reached: [Bool] = [
            true, did.contains("accept"), payment == .settled, did.contains("start"), did.contains("deliver"),
            did.contains("complete") || [.completed, .reviewed].contains(state), reviewed,
        ]
        // A state reached by a path the events do not show (an order made by an accepted job) still counts.
        let index: [OrderState: Int] = [.requested: 0, .accepted: 1, .inProgress: 3, .delivered: 4, .completed: 5, .reviewed: 6]
        if let i = index[state] {
            for j in 0...i where j != 2 { reached[j] = true }
        }
        let ended: String? =
            switch state {
            case .declined: "declined"
            case .cancelled: "cancelled"
            case .disputed: "disputed"
            case .settled: "settled"
            default: nil
            }
        var current = index[state]
        if reviewed { current = nil }
        var steps: [Step] = []
        var sawNext = false
        for (i, name) in names.enumerated() {
            var note = ""
            if i == 2 && payment == .pending { note = "payment recorded, waiting for confirmation" }
            if i == 6 && !reviewed {
                if flow.customerReviewed { note = "the customer has reviewed" }
                if flow.workerReviewed { note = "the worker has reviewed" }
            }
            if i == 0, let booked { note = "booked for \(booked)" }
            let status: Status
            if i == current {
                status = .current
            } else if reached[i] {
                status = .done
            } else if ended != nil {
                status = .skipped
            } else if let current, i < current {
                status = .open
            } else if !sawNext && (current.map { i > $0 } ?? true) {
                status = .next
                sawNext = true
            } else {
                status = .later
            }
            steps.append(Step(name: name, status: status, note: note))
        }
        if let ended {
            let outcomeStatus: Status = state == .disputed ? .current : .done
            steps.append(Step(name: ended, status: outcomeStatus, note: ""))
        }
        let (next, actors) = whatNext(
            state, flow: flow, payment: payment, isGood: isGood, booked: booked, autoCompleteDays: autoCompleteDays)
        return OrderTimeline(steps: steps, next: next, actors: actors)
    }

    static func whatNext(
        _ state: OrderState, flow: OrderFlow, payment: Payment, isGood: Bool, booked: String?, autoCompleteDays: Int64
    ) -> (String, [OrderRole]) {
        let work = isGood ? "prepares the items" : "starts the work" + (booked.map { " at the booked time, \($0)" } ?? "")
        let pay = " The customer may pay now: the order completes only once it is paid."
        switch state {
        case .requested:
            return ("The worker accepts or declines the request." + (payment == .none ? pay : ""), [.worker])
        case .accepted:
            return ("The worker \(work)." + (payment == .none ? pay : ""), [.worker])
        case .inProgress:
            return ("The worker marks the \(isGood ? "items" : "work") delivered.", [.worker])
        case .delivered:
            switch payment {
            case .none:
                return ("The customer pays; then they complete the order or open a dispute.", [.customer])
            case .pending:
                return ("A steward confirms that the payment arrived; then the customer completes the order.", [.steward])
            case .settled:
                return (
                    "The customer completes the order, or opens a dispute; it completes by itself after \(autoCompleteDays) days.",
                    [.customer]
                )
            }
        case .completed:
            var who: [OrderRole] = []
            if !flow.customerReviewed { who.append(.customer) }
            if !flow.workerReviewed { who.append(.worker) }
            let names = who.map { "the \($0.rawValue)" }.joined(separator: " and ")
            return (
                "Reviews: \(names) \(who.count == 1 ? "reviews" : "review") the other.".replacingOccurrences(of: ": t", with: ": T"), who
            )
        case .reviewed:
            return ("Nothing more: the order is done and both parties have reviewed it.", [])
        case .declined:
            return ("The worker declined the order; anything paid is refunded.", [])
        case .cancelled:
            return ("The order was cancelled; what was paid is refunded under the cancellation rules.", [])
        case .disputed:
            return ("A steward looks at the dispute and settles it, with a full, partial or no refund.", [.steward])
        case .settled:
            return ("A steward settled the dispute; nothing more happens to the order.", [])
        }
    }
}
