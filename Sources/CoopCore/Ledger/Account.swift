/// The kind of a ledger account, which says how its balance is read.
public enum AccountKind: String, Sendable, Codable, CaseIterable {
    /// `asset` (what the co-op holds) and `expense` carry debit (positive) balances; `liability` (what it owes), `equity`
    /// (capital and reserves) and `revenue` carry credit (negative) balances.
    case asset, liability, equity, revenue, expense
}

/// A ledger account, named by a stable code such as `coop:cash` or `member:7:share-capital`.
public struct Account: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The account's code, which is what postings store.
    public let code: String

    /// Creates a reference to an account by its code.
    public init(code: String) { self.code = code }

    /// The account's code, `member:7:share-capital`.
    public var description: String { code }

    /// Money the co-op holds (cash and bank).
    public static let cash = Account(code: "coop:cash")
    /// Share capital a member has paid in; equity owned by that member.
    public static func shareCapital(member: String) -> Account { Account(code: "member:\(member):share-capital") }
    /// Share capital the co-op owes back to a member who withdrew.
    public static func redemptionPayable(member: String) -> Account {
        Account(code: "member:\(member):redemption-payable")
    }

    /// What a customer paid for an order, held until the order completes, is cancelled or settled.
    public static func orderHeld(_ number: Int) -> Account { Account(code: "coop:payable:order-\(number)") }
    /// Earnings the co-op owes a worker-member.
    public static func earningsPayable(member: String) -> Account { Account(code: "member:\(member):earnings-payable") }
    /// The platform fees the co-op has earned.
    public static let feeRevenue = Account(code: "coop:revenue:fees")
    /// An expense of the co-op, by category (`hosting`, `insurance`...).
    public static func expense(_ category: String) -> Account { Account(code: "coop:expense:\(category)") }
    /// Surplus given out by allocations: the debit side of every period's allocation.
    public static let surplusAllocated = Account(code: "coop:equity:surplus-allocated")
    /// The indivisible reserve: surplus the co-op keeps for good, never paid out to members.
    public static let reserve = Account(code: "coop:equity:reserve")
    /// Surplus set aside for the community fund, owed to the causes the members choose.
    public static let communityFund = Account(code: "coop:payable:community-fund")
    /// The cash part of a member's patronage dividends, owed to them.
    public static func dividendPayable(member: String) -> Account { Account(code: "member:\(member):dividend-payable") }
    /// A member's capital account: the part of their dividends kept as their equity in the co-op.
    public static func capitalAccount(member: String) -> Account { Account(code: "member:\(member):capital-account") }

    /// The membership an account belongs to, if it is a member's account.
    public var member: String? {
        let parts = code.split(separator: ":")
        guard parts.count == 3, parts[0] == "member" else { return nil }
        return String(parts[1])
    }

    /// The kind of account, read from the code's last part.
    public var kind: AccountKind {
        if code.hasSuffix(":share-capital") || code.hasSuffix(":capital-account") || code.hasPrefix("coop:equity:") { return .equity }
        if code.contains("payable") { return .liability }
        if code.hasPrefix("coop:revenue") { return .revenue }
        if code.hasPrefix("coop:expense") { return .expense }
        return .asset
    }
}
