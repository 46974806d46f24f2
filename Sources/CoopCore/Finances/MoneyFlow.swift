import Foundation

/// The co-op's own money as a list, the way Open Collective shows a collective's: each amount in
/// and out, newest first, with the balance after it. Money in is what the co-op earned (its
/// revenue, by fiscal period); money out is each expense. Members' money (share capital, payments
/// held for orders, what is owed to members) is not the co-op's to spend and is not in it.
public enum MoneyFlow {
    /// One line: money in (positive) or out (negative), and the balance after it.
    public struct Line: Sendable, Equatable {
        /// When it happened.
        public let date: Date
        /// What it was.
        public let what: String
        /// Its category ("income", or the expense's category).
        public let category: String
        /// In minor units: positive in, negative out.
        public let amount: Int64
        /// The co-op's own money after it, in minor units.
        public let balance: Int64

        /// A line of the list.
        public init(date: Date, what: String, category: String, amount: Int64, balance: Int64) {
            self.date = date
            self.what = what
            self.category = category
            self.amount = amount
            self.balance = balance
        }
    }

    /// An amount before the balance is known.
    public struct Movement: Sendable, Equatable {
        /// When it happened.
        public let date: Date
        /// What it was.
        public let what: String
        /// Its category.
        public let category: String
        /// In minor units: positive in, negative out.
        public let amount: Int64

        /// A movement of money.
        public init(date: Date, what: String, category: String, amount: Int64) {
            self.date = date
            self.what = what
            self.category = category
            self.amount = amount
        }
    }

    /// The movements in order of date (ties: money in first), each with the balance after it,
    /// returned newest first. The balance saturates rather than overflow.
    public static func lines(_ movements: [Movement]) -> [Line] {
        let ordered = movements.enumerated().sorted { a, b in
            if a.element.date != b.element.date { return a.element.date < b.element.date }
            if (a.element.amount >= 0) != (b.element.amount >= 0) { return a.element.amount >= 0 }
            return a.offset < b.offset
        }.map(\.element)
        var balance: Int64 = 0
        var out: [Line] = []
        out.reserveCapacity(ordered.count)
        for m in ordered {
            let (sum, overflow) = balance.addingReportingOverflow(m.amount)
            balance = overflow ? (m.amount > 0 ? .max : .min) : sum
            out.append(Line(date: m.date, what: m.what, category: m.category, amount: m.amount, balance: balance))
        }
        return out.reversed()
    }
}
