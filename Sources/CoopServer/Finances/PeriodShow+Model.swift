import CoopCore
import CoopStore
import Fluent
import Foundation

/// A fiscal period's page: its figures, the formula locked to it, the class pools, the reader's
/// own line, the vote on its allocation, and for a steward what keeps it from closing.
enum PeriodShow {
    struct Model {
        let view: FinanceActions.PeriodView
        let currency: Currency
        /// Class names by id, as the bylaws in force name them.
        let classNames: [String: String]
        /// Whether the reader is an admitted steward, who may close the period or put it to a new vote.
        let steward: Bool
        /// For a steward, once the period has ended unclosed: the payments that wait for them.
        let blocking: [FiscalPeriods.Blocker]
        let now: Date

        /// Whether the period has ended and waits to be closed.
        var closable: Bool { view.period.status == FiscalPeriodStatus.open.rawValue && view.period.endsAt <= now }
    }

    static func load(number: Int, bylaws: Bylaws, member: MembershipRecord?, on db: any Database, at now: Date) async throws -> Model {
        let view = try await periodView(number: number, bylaws: bylaws, member: member, on: db)
        let steward = member.map { $0.steward && $0.status == .admitted } ?? false
        var blocking: [FiscalPeriods.Blocker] = []
        if steward && view.period.status == FiscalPeriodStatus.open.rawValue && view.period.endsAt <= now {
            blocking = try await FiscalPeriods.blockers(
                try await FiscalPeriodStore.period(number, on: db), currency: bylaws.currency, on: db)
        }
        let names = Dictionary(bylaws.classes.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        return Model(view: view, currency: bylaws.currency, classNames: names, steward: steward, blocking: blocking, now: now)
    }

    /// A period as the page and the API show it: totals, the locked formula, class pools, and
    /// `member`'s own line once the period is closed.
    static func periodView(number: Int, bylaws: Bylaws, member: MembershipRecord?, on db: any Database) async throws
        -> FinanceActions.PeriodView
    {
        let p = try await FiscalPeriodStore.period(number, on: db)
        var proposal: ProposalRecord?
        if let id = p.proposalID { proposal = try await FinanceQueries.proposal(id, on: db) }
        let period = try await Finances.period(p, proposal: proposal?.number, bylaws, on: db)
        let formula = try p.lockedFormula
        var mine: FinanceActions.PeriodView.Mine?
        if let m = member, p.status != .open {
            let line = try await FiscalPeriodStore.line(of: try m.requireID(), in: try p.requireID(), on: db)
            if let measure = formula.measures[m.classID] {
                mine = .init(
                    measure: measure.rawValue, patronage: line?.patronage ?? 0, dividend: line?.dividend ?? 0, cash: line?.cash ?? 0,
                    capital: line?.capital ?? 0)
            }
        }
        return .init(
            period: period, formula: formula, classes: try p.closedTotals?.classes ?? [], mine: mine,
            proposalStatus: proposal?.status.rawValue)
    }
}
