import CoopCore
import Fluent
import Foundation

/// The stored audit chain: appending in the caller's transaction, reading the head, verifying.
enum AuditLog {
    /// Appends an event after the current head. Call inside the state change's transaction.
    @discardableResult
    static func append(_ event: AuditEvent, on db: any Database, at date: Date) async throws -> AuditEntry {
        let head = try await head(on: db)
        let entry = AuditChain.append(event, after: head, at: date.millis)
        let record = AuditEntryRecord()
        record.id = entry.sequence
        record.atMillis = entry.timestampMillis
        record.kind = entry.kind
        record.payload = entry.payload
        record.previousHash = entry.previousHash
        record.hash = entry.hash
        try await record.create(on: db)
        return entry
    }

    /// The latest entry, or nil for an empty log.
    static func head(on db: any Database) async throws -> AuditEntry? {
        try await AuditEntryRecord.query(on: db).sort(\.$id, .descending).first().map(\.entry)
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
