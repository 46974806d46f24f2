import CoopCore
import FluentKit
import Foundation
import SQLKit

/// Reading the bylaws' versions.
public enum BylawsQueries {
    /// The number of the version in force (the latest), in plain SQL: asked on most requests
    /// after a write. Nil before founding.
    public static func latestVersion(on db: any Database) async throws -> Int? {
        struct Latest: Decodable { let version: Int? }
        return try await db.sql().raw("SELECT MAX(version) AS version FROM bylaws_versions").first(decoding: Latest.self)?.version
    }

    /// The text of a version, if there is one.
    public static func text(version: Int, on db: any Database) async throws -> String? {
        try await BylawsVersionRecord.query(on: db).filter(\.$version == version).first()?.text
    }

    /// The text of the version in force, or "" before founding.
    public static func currentText(on db: any Database) async throws -> String {
        try await BylawsVersionRecord.query(on: db).sort(\.$version, .descending).first()?.text ?? ""
    }

    /// Whether the co-op is founded (it has bylaws).
    public static func isFounded(on db: any Database) async throws -> Bool {
        try await BylawsVersionRecord.query(on: db).count() > 0
    }

    /// Whether the database holds a co-op's tables at all (PostgreSQL: asked before a restore over it).
    public static func hasCoopTables(on db: any Database) async throws -> Bool {
        let row = try await db.sql().raw(
            "SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_name = 'bylaws_versions'"
        ).first()
        return try (row?.decode(column: "n", as: Int.self) ?? 0) > 0
    }
}
