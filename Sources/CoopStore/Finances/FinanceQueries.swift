import CoopCore
import FluentKit
import Foundation

/// Reading what the finances pages show beside the periods: the platform fee's history, the
/// expenses stewards record, and the people and proposals they name.
public enum FinanceQueries {
    /// One value a policy took, when, from where, and the number of the proposal that set it.
    public struct PolicyChange: Sendable, Equatable {
        /// The value, for a numeric policy.
        public let valueNumber: Int64?
        /// When it took effect.
        public let changedAt: Date
        /// Where it came from (founding, a proposal).
        public let source: String
        /// The number of the proposal that set it.
        public let proposal: Int?
    }

    /// A policy's values, oldest first, each with the number of the proposal that set it.
    public static func history(of key: PolicyKey, on db: any Database) async throws -> [PolicyChange] {
        let changes = try await PolicyChangeRecord.query(on: db).filter(\.$key == key.rawValue).sort(\.$changedAt).all()
        let numbers = try await ProposalQueries.numbers(of: changes.compactMap(\.proposalID), on: db)
        return changes.map {
            PolicyChange(
                valueNumber: $0.valueNumber, changedAt: $0.changedAt, source: $0.source, proposal: $0.proposalID.flatMap { numbers[$0] })
        }
    }

    /// Recorded expenses, newest first: each expense transaction with its debit (the expense account).
    public static func expenses(limit: Int = 50, kinds: [String] = ["expense"], on db: any Database) async throws -> [LedgerEntryView] {
        let txs = try await LedgerTransactionRecord.query(on: db).filter(\.$kind ~~ kinds).sort(\.$postedAt, .descending)
            .limit(limit).all()
        let postings = try await LedgerPostingRecord.query(on: db).filter(\.$transactionID ~~ txs.compactMap(\.id))
            .filter(\.$amount > 0).all()
        let byTx = Dictionary(grouping: postings, by: \.transactionID)
        return txs.compactMap { t in
            guard let id = t.id, let p = byTx[id]?.first else { return nil }
            return LedgerEntryView(
                transaction: id, postedAt: t.postedAt, kind: t.kind, memo: t.memo, account: p.account, amount: p.amount,
                currency: p.currency)
        }
    }

    /// A proposal by id, if it exists.
    public static func proposal(_ id: UUID, on db: any Database) async throws -> ProposalRecord? {
        try await ProposalRecord.find(id, on: db)
    }

    /// A user by id, if they exist.
    public static func user(_ id: UUID, on db: any Database) async throws -> UserRecord? {
        try await UserRecord.find(id, on: db)
    }
}
