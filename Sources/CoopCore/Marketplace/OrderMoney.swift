/// Every movement of an order's money, as balanced ledger transactions.
///
/// - *Payment*: the customer's money comes into the co-op's cash and is held for the order.
/// - *Release*: when the order completes, is cancelled or a dispute is settled, what is held goes
///   out: the refund back to the customer, and the rest to the worker's earnings less the co-op's
///   fee at the rate frozen on the order (half up, as in ``PriceBreakdown``).
public enum OrderMoney {
    /// The customer's payment for order number `order`: debits cash, credits the order's held account; `method` goes in the
    /// memo. Throws ``LedgerError/nonPositiveAmount(_:)`` unless the amount is more than zero.
    public static func payment(order: Int, amount: Money, method: String) throws(LedgerError) -> LedgerTransaction {
        try .transfer(
            kind: "order-payment", memo: "order #\(order) paid (\(method))", amount: amount, debit: .cash, credit: .orderHeld(order))
    }

    /// The split of a release: refund + fee + worker = held, each ≥ 0.
    public struct Split: Sendable, Equatable {
        /// What goes back to the customer.
        public let refund: Money
        /// The co-op's fee on what is not refunded.
        public let fee: Money
        /// The worker's earnings: what is not refunded, less the fee.
        public let worker: Money
    }

    /// Splits what is held: the refund as given, then the fee at `feeRate` (half up) on the rest, the worker the remainder.
    public static func split(held: Money, refund: Money, feeRate: Fraction, feeCap: Money? = nil) -> Split {
        let kept = Money(minorUnits: held.minorUnits - refund.minorUnits, currency: held.currency)
        let b = PriceBreakdown(price: kept, feeRate: feeRate, feeCap: feeCap)
        return Split(refund: refund, fee: b.fee, worker: b.workerReceives)
    }

    /// Releases what is held for an order: `refund` (0...held) back to the customer, the rest to
    /// the worker and the fee.
    public static func release(
        order: Int, held: Money, refund: Money, feeRate: Fraction, feeCap: Money? = nil, worker: String, reason: String
    ) throws(LedgerError) -> LedgerTransaction {
        guard refund.minorUnits >= 0, refund.minorUnits <= held.minorUnits else { throw .nonPositiveAmount(refund.minorUnits) }
        let s = split(held: held, refund: refund, feeRate: feeRate, feeCap: feeCap)
        var postings = [Posting(account: .orderHeld(order), amount: held)]
        if s.refund.minorUnits > 0 { postings.append(Posting(account: .cash, amount: s.refund.negated)) }
        if s.worker.minorUnits > 0 { postings.append(Posting(account: .earningsPayable(member: worker), amount: s.worker.negated)) }
        if s.fee.minorUnits > 0 { postings.append(Posting(account: .feeRevenue, amount: s.fee.negated)) }
        return try LedgerTransaction(kind: "order-\(reason)", memo: "order #\(order) \(reason)", postings: postings)
    }
}
