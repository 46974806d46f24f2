import CoopCore
import FluentKit
import Foundation
import SQLKit

/// Posting to and reading from the stored ledger. The only way transactions are written.
public enum LedgerStore {
    /// Posts a validated transaction and its audit entry, inside the caller's transaction.
    @discardableResult
    public static func post(_ tx: LedgerTransaction, on db: any Database, at date: Date, reverses: UUID? = nil)
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
        // All the postings in one statement: an allocation posts a line or two for every member.
        // In order of account and with ordered ids, each index is written in order, not at random.
        let millis = date.millis
        let transaction = id.uuidString
        var ids = OrderedIDs(at: date)
        try await insertRows(
            into: "ledger_postings",
            columns: [
                ("id", .uuid), ("transaction_id", .uuid), ("account", .text), ("amount", .int), ("currency", .text), ("posted_ms", .int),
            ], tx.postings.sorted { $0.account.code < $1.account.code }, on: db
        ) { p, out in
            out.text(ids.next())
            out.text(transaction)
            out.text(p.account.code)
            out.int(p.amount.minorUnits)
            out.text(p.amount.currency.code)
            out.int(millis)
        }
        var payload: [String: CanonicalValue] = [
            "transaction": .string(id.uuidString),
            "kind": .string(tx.kind),
            "memo": .string(tx.memo),
        ]
        if tx.postings.count <= largeTransaction {
            payload["postings"] = .array(
                tx.postings.map {
                    .object([
                        "account": .string($0.account.code), "amount": .int($0.amount.minorUnits),
                        "currency": .string($0.amount.currency.code),
                    ])
                })
        } else {
            // An allocation to every member: the entry commits to its postings by their count and
            // the SHA-256 of their canonical text (``postingsDigest(_:)``), which anyone can
            // recompute from the ledger, instead of carrying megabytes of them.
            payload["postings_count"] = .int(Int64(tx.postings.count))
            payload["postings_sha256"] = .string(postingsDigest(tx.postings))
        }
        if let reverses { payload["reverses"] = .string(reverses.uuidString) }
        try await AuditLog.append(AuditEvent(kind: "ledger.posted", payload), on: db, at: date)
        return id
    }

    /// Ids that sort in the order they are made (the time in milliseconds, a counter, then random
    /// bits): rows inserted together land at the end of the primary key's index instead of at
    /// random places in it, which keeps a large insert out of the disk.
    public struct OrderedIDs {
        private let prefix: String
        private var counter: UInt64 = 0
        private let tail: String

        /// Ids for rows made at `date` (to the millisecond), with a random tail shared by this generator.
        public init(at date: Date = Date()) {
            let millis = UInt64(max(date.timeIntervalSince1970, 0) * 1000)
            let hex = String(millis, radix: 16, uppercase: true)
            prefix = String(repeating: "0", count: max(0, 12 - hex.count)) + hex
            tail = String(UUID().uuidString.suffix(12))
        }

        /// The next id, as UUID text: `TTTTTTTT-TTTT-CCCC-CCCC-RRRRRRRRRRRR`.
        public mutating func next() -> String {
            counter += 1
            let c = String(counter, radix: 16, uppercase: true)
            let count = String(repeating: "0", count: max(0, 8 - c.count)) + c
            return "\(prefix.prefix(8))-\(prefix.suffix(4))-\(count.prefix(4))-\(count.suffix(4))-\(tail)"
        }
    }

    /// Above this many postings, a transaction's audit entry holds their digest, not the list.
    public static let largeTransaction = 1_000

    /// The SHA-256 of a transaction's postings as canonical JSON, in order of account, then amount:
    /// `[{"account":"...","amount":-5,"currency":"EUR"},...]`.
    public static func postingsDigest(_ postings: [Posting]) -> String {
        let sorted = postings.sorted { ($0.account.code, $0.amount.minorUnits) < ($1.account.code, $1.amount.minorUnits) }
        var out = RowWriter()
        out.json.reserveCapacity(sorted.count * 64)
        out.json += "["
        for (i, p) in sorted.enumerated() {
            out.json += i == 0 ? "{\"account\":" : ",{\"account\":"
            out.nextRow()
            out.text(p.account.code)
            out.json += ",\"amount\":\(p.amount.minorUnits),\"currency\":"
            out.nextRow()
            out.text(p.amount.currency.code)
            out.json += "}"
        }
        out.json += "]"
        return sha256Hex(out.json)
    }

    /// A column's type in ``insertRows(into:columns:_:on:row:)``.
    public enum ColumnType {
        case uuid, text, int
    }

    /// One row's cells, written straight into the JSON text that carries the rows.
    public struct RowWriter {
        fileprivate var json = ""
        private var first = true

        private mutating func separate() {
            if first { first = false } else { json += "," }
        }
        /// Appends a text cell (a JSON string).
        public mutating func text(_ s: String) {
            separate()
            CanonicalValue.writeString(s, to: &json)
        }
        /// Appends an integer cell.
        public mutating func int(_ n: Int64) {
            separate()
            json += String(n)
        }
        fileprivate mutating func nextRow() { first = true }
    }

    /// Inserts one row per element in a single statement: the rows travel as one JSON text, which
    /// the database unpacks (`json_each` on SQLite, `jsonb_array_elements` on PostgreSQL). A UUID
    /// is written as the text the database stores (as Fluent writes it).
    public static func insertRows<T>(
        into table: String, columns: [(name: String, type: ColumnType)], _ elements: [T], on db: any Database,
        row: (T, inout RowWriter) throws -> Void
    ) async throws {
        guard let sql = db as? any SQLDatabase, !elements.isEmpty else { return }
        var writer = RowWriter()
        writer.json.reserveCapacity(elements.count * 24 * columns.count)
        writer.json += "["
        for (i, element) in elements.enumerated() {
            writer.json += i == 0 ? "[" : ",["
            writer.nextRow()
            try row(element, &writer)
            writer.json += "]"
        }
        writer.json += "]"
        let names = columns.map(\.name).joined(separator: ", ")
        let postgres = sql.dialect.name == "postgresql"
        let cells = columns.enumerated().map { i, c in
            if postgres {
                switch c.type {
                case .uuid: "CAST(e->>\(i) AS UUID)"
                case .text: "e->>\(i)"
                case .int: "CAST(e->>\(i) AS BIGINT)"
                }
            } else {
                "json_extract(e.value, '$[\(i)]')"
            }
        }.joined(separator: ", ")
        let rows = writer.json
        let source: SQLQueryString =
            postgres ? "jsonb_array_elements(CAST(\(bind: rows) AS JSONB)) AS e" : "json_each(\(bind: rows)) AS e"
        try await sql.raw(
            "INSERT INTO \(unsafeRaw: table) (\(unsafeRaw: names)) SELECT \(unsafeRaw: cells) FROM \(source)"
        ).run()
    }

    /// The balance of an account in one currency.
    public static func balance(of account: Account, currency: Currency, on db: any Database) async throws -> Int64 {
        let sql = try db.sql()
        // Summed in the database, over the covering index of (account, time, amount, currency).
        return try await sql.raw(
            """
            SELECT CAST(COALESCE(SUM(amount), 0) AS BIGINT) AS total FROM ledger_postings \
            WHERE account = \(bind: account.code) AND currency = \(bind: currency.code)
            """
        ).first()?.decode(column: "total", as: Int64.self) ?? 0
    }

    /// The balance of every account of the co-op itself (`coop:...`), in its normal direction:
    /// assets and expenses as debits, the rest (fees earned, what is owed) as credits.
    public static func coopBalances(currency: Currency, on db: any Database) async throws -> [(account: Account, balance: Int64)] {
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
    public static func entries(accounts: [String], on db: any Database) async throws -> [LedgerEntryView] {
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
public struct LedgerEntryView: Codable, Sendable, Equatable {
    /// The transaction's id.
    public let transaction: UUID
    /// When the transaction was posted.
    public let postedAt: Date
    /// The transaction's kind (`share-purchase`, `reversal`...).
    public let kind: String
    /// The transaction's memo.
    public let memo: String
    /// The account's code.
    public let account: String
    /// The signed amount in minor units: positive debits, negative credits.
    public let amount: Int64
    /// The currency's ISO 4217 code.
    public let currency: String

    /// A posting of `amount` to `account` in transaction `transaction`.
    public init(transaction: UUID, postedAt: Date, kind: String, memo: String, account: String, amount: Int64, currency: String) {
        self.transaction = transaction
        self.postedAt = postedAt
        self.kind = kind
        self.memo = memo
        self.account = account
        self.amount = amount
        self.currency = currency
    }
}
