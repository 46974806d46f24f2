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

    /// Recomputes the whole chain in pages, holding one page in memory at a time.
    static func verify(on db: any Database, pageSize: Int = 2000) async throws -> Result<(count: Int64, head: String), AuditFailure> {
        var verifier = AuditChain.Verifier()
        var after: Int64 = 0
        while true {
            let page = try await AuditEntryRecord.query(on: db).filter(\.$id > after).sort(\.$id, .ascending)
                .limit(pageSize).all()
            for record in page {
                if let failure = verifier.check(record.entry) { return .failure(failure) }
            }
            guard let last = page.last?.id, page.count == pageSize else { break }
            after = last
        }
        return .success((verifier.count, verifier.head))
    }
}

extension AuditEntryRecord {
    var entry: AuditEntry {
        AuditEntry(
            sequence: id ?? 0, timestampMillis: atMillis, kind: kind, payload: payload, previousHash: previousHash,
            hash: hash)
    }
}
