import CoopCore
import FluentKit
import Foundation
import SQLKit
import Synchronization

/// Ballots in the database: casting them in batches (group commit: see ``GroupCommit``), and the
/// one writer of ballot rows that casting, changing and unlinking after a count all use.
///
/// The hot path is plain SQL (the same on SQLite and PostgreSQL): one conditional update checks
/// and marks the voters, and the batch's ballots and audit entries go in one insert each. Every
/// ballot is still checked on its own (open, eligible, not yet voted), a refused ballot writes
/// nothing, and every accepted ballot has its own entry in the audit chain.
public enum BallotStore {
    /// One ballot to cast, checked against the frozen rules before it is queued; what the database
    /// holds (open, a member, eligible, not yet voted) is checked in the transaction.
    public struct Cast: Sendable {
        /// The proposal voted on.
        public let proposal: OpenProposal
        /// Who casts it.
        public let voter: Voter
        /// The ballot's choices.
        public let content: BallotContent
        /// When it is cast; the ballot row keeps only the hour.
        public let at: Date

        /// A ballot to cast by `voter` at `at`.
        public init(proposal: OpenProposal, voter: Voter, content: BallotContent, at: Date) {
            self.proposal = proposal
            self.voter = voter
            self.content = content
            self.at = at
        }
    }

    /// Who casts: a user logged in by session (pages), or the SHA-256 of an API token, which is
    /// checked in the transaction with the voter's membership, for the whole batch at once.
    public enum Voter: Hashable, Sendable {
        case user(UUID)
        case token(hash: String)
        /// A member present at assembly `assembly` (by their user) casting the vote of `giver`,
        /// whose written proxy they hold; checked in the transaction with the batch.
        case proxy(holder: UUID, giver: UUID, assembly: UUID)
    }

    /// What the cast path needs of a proposal whose vote has opened. None of it changes after
    /// opening (its status does, and is read in the transaction), so it is kept by number.
    public struct OpenProposal: Sendable {
        /// The proposal's id.
        public let id: UUID
        /// The proposal's number.
        public let number: Int
        /// When voting closes.
        public let closesAt: Date
        /// The rules and options frozen when voting opened.
        public let rules: FrozenRules
        /// The general assembly voting on it, if the meeting opened it: only members present
        /// (or their proxies' holders) vote.
        public let assembly: UUID?
    }

    /// What a voter is given back: the receipt code of a secret ballot, which finds and changes it.
    public struct Receipt: Sendable, Equatable {
        /// The receipt code of a secret ballot, shown once; nil for an open ballot.
        public let receipt: String?
        /// The proposal's number.
        public let proposal: Int
    }

    /// The proposals whose vote has opened, by number, kept in memory by the process.
    public final class OpenProposals: Sendable {
        private let byNumber = Mutex<[Int: OpenProposal]>([:])

        /// An empty cache.
        public init() {}

        /// The proposal, if it was seen open before.
        public func known(_ number: Int) -> OpenProposal? { byNumber.withLock { $0[number] } }

        /// Keeps a proposal seen open.
        public func keep(_ p: OpenProposal) { byNumber.withLock { $0[p.number] = p } }
    }

    /// The most ballots one transaction records.
    public static let batchLimit = 256

    /// Records a batch in the caller's transaction; one result per job, in order. The statements
    /// are the same few whatever the batch's size.
    public static func record(_ jobs: [Cast], on db: any Database) async throws -> [Result<Receipt, any Error>] {
        let sql = try db.sql()
        // Re-read under the write lock: the scheduler may have closed a proposal since the check.
        var closesAt: [UUID: Date] = [:]
        let proposalIDs = Array(Set(jobs.map(\.proposal.id)))
        for row in try await sql.raw(
            "SELECT id, voting_closes_at FROM proposals WHERE status = \(bind: ProposalStatus.voting.rawValue) AND id IN (\(binds: proposalIDs))"
        ).all() {
            closesAt[try row.decode(column: "id", as: UUID.self)] = try row.decode(column: "voting_closes_at", as: Date.self)
        }
        var membership = try await memberships(Set(jobs.map(\.voter)), on: sql)
        // At an assembly, a member votes in their own name only once checked in.
        var absent = Set<Voter>()
        for (assembly, voters) in Dictionary(grouping: jobs.filter { $0.proposal.assembly != nil }, by: { $0.proposal.assembly! }) {
            let direct = voters.compactMap { job -> UUID? in
                if case .proxy = job.voter { return nil }
                return membership[job.voter]
            }
            guard !direct.isEmpty else { continue }
            let present = Set(
                try await sql.raw(
                    "SELECT membership_id FROM assembly_members WHERE assembly_id = \(bind: assembly) AND presence IS NOT NULL AND membership_id IN (\(binds: direct))"
                ).all().map { try $0.decode(column: "membership_id", as: UUID.self) })
            for job in voters {
                if case .proxy = job.voter { continue }
                if let m = membership[job.voter], !present.contains(m) { absent.insert(job.voter) }
            }
        }
        for v in absent { membership[v] = nil }
        // Each voter is marked once, only if eligible at open and not yet voted. (The pairs are
        // selected from VALUES so that SQLite searches the unique index rather than scanning.)
        struct Pair: Hashable {
            public let proposal: UUID
            public let membership: UUID
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
        var audit = try await AuditWriter.begin(on: db)
        var ballots = BallotWriter()
        var results: [Result<Receipt, any Error>] = []
        var refused: [(index: Int, pair: Pair)] = []
        var unknown: [Int] = []
        for job in jobs {
            let p = job.proposal
            guard let closes = closesAt[p.id], job.at < closes else {
                results.append(.failure(CoopError.conflict(Words("Voting on proposal #%s is not open.", .text("\(p.number)")))))
                continue
            }
            guard let membershipID = membership[job.voter] else {
                if absent.contains(job.voter) {
                    results.append(
                        .failure(
                            CoopError.forbidden(
                                Words(
                                    "Proposal #%s is being voted on at the general assembly: check in, online or in the room, to vote.",
                                    .text("\(p.number)"))
                            )))
                    continue
                }
                if case .proxy = job.voter {
                    results.append(
                        .failure(
                            CoopError.forbidden(
                                "You do not hold that member's proxy at this assembly, or you are not checked in: you can vote only your own ballot."
                            )))
                    continue
                }
                unknown.append(results.count)
                results.append(.failure(CoopError.forbidden("Only admitted members can vote.")))
                continue
            }
            // A pair is claimed by its first job; a second ballot of the same voter is refused.
            guard marked.remove(Pair(proposal: p.id, membership: membershipID)) != nil else {
                refused.append((results.count, Pair(proposal: p.id, membership: membershipID)))
                results.append(.failure(CoopError.conflict(.verbatim(""))))  // set below
                continue
            }
            let secret = p.rules.rules.secret
            let code = secret ? ReceiptCode.new() : nil
            let receiptHash = code.map(ReceiptCode.hash)
            let content = try StoredJSON.encode(job.content)
            let sealed = ballots.add(
                proposal: p.id, content: content, receiptHash: receiptHash, voter: secret ? nil : membershipID, at: job.at)
            audit.add(BallotSeal.castEvent(proposal: p.id, commitment: sealed.commitment, voter: secret ? nil : membershipID), at: job.at)
            results.append(.success(Receipt(receipt: code, proposal: p.number)))
        }
        try await ballots.flush(on: db)
        try await audit.flush(on: db)
        // A token that is not a member's may be no token at all: that is a 401, not a 403.
        let tokens = unknown.compactMap { i -> String? in if case .token(let h) = jobs[i].voter { h } else { nil } }
        if !tokens.isEmpty {
            let known = Set(
                try await sql.raw("SELECT token_hash FROM api_tokens WHERE token_hash IN (\(binds: tokens))").all().map {
                    try $0.decode(column: "token_hash", as: String.self)
                })
            for i in unknown {
                if case .token(let h) = jobs[i].voter, !known.contains(h) {
                    results[i] = .failure(CoopError.unauthorized("Log in first."))
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
                                ? Words("You have already voted; to change your ballot, present its receipt code.")
                                : Words("You have already voted on this open ballot; cast it again with your change to replace it."))
                        : CoopError.forbidden(
                            Words("Only members admitted when voting opened may vote on proposal #%s.", .text("\(p.number)"))))
            }
        }
        return results
    }

    /// The admitted memberships of the batch's voters, in one query for each kind of voter.
    public static func memberships(_ voters: Set<Voter>, on sql: any SQLDatabase) async throws -> [Voter: UUID] {
        var users: [UUID] = []
        var tokens: [String] = []
        var proxies: [Voter] = []
        for v in voters {
            switch v {
            case .user(let id): users.append(id)
            case .token(let hash): tokens.append(hash)
            case .proxy: proxies.append(v)
            }
        }
        let admitted = MembershipStatus.admitted.rawValue
        var found: [Voter: UUID] = [:]
        // A proxy counts while it is in force, its holder admitted and checked in at the assembly.
        for v in proxies {
            guard case .proxy(let holder, let giver, let assembly) = v else { continue }
            if try await sql.raw(
                """
                SELECT p.giver_id FROM assembly_proxies p \
                JOIN memberships h ON h.id = p.holder_id \
                JOIN assembly_members a ON a.assembly_id = p.assembly_id AND a.membership_id = h.id \
                WHERE p.assembly_id = \(bind: assembly) AND p.giver_id = \(bind: giver) AND p.ended_at IS NULL \
                AND h.user_id = \(bind: holder) AND h.status = \(bind: admitted) AND a.presence IS NOT NULL
                """
            ).first() != nil {
                found[v] = giver
            }
        }
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
    public static func openProposal(number: Int, on sql: any SQLDatabase, cache: OpenProposals) async throws -> OpenProposal {
        if let known = cache.known(number) { return known }
        guard
            let row = try await sql.raw("SELECT id, voting_closes_at, rules, assembly_id FROM proposals WHERE number = \(bind: number)")
                .first()
        else { throw CoopError.notFound(Words("There is no proposal #%s.", .text("\(number)"))) }
        guard let text = try row.decode(column: "rules", as: String?.self) else {
            throw CoopError.conflict(Words("Voting has not opened on proposal #%s.", .text("\(number)")))
        }
        let p = OpenProposal(
            id: try row.decode(column: "id", as: UUID.self), number: number,
            closesAt: try row.decode(column: "voting_closes_at", as: Date.self), rules: try StoredJSON.decode(FrozenRules.self, text),
            assembly: try row.decode(column: "assembly_id", as: UUID?.self))
        cache.keep(p)
        return p
    }
}

/// The one writer of ballot rows: rows are gathered, sealed (``BallotSeal``), and go to the
/// database in one insert. Casting, changing a ballot and rewriting a counted box use it alike.
public struct BallotWriter: Sendable {
    private var rows: [[any SQLExpression & Sendable]] = []

    /// An empty writer.
    public init() {}

    /// Adds a new ballot with a fresh nonce; its seal (the nonce and the commitment its audit entry carries).
    @discardableResult
    public mutating func add(
        proposal: UUID, content: String, receiptHash: String?, voter: UUID?, supersedes: UUID? = nil, at: Date
    ) -> BallotSeal.Sealed {
        let sealed = BallotSeal.seal(proposal: proposal, receiptHash: receiptHash, content: content)
        append(
            id: UUID(), proposal: proposal, content: content, receiptHash: receiptHash, voter: voter, supersedes: supersedes,
            castAt: ReceiptCode.hourOf(at), nonce: sealed.nonce)
        return sealed
    }

    /// Adds a stored row again as it was, with the given cast hour and no nonce (after a count).
    public mutating func restore(_ row: BallotSeal.Row, proposal: UUID, castAt: Date) {
        append(
            id: row.id, proposal: proposal, content: row.content, receiptHash: row.receiptHash, voter: row.voterID,
            supersedes: row.supersedes, castAt: castAt, nonce: nil)
    }

    private mutating func append(
        id: UUID, proposal: UUID, content: String, receiptHash: String?, voter: UUID?, supersedes: UUID?, castAt: Date,
        nonce: String?
    ) {
        func opt<T: Encodable & Sendable>(_ v: T?) -> any SQLExpression & Sendable { v.map { SQLBind($0) } ?? SQLLiteral.null }
        rows.append([
            SQLBind(id), SQLBind(proposal), SQLBind(content), opt(receiptHash), opt(voter), opt(supersedes), SQLBind(castAt), opt(nonce),
        ])
    }

    /// How many rows wait to be written.
    public var count: Int { rows.count }

    /// Writes the waiting rows, in statements of at most 2,000 rows.
    public mutating func flush(on db: any Database) async throws {
        guard !rows.isEmpty else { return }
        let sql = try db.sql()
        for chunk in rows.chunked(by: 2_000) {
            let insert = SQLInsertBuilder(SQLInsert(table: SQLIdentifier("ballots")), on: sql)
                .columns("id", "proposal_id", "content", "receipt_hash", "voter_id", "supersedes", "cast_at", "nonce")
            for r in chunk { insert.values(r.map { $0 as any SQLExpression }) }
            try await insert.run()
        }
        rows.removeAll()
    }
}
