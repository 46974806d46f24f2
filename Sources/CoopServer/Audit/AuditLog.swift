import CoopCore
import Fluent
import Foundation
import SQLKit
import Vapor

/// The stored audit chain: appending in the caller's transaction, reading the head, verifying.
enum AuditLog {
    /// Appends an event after the current head. Call inside the state change's transaction.
    @discardableResult
    static func append(_ event: AuditEvent, on db: any Database, at date: Date) async throws -> AuditEntry {
        // In plain SQL: every state change passes here, inside its transaction.
        guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError) }
        let entry = AuditChain.append(event, after: try await head(on: db), at: date.millis)
        try await sql.raw(
            """
            INSERT INTO audit_entries (sequence, at_millis, kind, payload, previous_hash, hash) \
            VALUES (\(bind: entry.sequence), \(bind: entry.timestampMillis), \(bind: entry.kind), \(bind: entry.payload), \
            \(bind: entry.previousHash), \(bind: entry.hash))
            """
        ).run()
        return entry
    }

    /// The latest entry, or nil for an empty log.
    static func head(on db: any Database) async throws -> AuditEntry? {
        guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError) }
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
    static func recent(limit: Int, before: Int64? = nil, on db: any Database) async throws -> [AuditEntry] {
        var q = AuditEntryRecord.query(on: db).sort(\.$id, .descending).limit(limit)
        if let before { q = q.filter(\.$id < before) }
        return try await q.all().map(\.entry)
    }

    /// A head someone saved (`SEQUENCE:HASH`), which the chain must still hold.
    struct Anchor: Sendable, Equatable {
        let sequence: Int64
        let hash: String

        /// Reads `SEQUENCE:HASH`; nil when it is not that.
        init?(_ text: String) {
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
    static func verify(on db: any Database, anchors: [Anchor] = [], pageSize: Int = 2000) async throws
        -> Result<(count: Int64, head: String), AuditFailure>
    {
        var verifier = AuditChain.Verifier()
        let checkpoints = try await AuditSeal.checkpoints(limit: Int.max >> 1, on: db)
        var wanted: [Int64: String] = [:]  // sequence → the hash an anchor or a checkpoint says it has
        var wantedBy: [Int64: String] = [:]
        for c in checkpoints {
            wanted[c.sequence] = c.hash
            wantedBy[c.sequence] = "the checkpoint the co-op signed at entry \(c.sequence)"
        }
        var anchorHash: [Int64: String] = [:]
        for a in anchors { anchorHash[a.sequence] = a.hash }
        var seen: [Int64: String] = [:]
        var key: String?
        var open: [String: BallotSeal.Committed] = [:]
        var counted: [String: (box: String, sequence: Int64)] = [:]
        var after: Int64 = 0
        while true {
            let page = try await AuditEntryRecord.query(on: db).filter(\.$id > after).sort(\.$id, .ascending)
                .limit(pageSize).all()
            for record in page {
                let entry = record.entry
                if let failure = verifier.check(entry) { return .failure(failure) }
                if wanted[entry.sequence] != nil || anchorHash[entry.sequence] != nil { seen[entry.sequence] = entry.hash }
                switch entry.kind {
                case "audit.key" where key == nil:
                    key = (try? JSONDecoder().decode([String: String].self, from: Data(entry.payload.utf8)))?["public_key"]
                case "ballot.cast", "ballot.changed":
                    guard let f = BallotSeal.fields(entry.payload), let p = f.proposal else { break }
                    if let c = f.commitment {
                        open[p, default: .init()].casts.append(c)
                        if entry.kind == "ballot.changed", let r = f.replaces { open[p, default: .init()].replaced.append(r) }
                    } else {
                        open[p, default: .init()].legacy = true
                    }
                case "proposal.closed":
                    guard let f = BallotSeal.fields(entry.payload), let p = f.proposal else { break }
                    open[p] = nil
                    if let box = f.box { counted[p] = (box, entry.sequence) }
                default: break
                }
            }
            guard let last = page.last?.id, page.count == pageSize else { break }
            after = last
        }
        let count = verifier.count
        for a in anchors.sorted(by: { $0.sequence < $1.sequence }) {
            guard let found = seen[a.sequence] else {
                return .failure(
                    AuditFailure(sequence: a.sequence, reason: "the anchor \(a.sequence):\(a.hash) is gone: the chain has \(count) entries")
                )
            }
            guard found == a.hash else {
                return .failure(
                    AuditFailure(
                        sequence: a.sequence, reason: "the anchor \(a.sequence):\(a.hash) does not match: the entry's hash is \(found)"))
            }
        }
        for c in checkpoints.sorted(by: { $0.sequence < $1.sequence }) {
            guard let key, c.isSigned(by: key) else {
                return .failure(
                    AuditFailure(
                        sequence: c.sequence,
                        reason: "\(wantedBy[c.sequence] ?? "a checkpoint") is not signed by the co-op's key on the chain"))
            }
            guard let found = seen[c.sequence] else {
                return .failure(
                    AuditFailure(
                        sequence: c.sequence,
                        reason:
                            "the chain ends at entry \(count), but the co-op signed a checkpoint at entry \(c.sequence): entries were removed"
                    ))
            }
            guard found == c.hash else {
                return .failure(AuditFailure(sequence: c.sequence, reason: "\(wantedBy[c.sequence] ?? "a checkpoint") names another hash"))
            }
        }
        guard let sql = db as? any SQLDatabase else { return .success((count, verifier.head)) }
        for (proposal, committed) in open.sorted(by: { $0.key < $1.key }) where !committed.legacy {
            guard let id = UUID(uuidString: proposal) else { continue }
            let rows = try await BallotSeal.rows(of: id, on: sql)
            if let problem = BallotSeal.check(rows, against: committed, proposal: id) {
                return .failure(AuditFailure(sequence: 0, reason: "the ballots of proposal \(proposal): \(problem)"))
            }
        }
        for (proposal, closed) in counted.sorted(by: { $0.key < $1.key }) {
            guard let id = UUID(uuidString: proposal) else { continue }
            let digest = BallotSeal.boxDigest(try await BallotSeal.rows(of: id, on: sql))
            guard digest == closed.box else {
                return .failure(
                    AuditFailure(
                        sequence: closed.sequence,
                        reason: "the counted ballots of proposal \(proposal) are no longer the box this entry's digest committed to"))
            }
        }
        return .success((count, verifier.head))
    }
}

extension AuditEntryRecord {
    var entry: AuditEntry {
        AuditEntry(
            sequence: id ?? 0, timestampMillis: atMillis, kind: kind, payload: payload, previousHash: previousHash,
            hash: hash)
    }
}
