import CoopCore
import FluentKit
import Foundation

/// Writing proposals, their discussion and their voters, in the caller's transaction.
public enum ProposalCommands {
    /// Stores a new proposal.
    public static func create(_ p: ProposalRecord, on db: any Database) async throws {
        try await p.create(on: db)
    }

    /// Stores a proposal's changes (status, payload, rules, outcome...).
    public static func save(_ p: ProposalRecord, on db: any Database) async throws {
        try await p.save(on: db)
    }

    /// Adds a member's comment to a proposal's discussion.
    public static func comment(proposal: UUID, membership: UUID, body: String, on db: any Database, at date: Date) async throws {
        let c = ProposalCommentRecord()
        c.proposalID = proposal
        c.membershipID = membership
        c.body = body
        c.createdAt = date
        try await c.create(on: db)
    }

    /// Records the members eligible to vote on a proposal (those admitted when voting opens), none voted yet.
    public static func enrol(voters: [UUID], proposal: UUID, on db: any Database) async throws {
        for m in voters {
            let v = ProposalVoterRecord()
            v.proposalID = proposal
            v.membershipID = m
            v.voted = false
            try await v.create(on: db)
        }
    }
}

/// Running a step's writes all or nothing inside the caller's transaction.
public enum Savepoint {
    /// Runs `body` in a savepoint named `name`: its writes are kept if it returns, undone whole if
    /// it throws (on PostgreSQL a failed statement would otherwise spoil the whole transaction).
    /// The error `body` threw, if any; errors of the savepoint statements themselves are thrown.
    public static func run(
        _ name: String, on db: any Database, _ body: () async throws -> Void
    ) async throws -> (any Error)? {
        let sql = try db.sql()
        try await sql.raw("SAVEPOINT \(unsafeRaw: name)").run()
        do {
            try await body()
            try await sql.raw("RELEASE SAVEPOINT \(unsafeRaw: name)").run()
            return nil
        } catch {
            try await sql.raw("ROLLBACK TO SAVEPOINT \(unsafeRaw: name)").run()
            try await sql.raw("RELEASE SAVEPOINT \(unsafeRaw: name)").run()
            return error
        }
    }
}

extension ProposalCommands {
    /// Puts fiscal period `number`'s allocation to the members by `proposal`: the period waits for its vote.
    public static func putAllocationToVote(period number: Int, proposal: UUID, on db: any Database) async throws {
        let period = try await FiscalPeriodStore.period(number, on: db)
        period.proposalID = proposal
        period.status = .proposed
        try await period.save(on: db)
    }
}
