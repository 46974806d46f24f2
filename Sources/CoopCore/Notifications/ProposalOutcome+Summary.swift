extension ProposalOutcome {
    /// The result in one sentence for a notification: passed or not, why, and what won.
    public var summary: String { summaryText.render(.source) }

    /// The same sentence as words each reader gets in their language (the winners' names as written).
    public var summaryText: NoticeText {
        let turnout = NoticeText.Arg.notice(
            NoticeText("%1$d of %2$d eligible members voted", .number(participation), .number(eligible)))
        let winners = NoticeText.Arg.text(result.winners.joined(separator: ", "))
        let chosen = !result.winners.isEmpty
        if passed {
            return chosen ? NoticeText("it passed (%1$s; chosen: %2$s)", turnout, winners) : NoticeText("it passed (%s)", turnout)
        }
        if !quorumMet { return NoticeText("it failed: the quorum was not reached (%s)", turnout) }
        return chosen ? NoticeText("it failed (%1$s; chosen: %2$s)", turnout, winners) : NoticeText("it failed (%s)", turnout)
    }
}
