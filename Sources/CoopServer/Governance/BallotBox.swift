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
/// The hot path is plain SQL (the same on SQLite and PostgreSQL): one conditional update checks
/// and marks the voter, and the batch's ballots and audit entries go in one insert each.
actor BallotBox {
    /// One ballot to cast, checked against the frozen rules before it is queued; what the database
    /// holds (open, a member, eligible, not yet voted) is checked in the transaction.
    struct Job: Sendable {
        let proposal: OpenProposal
        let userID: UUID
        let content: BallotContent
        let at: Date
    }

    /// What the cast path needs of a proposal whose vote has opened. None of it changes after
    /// opening (its status does, and is read in the transaction), so it is kept by number.
    struct OpenProposal: Sendable {
        let id: UUID
        let number: Int
        let closesAt: Date
        let rules: FrozenRules
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
            let frozen = p.rules
            guard open[p.id] == true else {
                results.append(.failure(CoopError.conflict("Voting on proposal #\(p.number) is not open.")))
                continue
            }
            // Marks the voter if they are an admitted member, were eligible at open and have not voted.
            let marked = try await sql.raw(
                "UPDATE proposal_voters SET voted = \(bind: true) WHERE proposal_id = \(bind: p.id) AND voted = \(bind: false) AND membership_id = (SELECT id FROM memberships WHERE user_id = \(bind: job.userID) AND status = \(bind: MembershipStatus.admitted.rawValue)) RETURNING membership_id"
            ).first()
            guard let marked else {
                results.append(.failure(try await refusal(job, on: sql)))
                continue
            }
            let membershipID = try marked.decode(column: "membership_id", as: UUID.self)
            let secret = frozen.rules.secret
            let code = secret ? Governance.newReceipt() : nil
            let receiptHash = code.map(Governance.receiptHash)
            ballots.values(
                [
                    SQLBind(UUID()), SQLBind(p.id), SQLBind(try Governance.json(job.content)),
                    receiptHash.map { SQLBind($0) } ?? SQLLiteral.null,
                    secret ? SQLLiteral.null : SQLBind(membershipID), SQLBind(Governance.hourOf(job.at)),
                ] as [any SQLExpression])
            let event = AuditEvent(
                kind: "ballot.cast",
                secret
                    ? ["proposal": .string(p.id.uuidString), "receipt_hash": .string(receiptHash ?? "")]
                    : ["proposal": .string(p.id.uuidString), "voter": .string(membershipID.uuidString)])
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

    /// Why a voter could not be marked.
    static func refusal(_ job: Job, on sql: any SQLDatabase) async throws -> any Error {
        let row = try await sql.raw(
            "SELECT m.status, v.voted FROM memberships m LEFT JOIN proposal_voters v ON v.membership_id = m.id AND v.proposal_id = \(bind: job.proposal.id) WHERE m.user_id = \(bind: job.userID)"
        ).first()
        guard let row, try row.decode(column: "status", as: String.self) == MembershipStatus.admitted.rawValue else {
            return Abort(.forbidden, reason: "Only admitted members can vote.")
        }
        guard try row.decode(column: "voted", as: Bool?.self) != nil else {
            return CoopError.forbidden("Only members admitted when voting opened may vote on proposal #\(job.proposal.number).")
        }
        return CoopError.conflict(
            job.proposal.rules.rules.secret
                ? "You have already voted; to change your ballot, present its receipt code."
                : "You have already voted on this open ballot; cast it again with your change to replace it.")
    }

    /// A proposal's cast-path fields by id.
    static func proposal(id: UUID, on sql: any SQLDatabase) async throws -> (status: String, closesAt: Date)? {
        guard let row = try await sql.raw("SELECT status, voting_closes_at FROM proposals WHERE id = \(bind: id)").first() else {
            return nil
        }
        return (try row.decode(column: "status", as: String.self), try row.decode(column: "voting_closes_at", as: Date.self))
    }

    /// A proposal whose vote has opened, by number: from memory after the first time.
    static func openProposal(number: Int, on sql: any SQLDatabase, cache: CoopContext) async throws -> OpenProposal {
        if let known = cache.openProposals.withLock({ $0[number] }) { return known }
        guard
            let row = try await sql.raw("SELECT id, voting_closes_at, rules FROM proposals WHERE number = \(bind: number)").first()
        else { throw Abort(.notFound, reason: "There is no proposal #\(number).") }
        guard let text = try row.decode(column: "rules", as: String?.self) else {
            throw CoopError.conflict("Voting has not opened on proposal #\(number).")
        }
        let p = OpenProposal(
            id: try row.decode(column: "id", as: UUID.self), number: number,
            closesAt: try row.decode(column: "voting_closes_at", as: Date.self), rules: try Governance.decode(FrozenRules.self, text))
        cache.openProposals.withLock { $0[number] = p }
        return p
    }
}
