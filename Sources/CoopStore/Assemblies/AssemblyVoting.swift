import CoopCore
import FluentKit
import Foundation

/// Voting in the meeting: tellers, paper ballots handed out and entered by two tellers, closing an
/// item and closing the assembly. Every command runs inside the caller's write transaction.
///
/// The three channels meet in `proposal_voters`: a member who takes a paper ballot is marked as
/// having voted on the item (so they cannot also vote online), and a member who voted online is
/// refused a paper ballot. Paper ballots enter the same ballot box, sealed and committed to the
/// audit chain as online ballots are, and the same count reads them all.
extension AssemblyStore {
    /// The item opened for `proposal` at `assembly`, if any.
    public static func item(proposal: UUID, at assembly: UUID, on db: any Database) async throws -> AssemblyItemRecord? {
        try await AssemblyItemRecord.query(on: db).filter(\.$assemblyID == assembly).filter(\.$proposalID == proposal).first()
    }

    /// The open item of the assembly for proposal `number`, or a plain-words refusal.
    public static func votingItem(number: Int, at a: AssemblyRecord, on db: any Database) async throws -> (
        AssemblyItemRecord, ProposalRecord
    ) {
        guard a.status == .open else { throw CoopError.conflict("Ballots are taken while the assembly is in session.") }
        guard let p = try await ProposalQueries.proposal(number: number, on: db), let pid = p.id,
            let item = try await item(proposal: pid, at: try a.requireID(), on: db)
        else { throw CoopError.notFound(Words("Proposal #%s has not been opened for voting at this assembly.", .text("\(number)"))) }
        guard item.closedAt == nil, p.status == .voting else {
            throw CoopError.conflict(Words("Voting on proposal #%s is closed.", .text("\(number)")))
        }
        return (item, p)
    }

    /// The tellers of an assembly.
    public static func tellers(of assembly: UUID, on db: any Database) async throws -> [AssemblyTellerRecord] {
        try await AssemblyTellerRecord.query(on: db).filter(\.$assemblyID == assembly).all()
    }

    /// Appoints a member present in person as a teller.
    public static func appointTeller(_ membership: UUID, at a: AssemblyRecord, by user: UUID, on db: any Database, at now: Date)
        async throws
    {
        guard a.status == .open else { throw CoopError.conflict("Tellers are appointed once the assembly is in session.") }
        let id = try a.requireID()
        guard let row = try await called(membership, to: id, on: db), row.presence == .inPerson else {
            throw CoopError.conflict("A teller is a member checked in in the room.")
        }
        guard try await !tellers(of: id, on: db).contains(where: { $0.membershipID == membership }) else {
            throw CoopError.conflict("That member is already a teller.")
        }
        let t = AssemblyTellerRecord()
        t.assemblyID = id
        t.membershipID = membership
        t.appointedBy = user
        t.appointedAt = now
        try await t.create(on: db)
        try await AuditLog.append(
            AuditEvent(
                kind: "assembly.teller_appointed",
                ["assembly": .string(id.uuidString), "membership": .string(membership.uuidString), "by": .string(user.uuidString)]),
            on: db, at: now)
    }

    /// Refuses unless `membership` is a teller of the assembly.
    static func requireTeller(_ membership: UUID, at assembly: UUID, on db: any Database) async throws {
        guard try await tellers(of: assembly, on: db).contains(where: { $0.membershipID == membership }) else {
            throw CoopError.forbidden("Only the assembly's tellers hand out and enter paper ballots.")
        }
    }

    /// Hands paper ballots on proposal `number` to the member whose check-in code this is: one for
    /// their own vote and one for each member whose proxy they hold and who has not voted. Each is
    /// marked as having voted, so none of them can vote online on the item. Returns how many.
    public static func issuePaper(
        number: Int, toCode code: String, at a: AssemblyRecord, by teller: UUID, on db: any Database, at now: Date
    ) async throws -> Int {
        let (item, p) = try await votingItem(number: number, at: a, on: db)
        let id = try a.requireID()
        try await requireTeller(teller, at: id, on: db)
        guard let member = try await member(withCode: code, at: id, on: db) else {
            throw CoopError.notFound("No member of this assembly has that code. Check it and type it again.")
        }
        guard member.presence == .inPerson else {
            throw CoopError.conflict("Paper ballots are for members checked in in the room; check the member in first.")
        }
        let voters = Set(try StoredJSON.decode([String].self, item.voters).compactMap(UUID.init(uuidString:)))
        let givers = try await proxies(of: id, on: db).filter { $0.holderID == member.membershipID }.map(\.giverID)
        let carried = ([member.membershipID] + givers).filter { voters.contains($0) }
        let pid = try p.requireID()
        var issued: [UUID] = []
        for m in carried {
            guard let row = try await ProposalQueries.voter(proposal: pid, membership: m, on: db), !row.voted else { continue }
            row.voted = true
            try await row.save(on: db)
            issued.append(m)
        }
        guard !issued.isEmpty else {
            throw CoopError.conflict(
                carried.isEmpty
                    ? Words("This member had no vote when proposal #%s was opened.", .text("\(number)"))
                    : Words("Every vote this member carries on proposal #%s has already been cast, online or on paper.", .text("\(number)"))
            )
        }
        item.paperIssued += issued.count
        try await item.save(on: db)
        try await AuditLog.append(
            AuditEvent(
                kind: "assembly.paper_issued",
                [
                    "assembly": .string(id.uuidString), "proposal": .string(pid.uuidString),
                    "holder": .string(member.membershipID.uuidString), "for": .array(issued.map { .string($0.uuidString) }),
                    "by": .string(teller.uuidString),
                ]),
            on: db, at: now)
        return issued.count
    }

    /// What a teller's entry of a batch came to.
    public enum BatchEntry: Sendable, Equatable {
        /// The first entry: it waits for a second teller's.
        case waiting(slips: Int)
        /// Two tellers agreed: the ballots are in the box.
        case counted(ballots: Int, spoilt: Int)
        /// The two entries differ (each in words): both are discarded, the disagreement is on the
        /// audit chain, and the batch must be counted again.
        case disagreed(first: String, second: String)
    }

    /// A teller's entry of a batch of paper ballots. The first entry waits; a second teller's that
    /// agrees puts the ballots in the box; one that differs discards both, and the batch is counted
    /// again. The slips entered never exceed the paper ballots issued.
    public static func enterBatch(
        number: Int, text: String, at a: AssemblyRecord, by teller: UUID, on db: any Database, at now: Date
    ) async throws -> BatchEntry {
        let (item, p) = try await votingItem(number: number, at: a, on: db)
        let id = try a.requireID()
        try await requireTeller(teller, at: id, on: db)
        guard let rules = p.rules else { throw CoopError.conflict(Words("Voting has not opened on proposal #%s.", .text("\(number)"))) }
        let frozen = try StoredJSON.decode(FrozenRules.self, rules)
        let batch = try PaperBatch.parse(text, method: frozen.rules.method, options: frozen.options, maxScore: frozen.maxScore)
        let unentered = item.paperIssued - item.paperCounted - item.paperSpoilt
        guard batch.slips <= unentered else {
            throw CoopError.conflict(
                Words(
                    "This batch has %1$d slips, but only %2$d of the paper ballots handed out on proposal #%3$s are still to be entered.",
                    .number(Int64(batch.slips)), .number(Int64(unentered)), .text("\(number)"))
            )
        }
        let itemID = try item.requireID()
        guard let first = try await AssemblyPaperEntryRecord.query(on: db).filter(\.$itemID == itemID).first() else {
            let entry = AssemblyPaperEntryRecord()
            entry.itemID = itemID
            entry.tellerID = teller
            entry.ballots = try StoredJSON.encode(batch.ballots)
            entry.spoilt = batch.spoilt
            entry.enteredAt = now
            try await entry.create(on: db)
            return .waiting(slips: batch.slips)
        }
        guard first.tellerID != teller else {
            throw CoopError.conflict("You entered this batch; a second teller counts it and enters it again.")
        }
        let earlier = PaperBatch(ballots: try StoredJSON.decode([BallotContent].self, first.ballots), spoilt: first.spoilt)
        try await first.delete(on: db)
        guard earlier.agrees(with: batch) else {
            // Not thrown: the discarded entry and the record of the disagreement must be kept.
            try await AuditLog.append(
                AuditEvent(
                    kind: "assembly.paper_disagreed",
                    [
                        "assembly": .string(id.uuidString), "proposal": .string(try p.requireID().uuidString),
                        "first": .string(earlier.summary), "second": .string(batch.summary),
                        "tellers": .array([.string(first.tellerID.uuidString), .string(teller.uuidString)]),
                    ]),
                on: db, at: now)
            return .disagreed(first: earlier.summary, second: batch.summary)
        }
        let pid = try p.requireID()
        var ballots = BallotWriter()
        var audit = try await AuditWriter.begin(on: db)
        for b in batch.ballots {
            let sealed = ballots.add(proposal: pid, content: try StoredJSON.encode(b), receiptHash: nil, voter: nil, at: now)
            audit.add(BallotSeal.castEvent(proposal: pid, commitment: sealed.commitment, voter: nil), at: now)
        }
        try await ballots.flush(on: db)
        audit.add(
            AuditEvent(
                kind: "assembly.paper_counted",
                [
                    "assembly": .string(id.uuidString), "proposal": .string(pid.uuidString), "ballots": .int(Int64(batch.ballots.count)),
                    "spoilt": .int(Int64(batch.spoilt)), "summary": .string(batch.summary),
                    "tellers": .array([.string(first.tellerID.uuidString), .string(teller.uuidString)]),
                ]), at: now)
        try await audit.flush(on: db)
        item.paperCounted += batch.ballots.count
        item.paperSpoilt += batch.spoilt
        try await item.save(on: db)
        return .counted(ballots: batch.ballots.count, spoilt: batch.spoilt)
    }

    /// Ends voting on an item, before the proposal is counted: every paper ballot handed out must
    /// have been entered. The caller counts the proposal in the same transaction.
    public static func closeItem(number: Int, at a: AssemblyRecord, by user: UUID, on db: any Database, at now: Date) async throws
        -> ProposalRecord
    {
        let (item, p) = try await votingItem(number: number, at: a, on: db)
        let itemID = try item.requireID()
        if try await AssemblyPaperEntryRecord.query(on: db).filter(\.$itemID == itemID).first() != nil {
            throw CoopError.conflict("A batch of paper ballots waits for a second teller's count; enter it before closing.")
        }
        let unentered = item.paperIssued - item.paperCounted - item.paperSpoilt
        guard unentered == 0 else {
            throw CoopError.conflict(
                Words(
                    "%1$d paper ballots handed out on proposal #%2$s have not been entered; the tellers enter them (as spoilt if unreadable) before the vote closes.",
                    .number(Int64(unentered)), .text("\(number)"))
            )
        }
        item.closedAt = now
        try await item.save(on: db)
        p.votingClosesAt = now
        try await ProposalCommands.save(p, on: db)
        try await AuditLog.append(
            AuditEvent(
                kind: "assembly.item_closed",
                [
                    "assembly": .string(try a.requireID().uuidString), "proposal": .string(try p.requireID().uuidString),
                    "paper": .int(Int64(item.paperCounted)), "spoilt": .int(Int64(item.paperSpoilt)), "by": .string(user.uuidString),
                ]),
            on: db, at: now)
        return p
    }

    /// Closes an assembly once every item opened is closed. Agenda proposals the meeting did not
    /// vote on go back to their online schedule: voting opens now, for as long as it would have.
    public static func close(_ a: AssemblyRecord, by user: UUID, on db: any Database, at now: Date) async throws {
        guard a.status == .open else {
            throw CoopError.conflict(Words("Only an assembly in session can be closed; this one is %s.", .text("\(a.status.rawValue)")))
        }
        let id = try a.requireID()
        let items = try await items(of: id, on: db)
        if items.values.contains(where: { $0.closedAt == nil }) {
            throw CoopError.conflict("Close the vote on every item opened before closing the assembly.")
        }
        var returned: [ProposalRecord] = []
        for p in try await agenda(of: id, on: db) where p.assemblyID == id {
            p.assemblyID = nil
            if p.status == .discussion, p.votingOpensAt < now {
                let length = max(p.votingClosesAt.timeIntervalSince(p.votingOpensAt), 86_400)
                p.votingOpensAt = now
                p.votingClosesAt = now.addingTimeInterval(length)
            }
            try await ProposalCommands.save(p, on: db)
            returned.append(p)
        }
        a.status = .closed
        a.closedAt = now
        try await a.save(on: db)
        try await AuditLog.append(
            AuditEvent(
                kind: "assembly.closed",
                [
                    "assembly": .string(id.uuidString), "by": .string(user.uuidString),
                    "returned_online": .array(returned.map { .string($0.id?.uuidString ?? "") }),
                ]),
            on: db, at: now)
    }
}
