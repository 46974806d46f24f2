import CoopCore
import FluentKit
import Foundation
import SQLKit

/// The co-op's signing key and the signed checkpoints of its audit chain's head (DESIGN §3).
///
/// The key is made at founding (or, for a co-op founded before there were keys, at the first
/// checkpoint), its public half goes on the chain in an `audit.key` entry, on the home page and in
/// `/api/v1/coop`. It is kept in the database, so every process of the co-op can sign; whoever
/// holds the database holds the key (`docs/security.md` says what that means).
public enum AuditSeal {
    /// The `coop_keys` row the audit signing key is stored under.
    public static let purpose = "audit"

    /// The co-op's public key; made, and put on the chain, if there is none yet. Call in a write.
    @discardableResult
    public static func ensureKey(on db: any Database, at now: Date) async throws -> String {
        if let key = try await publicKey(on: db) { return key }
        let sql = try db.sql()
        let pair = AuditCheckpoint.newKeyPair()
        try await sql.raw(
            "INSERT INTO coop_keys (purpose, public_key, private_key, created_at_millis) VALUES (\(bind: purpose), \(bind: pair.publicKey), \(bind: pair.privateKey), \(bind: now.millis))"
        ).run()
        try await AuditLog.append(
            AuditEvent(kind: "audit.key", ["public_key": .string(pair.publicKey), "algorithm": .string("ed25519")]), on: db, at: now)
        return pair.publicKey
    }

    /// The co-op's Ed25519 public key, hex; nil before one is made (or on a database without SQL).
    public static func publicKey(on db: any Database) async throws -> String? {
        guard let sql = db as? any SQLDatabase else { return nil }
        return try await sql.raw("SELECT public_key FROM coop_keys WHERE purpose = \(bind: purpose)").first()?
            .decode(column: "public_key", as: String.self)
    }

    /// The co-op's Ed25519 private key, hex: for what the co-op seals (checkpoints, minutes).
    /// Nil before one is made (or on a database without SQL).
    static func privateKey(on db: any Database) async throws -> String? {
        guard let sql = db as? any SQLDatabase else { return nil }
        return try await sql.raw("SELECT private_key FROM coop_keys WHERE purpose = \(bind: purpose)").first()?
            .decode(column: "private_key", as: String.self)
    }

    /// Signs the chain's head when it has moved since the last checkpoint; nil when there is
    /// nothing new to sign. Call in a write: two processes then sign each head once.
    @discardableResult
    public static func checkpoint(on db: any Database, at now: Date) async throws -> AuditCheckpoint? {
        let sql = try db.sql()
        try await ensureKey(on: db, at: now)
        guard let head = try await AuditLog.head(on: db) else { return nil }
        if let last = try await latest(on: db), last.sequence >= head.sequence { return nil }
        guard let key = try await privateKey(on: db) else { return nil }
        let c = try AuditCheckpoint.sign(sequence: head.sequence, hash: head.hash, at: now.millis, privateKey: key)
        try await sql.raw(
            "INSERT INTO audit_checkpoints (sequence, hash, signed_at_millis, public_key, signature) VALUES (\(bind: c.sequence), \(bind: c.hash), \(bind: c.signedAtMillis), \(bind: c.publicKey), \(bind: c.signature))"
        ).run()
        return c
    }

    /// The latest checkpoint, or nil before the first.
    public static func latest(on db: any Database) async throws -> AuditCheckpoint? {
        try await checkpoints(limit: 1, on: db).first
    }

    /// Checkpoints, newest first; `before` pages back by sequence.
    public static func checkpoints(limit: Int, before: Int64? = nil, on db: any Database) async throws -> [AuditCheckpoint] {
        guard let sql = db as? any SQLDatabase else { return [] }
        let filter: SQLQueryString = before.map { "WHERE sequence < \(bind: $0)" } ?? ""
        return try await sql.raw(
            "SELECT sequence, hash, signed_at_millis, public_key, signature FROM audit_checkpoints \(filter) ORDER BY sequence DESC LIMIT \(bind: limit)"
        ).all().map(checkpoint(from:))
    }

    /// A checkpoint from an `audit_checkpoints` row; throws if a column is missing or mistyped.
    public static func checkpoint(from row: any SQLRow) throws -> AuditCheckpoint {
        AuditCheckpoint(
            sequence: try row.decode(column: "sequence", as: Int64.self), hash: try row.decode(column: "hash", as: String.self),
            signedAtMillis: try row.decode(column: "signed_at_millis", as: Int64.self),
            publicKey: try row.decode(column: "public_key", as: String.self),
            signature: try row.decode(column: "signature", as: String.self))
    }
}
