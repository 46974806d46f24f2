import CoopCore
import FluentKit
import Foundation
import SQLKit

/// Ballots on the audit chain without re-linking them (``BallotCommitment``): sealing each ballot
/// as it is cast, checking the box against the chain when the vote closes, and then erasing
/// what could tie a bulletin ballot to its cast (the nonces, the row order, the cast hour).
public enum BallotSeal {
    /// A ballot ready to store: its nonce and the commitment its audit entry carries.
    public struct Sealed {
        /// The random nonce stored with the ballot row (hex), erased after the count.
        public let nonce: String
        /// The hiding commitment to the ballot (`BallotCommitment.commit`), which its audit entry carries.
        public let commitment: String
    }

    /// Seals a new ballot: a fresh nonce and the commitment to the proposal, receipt hash and content with it.
    public static func seal(proposal: UUID, receiptHash: String?, content: String) -> Sealed {
        let nonce = BallotCommitment.newNonce()
        return Sealed(
            nonce: nonce,
            commitment: BallotCommitment.commit(
                proposal: proposal.uuidString, nonce: nonce, receiptHash: receiptHash, content: content))
    }

    /// The audit event of a cast: a secret ballot's says only that a ballot was cast, with its
    /// hiding commitment; an open ballot's names its voter, as an open vote does.
    public static func castEvent(proposal: UUID, commitment: String, voter: UUID?) -> AuditEvent {
        var payload: [String: CanonicalValue] = ["proposal": .string(proposal.uuidString), "commitment": .string(commitment)]
        if let voter { payload["voter"] = .string(voter.uuidString) }
        return AuditEvent(kind: "ballot.cast", payload)
    }

    /// One stored ballot row, as the checks read it.
    public struct Row {
        /// The ballot row's id.
        public let id: UUID
        /// The ballot's content, as stored JSON.
        public let content: String
        /// The hash of a secret ballot's receipt code; nil for an open ballot.
        public let receiptHash: String?
        /// The voter's membership, for an open ballot; nil for a secret one.
        public let voterID: UUID?
        /// The ballot this one replaced, if it is a change.
        public let supersedes: UUID?
        /// The ballot's nonce; nil once the box has been counted and unlinked (or cast before sealing).
        public let nonce: String?
    }

    /// Every stored ballot row of a proposal, superseded ones included, in no particular order.
    public static func rows(of proposal: UUID, on sql: any SQLDatabase) async throws -> [Row] {
        try await sql.raw(
            "SELECT id, content, receipt_hash, voter_id, supersedes, nonce FROM ballots WHERE proposal_id = \(bind: proposal)"
        ).all().map { r in
            Row(
                id: try r.decode(column: "id", as: UUID.self), content: try r.decode(column: "content", as: String.self),
                receiptHash: try r.decode(column: "receipt_hash", as: String?.self),
                voterID: try r.decode(column: "voter_id", as: UUID?.self),
                supersedes: try r.decode(column: "supersedes", as: UUID?.self), nonce: try r.decode(column: "nonce", as: String?.self))
        }
    }

    /// What the chain says of a proposal's ballots while it is open.
    public struct Committed {
        /// The commitments of every ballot cast or changed, in chain order.
        public var casts: [String] = []
        /// The commitments that `ballot.changed` entries say they replace.
        public var replaced: [String] = []
        /// A cast entry from before ballots were sealed (no commitment): such a box is not checked.
        public var legacy = false

        /// Adds what a `ballot.cast` or `ballot.changed` entry says.
        public mutating func add(kind: String, _ f: EntryFields) {
            guard let c = f.commitment else {
                legacy = true
                return
            }
            casts.append(c)
            if kind == "ballot.changed", let r = f.replaces { replaced.append(r) }
        }
    }

    /// The payload fields the checks read from ballot and close entries.
    public struct EntryFields: Decodable {
        /// The proposal's id (as a UUID string).
        public let proposal: String?
        /// The proposal's number (`proposal.drafted` entries).
        public let number: Int?
        /// A cast's commitment (`ballot.cast` and `ballot.changed`).
        public let commitment: String?
        /// The commitment a `ballot.changed` entry replaces.
        public let replaces: String?
        /// The digest of the counted box (`proposal.closed`).
        public let box: String?
    }

    /// Decodes an audit entry's payload; nil if it is not JSON of that shape.
    public static func fields(_ payload: String) -> EntryFields? {
        try? JSONDecoder().decode(EntryFields.self, from: Data(payload.utf8))
    }

    /// The chain's commitments to one proposal's ballots, read from its entries.
    public static func committed(to proposal: UUID, on sql: any SQLDatabase) async throws -> Committed {
        var out = Committed()
        let rows = try await sql.raw(
            "SELECT kind, payload FROM audit_entries WHERE kind IN ('ballot.cast', 'ballot.changed') AND payload LIKE \(bind: "%\"proposal\":\"\(proposal.uuidString)\"%") ORDER BY sequence"
        ).all()
        for row in rows {
            guard let f = fields(try row.decode(column: "payload", as: String.self)), f.proposal == proposal.uuidString else { continue }
            out.add(kind: try row.decode(column: "kind", as: String.self), f)
        }
        return out
    }

    /// Checks a box's rows against the chain's commitments; the reason when they differ.
    public static func check(_ rows: [Row], against committed: Committed, proposal: UUID) -> Words? {
        // Cast before ballots were sealed: there is nothing to check them against.
        if committed.legacy { return nil }
        let stored = rows.map {
            BallotCommitment.commit(proposal: proposal.uuidString, nonce: $0.nonce ?? "", receiptHash: $0.receiptHash, content: $0.content)
        }
        return BallotCommitment.compare(committed: committed.casts, replaced: committed.replaced, stored: stored)
    }

    /// The counted ballots: every row no later row supersedes.
    public static func current(_ rows: [Row]) -> [Row] {
        let replaced = Set(rows.compactMap(\.supersedes))
        return rows.filter { !replaced.contains($0.id) }
    }

    /// The digest of the counted box, as the bulletin board shows it.
    public static func boxDigest(_ rows: [Row]) -> String {
        BallotCommitment.boxDigest(leaves: current(rows).map { BallotCommitment.leaf(receiptHash: $0.receiptHash, content: $0.content) })
    }

    /// After a count: the nonces erased, every row written again in random order with the hour of
    /// close, and the voters' rows rewritten too, so that neither row order, insertion ids,
    /// PostgreSQL's transaction ids nor cast hours tie a ballot to its voter or its cast.
    public static func unlink(_ rows: [Row], proposal: UUID, closedAt: Date, on db: any Database) async throws {
        let sql = try db.sql()
        try await sql.raw("DELETE FROM ballots WHERE proposal_id = \(bind: proposal)").run()
        let hour = ReceiptCode.hourOf(closedAt)
        var writer = BallotWriter()
        for r in rows.shuffled() { writer.restore(r, proposal: proposal, castAt: hour) }
        try await writer.flush(on: db)
        try await sql.raw("UPDATE proposal_voters SET voted = voted WHERE proposal_id = \(bind: proposal)").run()
    }
}

extension Array {
    /// The array in consecutive pieces of at most `size` elements.
    public func chunked(by size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
