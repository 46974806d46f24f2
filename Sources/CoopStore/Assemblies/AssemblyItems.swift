import CoopCore
import FluentKit
import Foundation

extension AssemblyStore {
    /// Opens a proposal of the agenda for voting: the attendance and who may vote are frozen now,
    /// with whether they reach `quorum` (the bylaws' quorum for the proposal's kind), and put on
    /// the audit chain. Later arrivals and proxies do not change an opened item. A meeting that is
    /// not quorate, or a proposal already put to the members, is refused. The caller opens the
    /// proposal's vote in the same transaction.
    public static func openItem(
        proposal number: Int, at a: AssemblyRecord, quorum: Fraction, by user: UUID, on db: any Database, at now: Date
    ) async throws -> AssemblyItemRecord {
        guard a.status == .open else { throw CoopError.conflict("Items open for voting once the assembly is in session.") }
        let id = try a.requireID()
        guard let p = try await agenda(of: id, on: db).first(where: { $0.number == number }) else {
            throw CoopError.notFound(Words("Proposal #%s is not on this assembly's agenda.", .text("\(number)")))
        }
        let pid = try p.requireID()
        if try await AssemblyItemRecord.query(on: db).filter(\.$assemblyID == id).filter(\.$proposalID == pid).first() != nil {
            throw CoopError.conflict(Words("Proposal #%s has already been opened for voting at this assembly.", .text("\(number)")))
        }
        guard p.status == .discussion, p.assemblyID == id else {
            throw CoopError.conflict(
                Words(
                    "Proposal #%1$s is no longer waiting for this assembly (it is %2$s): the meeting votes only on proposals not yet put to the members.",
                    .text("\(number)"), .notice(p.status.words))
            )
        }
        let roll = try await roll(of: id, on: db)
        let count = roll.count
        guard count.meets(quorum) else {
            throw CoopError.conflict(
                Words(
                    "The meeting is not quorate for proposal #%1$s: %2$d of %3$d members are present or represented, and the bylaws require %4$s of them.",
                    .text("\(number)"), .number(Int64(count.counted)), .number(Int64(count.eligible)), .percent(quorum.basisPoints))
            )
        }
        let item = AssemblyItemRecord()
        item.assemblyID = id
        item.proposalID = pid
        item.openedAt = now
        item.openedBy = user
        item.inPerson = count.inPerson
        item.online = count.online
        item.byProxy = count.byProxy
        item.eligible = count.eligible
        item.quorumBasisPoints = quorum.basisPoints
        item.quorumMet = count.meets(quorum)
        item.voters = try StoredJSON.encode(roll.voters.map(\.uuidString).sorted())
        item.paperIssued = 0
        item.paperCounted = 0
        item.paperSpoilt = 0
        try await item.create(on: db)
        try await AuditLog.append(
            AuditEvent(
                kind: "assembly.item_opened",
                [
                    "assembly": .string(id.uuidString), "proposal": .string(pid.uuidString), "in_person": .int(Int64(count.inPerson)),
                    "online": .int(Int64(count.online)), "by_proxy": .int(Int64(count.byProxy)), "eligible": .int(Int64(count.eligible)),
                    "quorum_bp": .int(quorum.basisPoints), "quorum_met": .bool(item.quorumMet), "voters": .string(item.voters),
                ]),
            on: db, at: now)
        return item
    }

    /// The items opened at an assembly, by proposal id.
    public static func items(of assembly: UUID, on db: any Database) async throws -> [UUID: AssemblyItemRecord] {
        Dictionary(
            try await AssemblyItemRecord.query(on: db).filter(\.$assemblyID == assembly).all().map { ($0.proposalID, $0) },
            uniquingKeysWith: { a, _ in a })
    }
}
