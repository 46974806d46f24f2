import CoopCore
import Fluent
import Foundation
import SQLKit
import Vapor

/// Casts ballots with group commit: ballots that arrive while a write transaction is under way wait
/// for the next one, which records them all; each voter is answered once that transaction has
/// committed. Every ballot is still checked on its own (open, eligible, not yet voted), a refused
/// ballot writes nothing, and every accepted ballot has its own entry in the audit chain.
///
/// The hot path is plain SQL (SQLKit, the same on SQLite and PostgreSQL): one conditional update
/// marks the voter, and the batch's ballots and audit entries go in one insert each.
actor BallotBox {
    /// One ballot to cast: checked before it is queued, so only the database's state can refuse it.
    struct Job: Sendable {
        let proposal: OpenProposal
        let membershipID: UUID
        let content: BallotContent
        let at: Date
    }

    /// The fields of a proposal the cast path reads.
    struct OpenProposal: Sendable {
        let id: UUID
        let number: Int
        let status: String
        let closesAt: Date
        let rules: FrozenRules?
    }

    /// The most ballots one transaction records.
    static let batchLimit = 256

    private var pending: [(job: Job, reply: CheckedContinuation<Governance.Receipt, any Error>)] = []
    private var draining = false

    /// Queues a ballot and returns its receipt once the transaction holding it has committed.
    func cast(_ job: Job, on db: any Database, coop: CoopContext) async throws -> Governance.Receipt {
        try await withCheckedThrowingContinuation { reply in
            pending.append((job, reply))
            if !draining {
                draining = true
                Task { await drain(on: db, coop: coop) }
            }
        }
    }

    private func drain(on db: any Database, coop: CoopContext) async {
        while !pending.isEmpty {
            let batch = Array(pending.prefix(Self.batchLimit))
            pending.removeFirst(batch.count)
            let jobs = batch.map(\.job)
            let results: [Result<Governance.Receipt, any Error>]
            do {
                results = try await coop.write(on: db) { tx in try await Self.record(jobs, on: tx) }
            } catch {
                // Nothing of the batch was committed: every voter in it is told so.
                results = jobs.map { _ in .failure(error) }
            }
            for (entry, result) in zip(batch, results) { entry.reply.resume(with: result) }
        }
        draining = false
    }

    /// Records a batch in the caller's transaction; one result per job, in order.
    static func record(_ jobs: [Job], on db: any Database) async throws -> [Result<Governance.Receipt, any Error>] {
        guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError, reason: "The database does not speak SQL.") }
        // Re-read under the write lock: the scheduler may have closed a proposal since the check.
        var open: [UUID: Bool] = [:]
        for job in jobs where open[job.proposal.id] == nil {
            let now = try await proposal(id: job.proposal.id, on: sql)
            open[job.proposal.id] = now.map { $0.status == ProposalStatus.voting.rawValue && job.at < $0.closesAt } ?? false
        }
        var head = try await AuditLog.head(on: db)
        var results: [Result<Governance.Receipt, any Error>] = []
        let ballots = SQLInsertBuilder(SQLInsert(table: SQLIdentifier("ballots")), on: sql)
            .columns("id", "proposal_id", "content", "receipt_hash", "voter_id", "cast_at")
        let audit = SQLInsertBuilder(SQLInsert(table: SQLIdentifier("audit_entries")), on: sql)
            .columns("sequence", "at_millis", "kind", "payload", "previous_hash", "hash")
        var accepted = 0
        for job in jobs {
            let p = job.proposal
            guard open[p.id] == true, let frozen = p.rules else {
                results.append(.failure(CoopError.conflict("Voting on proposal #\(p.number) is not open.")))
                continue
            }
            let marked = try await sql.raw(
                "UPDATE proposal_voters SET voted = \(bind: true) WHERE proposal_id = \(bind: p.id) AND membership_id = \(bind: job.membershipID) AND voted = \(bind: false) RETURNING id"
            ).all()
            guard !marked.isEmpty else {
                let listed = try await sql.raw(
                    "SELECT voted FROM proposal_voters WHERE proposal_id = \(bind: p.id) AND membership_id = \(bind: job.membershipID)"
                ).first()
                results.append(
                    .failure(
                        listed == nil
                            ? CoopError.forbidden("Only members admitted when voting opened may vote on proposal #\(p.number).")
                            : CoopError.conflict(
                                frozen.rules.secret
                                    ? "You have already voted; to change your ballot, present its receipt code."
                                    : "You have already voted on this open ballot; cast it again with your change to replace it.")))
                continue
            }
            let secret = frozen.rules.secret
            let code = secret ? Governance.newReceipt() : nil
            let receiptHash = code.map(Governance.receiptHash)
            ballots.values(
                [
                    SQLBind(UUID()), SQLBind(p.id), SQLBind(try Governance.json(job.content)),
                    receiptHash.map { SQLBind($0) } ?? SQLLiteral.null,
                    secret ? SQLLiteral.null : SQLBind(job.membershipID), SQLBind(Governance.hourOf(job.at)),
                ] as [any SQLExpression])
            let event = AuditEvent(
                kind: "ballot.cast",
                secret
                    ? ["proposal": .string(p.id.uuidString), "receipt_hash": .string(receiptHash ?? "")]
                    : ["proposal": .string(p.id.uuidString), "voter": .string(job.membershipID.uuidString)])
            let entry = AuditChain.append(event, after: head, at: job.at.millis)
            head = entry
            audit.values(
                [
                    SQLBind(entry.sequence), SQLBind(entry.timestampMillis), SQLBind(entry.kind), SQLBind(entry.payload),
                    SQLBind(entry.previousHash), SQLBind(entry.hash),
                ] as [any SQLExpression])
            accepted += 1
            results.append(.success(Governance.Receipt(receipt: code, proposal: p.number)))
        }
        if accepted > 0 {
            try await ballots.run()
            try await audit.run()
        }
        return results
    }

    /// A proposal's cast-path fields by id.
    static func proposal(id: UUID, on sql: any SQLDatabase) async throws -> (status: String, closesAt: Date)? {
        guard let row = try await sql.raw("SELECT status, voting_closes_at FROM proposals WHERE id = \(bind: id)").first() else {
            return nil
        }
        return (try row.decode(column: "status", as: String.self), try row.decode(column: "voting_closes_at", as: Date.self))
    }

    /// A proposal's cast-path fields by number, or nil. Frozen rules never change once voting has
    /// opened, so they are decoded once per proposal and kept.
    static func proposal(number: Int, on sql: any SQLDatabase, cache: CoopContext) async throws -> OpenProposal? {
        guard
            let row = try await sql.raw("SELECT id, status, voting_closes_at, rules FROM proposals WHERE number = \(bind: number)")
                .first()
        else { return nil }
        let id = try row.decode(column: "id", as: UUID.self)
        var rules = cache.frozenRules.withLock { $0[id] }
        if rules == nil, let text = try row.decode(column: "rules", as: String?.self) {
            let decoded = try Governance.decode(FrozenRules.self, text)
            cache.frozenRules.withLock { $0[id] = decoded }
            rules = decoded
        }
        return OpenProposal(
            id: id, number: number, status: try row.decode(column: "status", as: String.self),
            closesAt: try row.decode(column: "voting_closes_at", as: Date.self), rules: rules)
    }
}
