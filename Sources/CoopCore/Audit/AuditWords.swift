/// An audit entry in words a member reads: what happened, without the JSON. The entry's payload
/// stays one click away; this only names the event and the few facts that identify it.
public enum AuditWords {
    /// What an entry of `kind` says happened, in English; `field` reads a top-level payload value as text.
    public static func describe(_ kind: String, field: (String) -> String?) -> String {
        words(kind, field: field).render(.source)
    }

    /// What an entry of `kind` says happened, as words each reader gets in their language.
    public static func words(_ kind: String, field: (String) -> String?) -> NoticeText {
        switch kind {
        case "coop.founded": return NoticeText("The co-op was founded")
        case "bylaws.adopted":
            return field("version").map { NoticeText("Bylaws were adopted (version %s)", .text($0)) } ?? NoticeText("Bylaws were adopted")
        case "audit.key": return NoticeText("The co-op's key for signing this log was made")
        case "membership.applied":
            return field("class").map { NoticeText("Someone applied to join as a %s member", .text($0)) }
                ?? NoticeText("Someone applied to join")
        case "member.admitted":
            return field("member_number").map { NoticeText("A member was admitted (member #%s)", .text($0)) }
                ?? NoticeText("A member was admitted")
        case "membership.rejected": return NoticeText("An application to join was refused")
        case "member.withdrew": return NoticeText("A member withdrew")
        case "payment.recorded": return NoticeText("A share payment was recorded")
        case "payment.confirmed": return NoticeText("A share payment was confirmed as arrived")
        case "payment.failed": return NoticeText("A share payment was marked as not received")
        case "proposal.drafted":
            return field("number").map { NoticeText("Proposal #%s was made", .text($0)) } ?? NoticeText("Proposal was made")
        case "proposal.opened":
            return field("number").map { NoticeText("Voting opened on proposal #%s", .text($0)) } ?? NoticeText("Voting opened on proposal")
        case "proposal.closed":
            guard let n = field("number") else { return NoticeText("Voting closed on proposal") }
            switch field("passed") {
            case "true": return NoticeText("Voting closed on proposal #%s: passed", .text(n))
            case "false": return NoticeText("Voting closed on proposal #%s: not passed", .text(n))
            default: return NoticeText("Voting closed on proposal #%s", .text(n))
            }
        case "proposal.count_failed":
            return field("number").map { NoticeText("The count of proposal #%s could not be made", .text($0)) }
                ?? NoticeText("The count of proposal could not be made")
        case "ballot.cast": return NoticeText("A ballot was cast")
        case "ballot.changed": return NoticeText("A ballot was changed by its voter")
        case "election.candidate": return NoticeText("A member stood as a candidate")
        case "policy.changed":
            return field("policy").map { NoticeText("A policy was changed by a passed proposal: %s", .text($0)) }
                ?? NoticeText("A policy was changed by a passed proposal")
        case "ledger.posted":
            return field("kind").map { NoticeText("Money moved in the ledger: %s", .text(PolicyWords.words($0).lowercased())) }
                ?? NoticeText("Money moved in the ledger")
        case "listing.created": return NoticeText("A listing was published")
        case "order.place", "order.placed": return NoticeText("An order was placed")
        case "order.paid": return NoticeText("An order was paid")
        case "order.accept": return NoticeText("An order was accepted")
        case "order.decline": return NoticeText("An order was declined")
        case "order.start": return NoticeText("Work on an order started")
        case "order.deliver": return NoticeText("An order was delivered")
        case "order.complete": return NoticeText("An order was completed")
        case "order.review": return NoticeText("An order was reviewed")
        case "order.cancel": return NoticeText("An order was cancelled")
        case "order.dispute": return NoticeText("An order was disputed")
        case "order.settle": return NoticeText("A steward settled a disputed order")
        case "job.offered": return NoticeText("A job was offered to a worker")
        case "job.unfilled": return NoticeText("A job request found no worker")
        case "listing.edited": return NoticeText("A listing was edited")
        case "listing.photo_added": return NoticeText("A photo was added to a listing")
        case "listing.photo_deleted": return NoticeText("A photo was removed from a listing")
        case "proposal.enacted":
            return field("number").map { NoticeText("Proposal #%s was enacted", .text($0)) } ?? NoticeText("A proposal was enacted")
        case "proposal.not_enacted":
            return field("number").map { NoticeText("Proposal #%s could not be enacted", .text($0)) }
                ?? NoticeText("A proposal could not be enacted")
        case "module.published": return NoticeText("A learning module was published")
        case "assembly.convened": return NoticeText("A general assembly was convened")
        case "assembly.opened": return NoticeText("A general assembly opened")
        case "assembly.item_opened": return NoticeText("An item of a general assembly was opened for voting")
        case "assembly.checked_in": return NoticeText("A member checked in at a general assembly")
        case "assembly.proxy_given": return NoticeText("A member gave a proxy for a general assembly")
        case "assembly.proxy_revoked": return NoticeText("A member revoked a proxy for a general assembly")
        case "assembly.minutes_signed": return NoticeText("Minutes of a general assembly were signed")
        case "assembly.minutes_sealed": return NoticeText("Minutes of a general assembly were sealed")
        case "order.payment_recorded": return NoticeText("An order's payment was recorded")
        case "order.payment_failed": return NoticeText("An order's payment was marked as not received")
        case "job.posted": return NoticeText("A job request was posted")
        case "job.declined": return NoticeText("A job offer was declined")
        case "job.expired": return NoticeText("A job offer expired unanswered")
        case "period.opened":
            return field("period").map { NoticeText("Fiscal period %s opened", .text($0)) } ?? NoticeText("Fiscal period opened")
        case "period.closed":
            return field("period").map { NoticeText("Fiscal period %s was closed", .text($0)) } ?? NoticeText("Fiscal period was closed")
        case "person.erased": return NoticeText("A person's data was erased at their request")
        case "worker.availability": return NoticeText("A worker changed their availability")
        case "payout.requested": return NoticeText("A member asked to be paid what the co-op owes them")
        case "payout.cancelled": return NoticeText("A member withdrew a request to be paid")
        default: return .verbatim(PolicyWords.words(kind.replacingOccurrences(of: ".", with: " ")))
        }
    }
}
