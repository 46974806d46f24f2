import CoopCore
import FluentKit
import Foundation

/// The stored versions of the bylaws: every version kept, the latest in force.
public enum BylawsStore {
    /// Adopts a new version (validated text) after the latest, and audits it. Returns its number.
    @discardableResult
    public static func adopt(_ text: String, source: String, on db: any Database, at date: Date) async throws -> Int {
        let latest = try await BylawsVersionRecord.query(on: db).max(\.$version) ?? 0
        let v = BylawsVersionRecord()
        v.version = latest + 1
        v.text = text
        v.adoptedAt = date
        v.source = source
        try await v.create(on: db)
        try await AuditLog.append(
            AuditEvent(
                kind: "bylaws.adopted",
                ["version": .int(Int64(v.version)), "source": .string(source), "sha256": .string(sha256Hex(text))]),
            on: db, at: date)
        return v.version
    }
}
