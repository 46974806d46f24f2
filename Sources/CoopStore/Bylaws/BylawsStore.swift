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

extension BylawsStore {
    /// Keeps a translation of version `version` (checked by the caller to have the same rules),
    /// replacing an earlier translation into the same language, and audits it.
    public static func addTranslation(
        _ text: String, language: String, version: Int, by user: UUID, on db: any Database, at date: Date
    ) async throws {
        if let old = try await BylawsTranslationRecord.query(on: db).filter(\.$version == version).filter(\.$language == language)
            .first()
        {
            try await old.delete(on: db)
        }
        let row = BylawsTranslationRecord()
        row.version = version
        row.language = language
        row.text = text
        row.addedBy = user
        row.addedAt = date
        try await row.create(on: db)
        try await AuditLog.append(
            AuditEvent(
                kind: "bylaws.translated",
                [
                    "version": .int(Int64(version)), "language": .string(language), "sha256": .string(sha256Hex(text)),
                    "by": .string(user.uuidString),
                ]),
            on: db, at: date)
    }

    /// The translations of version `version`, by language.
    public static func translations(of version: Int, on db: any Database) async throws -> [BylawsTranslationRecord] {
        try await BylawsTranslationRecord.query(on: db).filter(\.$version == version).sort(\.$language).all()
    }

    /// The version in force, with its text, when it was adopted and by what.
    public static func current(on db: any Database) async throws -> BylawsVersionRecord? {
        try await BylawsVersionRecord.query(on: db).sort(\.$version, .descending).first()
    }
}
