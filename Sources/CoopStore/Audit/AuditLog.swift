import CoopCore
import FluentKit
import Foundation
import SQLKit

/// The one writer of the audit chain: entries are chained in memory after the head and go to the
/// database in one insert. Every writer of Coop appends through this, inside the transaction of
/// the change the entries record, so the chain is extended only under the write lock.
public struct AuditWriter: Sendable {
    /// The newest entry, written or waiting.
    public private(set) var head: AuditEntry?
    private var waiting: [AuditEntry] = []

    /// A writer that chains after `head` (from ``AuditLog/head(on:)``, read in this transaction).
    public init(after head: AuditEntry?) { self.head = head }

    /// A writer that chains after the current head.
    public static func begin(on db: any Database) async throws -> AuditWriter { AuditWriter(after: try await AuditLog.head(on: db)) }

    /// Chains an event after the head; written by ``flush(on:)``.
    @discardableResult
    public mutating func add(_ event: AuditEvent, at date: Date) -> AuditEntry {
        let entry = AuditChain.append(event, after: head, at: date.millis)
        head = entry
        waiting.append(entry)
        return entry
    }

    /// Whether entries wait to be written.
    public var isEmpty: Bool { waiting.isEmpty }

    /// Writes the waiting entries in one statement.
    public mutating func flush(on db: any Database) async throws {
        guard !waiting.isEmpty else { return }
        let insert = SQLInsertBuilder(SQLInsert(table: SQLIdentifier("audit_entries")), on: try db.sql())
            .columns("sequence", "at_millis", "kind", "payload", "previous_hash", "hash")
        for e in waiting {
            insert.values(
                [
                    SQLBind(e.sequence), SQLBind(e.timestampMillis), SQLBind(e.kind), SQLBind(e.payload), SQLBind(e.previousHash),
                    SQLBind(e.hash),
                ] as [any SQLExpression])
        }
        try await insert.run()
        waiting.removeAll()
    }
}

/// The stored audit chain: appending in the caller's transaction, reading the head, verifying.
public enum AuditLog {
    /// Appends an event after the current head. Call inside the state change's transaction.
    @discardableResult
    public static func append(_ event: AuditEvent, on db: any Database, at date: Date) async throws -> AuditEntry {
        var writer = try await AuditWriter.begin(on: db)
        let entry = writer.add(event, at: date)
        try await writer.flush(on: db)
        return entry
    }

    /// The latest entry, or nil for an empty log.
    public static func head(on db: any Database) async throws -> AuditEntry? {
        let sql = try db.sql()
        guard
            let row = try await sql.raw(
                "SELECT sequence, at_millis, kind, payload, previous_hash, hash FROM audit_entries ORDER BY sequence DESC LIMIT 1"
            ).first()
        else { return nil }
        return AuditEntry(
            sequence: try row.decode(column: "sequence", as: Int64.self),
            timestampMillis: try row.decode(column: "at_millis", as: Int64.self),
            kind: try row.decode(column: "kind", as: String.self), payload: try row.decode(column: "payload", as: String.self),
            previousHash: try row.decode(column: "previous_hash", as: String.self), hash: try row.decode(column: "hash", as: String.self))
    }

    /// Entries in sequence order, newest first, for pages.
    public static func recent(limit: Int, before: Int64? = nil, on db: any Database) async throws -> [AuditEntry] {
        var q = AuditEntryRecord.query(on: db).sort(\.$id, .descending).limit(limit)
        if let before { q = q.filter(\.$id < before) }
        return try await q.all().map(\.entry)
    }

    /// A head someone saved (`SEQUENCE:HASH`), which the chain must still hold.
    public struct Anchor: Sendable, Equatable {
        /// The entry's sequence number (from 1).
        public let sequence: Int64
        /// The entry's hash, lower-case hex.
        public let hash: String

        /// Reads `SEQUENCE:HASH`; nil when it is not that.
        public init?(_ text: String) {
            let parts = text.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, let n = Int64(parts[0]), n >= 1, parts[1].count == 64, Hex.decode(String(parts[1])) != nil
            else { return nil }
            sequence = n
            hash = parts[1].lowercased()
        }
    }

    /// Checks everything the audit log promises, holding one page of the chain in memory at a time:
    /// - every entry's link and hash (``AuditChain``);
    /// - every anchor given is still in the chain;
    /// - every signed checkpoint is signed by the co-op's key (the one its `audit.key` entry
    ///   put on the chain) and names an entry the chain still holds: a chain cut short fails;
    /// - every open vote's ballots match the commitments their cast entries made, and every
    ///   counted box matches the digest its close entry made (``BallotCommitment``).
    public static func verify(on db: any Database, anchors: [Anchor] = [], pageSize: Int = 2000) async throws
        -> Result<(count: Int64, head: String), AuditFailure>
    {
        let checkpoints = try await AuditSeal.checkpoints(limit: Int.max >> 1, on: db)
        var walk = ChainCheck(checkpoints: checkpoints, anchors: anchors)
        var after: Int64 = 0
        while true {
            let page = try await AuditEntryRecord.query(on: db).filter(\.$id > after).sort(\.$id, .ascending)
                .limit(pageSize).all()
            for record in page {
                if let failure = walk.add(record.entry) { return .failure(failure) }
            }
            guard let last = page.last?.id, page.count == pageSize else { break }
            after = last
        }
        if let failure = walk.finish(checkpoints: checkpoints, anchors: anchors) { return .failure(failure) }
        let head = (walk.verifier.count, walk.verifier.head)
        guard let sql = db as? any SQLDatabase else { return .success(head) }
        for (proposal, committed) in walk.open.sorted(by: { $0.key < $1.key }) where !committed.legacy {
            guard let id = UUID(uuidString: proposal) else { continue }
            let rows = try await BallotSeal.rows(of: id, on: sql)
            if let problem = BallotSeal.check(rows, against: committed, proposal: id) {
                return .failure(
                    AuditFailure(sequence: 0, words: Words("the ballots of proposal %1$s: %2$s", .text(proposal), .notice(problem))))
            }
        }
        for (proposal, closed) in walk.counted.sorted(by: { $0.key < $1.key }) {
            guard let id = UUID(uuidString: proposal) else { continue }
            let digest = BallotSeal.boxDigest(try await BallotSeal.rows(of: id, on: sql))
            if let failure = walk.box(proposal, closed: closed, digest: digest) { return .failure(failure) }
        }
        return .success(head)
    }
}

/// What checking the chain learns, one entry at a time, for ``AuditLog/verify(on:anchors:pageSize:)``
/// (from the database) and ``RemoteAudit`` (from the public API alike).
public struct ChainCheck {
    /// The link-and-hash check of every entry read so far; its count and head are the chain's.
    public var verifier = AuditChain.Verifier()
    /// Sequences whose hash an anchor or a checkpoint names, and the hash the chain has there.
    private var wanted: Set<Int64> = []
    /// The hash the chain has at each sequence an anchor or a checkpoint names, once read.
    public private(set) var seen: [Int64: String] = [:]
    /// The co-op's public key, from the first `audit.key` entry.
    public private(set) var key: String?
    /// Open votes' commitments, by proposal id.
    public private(set) var open: [String: BallotSeal.Committed] = [:]
    /// Counted boxes' digests and the sequence of their close entry, by proposal id.
    public private(set) var counted: [String: (box: String, sequence: Int64)] = [:]
    /// Proposals' numbers by id, from their `proposal.drafted` entries.
    public private(set) var numbers: [String: Int] = [:]

    /// A check that will look for the entries these checkpoints and anchors name.
    public init(checkpoints: [AuditCheckpoint], anchors: [AuditLog.Anchor]) {
        wanted = Set(checkpoints.map(\.sequence) + anchors.map(\.sequence))
    }

    /// Reads the next entry in sequence order; the failure if its link or hash is wrong.
    public mutating func add(_ entry: AuditEntry) -> AuditFailure? {
        if let failure = verifier.check(entry) { return failure }
        if wanted.contains(entry.sequence) { seen[entry.sequence] = entry.hash }
        switch entry.kind {
        case "audit.key" where key == nil:
            key = (try? JSONDecoder().decode([String: String].self, from: Data(entry.payload.utf8)))?["public_key"]
        case "proposal.drafted":
            if let f = BallotSeal.fields(entry.payload), let p = f.proposal, let n = f.number { numbers[p] = n }
        case "ballot.cast", "ballot.changed":
            guard let f = BallotSeal.fields(entry.payload), let p = f.proposal else { break }
            open[p, default: .init()].add(kind: entry.kind, f)
        case "proposal.closed":
            guard let f = BallotSeal.fields(entry.payload), let p = f.proposal else { break }
            open[p] = nil
            if let box = f.box { counted[p] = (box, entry.sequence) }
        default: break
        }
        return nil
    }

    /// The anchors and the checkpoints, once the whole chain has been read.
    public func finish(checkpoints: [AuditCheckpoint], anchors: [AuditLog.Anchor]) -> AuditFailure? {
        let count = verifier.count
        for a in anchors.sorted(by: { $0.sequence < $1.sequence }) {
            guard let found = seen[a.sequence] else {
                return AuditFailure(
                    sequence: a.sequence,
                    words: Words("the anchor %1$s is gone: the chain has %2$s entries", .text("\(a.sequence):\(a.hash)"), .text("\(count)"))
                )
            }
            guard found == a.hash else {
                return AuditFailure(
                    sequence: a.sequence,
                    words: Words("the anchor %1$s does not match: the entry's hash is %2$s", .text("\(a.sequence):\(a.hash)"), .text(found))
                )
            }
        }
        for c in checkpoints.sorted(by: { $0.sequence < $1.sequence }) {
            guard let key, c.isSigned(by: key) else {
                return AuditFailure(
                    sequence: c.sequence,
                    words: Words(
                        "the checkpoint the co-op signed at entry %s is not signed by the co-op's key on the chain", .text("\(c.sequence)"))
                )
            }
            guard let found = seen[c.sequence] else {
                return AuditFailure(
                    sequence: c.sequence,
                    words: Words(
                        "the chain ends at entry %1$s, but the co-op signed a checkpoint at entry %2$s: entries were removed",
                        .text("\(count)"), .text("\(c.sequence)")))
            }
            guard found == c.hash else {
                return AuditFailure(
                    sequence: c.sequence,
                    words: Words("the checkpoint the co-op signed at entry %s names another hash", .text("\(c.sequence)")))
            }
        }
        return nil
    }

    /// Compares a counted box's digest, recomputed from its ballots, with its close entry's.
    public func box(_ proposal: String, closed: (box: String, sequence: Int64), digest: String) -> AuditFailure? {
        guard digest != closed.box else { return nil }
        return AuditFailure(
            sequence: closed.sequence,
            words: Words(
                "the counted ballots of proposal %s are no longer the box this entry's digest committed to",
                .text(numbers[proposal].map { "#\($0)" } ?? proposal)))
    }
}

extension AuditEntryRecord {
    /// The stored row as the chain's entry (sequence 0 if it has no id yet).
    public var entry: AuditEntry {
        AuditEntry(
            sequence: id ?? 0, timestampMillis: atMillis, kind: kind, payload: payload, previousHash: previousHash,
            hash: hash)
    }
}
