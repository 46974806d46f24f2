import CoopCore
import FluentKit
import Foundation

/// Budgets the members approved, and what has been paid against each.
public enum BudgetStore {
    /// Enacted budget proposals, oldest first.
    public static func enacted(on db: any Database) async throws -> [ProposalRecord] {
        try await ProposalRecord.query(on: db).filter(\.$kind == .budget).filter(\.$status == .enacted).sort(\.$number).all()
    }

    /// What has been paid against each of these budgets, in minor units.
    public static func paid(for proposals: [UUID], on db: any Database) async throws -> [UUID: Int64] {
        guard !proposals.isEmpty else { return [:] }
        var paid: [UUID: Int64] = [:]
        for p in try await BudgetPaymentRecord.query(on: db).filter(\.$proposalID ~~ proposals).all() {
            paid[p.proposalID, default: 0] += p.amountMinor
        }
        return paid
    }

    /// Keeps a payment against a budget, in the caller's transaction.
    public static func record(
        proposal: UUID, transaction: UUID, amount: Int64, description: String, by steward: UUID, on db: any Database, at now: Date
    ) async throws {
        let r = BudgetPaymentRecord()
        r.id = UUID()
        r.proposalID = proposal
        r.transactionID = transaction
        r.amountMinor = amount
        r.description = description
        r.paidAt = now
        r.recordedBy = steward
        try await r.create(on: db)
    }
}
