import CoopCore

/// The ledger's words (what an account is, its kind, what an entry did) in the request's language.
/// English is word for word what the core's ``Account/meaning(own:name:)`` says; the codes and
/// memos stay as the ledger keeps them.
enum LedgerWords {
    /// What `account` is, in words a member reads; `own` words a member's accounts for that member.
    static func meaning(_ account: Account, own: Bool = false, name: (String) -> String? = { _ in nil }) -> String {
        let code = account.code
        let parts = code.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        if parts.count == 3, parts[0] == "member" {
            if own {
                switch parts[2] {
                case "share-capital": return t("Your share capital")
                case "redemption-payable": return t("Shares owed back to you")
                case "earnings-payable": return t("Earnings owed to you")
                case "dividend-payable": return t("Cash dividends owed to you")
                case "capital-account": return t("Your capital account")
                default: return code
                }
            }
            let who = name(parts[1]) ?? t("a member")
            switch parts[2] {
            case "share-capital": return t("Share capital of %s", who)
            case "redemption-payable": return t("Shares owed back to %s", who)
            case "earnings-payable": return t("Earnings owed to %s", who)
            case "dividend-payable": return t("Cash dividends owed to %s", who)
            case "capital-account": return t("Capital account of %s", who)
            default: return code
            }
        }
        switch code {
        case Account.cash.code: return t("The co-op's cash and bank")
        case Account.feeRevenue.code: return t("Platform fees earned")
        case Account.surplusAllocated.code: return t("Surplus shared out")
        case Account.reserve.code: return t("Indivisible reserve")
        case Account.communityFund.code: return t("Community fund, owed to the causes members choose")
        default: break
        }
        if parts.count == 3, parts[0] == "coop" {
            let words = parts[2].replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "_", with: " ")
            switch parts[1] {
            case "expense": return t("Expenses: %s", words)
            case "revenue": return t("Income: %s", words)
            case "payable" where parts[2].hasPrefix("order-"): return t("Payment held for order #%s", String(parts[2].dropFirst(6)))
            default: break
            }
        }
        return code
    }

    /// An account's kind.
    static func kind(_ kind: AccountKind) -> String {
        switch kind {
        case .asset: tc("account", "asset")
        case .liability: tc("account", "liability")
        case .equity: tc("account", "equity")
        case .revenue: tc("account", "revenue")
        case .expense: tc("account", "expense")
        }
    }

    /// What kind of entry a ledger transaction is (`share-purchase`, `order-completed`...).
    static func entry(_ kind: String) -> String {
        switch kind {
        case "share-purchase": t("share purchase")
        case "share-redemption": t("share redemption")
        case "order-payment": t("order payment")
        case "order-completed": t("order completed")
        case "order-declined": t("order declined")
        case "order-cancelled": t("order cancelled")
        case "order-cancelled-late": t("order cancelled late")
        case "order-settled": t("order settled")
        case "payout": t("payout")
        case "expense": tc("ledger", "expense")
        case "budget": t("budget")
        case "budget-payment": t("budget payment")
        case "surplus-allocation": t("surplus allocation")
        case "reversal": t("reversal")
        default: kind.replacingOccurrences(of: "-", with: " ")
        }
    }
}
