import CoopCore
import CoopStore
import FluentKit
import Foundation
import Vapor

extension Governance {
    /// Carries out a passed proposal after its timelock, in the caller's transaction: the policy's
    /// new value, the new bylaws version, the admission, the seated board, or the ledger
    /// transaction. Idempotent: only a `passed` proposal whose timelock is over is enacted.
    static func enact(_ p: ProposalRecord, bylaws: Bylaws, on db: any Database, at now: Date) async throws {
        guard
            p.status.dueStep(
                opensAt: p.votingOpensAt, closesAt: p.votingClosesAt, enactAfter: p.enactAfter, at: now) == .enact
        else { return }
        let payload = try decode(ProposalPayload.self, p.payload)
        let id = try p.requireID()
        var note = ""
        // All or nothing: the enactment's writes go in a savepoint, undone whole if any step fails
        // (on PostgreSQL a failed statement would otherwise spoil the whole transaction, and the
        // step would be retried for ever; on SQLite its first writes would commit).
        let failure = try await Savepoint.run("coop_enact", on: db) {
            switch payload {
            case .policyChange(let key, let value):
                // Checked again: the bounds may have changed since it was drafted.
                guard let def = bylaws.policy(key) else { throw CoopError.invalid("the policy \(key) no longer exists") }
                let parsed = try def.parse(value, currency: bylaws.currency)
                if let reason = def.check(parsed) { throw CoopError.invalid("\(value) is no longer allowed: \(reason)") }
                try await PolicyStore.change(key, to: parsed, proposal: id, source: "proposal #\(p.number)", on: db, at: now)
                note = "\(key) set to \(def.format(parsed, currency: bylaws.currency))"
            case .general:
                note = "decided (no change to the platform)"
            case .admission(let mid):
                guard let uuid = UUID(uuidString: mid), let m = try await MembershipQueries.membership(id: uuid, on: db),
                    m.status == .awaitingVote
                else { throw CoopError.invalid("the application no longer waits for a vote") }
                try await MembershipService.admit(m, reason: "member vote, proposal #\(p.number)", on: db, at: now)
                note = "admitted as member #\(m.memberNumber ?? 0)"
            case .budget(let amount, let payee, let memo):
                let tx = try LedgerTransaction.transfer(
                    kind: "budget", memo: "\(memo) (proposal #\(p.number), to \(payee))",
                    amount: Money(minorUnits: amount, currency: bylaws.currency), debit: Account(code: "coop:expense:budget"),
                    credit: Account(code: "coop:payable:budget"))
                try await LedgerStore.post(tx, on: db, at: now)
                note = "\(Money(minorUnits: amount, currency: bylaws.currency)) owed to \(payee)"
            case .surplusAllocation(let number):
                note = try await FiscalPeriods.post(number, proposal: p.number, bylaws: bylaws, on: db, at: now)
            case .bylawAmendment(let text):
                // Validated again: the bylaws format could have changed since it was drafted.
                _ = try BylawsFile.parse(text)
                let version = try await BylawsStore.adopt(text, source: "proposal #\(p.number)", on: db, at: now)
                note = "bylaws version \(version) adopted"
            case .election:
                let outcome = try decode(ProposalOutcome.self, p.outcome ?? "")
                let frozen = try frozenRules(p)
                let payloadCandidates: [String]
                if case .election(_, let c) = payload { payloadCandidates = c } else { payloadCandidates = [] }
                let standing = try await candidates(payloadCandidates, on: db)
                try await BoardStore.endTerms(on: db, at: now)
                for winner in outcome.result.winners {
                    guard let winner = standing.first(where: { $0.label == winner }) else { continue }
                    try await BoardStore.seat(
                        membership: winner.membership, proposal: id, termEndsAt: bylaws.board.termEnd(seatedAt: now), on: db, at: now)
                }
                note = "board seated: \(outcome.result.winners.prefix(frozen.seats).joined(separator: ", "))"
            }
        }
        if let failure {
            p.status = .notEnacted
            note = plainDescription(failure)
        } else {
            p.status = .enacted
        }
        p.enactedAt = now
        p.enactmentNote = note
        try await ProposalCommands.save(p, on: db)
        try await AuditLog.append(
            AuditEvent(
                kind: p.status == .enacted ? "proposal.enacted" : "proposal.not_enacted",
                ["proposal": .string(id.uuidString), "note": .string(note)]), on: db, at: now)
    }

    /// Moves every proposal whose time has come: opens, closes and enacts. Each proposal moves in
    /// its own serialized transaction that re-reads it, so running this from several processes at
    /// once does each step exactly once.
    static func advance(app: Application) async throws {
        let now = app.coop.config.now()
        let due = try await ProposalQueries.scheduled(on: app.db).filter { step(of: $0, at: now) != nil }
        var moved = false
        for stale in due {
            let id = try stale.requireID()
            if let until = app.coop.stuck.withLock({ $0[id]?.until }), until > now { continue }
            // One proposal that cannot move (its kind's rules gone after an amendment, say) is
            // logged and skipped, so it does not hold up the others.
            do {
                moved =
                    try await app.coop.write(on: app.db) { db in
                        guard let p = try await ProposalQueries.proposal(id: id, on: db) else { return false }
                        guard let bylaws = try await app.coop.bylaws(on: db) else { return false }
                        let before = p.status
                        // Acted on only if the step is still due now: another process may have
                        // opened it since the list was read, and a vote just opened is not due to close.
                        switch step(of: p, at: now) {
                        case .open: try await open(p, bylaws: bylaws, on: db, at: now)
                        case .close: try await close(p, bylaws: bylaws, on: db, at: now)
                        case .enact: try await enact(p, bylaws: bylaws, on: db, at: now)
                        case nil: return false
                        }
                        return p.status != before
                    } || moved
                app.coop.stuck.withLock { $0[id] = nil }
            } catch {
                // Not retried in a hot loop: each failure doubles the wait before the next try (to an hour).
                let wait = app.coop.stuck.withLock { stuck in
                    let next = min((stuck[id]?.wait ?? 2.5) * 2, 3600)
                    stuck[id] = (now.addingTimeInterval(next), next)
                    return next
                }
                app.logger.error(
                    "proposal could not move", metadata: ["proposal": "\(stale.number)", "error": "\(error)", "retry_in_s": "\(Int(wait))"])
            }
        }
        // A step can make the next one due at once (a zero timelock): go round while anything moves.
        if moved { try await advance(app: app) }
    }

    /// The step due now for a proposal, by its clock (``ProposalStatus/dueStep(opensAt:closesAt:enactAfter:at:)``).
    static func step(of p: ProposalRecord, at now: Date) -> ProposalStep? {
        // A proposal on an assembly's agenda opens when the meeting opens it, not by the clock.
        if p.status == .discussion, p.assemblyID != nil { return nil }
        return p.status.dueStep(opensAt: p.votingOpensAt, closesAt: p.votingClosesAt, enactAfter: p.enactAfter, at: now)
    }
}
