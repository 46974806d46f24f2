/// An audit entry in words a member reads: what happened, without the JSON. The entry's payload
/// stays one click away; this only names the event and the few facts that identify it.
public enum AuditWords {
    /// What an entry of `kind` says happened; `field` reads a top-level payload value as text.
    public static func describe(_ kind: String, field: (String) -> String?) -> String {
        func proposal() -> String { field("number").map { " #\($0)" } ?? "" }
        switch kind {
        case "coop.founded": return "The co-op was founded"
        case "bylaws.adopted": return "Bylaws were adopted" + (field("version").map { " (version \($0))" } ?? "")
        case "audit.key": return "The co-op's key for signing this log was made"
        case "membership.applied": return "Someone applied to join" + (field("class").map { " as a \($0) member" } ?? "")
        case "member.admitted": return "A member was admitted" + (field("member_number").map { " (member #\($0))" } ?? "")
        case "membership.rejected": return "An application to join was refused"
        case "member.withdrew": return "A member withdrew"
        case "payment.recorded": return "A share payment was recorded"
        case "payment.confirmed": return "A share payment was confirmed as arrived"
        case "payment.failed": return "A share payment was marked as not received"
        case "proposal.drafted": return "Proposal\(proposal()) was made"
        case "proposal.opened": return "Voting opened on proposal\(proposal())"
        case "proposal.closed":
            let outcome = field("passed").map { $0 == "true" ? ": passed" : ": not passed" } ?? ""
            return "Voting closed on proposal\(proposal())\(outcome)"
        case "proposal.count_failed": return "The count of proposal\(proposal()) could not be made"
        case "ballot.cast": return "A ballot was cast"
        case "ballot.changed": return "A ballot was changed by its voter"
        case "election.candidate": return "A member stood as a candidate"
        case "policy.changed": return "A policy was changed by a passed proposal" + (field("policy").map { ": \($0)" } ?? "")
        case "ledger.posted": return "Money moved in the ledger" + (field("kind").map { ": \(PolicyWords.words($0).lowercased())" } ?? "")
        case "listing.created": return "A listing was published"
        case "order.place", "order.placed": return "An order was placed"
        case "order.paid": return "An order was paid"
        case "order.payment_recorded": return "An order's payment was recorded"
        case "order.payment_failed": return "An order's payment was marked as not received"
        case "job.posted": return "A job request was posted"
        case "job.declined": return "A job offer was declined"
        case "job.expired": return "A job offer expired unanswered"
        case "period.opened": return "Fiscal period" + (field("period").map { " \($0)" } ?? "") + " opened"
        case "period.closed": return "Fiscal period" + (field("period").map { " \($0)" } ?? "") + " was closed"
        case "person.erased": return "A person's data was erased at their request"
        case "worker.availability": return "A worker changed their availability"
        case "payout.requested": return "A member asked to be paid what the co-op owes them"
        case "payout.cancelled": return "A member withdrew a request to be paid"
        default: return PolicyWords.words(kind.replacingOccurrences(of: ".", with: " "))
        }
    }
}
