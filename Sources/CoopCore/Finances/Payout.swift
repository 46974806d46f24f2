/// Where a member's request to be paid what the co-op owes them stands.
public enum PayoutStatus: String, Sendable, Codable, CaseIterable {
    /// Asked for; waits for a steward to pay it (outside the platform) and record it.
    case requested
    /// Paid and posted to the ledger.
    case paid
    /// Withdrawn by the member before it was paid.
    case cancelled
}

/// Paying a member what the co-op owes them: earnings from their work and cash dividends.
///
/// A request asks for all that is owed when it is made, account by account. When a steward
/// records the payment, the ledger moves exactly that much from what is owed to the co-op's cash,
/// and only if it is still owed: a refund or reversal in between can lower what is owed, and a
/// payout never pays more than that.
public enum Payout {
    /// What a request asks for, from what is owed now (both in minor units, never negative).
    public struct Amounts: Sendable, Equatable, Codable {
        /// From the member's earnings payable.
        public let earnings: Int64
        /// From the member's cash dividends payable.
        public let dividends: Int64
        /// Both together.
        public var total: Int64 { earnings + dividends }

        /// Amounts asked for.
        public init(earnings: Int64, dividends: Int64) {
            self.earnings = earnings
            self.dividends = dividends
        }
    }

    /// The request for what is owed now, or why there is nothing to ask for.
    public static func request(earningsOwed: Int64, dividendsOwed: Int64) throws(CoopError) -> Amounts {
        let amounts = Amounts(earnings: max(0, earningsOwed), dividends: max(0, dividendsOwed))
        guard amounts.total > 0 else { throw .conflict("The co-op owes you nothing to pay out at the moment.") }
        return amounts
    }

    /// Checks, when it is paid, that a request is still owed in full; the reason when not.
    public static func stillOwed(_ asked: Amounts, earningsOwed: Int64, dividendsOwed: Int64) -> String? {
        if asked.earnings > earningsOwed || asked.dividends > dividendsOwed {
            return "What the co-op owes this member has changed since they asked; they should cancel and ask again."
        }
        return nil
    }

    /// The ledger transaction of a payment: what was owed to the member goes down, and so does cash.
    public static func transaction(member: String, _ amounts: Amounts, currency: Currency, memo: String) throws(LedgerError)
        -> LedgerTransaction
    {
        var postings: [Posting] = []
        if amounts.earnings > 0 {
            postings.append(
                Posting(account: .earningsPayable(member: member), amount: Money(minorUnits: amounts.earnings, currency: currency)))
        }
        if amounts.dividends > 0 {
            postings.append(
                Posting(account: .dividendPayable(member: member), amount: Money(minorUnits: amounts.dividends, currency: currency)))
        }
        postings.append(Posting(account: .cash, amount: Money(minorUnits: -amounts.total, currency: currency)))
        return try LedgerTransaction(kind: "payout", memo: memo, postings: postings)
    }
}
