import CoopCore
import Fluent
import Foundation
import SQLKit
import Vapor

/// Ballots on the audit chain without re-linking them (``BallotCommitment``): sealing each ballot
/// as it is cast, checking the box against the chain when the vote closes, and then erasing
/// what could tie a bulletin ballot to its cast (the nonces, the row order, the cast hour).
enum BallotSeal {
    /// A ballot ready to store: its nonce and the commitment its audit entry carries.
    struct Sealed {
        let nonce: String
        let commitment: String
    }

    static func seal(proposal: UUID, receiptHash: String?, content: String) -> Sealed {
        let nonce = BallotCommitment.newNonce()
        return Sealed(
            nonce: nonce,
            commitment: BallotCommitment.commit(
                proposal: proposal.uuidString, nonce: nonce, receiptHash: receiptHash, content: content))
    }

    /// The audit event of a cast: a secret ballot's says only that a ballot was cast, with its
    /// hiding commitment; an open ballot's names its voter, as an open vote does.
    static func castEvent(proposal: UUID, commitment: String, voter: UUID?) -> AuditEvent {
        var payload: [String: CanonicalValue] = ["proposal": .string(proposal.uuidString), "commitment": .string(commitment)]
        if let voter { payload["voter"] = .string(voter.uuidString) }
        return AuditEvent(kind: "ballot.cast", payload)
    }

    /// One stored ballot row, as the checks read it.
    struct Row {
        let id: UUID
        let content: String
        let receiptHash: String?
        let voterID: UUID?
        let supersedes: UUID?
        let nonce: String?
    }

    static func rows(of proposal: UUID, on sql: any SQLDatabase) async throws -> [Row] {
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
    struct Committed {
        var casts: [String] = []
        var replaced: [String] = []
        /// A cast entry from before ballots were sealed (no commitment): such a box is not checked.
        var legacy = false

        /// Adds what a `ballot.cast` or `ballot.changed` entry says.
        mutating func add(kind: String, _ f: EntryFields) {
            guard let c = f.commitment else {
                legacy = true
                return
            }
            casts.append(c)
            if kind == "ballot.changed", let r = f.replaces { replaced.append(r) }
        }
    }

    /// The payload fields the checks read from ballot and close entries.
    struct EntryFields: Decodable {
        let proposal: String?
        let number: Int?
        let commitment: String?
        let replaces: String?
        let box: String?
    }

    static func fields(_ payload: String) -> EntryFields? {
        try? JSONDecoder().decode(EntryFields.self, from: Data(payload.utf8))
    }

    /// The chain's commitments to one proposal's ballots, read from its entries.
    static func committed(to proposal: UUID, on sql: any SQLDatabase) async throws -> Committed {
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
    static func check(_ rows: [Row], against committed: Committed, proposal: UUID) -> String? {
        // Cast before ballots were sealed: there is nothing to check them against.
        if committed.legacy { return nil }
        let stored = rows.map {
            BallotCommitment.commit(proposal: proposal.uuidString, nonce: $0.nonce ?? "", receiptHash: $0.receiptHash, content: $0.content)
        }
        return BallotCommitment.compare(committed: committed.casts, replaced: committed.replaced, stored: stored)
    }

    /// The counted ballots: every row no later row supersedes.
    static func current(_ rows: [Row]) -> [Row] {
        let replaced = Set(rows.compactMap(\.supersedes))
        return rows.filter { !replaced.contains($0.id) }
    }

    /// The digest of the counted box, as the bulletin board shows it.
    static func boxDigest(_ rows: [Row]) -> String {
        BallotCommitment.boxDigest(leaves: current(rows).map { BallotCommitment.leaf(receiptHash: $0.receiptHash, content: $0.content) })
    }

    /// After a count: the nonces erased, every row written again in random order with the hour of
    /// close, and the voters' rows rewritten too, so that neither row order, insertion ids,
    /// PostgreSQL's transaction ids nor cast hours tie a ballot to its voter or its cast.
    static func unlink(_ rows: [Row], proposal: UUID, closedAt: Date, on sql: any SQLDatabase) async throws {
        try await sql.raw("DELETE FROM ballots WHERE proposal_id = \(bind: proposal)").run()
        let hour = Governance.hourOf(closedAt)
        for chunk in rows.shuffled().chunked(by: 2_000) {
            let insert = SQLInsertBuilder(SQLInsert(table: SQLIdentifier("ballots")), on: sql)
                .columns("id", "proposal_id", "content", "receipt_hash", "voter_id", "supersedes", "cast_at", "nonce")
            for r in chunk {
                insert.values(
                    [
                        SQLBind(r.id), SQLBind(proposal), SQLBind(r.content), r.receiptHash.map { SQLBind($0) } ?? SQLLiteral.null,
                        r.voterID.map { SQLBind($0) } ?? SQLLiteral.null, r.supersedes.map { SQLBind($0) } ?? SQLLiteral.null,
                        SQLBind(hour), SQLLiteral.null,
                    ] as [any SQLExpression])
            }
            try await insert.run()
        }
        try await sql.raw("UPDATE proposal_voters SET voted = voted WHERE proposal_id = \(bind: proposal)").run()
    }
}

extension Array {
    /// The array in consecutive pieces of at most `size` elements.
    func chunked(by size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
