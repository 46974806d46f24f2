import CoopCore
import FluentKit
import Foundation

/// Reading the audit chain page by page, oldest first.
public enum AuditEntries {
    /// Up to `limit` entries after the sequence number `after`, in order.
    public static func after(_ after: Int64, limit: Int, on db: any Database) async throws -> [AuditEntry] {
        try await AuditEntryRecord.query(on: db).filter(\.$id > after).sort(\.$id, .ascending).limit(limit).all().map(\.entry)
    }
}
