import Foundation

/// Where a fiscal period stands.
public enum FiscalPeriodStatus: String, Sendable, Codable, CaseIterable {
    /// Activity is counted into it (or it has ended and waits to be closed).
    case open
    /// Closed; its allocation waits for the members' vote.
    case proposed
    /// Closed; the members voted the allocation down (a steward may put it to a vote again).
    case rejected
    /// Closed and its allocation posted to the ledger.
    case allocated
    /// Closed with nothing to allocate (no surplus, or a loss carried forward).
    case closed

    /// The status a period closes into: its allocation goes to a vote when there is surplus to
    /// allocate, otherwise it is simply closed.
    public static func afterClosing(allocatable: Int64) -> FiscalPeriodStatus { allocatable > 0 ? .proposed : .closed }
}

/// The calendar of fiscal periods: whole months in UTC.
public enum FiscalCalendar {
    /// The date `months` calendar months after `start` (before it, when negative), in UTC.
    public static func end(of start: Date, months: Int) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(byAdding: .month, value: months, to: start) ?? start.addingTimeInterval(Double(months) * 30 * 86_400)
    }
}

/// An allocation's totals, kept with its closed period.
public struct AllocationTotals: Codable, Equatable, Sendable {
    /// The indivisible reserve.
    public let reserve: Int64
    /// The community fund.
    public let community: Int64
    /// The dividends paid.
    public let patronage: Int64
    /// Each class's pool.
    public let classes: [SurplusAllocation.ClassPool]
    /// How many members receive a dividend (a line with a dividend above zero).
    public let members: Int

    /// The totals of an allocation.
    public init(_ allocation: SurplusAllocation) {
        reserve = allocation.reserve
        community = allocation.community
        patronage = allocation.patronage
        classes = allocation.classes
        members = allocation.lines.filter { $0.dividend > 0 }.count
    }
}

extension AllocationTotals {
    /// One member's dividend as posted: the cash part and the part credited to the capital account.
    public struct MemberDividend: Sendable, Equatable {
        /// The member, as their accounts name them.
        public let member: String
        /// Paid in cash (owed to the member until paid out).
        public let cash: Int64
        /// Credited to the member's capital account.
        public let capital: Int64

        /// A member's dividend in its two parts.
        public init(member: String, cash: Int64, capital: Int64) {
            self.member = member
            self.cash = cash
            self.capital = capital
        }
    }

    /// The postings that give out an approved allocation: the surplus allocated (debit), the
    /// reserve, the community fund, and each member's cash dividend payable and capital account
    /// (credits); parts of zero are not posted.
    public func postings(allocatable: Int64, members: [MemberDividend], currency: Currency) -> [Posting] {
        func money(_ m: Int64) -> Money { Money(minorUnits: m, currency: currency) }
        var postings = [Posting(account: .surplusAllocated, amount: money(allocatable))]
        if reserve > 0 { postings.append(Posting(account: .reserve, amount: money(-reserve))) }
        if community > 0 { postings.append(Posting(account: .communityFund, amount: money(-community))) }
        postings.reserveCapacity(2 * members.count + 3)
        for m in members {
            if m.cash > 0 { postings.append(Posting(account: .dividendPayable(member: m.member), amount: money(-m.cash))) }
            if m.capital > 0 { postings.append(Posting(account: .capitalAccount(member: m.member), amount: money(-m.capital))) }
        }
        return postings
    }
}
