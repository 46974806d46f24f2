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
        let voter: Voter
        let content: BallotContent
        let at: Date
    }

    /// Who casts: a user logged in by session (pages), or the SHA-256 of an API token, which is
    /// checked in the transaction with the voter's membership, for the whole batch at once.
    enum Voter: Hashable, Sendable {
        case user(UUID)
        case token(hash: String)
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

    /// Records a batch in the caller's transaction; one result per job, in order. The statements
    /// are the same few whatever the batch's size.
    static func record(_ jobs: [Job], on db: any Database) async throws -> [Result<Governance.Receipt, any Error>] {
        guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError, reason: "The database does not speak SQL.") }
        // Re-read under the write lock: the scheduler may have closed a proposal since the check.
        var closesAt: [UUID: Date] = [:]
        let proposalIDs = Array(Set(jobs.map(\.proposal.id)))
        for row in try await sql.raw(
            "SELECT id, voting_closes_at FROM proposals WHERE status = \(bind: ProposalStatus.voting.rawValue) AND id IN (\(binds: proposalIDs))"
        ).all() {
            closesAt[try row.decode(column: "id", as: UUID.self)] = try row.decode(column: "voting_closes_at", as: Date.self)
        }
        let membership = try await memberships(Set(jobs.map(\.voter)), on: sql)
        // Each voter is marked once, only if eligible at open and not yet voted. (The pairs are
        // selected from VALUES so that SQLite searches the unique index rather than scanning.)
        struct Pair: Hashable {
            let proposal: UUID
            let membership: UUID
        }
        var pairs: [Pair] = []
        for job in jobs {
            guard let closes = closesAt[job.proposal.id], job.at < closes, let m = membership[job.voter] else { continue }
            pairs.append(Pair(proposal: job.proposal.id, membership: m))
        }
        var marked = Set<Pair>()
        let unique = Array(Set(pairs))
        if !unique.isEmpty {
            let list = SQLList(unique.map { SQLGroupExpression([SQLBind($0.proposal), SQLBind($0.membership)] as [any SQLExpression]) })
            for row in try await sql.raw(
                "UPDATE proposal_voters SET voted = \(bind: true) WHERE voted = \(bind: false) AND (proposal_id, membership_id) IN (SELECT column1, column2 FROM (VALUES \(list)) AS pairs) RETURNING proposal_id, membership_id"
            ).all() {
                marked.insert(
                    Pair(
                        proposal: try row.decode(column: "proposal_id", as: UUID.self),
                        membership: try row.decode(column: "membership_id", as: UUID.self)))
            }
        }
        var head = try await AuditLog.head(on: db)
        var results: [Result<Governance.Receipt, any Error>] = []
        let ballots = SQLInsertBuilder(SQLInsert(table: SQLIdentifier("ballots")), on: sql)
            .columns("id", "proposal_id", "content", "receipt_hash", "voter_id", "cast_at", "nonce")
        let audit = SQLInsertBuilder(SQLInsert(table: SQLIdentifier("audit_entries")), on: sql)
            .columns("sequence", "at_millis", "kind", "payload", "previous_hash", "hash")
        var refused: [(index: Int, pair: Pair)] = []
        var unknown: [Int] = []
        for job in jobs {
            let p = job.proposal
            guard let closes = closesAt[p.id], job.at < closes else {
                results.append(.failure(CoopError.conflict("Voting on proposal #\(p.number) is not open.")))
                continue
            }
            guard let membershipID = membership[job.voter] else {
                unknown.append(results.count)
                results.append(.failure(Abort(.forbidden, reason: "Only admitted members can vote.")))
                continue
            }
            // A pair is claimed by its first job; a second ballot of the same voter is refused.
            guard marked.remove(Pair(proposal: p.id, membership: membershipID)) != nil else {
                refused.append((results.count, Pair(proposal: p.id, membership: membershipID)))
                results.append(.failure(CoopError.conflict("")))  // set below
                continue
            }
            let secret = p.rules.rules.secret
            let code = secret ? Governance.newReceipt() : nil
            let receiptHash = code.map(Governance.receiptHash)
            let content = try Governance.json(job.content)
            let sealed = BallotSeal.seal(proposal: p.id, receiptHash: receiptHash, content: content)
            ballots.values(
                [
                    SQLBind(UUID()), SQLBind(p.id), SQLBind(content),
                    receiptHash.map { SQLBind($0) } ?? SQLLiteral.null, secret ? SQLLiteral.null : SQLBind(membershipID),
                    SQLBind(Governance.hourOf(job.at)), SQLBind(sealed.nonce),
                ] as [any SQLExpression])
            let event = BallotSeal.castEvent(proposal: p.id, commitment: sealed.commitment, voter: secret ? nil : membershipID)
            let entry = AuditChain.append(event, after: head, at: job.at.millis)
            head = entry
            audit.values(
                [
                    SQLBind(entry.sequence), SQLBind(entry.timestampMillis), SQLBind(entry.kind), SQLBind(entry.payload),
                    SQLBind(entry.previousHash), SQLBind(entry.hash),
                ] as [any SQLExpression])
            results.append(.success(Governance.Receipt(receipt: code, proposal: p.number)))
        }
        if results.contains(where: { (try? $0.get()) != nil }) {
            try await ballots.run()
            try await audit.run()
        }
        // A token that is not a member's may be no token at all: that is a 401, not a 403.
        let tokens = unknown.compactMap { i -> String? in if case .token(let h) = jobs[i].voter { h } else { nil } }
        if !tokens.isEmpty {
            let known = Set(
                try await sql.raw("SELECT token_hash FROM api_tokens WHERE token_hash IN (\(binds: tokens))").all().map {
                    try $0.decode(column: "token_hash", as: String.self)
                })
            for i in unknown {
                if case .token(let h) = jobs[i].voter, !known.contains(h) {
                    results[i] = .failure(Abort(.unauthorized, reason: "Log in first."))
                }
            }
        }
        if !refused.isEmpty {
            // Not marked: either not eligible at open (no row) or already voted.
            let list = SQLList(
                refused.map { SQLGroupExpression([SQLBind($0.pair.proposal), SQLBind($0.pair.membership)] as [any SQLExpression]) })
            var listed = Set<Pair>()
            for row in try await sql.raw(
                "SELECT proposal_id, membership_id FROM proposal_voters WHERE (proposal_id, membership_id) IN (SELECT column1, column2 FROM (VALUES \(list)) AS pairs)"
            ).all() {
                listed.insert(
                    Pair(
                        proposal: try row.decode(column: "proposal_id", as: UUID.self),
                        membership: try row.decode(column: "membership_id", as: UUID.self)))
            }
            for (index, pair) in refused {
                let p = jobs[index].proposal
                results[index] = .failure(
                    listed.contains(pair)
                        ? CoopError.conflict(
                            p.rules.rules.secret
                                ? "You have already voted; to change your ballot, present its receipt code."
                                : "You have already voted on this open ballot; cast it again with your change to replace it.")
                        : CoopError.forbidden("Only members admitted when voting opened may vote on proposal #\(p.number)."))
            }
        }
        return results
    }

    /// The admitted memberships of the batch's voters, in one query for each kind of voter.
    static func memberships(_ voters: Set<Voter>, on sql: any SQLDatabase) async throws -> [Voter: UUID] {
        var users: [UUID] = []
        var tokens: [String] = []
        for v in voters {
            switch v {
            case .user(let id): users.append(id)
            case .token(let hash): tokens.append(hash)
            }
        }
        let admitted = MembershipStatus.admitted.rawValue
        var found: [Voter: UUID] = [:]
        if !users.isEmpty {
            for row in try await sql.raw(
                "SELECT id, user_id FROM memberships WHERE status = \(bind: admitted) AND user_id IN (\(binds: users))"
            ).all() {
                found[.user(try row.decode(column: "user_id", as: UUID.self))] = try row.decode(column: "id", as: UUID.self)
            }
        }
        if !tokens.isEmpty {
            for row in try await sql.raw(
                "SELECT t.token_hash, m.id FROM api_tokens t JOIN memberships m ON m.user_id = t.user_id WHERE m.status = \(bind: admitted) AND t.token_hash IN (\(binds: tokens))"
            ).all() {
                found[.token(hash: try row.decode(column: "token_hash", as: String.self))] = try row.decode(column: "id", as: UUID.self)
            }
        }
        return found
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
