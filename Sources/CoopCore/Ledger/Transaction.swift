/// One line of a transaction: an amount to an account. Debits are positive, credits negative.
public struct Posting: Hashable, Sendable, Codable {
    /// The account moved.
    public let account: Account
    /// The signed amount: positive debits, negative credits.
    public let amount: Money

    /// Creates a posting.
    public init(account: Account, amount: Money) {
        self.account = account
        self.amount = amount
    }
}

/// A double-entry transaction, validated: its postings sum to zero in every currency.
///
/// Posted transactions are never changed; a correction is a reversal (``reversal(memo:)``).
public struct LedgerTransaction: Hashable, Sendable, Codable {
    /// What kind of movement this is (`share-purchase`, `share-redemption`, `reversal`...).
    public let kind: String
    /// A human description.
    public let memo: String
    /// The postings, at least two, summing to zero per currency.
    public let postings: [Posting]

    /// Validates and creates a transaction.
    public init(kind: String, memo: String, postings: [Posting]) throws(LedgerError) {
        guard !kind.isEmpty else { throw .missingKind }
        guard postings.count >= 2 else { throw .tooFewPostings(postings.count) }
        if let zero = postings.first(where: { $0.amount.minorUnits == 0 }) {
            throw .zeroPosting(zero.account.code)
        }
        var sums: [Currency: Int64] = [:]
        for p in postings {
            let (s, o) = sums[p.amount.currency, default: 0].addingReportingOverflow(p.amount.minorUnits)
            guard !o else { throw .overflow }
            sums[p.amount.currency] = s
        }
        if let (currency, sum) = sums.sorted(by: { $0.key.code < $1.key.code }).first(where: { $0.value != 0 }) {
            throw .unbalanced(currency: currency.code, sum: sum)
        }
        self.kind = kind
        self.memo = memo
        self.postings = postings
    }

    /// A transfer of a positive amount from one account to another.
    public static func transfer(
        kind: String, memo: String, amount: Money, debit: Account, credit: Account
    ) throws(LedgerError) -> LedgerTransaction {
        guard amount.minorUnits > 0 else { throw .nonPositiveAmount(amount.minorUnits) }
        return try LedgerTransaction(
            kind: kind, memo: memo,
            postings: [Posting(account: debit, amount: amount), Posting(account: credit, amount: amount.negated)])
    }

    /// The transaction that undoes this one: every posting negated.
    public func reversal(memo: String) -> LedgerTransaction {
        // Negating a balanced set keeps it balanced, so this cannot fail.
        try! LedgerTransaction(
            kind: "reversal", memo: memo,
            postings: postings.map { Posting(account: $0.account, amount: $0.amount.negated) })
    }
}

/// Balances of accounts from postings, per currency.
public func balances(of postings: some Sequence<Posting>) -> [Account: [Currency: Int64]] {
    var result: [Account: [Currency: Int64]] = [:]
    for p in postings {
        result[p.account, default: [:]][p.amount.currency, default: 0] += p.amount.minorUnits
    }
    return result
}

/// Why a transaction was refused.
public enum LedgerError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The transaction's kind is empty.
    case missingKind
    /// Fewer than two postings; how many there were.
    case tooFewPostings(Int)
    /// A posting of zero; the account's code.
    case zeroPosting(String)
    /// The postings do not sum to zero in a currency; its code and the sum in minor units.
    case unbalanced(currency: String, sum: Int64)
    /// A transfer of zero or less, or an order release refunding outside 0 to what is held; the amount in minor units.
    case nonPositiveAmount(Int64)
    /// The postings' sum does not fit in 64-bit minor units.
    case overflow

    /// One line saying why, `postings do not sum to zero in EUR (sum 5)`.
    public var description: String { words.english }

    /// The same line as words to write in the reader's language.
    public var words: Words {
        switch self {
        case .missingKind: Words("a transaction needs a kind")
        case .tooFewPostings(let n): Words("a transaction needs at least two postings, got %d", .number(Int64(n)))
        case .zeroPosting(let account): Words("posting of zero to %s", .text(account))
        case .unbalanced(let currency, let sum): Words("postings do not sum to zero in %1$s (sum %2$s)", .text(currency), .text("\(sum)"))
        case .nonPositiveAmount(let n): Words("a transfer needs a positive amount, got %s", .text("\(n)"))
        case .overflow: Words("amount out of range")
        }
    }
}
