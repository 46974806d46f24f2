import CoopCore
import CoopStore
import FluentKit
import Foundation
import Vapor

extension Governance {
    /// What a voter is given back: the receipt code (secret ballots) that finds and changes the ballot.
    struct Receipt: Content {
        let receipt: String?
        let proposal: Int
    }

    static func frozenRules(_ p: ProposalRecord) throws -> FrozenRules {
        guard let rules = p.rules else { throw CoopError.conflict(t("Voting has not opened on this proposal.")) }
        return try decode(FrozenRules.self, rules)
    }

    /// The frozen rules of a proposal open for voting, once the ballot is checked against them.
    private static func openRules(for content: BallotContent, on p: ProposalRecord, at now: Date, closed: String) throws
        -> FrozenRules
    {
        let frozen = try frozenRules(p)
        try checkOpen(content, status: p.status, closesAt: p.votingClosesAt, frozen: frozen, at: now, closed: closed)
        return frozen
    }

    /// Refuses a ballot unless the proposal is open for voting and the ballot fits its frozen rules.
    static func checkOpen(
        _ content: BallotContent, status: ProposalStatus, closesAt: Date, frozen: FrozenRules, at now: Date, closed: String
    )
        throws
    {
        guard status == .voting, now < closesAt else { throw CoopError.conflict(closed) }
        if let problem = content.problemWords(method: frozen.rules.method, options: frozen.options, maxScore: frozen.maxScore) {
            throw CoopError.invalid(Words("This ballot is not valid: %s.", .notice(problem)))
        }
    }

    /// Replaces a ballot before close. Secret: found by its receipt code, which only the voter has;
    /// open: the member's own current ballot. The old ballot stays as it was, superseded.
    static func change(
        _ content: BallotContent, receipt: String?, by member: MembershipRecord, on p: ProposalRecord, db: any Database,
        at now: Date
    ) async throws -> Receipt {
        let frozen = try openRules(
            for: content, on: p, at: now, closed: "Voting on proposal #\(p.number) is closed; ballots can no longer change.")
        let current = try await currentBallots(p, on: db)
        let old: BallotRecord?
        if frozen.rules.secret {
            guard let receipt, !receipt.isEmpty else { throw CoopError.invalid(t("Give the receipt code of the ballot to change.")) }
            let hash = ReceiptCode.hash(receipt)
            old = current.first { $0.receiptHash == hash }
        } else {
            let me = try member.requireID()
            old = current.first { $0.voterID == me }
        }
        guard let old else {
            throw Abort(.notFound, reason: t("No current ballot on proposal #%s has that receipt code.", String(p.number)))
        }
        if try await AssemblyStore.castOnPaper(old, proposal: try p.requireID(), on: db) {
            throw CoopError.conflict(
                Words("This ballot was cast on paper at the general assembly; a paper ballot cannot be changed online."))
        }
        let code = frozen.rules.secret ? ReceiptCode.new() : nil
        let proposalID = try p.requireID()
        let sealed = try await store(
            content, proposal: p, receipt: code, voter: old.voterID, supersedes: try old.requireID(), on: db, at: now)
        // The entry names the replaced ballot by its commitment, which only the stored rows can open.
        let replaces = BallotCommitment.commit(
            proposal: proposalID.uuidString, nonce: old.nonce ?? "", receiptHash: old.receiptHash, content: old.content)
        var payload: [String: CanonicalValue] = [
            "proposal": .string(proposalID.uuidString), "commitment": .string(sealed.commitment), "replaces": .string(replaces),
        ]
        if !frozen.rules.secret, let voter = old.voterID { payload["voter"] = .string(voter.uuidString) }
        try await AuditLog.append(AuditEvent(kind: "ballot.changed", payload), on: db, at: now)
        return Receipt(receipt: code, proposal: p.number)
    }

    private static func store(
        _ content: BallotContent, proposal p: ProposalRecord, receipt: String?, voter: UUID?, supersedes: UUID?,
        on db: any Database, at now: Date
    ) async throws -> BallotSeal.Sealed {
        var writer = BallotWriter()
        let sealed = writer.add(
            proposal: try p.requireID(), content: try json(content), receiptHash: receipt.map(ReceiptCode.hash), voter: voter,
            supersedes: supersedes, at: now)
        try await writer.flush(on: db)
        return sealed
    }

    /// The ballots that count: every ballot no later ballot supersedes.
    static func currentBallots(_ p: ProposalRecord, on db: any Database) async throws -> [BallotRecord] {
        try await ProposalQueries.currentBallots(of: p.requireID(), on: db)
    }

    /// Closes a vote whose ballots could not be counted: it fails, with the reason. The proposal's
    /// note and the audit entry keep the reason in English; each member's notice is written in
    /// their language.
    static func closeUncounted(_ p: ProposalRecord, reason: Words, on db: any Database, at now: Date) async throws {
        p.closedAt = now
        p.status = .failed
        p.enactmentNote =
            "The ballots could not be counted: \(reason.english). Nothing was enacted; a steward may put the question again."
        try await ProposalCommands.save(p, on: db)
        try await AuditLog.append(
            AuditEvent(
                kind: "proposal.count_failed", ["proposal": .string(try p.requireID().uuidString), "reason": .string(reason.english)]),
            on: db, at: now)
        try await Notices.result(
            p, summary: NoticeText("it could not be counted (%s); nothing was enacted", .notice(reason)), on: db, at: now)
    }

    /// Closes voting and counts, with the same code `coop tally` uses. Idempotent.
    static func close(_ p: ProposalRecord, bylaws: Bylaws, on db: any Database, at now: Date) async throws {
        // Never before its time, whoever calls: a vote is counted once its period is over.
        guard p.status == .voting, p.votingClosesAt <= now else { return }
        let frozen = try frozenRules(p)
        let sql = try db.sql()
        let id = try p.requireID()
        // The box is counted only if it is the one the chain committed to, ballot by ballot.
        let rows = try await BallotSeal.rows(of: id, on: sql)
        if let problem = BallotSeal.check(rows, against: try await BallotSeal.committed(to: id, on: sql), proposal: id) {
            try await closeUncounted(
                p, reason: Words("the ballot box does not match the audit chain: %s", .notice(problem)), on: db, at: now)
            return
        }
        let outcome: ProposalOutcome
        do {
            let ballots = try BallotSeal.current(rows).map { try decode(BallotContent.self, $0.content) }
            outcome = try countProposal(ballots, rules: frozen)
        } catch let error as TallyError {
            // The vote closes all the same, with the reason on the record for stewards to see:
            // a count that cannot be made must not hold up the scheduler or be retried for ever.
            try await closeUncounted(p, reason: error.words, on: db, at: now)
            return
        }
        p.outcome = try json(outcome)
        p.closedAt = now
        p.status = outcome.passed ? .passed : .failed
        if outcome.passed { p.enactAfter = now.addingTimeInterval(Double(frozen.rules.timelockHours) * 3600) }
        try await ProposalCommands.save(p, on: db)
        try await AuditLog.append(
            AuditEvent(
                kind: "proposal.closed",
                [
                    "proposal": .string(try p.requireID().uuidString), "passed": .bool(outcome.passed),
                    "winners": .array(outcome.result.winners.map { .string($0) }), "ballots": .int(outcome.participation),
                    "eligible": .int(outcome.eligible), "quorum_met": .bool(outcome.quorumMet),
                    "box": .string(BallotSeal.boxDigest(rows)),
                ]), on: db, at: now)
        try await BallotSeal.unlink(rows, proposal: id, closedAt: now, on: db)
        try await Notices.result(p, summary: outcome.summary, on: db, at: now)
        guard !outcome.passed else { return }
        let payload = try decode(ProposalPayload.self, p.payload)
        // An allocation the members voted down waits for a new vote.
        if case .surplusAllocation(let number) = payload { try await FiscalPeriods.rejected(number, on: db) }
        // An applicant the members voted down is rejected at once, with the shares paid owed back.
        if case .admission(let mid) = payload, let uuid = UUID(uuidString: mid),
            let m = try await MembershipQueries.membership(id: uuid, on: db), m.status == .awaitingVote
        {
            try await MembershipService.refuseByVote(m, proposal: p.number, bylaws: bylaws, on: db, at: now)
        }
    }
}
