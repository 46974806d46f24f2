import CoopCore
import FluentKit
import Foundation

/// A fiscal period: its dates, the surplus formula locked to it when it opened, and once closed,
/// its result and the allocation the members vote on.
public final class FiscalPeriodRecord: Model, @unchecked Sendable {
    public static let schema = "fiscal_periods"
    @ID(key: .id) public var id: UUID?
    @Field(key: "number") public var number: Int
    @Field(key: "starts_at") public var startsAt: Date
    @Field(key: "ends_at") public var endsAt: Date
    /// The ``SurplusFormula`` in force when the period opened, as JSON: amendments after that
    /// affect only later periods.
    @Field(key: "formula") public var formula: String
    @Field(key: "bylaws_version") public var bylawsVersion: Int
    /// See ``FiscalPeriodStatus``.
    @Field(key: "status") public var status: String
    /// A loss carried in from earlier periods, in minor units (≥ 0).
    @Field(key: "carried_in") public var carriedIn: Int64
    @OptionalField(key: "closed_at") public var closedAt: Date?
    /// Who closed it: a steward's name, or `schedule`.
    @OptionalField(key: "closed_by") public var closedBy: String?
    /// The period's ``Surplus/Result`` as JSON, once closed.
    @OptionalField(key: "result") public var result: String?
    /// The allocation's totals (``AllocationTotals``) as JSON, once closed.
    @OptionalField(key: "allocation") public var allocation: String?
    /// The latest proposal that puts the allocation to the members.
    @OptionalField(key: "proposal_id") public var proposalID: UUID?
    /// The ledger transaction that posted the allocation.
    @OptionalField(key: "posted_tx") public var postedTransaction: UUID?
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
    public static let schema = "period_dividends"
    @ID(key: .id) public var id: UUID?
    @Field(key: "period_id") public var periodID: UUID
    @Field(key: "membership_id") public var membershipID: UUID
    @Field(key: "class_id") public var classID: String
    @Field(key: "patronage") public var patronage: Int64
    @Field(key: "dividend") public var dividend: Int64
    @Field(key: "cash") public var cash: Int64
    @Field(key: "capital") public var capital: Int64

    /// An empty record, for Fluent.
    public init() {}
}
