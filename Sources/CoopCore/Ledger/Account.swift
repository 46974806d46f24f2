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

extension Account {
    /// What the account is, in words a member reads ("Earnings owed to Ana Alves"), not its code.
    /// `name` gives a member's name from the member part of a code, when it is known; `own` words
    /// a member's accounts for that member ("Earnings owed to you").
    public func meaning(own: Bool = false, name: (String) -> String? = { _ in nil }) -> String {
        let parts = code.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        if own, parts.count == 3, parts[0] == "member" {
            switch parts[2] {
            case "share-capital": return "Your share capital"
            case "redemption-payable": return "Shares owed back to you"
            case "earnings-payable": return "Earnings owed to you"
            case "dividend-payable": return "Cash dividends owed to you"
            case "capital-account": return "Your capital account"
            default: return code
            }
        }
        if parts.count == 3, parts[0] == "member" {
            let who = name(parts[1]) ?? "a member"
            switch parts[2] {
            case "share-capital": return "Share capital of \(who)"
            case "redemption-payable": return "Shares owed back to \(who)"
            case "earnings-payable": return "Earnings owed to \(who)"
            case "dividend-payable": return "Cash dividends owed to \(who)"
            case "capital-account": return "Capital account of \(who)"
            default: return code
            }
        }
        switch code {
        case Account.cash.code: return "The co-op's cash and bank"
        case Account.feeRevenue.code: return "Platform fees earned"
        case Account.surplusAllocated.code: return "Surplus shared out"
        case Account.reserve.code: return "Indivisible reserve"
        case Account.communityFund.code: return "Community fund, owed to the causes members choose"
        default: break
        }
        if parts.count == 3, parts[0] == "coop" {
            let words = parts[2].replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "_", with: " ")
            switch parts[1] {
            case "expense": return "Expenses: \(words)"
            case "revenue": return "Income: \(words)"
            case "payable" where parts[2].hasPrefix("order-"): return "Payment held for order #\(parts[2].dropFirst(6))"
            default: break
            }
        }
        return code
    }
}
