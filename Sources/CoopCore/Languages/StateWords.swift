// The names of states, kinds and methods that refusals and notices quote inside a sentence
// ("this one is %s"), as words translated where the sentence is shown, so that a Spanish reader
// does not get an English word inside a Spanish sentence. Each English text is what the sentence
// always quoted (the raw value or the label), so English is unchanged; where a page already names
// the state with the same English, the same context and text are used (`tc("order", "in progress")`),
// hence the same translation.

extension OrderState {
    /// The state in the reader's language, as the order pages write it: `in progress`.
    public var words: Words {
        switch self {
        case .requested: Words.tc("order", "requested")
        case .accepted: Words.tc("order", "accepted")
        case .declined: Words.tc("order", "declined")
        case .inProgress: Words.tc("order", "in progress")
        case .delivered: Words.tc("order", "delivered")
        case .completed: Words.tc("order", "completed")
        case .reviewed: Words.tc("order", "reviewed")
        case .cancelled: Words.tc("order", "cancelled")
        case .disputed: Words.tc("order", "disputed")
        case .settled: Words.tc("order", "settled")
        }
    }
}

extension OrderAction {
    /// The action as a verb, in "Cannot %s an order…": `accept`.
    public var words: Words {
        switch self {
        case .accept: Words.tc("order verb", "accept")
        case .decline: Words.tc("order verb", "decline")
        case .start: Words.tc("order verb", "start")
        case .deliver: Words.tc("order verb", "deliver")
        case .complete: Words.tc("order verb", "complete")
        case .review: Words.tc("order verb", "review")
        case .cancel: Words.tc("order verb", "cancel")
        case .dispute: Words.tc("order verb", "dispute")
        case .settle: Words.tc("order verb", "settle")
        }
    }
}

extension OrderPaymentStatus {
    /// The state of an order's payment, as the order page writes it: `pending`.
    public var words: Words {
        switch self {
        case .pending: Words.tc("payment", "pending")
        case .settled: Words.tc("payment", "settled")
        case .failed: Words.tc("payment", "failed")
        }
    }
}

extension JobState {
    /// A job request's state, as the job pages write it: `offered`.
    public var words: Words {
        switch self {
        case .offered: Words.tc("job", "offered")
        case .accepted: Words.tc("job", "accepted")
        case .unfilled: Words.tc("job", "unfilled")
        case .cancelled: Words.tc("job", "cancelled")
        }
    }
}

extension ListingKind {
    /// What a listing offers, after "a": `service`, `good`.
    public var words: Words {
        switch self {
        case .service: Words.tc("listing kind", "service")
        case .good: Words.tc("listing kind", "good")
        }
    }
}

extension ProposalStatus {
    /// Where a proposal stands, after "it is": `discussion`, `not_enacted`.
    public var words: Words {
        switch self {
        case .discussion: Words.tc("proposal", "discussion")
        case .voting: Words.tc("proposal", "voting")
        case .passed: Words.tc("proposal", "passed")
        case .failed: Words.tc("proposal", "failed")
        case .enacted: Words.tc("proposal", "enacted")
        case .notEnacted: Words.tc("proposal", "not_enacted")
        }
    }
}

extension VotingMethod {
    /// The method's short name: `majority`, `stv`.
    public var words: Words {
        switch self {
        case .majority: Words.tc("voting method", "majority")
        case .approval: Words.tc("voting method", "approval")
        case .score: Words.tc("voting method", "score")
        case .irv: Words.tc("voting method", "irv")
        case .stv: Words.tc("voting method", "stv")
        case .schulze: Words.tc("voting method", "schulze")
        }
    }
}

extension PolicyType {
    /// The type of a policy's value, after "a": `rate`.
    public var words: Words {
        switch self {
        case .rate: Words.tc("policy type", "rate")
        case .money: Words.tc("policy type", "money")
        case .integer: Words.tc("policy type", "integer")
        case .choice: Words.tc("policy type", "choice")
        }
    }
}

extension MembershipStatus {
    /// Where an application or membership stands, after "it is": `awaiting_payment`.
    public var words: Words {
        switch self {
        case .awaitingPayment: Words.tc("membership", "awaiting_payment")
        case .awaitingSteward: Words.tc("membership", "awaiting_steward")
        case .awaitingVote: Words.tc("membership", "awaiting_vote")
        case .admitted: Words.tc("membership", "admitted")
        case .rejected: Words.tc("membership", "rejected")
        case .withdrawn: Words.tc("membership", "withdrawn")
        }
    }
}

extension FiscalPeriodStatus {
    /// Where a fiscal period stands, after "it is": `open`, `allocated`.
    public var words: Words {
        switch self {
        case .open: Words.tc("fiscal period", "open")
        case .proposed: Words.tc("fiscal period", "proposed")
        case .rejected: Words.tc("fiscal period", "rejected")
        case .allocated: Words.tc("fiscal period", "allocated")
        case .closed: Words.tc("fiscal period", "closed")
        }
    }
}

extension NotificationKind {
    /// The kind's name, as the notification settings write it: `An order to accept`.
    public var words: Words {
        switch self {
        case .orderToAccept: Words("An order to accept")
        case .jobOffered: Words("A job offered to you")
        case .message: Words("A message on an order")
        case .paymentConfirmed: Words("A payment confirmed")
        case .votingOpened: Words("Voting opened on a proposal")
        case .voteClosing: Words("A vote closing within 24 hours that you have not voted in")
        case .result: Words("The result of a vote")
        case .dividend: Words("A dividend posted to you")
        case .assemblyConvened: Words("A general assembly convened")
        }
    }
}

extension Presence {
    /// How a member attends, after a check-in: `in person`.
    public var words: Words {
        switch self {
        case .inPerson: Words.tc("presence", "in person")
        case .online: Words.tc("presence", "online")
        }
    }
}
