import CoopCore
import FluentKit
import Foundation

/// Reading proposals.
public enum ProposalQueries {
    /// Proposals' numbers by id, in one query.
    public static func numbers(of ids: [UUID], on db: any Database) async throws -> [UUID: Int] {
        guard !ids.isEmpty else { return [:] }
        var numbers: [UUID: Int] = [:]
        for p in try await ProposalRecord.query(on: db).filter(\.$id ~~ ids).all() { numbers[p.id!] = p.number }
        return numbers
    }

    /// The proposal numbered `number`, if there is one.
    public static func proposal(number: Int, on db: any Database) async throws -> ProposalRecord? {
        try await ProposalRecord.query(on: db).filter(\.$number == number).first()
    }

    /// The proposal numbered `number`; `CoopError.notFound` when there is none.
    public static func require(number: Int, on db: any Database) async throws -> ProposalRecord {
        guard let p = try await proposal(number: number, on: db) else {
            throw CoopError.notFound(Words("There is no proposal #%s.", .text("\(number)")))
        }
        return p
    }

    /// The proposal with this id, if there is one.
    public static func proposal(id: UUID, on db: any Database) async throws -> ProposalRecord? {
        try await ProposalRecord.find(id, on: db)
    }

    /// Every proposal, newest (highest number) first.
    public static func all(on db: any Database) async throws -> [ProposalRecord] {
        try await ProposalRecord.query(on: db).sort(\.$number, .descending).all()
    }

    /// The highest proposal number given so far (0 before the first).
    public static func lastNumber(on db: any Database) async throws -> Int {
        try await ProposalRecord.query(on: db).max(\.$number) ?? 0
    }

    /// The proposals that may still move by their clock (``ProposalStatus/scheduled``), by number.
    public static func scheduled(on db: any Database) async throws -> [ProposalRecord] {
        try await ProposalRecord.query(on: db).filter(\.$status ~~ ProposalStatus.scheduled).sort(\.$number).all()
    }

    /// The ballots that count: every ballot of the proposal no later ballot supersedes.
    public static func currentBallots(of proposal: UUID, on db: any Database) async throws -> [BallotRecord] {
        let all = try await BallotRecord.query(on: db).filter(\.$proposalID == proposal).all()
        let replaced = Set(all.compactMap(\.supersedes))
        return all.filter { !replaced.contains($0.id!) }
    }

    /// A comment in a proposal's discussion, with its author's name.
    public struct Comment: Sendable, Equatable {
        /// Who wrote it; nil when the name is no longer known.
        public let author: String?
        /// What they wrote.
        public let body: String
        /// When it was posted.
        public let createdAt: Date

        /// A comment by `author` (nil when the name is no longer known).
        public init(author: String?, body: String, createdAt: Date) {
            self.author = author
            self.body = body
            self.createdAt = createdAt
        }
    }

    /// A proposal's discussion, oldest first.
    public static func comments(of proposal: UUID, on db: any Database) async throws -> [Comment] {
        let comments = try await ProposalCommentRecord.query(on: db).filter(\.$proposalID == proposal).sort(\.$createdAt).all()
        let names = try await MembershipQueries.names(of: comments.map(\.membershipID), on: db)
        return comments.map { Comment(author: names[$0.membershipID], body: $0.body, createdAt: $0.createdAt) }
    }

    /// How many members may vote on the proposal (frozen when voting opened), and how many have:
    /// a count of who has voted, never how.
    public static func turnout(of proposal: UUID, on db: any Database) async throws -> (voted: Int, eligible: Int) {
        let eligible = try await ProposalVoterRecord.query(on: db).filter(\.$proposalID == proposal).count()
        let voted = try await ProposalVoterRecord.query(on: db).filter(\.$proposalID == proposal).filter(\.$voted == true).count()
        return (voted, eligible)
    }

    /// The proposals among `proposals` on which the member may vote and has not yet.
    public static func awaitingVote(of membership: UUID, among proposals: [UUID], on db: any Database) async throws -> Set<UUID> {
        guard !proposals.isEmpty else { return [] }
        let rows = try await ProposalVoterRecord.query(on: db).filter(\.$membershipID == membership)
            .filter(\.$proposalID ~~ proposals).filter(\.$voted == false).all()
        return Set(rows.map(\.proposalID))
    }

    /// Whether the member may vote on the proposal (eligible when voting opened) and has voted:
    /// nil when not eligible.
    public static func hasVoted(proposal: UUID, membership: UUID, on db: any Database) async throws -> Bool? {
        try await voter(proposal: proposal, membership: membership, on: db)?.voted
    }

    /// The member's row among the proposal's voters; nil when not eligible.
    public static func voter(proposal: UUID, membership: UUID, on db: any Database) async throws -> ProposalVoterRecord? {
        try await ProposalVoterRecord.query(on: db).filter(\.$proposalID == proposal).filter(\.$membershipID == membership).first()
    }

    /// The rows of several members among the proposal's voters, by membership, in one query; a
    /// member who is not eligible has none.
    public static func voters(proposal: UUID, memberships: [UUID], on db: any Database) async throws -> [UUID: ProposalVoterRecord] {
        guard !memberships.isEmpty else { return [:] }
        let rows = try await ProposalVoterRecord.query(on: db).filter(\.$proposalID == proposal).filter(\.$membershipID ~~ memberships)
            .all()
        return Dictionary(rows.map { ($0.membershipID, $0) }, uniquingKeysWith: { first, _ in first })
    }
}

extension ProposalQueries {
    /// A candidate in a board election: name and statement, in the order they stood.
    public struct Candidate: Sendable, Equatable {
        /// The candidate's membership.
        public let membership: UUID
        /// Their name; nil when no longer known.
        public let name: String?
        /// Why they stand; empty when they wrote nothing.
        public let statement: String

        /// A candidate.
        public init(membership: UUID, name: String?, statement: String) {
            self.membership = membership
            self.name = name
            self.statement = statement
        }
    }

    /// The candidates of an election, in the order they stood, with their statements.
    public static func candidates(_ memberships: [UUID], in proposal: UUID, on db: any Database) async throws -> [Candidate] {
        guard !memberships.isEmpty else { return [] }
        let statements = try await CandidateStatementRecord.query(on: db).filter(\.$proposalID == proposal).all()
        let said = Dictionary(statements.map { ($0.membershipID, $0.statement) }, uniquingKeysWith: { a, _ in a })
        let names = try await MembershipQueries.names(of: memberships, on: db)
        return memberships.map { Candidate(membership: $0, name: names[$0], statement: said[$0] ?? "") }
    }

    /// Keeps a candidate's statement, in the caller's transaction.
    public static func saveStatement(_ statement: String, by membership: UUID, in proposal: UUID, on db: any Database, at now: Date)
        async throws
    {
        let r = CandidateStatementRecord()
        r.id = UUID()
        r.proposalID = proposal
        r.membershipID = membership
        r.statement = statement
        r.createdAt = now
        try await r.create(on: db)
    }
}
