import CoopCore
import FluentKit
import Foundation

/// A fiscal period: its dates, the surplus formula locked to it when it opened, and once closed,
/// its result and the allocation the members vote on.
public final class FiscalPeriodRecord: Model, @unchecked Sendable {
    /// The table.
    public static let schema = "fiscal_periods"
    /// The period's id.
    @ID(key: .id) public var id: UUID?
    /// The period's number, from 1, unique.
    @Field(key: "number") public var number: Int
    /// The first instant of the period.
    @Field(key: "starts_at") public var startsAt: Date
    /// The instant after the period's last (activity counts while `startsAt <= t < endsAt`).
    @Field(key: "ends_at") public var endsAt: Date
    /// The ``SurplusFormula`` in force when the period opened, as JSON: amendments after that
    /// affect only later periods.
    @Field(key: "formula") public var formula: String
    /// The bylaws version in force when the period opened.
    @Field(key: "bylaws_version") public var bylawsVersion: Int
    /// Where the period stands.
    @Field(key: "status") public var status: FiscalPeriodStatus
    /// A loss carried in from earlier periods, in minor units (≥ 0).
    @Field(key: "carried_in") public var carriedIn: Int64
    /// When it was closed; nil while open.
    @OptionalField(key: "closed_at") public var closedAt: Date?
    /// Who closed it, by name; nil while open.
    @OptionalField(key: "closed_by") public var closedBy: String?
    /// The period's ``Surplus/Result`` as JSON; nil while open.
    @OptionalField(key: "result") public var result: String?
    /// The allocation's totals (``AllocationTotals``) as JSON; nil while open.
    @OptionalField(key: "allocation") public var allocation: String?
    /// The latest proposal that puts the allocation to the members; nil before one.
    @OptionalField(key: "proposal_id") public var proposalID: UUID?
    /// The ledger transaction that posted the allocation; nil until allocated.
    @OptionalField(key: "posted_tx") public var postedTransaction: UUID?
    /// When the allocation was posted; nil until allocated.
    @OptionalField(key: "allocated_at") public var allocatedAt: Date?

    /// An empty record, for Fluent.
    public init() {}

    /// The formula locked to the period.
    public var lockedFormula: SurplusFormula {
        get throws { try StoredJSON.decode(SurplusFormula.self, formula) }
    }

    /// The period's result, once closed.
    public var closedResult: Surplus.Result? {
        get throws { try result.map { try StoredJSON.decode(Surplus.Result.self, $0) } }
    }

    /// The allocation's totals, once closed.
    public var closedTotals: AllocationTotals? {
        get throws { try allocation.map { try StoredJSON.decode(AllocationTotals.self, $0) } }
    }
}

/// One member's patronage and dividend in a closed period.
public final class PeriodDividendRecord: Model, @unchecked Sendable {
    /// The table.
    public static let schema = "period_dividends"
    /// The row's id.
    @ID(key: .id) public var id: UUID?
    /// The closed period.
    @Field(key: "period_id") public var periodID: UUID
    /// The member.
    @Field(key: "membership_id") public var membershipID: UUID
    /// The member's class when the period closed.
    @Field(key: "class_id") public var classID: String
    /// The member's patronage in the period, in minor units.
    @Field(key: "patronage") public var patronage: Int64
    /// The member's dividend, in minor units: `cash` + `capital`.
    @Field(key: "dividend") public var dividend: Int64
    /// The part of the dividend paid in cash (owed to the member until paid out), in minor units.
    @Field(key: "cash") public var cash: Int64
    /// The part of the dividend credited to the member's capital account, in minor units.
    @Field(key: "capital") public var capital: Int64

    /// An empty record, for Fluent.
    public init() {}
}
