import CoopCore
import Foundation
import Plot

/// An order's timeline on its page: the steps as an ordered list, each with a badge that says in
/// words where it stands (not colour alone), what happens next and who must act, named for the viewer.
enum OrderTimelineView {
    /// The actions that end an order or start a dispute: asked to be confirmed, and styled as dangerous.
    static let destructive: Set<String> = [OrderAction.decline.rawValue, OrderAction.cancel.rawValue, OrderAction.dispute.rawValue]

    static func badge(_ s: OrderTimeline.Status) -> (String, String) {
        switch s {
        case .done: (tc("step", "done"), "ok")
        case .current: (tc("step", "now"), "act")
        case .next: (tc("step", "next"), "wait")
        case .later: (tc("step", "later"), "info")
        case .skipped: (tc("step", "not reached"), "info")
        case .open: (tc("step", "to do"), "wait")
        }
    }

    /// A step's name (``OrderTimeline/names`` and the outcomes), capitalized.
    static func stepName(_ name: String) -> String {
        switch name {
        case "requested": tc("step", "Requested")
        case "accepted": tc("step", "Accepted")
        case "paid": tc("step", "Paid")
        case "in progress": tc("step", "In progress")
        case "delivered": tc("step", "Delivered")
        case "completed": tc("step", "Completed")
        case "reviewed": tc("step", "Reviewed")
        case "declined": tc("step", "Declined")
        case "cancelled": tc("step", "Cancelled")
        case "disputed": tc("step", "Disputed")
        case "settled": tc("step", "Settled")
        default: name.prefix(1).uppercased() + name.dropFirst()
        }
    }

    /// A step's note, as the core wrote it, in the request's language.
    static func stepNote(_ note: String) -> String {
        switch note {
        case "payment recorded, waiting for confirmation": t("payment recorded, waiting for confirmation")
        case "the customer has reviewed": t("the customer has reviewed")
        case "the worker has reviewed": t("the worker has reviewed")
        default:
            note.hasPrefix("booked for ") ? t("booked for %s", String(note.dropFirst("booked for ".count))) : note
        }
    }

    /// What happens next, as ``OrderTimeline`` says it in English, in the request's language.
    static func next(
        _ state: OrderState, flow: OrderFlow, payment: OrderTimeline.Payment, isGood: Bool, booked: String?, autoCompleteDays: Int64
    ) -> String {
        let pay = payment == .none ? " " + t("The customer may pay now: the order completes only once it is paid.") : ""
        switch state {
        case .requested: return t("The worker accepts or declines the request.") + pay
        case .accepted:
            let work =
                isGood
                ? t("The worker prepares the items.")
                : booked.map { t("The worker starts the work at the booked time, %s.", $0) } ?? t("The worker starts the work.")
            return work + pay
        case .inProgress: return isGood ? t("The worker marks the items delivered.") : t("The worker marks the work delivered.")
        case .delivered:
            switch payment {
            case .none: return t("The customer pays; then they complete the order or open a dispute.")
            case .pending: return t("A steward confirms that the payment arrived; then the customer completes the order.")
            case .settled:
                return tn(
                    "The customer completes the order, or opens a dispute; it completes by itself after %d day.",
                    "The customer completes the order, or opens a dispute; it completes by itself after %d days.", Int(autoCompleteDays))
            }
        case .completed:
            switch (flow.customerReviewed, flow.workerReviewed) {
            case (false, false): return t("Reviews: The customer and the worker review the other.")
            case (false, true): return t("Reviews: The customer reviews the other.")
            case (true, false): return t("Reviews: The worker reviews the other.")
            case (true, true): return t("Nothing more: the order is done and both parties have reviewed it.")
            }
        case .reviewed: return t("Nothing more: the order is done and both parties have reviewed it.")
        case .declined: return t("The worker declined the order; anything paid is refunded.")
        case .cancelled: return t("The order was cancelled; what was paid is refunded under the cancellation rules.")
        case .disputed: return t("A steward looks at the dispute and settles it, with a full, partial or no refund.")
        case .settled: return t("A steward settled the dispute; nothing more happens to the order.")
        }
    }

    /// Who acts, as the viewer in `role` reads it: "you", "the worker", "a steward".
    static func who(_ actors: [OrderRole], viewer role: OrderRole) -> String {
        guard !actors.isEmpty else { return t("nobody: nothing is waiting") }
        return actors.map { a in
            a == role ? t("you") : MarketText.theRole(a.rawValue)
        }.joined(separator: t(" and "))
    }

    static func render(_ timeline: OrderTimeline, next: String = "", viewer role: OrderRole) -> Node<HTML.BodyContext> {
        .section(
            .id("timeline"), .h2(.text(t("Timeline"))),
            .ol(
                .class("timeline"),
                .forEach(timeline.steps) { step in
                    let (text, tone) = badge(step.status)
                    return .li(
                        .class("step \(step.status.rawValue)"),
                        .if(step.status == .current, .attribute(named: "aria-current", value: "step")),
                        .span(.class("step-name"), .text(stepName(step.name))), .text(" "),
                        Node<HTML.BodyContext>.span(.class("badge \(tone)"), .text(text)).convertToNode(),
                        .if(!step.note.isEmpty, .span(.class("step-note"), .text(" — \(stepNote(step.note))"))))
                }),
            .p(.id("next-step"), .strong(.text(t("What happens next: "))), .text(next.isEmpty ? timeline.next : next)),
            .p(.id("who-acts"), .strong(.text(t("Who must act: "))), .text(who(timeline.actors, viewer: role))))
    }

    /// One form per action the viewer may take: the safe ones as buttons, the destructive ones
    /// folded behind their name with a box to tick.
    static func actions(_ actions: [String], number: Int, role: OrderRole, csrf: String) -> Node<HTML.BodyContext> {
        .div(
            .id("actions"),
            .group(
                actions.map { a in
                    guard destructive.contains(a) else { return OrderPages.actionForm(a, number: number, csrf: csrf) }
                    let consequence: String =
                        switch a {
                        case "decline": t("Yes, decline this order: it ends, and anything paid is refunded.")
                        case "cancel": t("Yes, cancel this order: it ends; what is refunded follows the cancellation rules.")
                        default: t("Yes, open a dispute: a steward will settle it, with a full, partial or no refund.")
                        }
                    return Layout.confirmForm(
                        .orderAction(number), csrf: csrf, id: a, action: MarketText.actionButton(a),
                        consequence: consequence, fields: .input(.type(.hidden), .name("action"), .value(a)))
                }))
    }
}
