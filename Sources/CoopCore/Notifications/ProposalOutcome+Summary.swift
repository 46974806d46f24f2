extension ProposalOutcome {
    /// The result in one sentence for a notification: passed or not, why, and what won.
    public var summary: String {
        let turnout = "\(participation) of \(eligible) eligible members voted"
        let winners = result.winners.isEmpty ? "" : "; chosen: \(result.winners.joined(separator: ", "))"
        if passed { return "it passed (\(turnout)\(winners))" }
        if !quorumMet { return "it failed: the quorum was not reached (\(turnout))" }
        return "it failed (\(turnout)\(winners))"
    }
}
