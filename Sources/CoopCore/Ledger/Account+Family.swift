extension Account {
    /// The accounts whose codes start with one prefix (`coop:revenue:...`): read from storage as
    /// the range of codes from ``prefix`` up to ``end``, which an index on the code serves.
    public struct Family: Sendable, Equatable {
        /// The prefix every code of the family starts with, ending with `:`.
        public let prefix: String

        /// A family by its prefix.
        public init(prefix: String) { self.prefix = prefix }

        /// The least code after all of the family's: the prefix with its last character (`:`) raised by one (`;`).
        public var end: String {
            guard let last = prefix.unicodeScalars.last, let next = Unicode.Scalar(last.value + 1) else { return prefix }
            return String(prefix.unicodeScalars.dropLast()) + String(next)
        }

        /// Whether an account belongs to the family.
        public func contains(_ account: Account) -> Bool { account.code.hasPrefix(prefix) }
    }

    /// The co-op's revenue accounts (fees and any other income).
    public static let revenue = Family(prefix: "coop:revenue:")
    /// The co-op's expense accounts, one per category.
    public static let expenses = Family(prefix: "coop:expense:")
    /// Every member's accounts.
    public static let members = Family(prefix: "member:")

    /// The pattern of every member's earnings payable account, for a `LIKE` match: the member's
    /// part is `%`.
    public static let everyEarningsPayable = Account.earningsPayable(member: "%")
}

extension AccountKind {
    /// An account's balance in its normal direction, from the sum of its postings (debits
    /// positive): assets and expenses as debits, the rest (revenue, what is owed, equity) as credits.
    public func normalBalance(ofSum sum: Int64) -> Int64 {
        switch self {
        case .asset, .expense: sum
        case .liability, .equity, .revenue: -sum
        }
    }
}
