/// Spending a budget the members approved by vote.
///
/// A passed budget proposal is booked when it is enacted: its amount becomes an expense and a sum
/// owed to its payee (`coop:payable:budget`). Paying it, in one go or in parts, lowers what is owed
/// and the co-op's cash; it is not a second expense. What was paid is the budget's "actual", never
/// more than was approved.
public enum BudgetSpending {
    /// What is left of a budget to pay, in minor units (never negative).
    public static func remaining(approved: Int64, paid: Int64) -> Int64 { max(0, approved - paid) }

    /// Checks a payment against a budget; the reason when it is refused.
    public static func check(_ amount: Int64, approved: Int64, paid: Int64) -> String? {
        guard amount > 0 else { return "A payment is a positive amount." }
        let left = remaining(approved: approved, paid: paid)
        guard amount <= left else { return "That is more than is left of the budget (\(left) in minor units)." }
        return nil
    }

    /// The account a passed budget is owed on until it is paid.
    public static let payable = Account(code: "coop:payable:budget")

    /// The ledger transaction of a payment against a budget: what is owed goes down, and so does cash.
    public static func payment(_ amount: Money, memo: String) throws(LedgerError) -> LedgerTransaction {
        try LedgerTransaction.transfer(kind: "budget-payment", memo: memo, amount: amount, debit: payable, credit: .cash)
    }
}
