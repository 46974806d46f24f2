import CoopCore
import Fluent
import Foundation
import SQLKit
import Vapor

/// Posting to and reading from the stored ledger. The only way transactions are written.
enum LedgerStore {
    /// Posts a validated transaction and its audit entry, inside the caller's transaction.
    @discardableResult
    static func post(_ tx: LedgerTransaction, on db: any Database, at date: Date, reverses: UUID? = nil)
        async throws -> UUID
    {
        let record = LedgerTransactionRecord()
        record.id = UUID()
        record.kind = tx.kind
        record.memo = tx.memo
        record.postedAt = date
        record.reversesID = reverses
        try await record.create(on: db)
        let id = try record.requireID()
        // Many rows to a statement: an allocation posts a line or two for every member.
        let millis = date.millis
        try await insertRows(
            into: "ledger_postings", columns: ["id", "transaction_id", "account", "amount", "currency", "posted_ms"], tx.postings,
            on: db
        ) { p in
            [
                SQLBind(UUID()), SQLBind(id), SQLBind(p.account.code), SQLBind(p.amount.minorUnits), SQLBind(p.amount.currency.code),
                SQLBind(millis),
            ]
        }
        var payload: [String: CanonicalValue] = [
            "transaction": .string(id.uuidString),
            "kind": .string(tx.kind),
            "memo": .string(tx.memo),
            "postings": .array(
                tx.postings.map {
                    .object([
                        "account": .string($0.account.code), "amount": .int($0.amount.minorUnits),
                        "currency": .string($0.amount.currency.code),
                    ])
                }),
        ]
        if let reverses { payload["reverses"] = .string(reverses.uuidString) }
        try await AuditLog.append(AuditEvent(kind: "ledger.posted", payload), on: db, at: date)
        return id
    }

    /// Inserts one row per element, 500 rows to a statement.
    static func insertRows<T>(
        into table: String, columns: [String], _ elements: [T], on db: any Database, row: (T) throws -> [any SQLExpression]
    ) async throws {
        guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError) }
        var start = 0
        while start < elements.count {
            let end = min(start + 500, elements.count)
            let insert = sql.insert(into: table).columns(columns)
            for element in elements[start..<end] { insert.values(try row(element)) }
            try await insert.run()
            start = end
        }
    }

    /// The balance of an account in one currency.
    static func balance(of account: Account, currency: Currency, on db: any Database) async throws -> Int64 {
        let postings = try await LedgerPostingRecord.query(on: db)
            .filter(\.$account == account.code).filter(\.$currency == currency.code).all()
        return postings.reduce(0) { $0 + $1.amount }
    }

    /// The balance of every account of the co-op itself (`coop:...`), in its normal direction:
    /// assets and expenses as debits, the rest (fees earned, what is owed) as credits.
    static func coopBalances(currency: Currency, on db: any Database) async throws -> [(account: Account, balance: Int64)] {
        guard let sql = db as? any SQLDatabase else { return [] }
        return try await sql.raw(
            """
            SELECT account, CAST(SUM(amount) AS BIGINT) AS total FROM ledger_postings \
            WHERE account LIKE 'coop:%' AND currency = \(bind: currency.code) GROUP BY account ORDER BY account
            """
        ).all().map { row in
            let account = Account(code: try row.decode(column: "account", as: String.self))
            let total = try row.decode(column: "total", as: Int64.self)
            return (account, [.asset, .expense].contains(account.kind) ? total : -total)
        }
    }

    /// The postings to a set of accounts, with their transactions, newest first.
    static func entries(accounts: [String], on db: any Database) async throws -> [LedgerEntryView] {
        guard !accounts.isEmpty else { return [] }
        let postings = try await LedgerPostingRecord.query(on: db).filter(\.$account ~~ accounts).all()
        let txIDs = Array(Set(postings.map(\.transactionID)))
        let txs = try await LedgerTransactionRecord.query(on: db).filter(\.$id ~~ txIDs).all()
        let byID = Dictionary(uniqueKeysWithValues: txs.compactMap { t in t.id.map { ($0, t) } })
        return postings.compactMap { p in
            guard let t = byID[p.transactionID] else { return nil }
            return LedgerEntryView(
                transaction: p.transactionID, postedAt: t.postedAt, kind: t.kind, memo: t.memo, account: p.account,
                amount: p.amount, currency: p.currency)
        }.sorted { ($0.postedAt, $0.account) > ($1.postedAt, $1.account) }
    }
}

/// One posting as a member sees it.
struct LedgerEntryView: Content, Equatable {
    let transaction: UUID
    let postedAt: Date
    let kind: String
    let memo: String
    let account: String
    let amount: Int64
    let currency: String
}
