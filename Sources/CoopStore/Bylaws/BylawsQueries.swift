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

    /// One stored version of the bylaws: its number, text and what adopted it.
    public struct Version: Sendable {
        /// The version number, from 1.
        public let version: Int
        /// The YAML text as adopted.
        public let text: String
        /// What adopted it: `founding`, or `proposal #N`.
        public let source: String
    }

    /// Every version, oldest first: the handbook credits each rule to the version that brought it in.
    public static func versions(on db: any Database) async throws -> [Version] {
        try await BylawsVersionRecord.query(on: db).sort(\.$version, .ascending).all().map {
            Version(version: $0.version, text: $0.text, source: $0.source)
        }
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
