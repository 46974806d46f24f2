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

    /// Refuses unless `membership` is a teller of the assembly, in the room (one who left cannot act).
    static func requireTeller(_ membership: UUID, at assembly: UUID, on db: any Database) async throws {
        guard try await tellers(of: assembly, on: db).contains(where: { $0.membershipID == membership }) else {
            throw CoopError.forbidden("Only the assembly's tellers hand out and enter paper ballots.")
        }
        try await roll(of: assembly, on: db).checkInRoom(membership)
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
        let itemID = try item.requireID()
        for m in carried {
            guard let row = try await ProposalQueries.voter(proposal: pid, membership: m, on: db), !row.voted else { continue }
            row.voted = true
            try await row.save(on: db)
            let paper = AssemblyPaperVoterRecord()
            paper.itemID = itemID
            paper.membershipID = m
            paper.holderID = member.membershipID
            paper.entered = false
            try await paper.create(on: db)
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
        let batch = try PaperBatch.parse(
            text, method: frozen.rules.method, options: frozen.options, maxScore: frozen.maxScore, secret: frozen.rules.secret)
        let pid = try p.requireID()
        // Checked on each entry, so the first teller learns of a mistyped code or number at once.
        let slips = try await unenteredSlips(batch.receipts, proposal: pid, number: number, on: db)
        let named = try await unenteredPaperVoters(batch.members, item: try item.requireID(), number: number, on: db)
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
            entry.ballots = try StoredJSON.encode(batch.entries)
            entry.spoilt = batch.spoilt
            entry.enteredAt = now
            try await entry.create(on: db)
            return .waiting(slips: batch.slips)
        }
        guard first.tellerID != teller else {
            throw CoopError.conflict("You entered this batch; a second teller counts it and enters it again.")
        }
        let earlier = try storedBatch(first)
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
        var ballots = BallotWriter()
        var audit = try await AuditWriter.begin(on: db)
        for slip in batch.entries {
            guard let b = slip.ballot else { continue }
            let voter = slip.member.flatMap { named[$0]?.membershipID }
            let sealed = ballots.add(
                proposal: pid, content: try StoredJSON.encode(b), receiptHash: slip.receipt.map(ReceiptCode.hash), voter: voter, at: now)
            audit.add(BallotSeal.castEvent(proposal: pid, commitment: sealed.commitment, voter: voter), at: now)
        }
        try await ballots.flush(on: db)
        for slip in slips.values {
            slip.entered = true
            try await slip.save(on: db)
        }
        for voter in named.values {
            voter.entered = true
            try await voter.save(on: db)
        }
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

    /// A first teller's stored entry, as a batch (an entry stored before receipts were a plain list
    /// of ballots).
    private static func storedBatch(_ entry: AssemblyPaperEntryRecord) throws -> PaperBatch {
        if let ballots = try? StoredJSON.decode([BallotContent].self, entry.ballots) {
            return PaperBatch(ballots: ballots, spoilt: entry.spoilt)
        }
        return PaperBatch(entries: try StoredJSON.decode([PaperBatch.Slip].self, entry.ballots))
    }

    /// The printed slips of proposal `pid` with these receipt codes, by code, each not yet entered;
    /// a refusal naming the first code that was not printed for it or is already entered.
    private static func unenteredSlips(_ codes: [String], proposal pid: UUID, number: Int, on db: any Database) async throws
        -> [String: AssemblyPaperSlipRecord]
    {
        guard !codes.isEmpty else { return [:] }
        let byHash = Dictionary(codes.map { (ReceiptCode.hash($0), $0) }, uniquingKeysWith: { a, _ in a })
        var found: [String: AssemblyPaperSlipRecord] = [:]
        for chunk in Array(byHash.keys).chunked(by: 500) {
            for row in try await AssemblyPaperSlipRecord.query(on: db).filter(\.$proposalID == pid).filter(\.$codeHash ~~ Array(chunk))
                .all()
            {
                if !row.entered, let code = byHash[row.codeHash] { found[code] = row }
            }
        }
        if let missing = codes.first(where: { found[$0] == nil }) {
            throw CoopError.conflict(
                Words(
                    "No slip printed for proposal #%1$s has the receipt code %2$s still to be entered: check the code against the slip.",
                    .text("\(number)"), .text(missing)))
        }
        return found
    }

    /// The members handed paper ballots on the item whose numbers an open item's slips name, by
    /// number, each not yet entered; a refusal naming the first who was not, or is already entered.
    private static func unenteredPaperVoters(_ numbers: [Int], item: UUID, number: Int, on db: any Database) async throws
        -> [Int: AssemblyPaperVoterRecord]
    {
        guard !numbers.isEmpty else { return [:] }
        var byMembership: [UUID: Int] = [:]
        for chunk in numbers.chunked(by: 500) {
            for m in try await MembershipRecord.query(on: db).filter(\.$memberNumber ~~ Array(chunk).map { Optional($0) }).all() {
                if let id = m.id, let n = m.memberNumber { byMembership[id] = n }
            }
        }
        var found: [Int: AssemblyPaperVoterRecord] = [:]
        for chunk in Array(byMembership.keys).chunked(by: 500) {
            for row in try await AssemblyPaperVoterRecord.query(on: db).filter(\.$itemID == item).filter(\.$membershipID ~~ Array(chunk))
                .all()
            where !row.entered {
                if let n = byMembership[row.membershipID] { found[n] = row }
            }
        }
        if let missing = numbers.first(where: { found[$0] == nil }) {
            throw CoopError.conflict(
                Words(
                    "Member #%1$s was not handed a paper ballot on proposal #%2$s, or their slip is already entered.",
                    .text("\(missing)"), .text("\(number)")))
        }
        return found
    }

    /// The most slips printed for one proposal at a time, and in all.
    public static let slipsPerPrint = 500
    /// The most slips printed for one proposal in all.
    public static let slipsPerProposal = 5_000

    /// Prints `count` paper ballot slips for proposal `number` of the agenda: for a secret item each
    /// with a new receipt code, returned once and kept only as its hash; an open item's slips carry
    /// no code (the voter writes their member number). A steward or a teller prints them, before
    /// the meeting or during it, until the item's vote closes.
    public static func printSlips(
        number: Int, count: Int, secret: Bool, at a: AssemblyRecord, by membership: UUID, steward: Bool, on db: any Database,
        at now: Date
    ) async throws -> (ProposalRecord, [String]) {
        guard a.status != .closed else { throw CoopError.conflict("This assembly is over; its ballots are no longer printed.") }
        let id = try a.requireID()
        if !steward { try await requireTeller(membership, at: id, on: db) }
        guard count >= 1, count <= slipsPerPrint else {
            throw CoopError.invalid(Words("Print 1 to %d slips at a time.", .number(Int64(slipsPerPrint))))
        }
        guard let p = try await ProposalQueries.proposal(number: number, on: db), p.assemblyID == id || p.status == .voting,
            let pid = p.id
        else { throw CoopError.notFound(Words("Proposal #%s is not on this assembly's agenda.", .text("\(number)"))) }
        if let item = try await item(proposal: pid, at: id, on: db) {
            guard item.closedAt == nil, p.status == .voting else {
                throw CoopError.conflict(Words("Voting on proposal #%s is closed.", .text("\(number)")))
            }
        } else {
            guard p.assemblyID == id, p.status == .discussion else {
                throw CoopError.notFound(Words("Proposal #%s is not on this assembly's agenda.", .text("\(number)")))
            }
        }
        var codes: [String] = []
        if secret {
            let printed = try await AssemblyPaperSlipRecord.query(on: db).filter(\.$proposalID == pid).all().map(\.codeHash)
            guard printed.count + count <= slipsPerProposal else {
                throw CoopError.conflict(
                    Words(
                        "Proposal #%1$s already has %2$d slips printed; at most %3$d are printed for one proposal.", .text("\(number)"),
                        .number(Int64(printed.count)), .number(Int64(slipsPerProposal))))
            }
            var taken = Set(printed)
            while codes.count < count {
                let code = PaperCode.new()
                guard taken.insert(ReceiptCode.hash(code)).inserted else { continue }
                codes.append(code)
                let slip = AssemblyPaperSlipRecord()
                slip.assemblyID = id
                slip.proposalID = pid
                slip.codeHash = ReceiptCode.hash(code)
                slip.entered = false
                try await slip.create(on: db)
            }
        }
        try await AuditLog.append(
            AuditEvent(
                kind: "assembly.slips_printed",
                [
                    "assembly": .string(id.uuidString), "proposal": .string(pid.uuidString), "slips": .int(Int64(count)),
                    "receipts": .bool(secret), "by": .string(membership.uuidString),
                ]),
            on: db, at: now)
        return (p, codes)
    }

    /// Whether `ballot` of proposal `pid` was cast on paper at an assembly: its receipt code was
    /// printed on a slip, or (an open item) it was entered from its member's slip. A paper ballot
    /// is not changed online: the tellers who typed it must not be able to, and neither may the
    /// member, who chose paper.
    public static func castOnPaper(_ ballot: BallotRecord, proposal pid: UUID, on db: any Database) async throws -> Bool {
        if let hash = ballot.receiptHash {
            return try await AssemblyPaperSlipRecord.query(on: db).filter(\.$proposalID == pid).filter(\.$codeHash == hash).first()
                != nil
        }
        guard let voter = ballot.voterID else { return false }
        let items = try await AssemblyItemRecord.query(on: db).filter(\.$proposalID == pid).all().compactMap(\.id)
        guard !items.isEmpty else { return false }
        return try await AssemblyPaperVoterRecord.query(on: db).filter(\.$itemID ~~ items).filter(\.$membershipID == voter)
            .filter(\.$entered == true).first() != nil
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
            throw CoopError.conflict(Words("Only an assembly in session can be closed; this one is %s.", .notice(a.status.words)))
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
