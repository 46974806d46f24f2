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
        case .done: ("done", "ok")
        case .current: ("now", "act")
        case .next: ("next", "wait")
        case .later: ("later", "info")
        case .skipped: ("not reached", "info")
        case .open: ("to do", "wait")
        }
    }

    /// Who acts, as the viewer in `role` reads it: "you", "the worker", "a steward".
    static func who(_ actors: [OrderRole], viewer role: OrderRole) -> String {
        guard !actors.isEmpty else { return "nobody: nothing is waiting" }
        return actors.map { a in
            if a == role { return "you" }
            switch a {
            case .customer: return "the customer"
            case .worker: return "the worker"
            case .steward: return "a steward"
            case .system: return "the platform"
            }
        }.joined(separator: " and ")
    }

    static func render(_ t: OrderTimeline, viewer role: OrderRole) -> Node<HTML.BodyContext> {
        .section(
            .id("timeline"), .h2("Timeline"),
            .ol(
                .class("timeline"),
                .forEach(t.steps) { step in
                    let (text, tone) = badge(step.status)
                    return .li(
                        .class("step \(step.status.rawValue)"),
                        .if(step.status == .current, .attribute(named: "aria-current", value: "step")),
                        .span(.class("step-name"), .text(step.name.prefix(1).uppercased() + step.name.dropFirst())), .text(" "),
                        Node<HTML.BodyContext>.span(.class("badge \(tone)"), .text(text)).convertToNode(),
                        .if(!step.note.isEmpty, .span(.class("step-note"), .text(" — \(step.note)"))))
                }),
            .p(.id("next-step"), .strong("What happens next: "), .text(t.next)),
            .p(.id("who-acts"), .strong("Who must act: "), .text(who(t.actors, viewer: role))))
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
                        case "decline": "Yes, decline this order: it ends, and anything paid is refunded."
                        case "cancel": "Yes, cancel this order: it ends; what is refunded follows the cancellation rules."
                        default: "Yes, open a dispute: a steward will settle it, with a full, partial or no refund."
                        }
                    return Layout.confirmForm(
                        .orderAction(number), csrf: csrf, id: a, action: a.prefix(1).uppercased() + a.dropFirst(),
                        consequence: consequence, fields: .input(.type(.hidden), .name("action"), .value(a)))
                }))
    }
}
