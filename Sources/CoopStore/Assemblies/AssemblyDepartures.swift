import CoopCore
import FluentKit
import Foundation

/// A stay at an assembly that ended: the member left (was checked out). Never edited.
public final class AssemblyDepartureRecord: Model, @unchecked Sendable {
    /// The table.
    public static let schema = "assembly_departures"
    /// The row's id.
    @ID(key: .id) public var id: UUID?
    /// The assembly.
    @Field(key: "assembly_id") public var assemblyID: UUID
    /// The membership.
    @Field(key: "membership_id") public var membershipID: UUID
    /// How they had attended.
    @Field(key: "presence") public var presence: Presence
    /// When that stay began (their check-in).
    @Field(key: "arrived_at") public var arrivedAt: Date
    /// Who checked them in.
    @OptionalField(key: "arrived_by") public var arrivedBy: UUID?
    /// When they left.
    @Field(key: "left_at") public var leftAt: Date
    /// Who checked them out: a steward or teller at the desk, or themselves online.
    @Field(key: "left_by") public var leftBy: UUID
    /// The present member they gave a written proxy to as they left, if any.
    @OptionalField(key: "proxy_to") public var proxyTo: UUID?

    /// An empty record.
    public init() {}
}

extension AssemblyStore {
    /// Every departure from an assembly, the earliest first.
    public static func departures(of assembly: UUID, on db: any Database) async throws -> [AssemblyDepartureRecord] {
        try await AssemblyDepartureRecord.query(on: db).filter(\.$assemblyID == assembly).sort(\.$leftAt).sort(\.$id).all()
    }

    /// Checks a member out of an assembly in session, by the rules of ``AssemblyRoll``: at the desk
    /// (`channel` `.inPerson`, `user` the steward or teller who typed the code) or online by
    /// themselves. The stay that ends is kept as a departure and the member's row is cleared, so they
    /// are no longer present (nor can they vote in their own name) until they check in again. With
    /// `proxyTo`, the member leaves a written proxy with that present member. The proxies the member
    /// holds stay in force but count only while they are present. Items already opened keep their
    /// frozen attendance and voters.
    @discardableResult
    public static func checkOut(
        _ membership: UUID, from a: AssemblyRecord, through channel: Presence, proxyTo: UUID? = nil, by user: UUID,
        on db: any Database, at now: Date
    ) async throws -> AssemblyRoll<UUID>.Departure {
        guard a.status == .open else {
            throw CoopError.conflict(Words("Members leave an assembly while it is in session; it is %s.", .text("\(a.status.rawValue)")))
        }
        let id = try a.requireID()
        var roll = try await roll(of: id, on: db)
        let departure = try roll.checkOut(membership, through: channel, proxyTo: proxyTo)
        guard let row = try await called(membership, to: id, on: db) else { throw CoopError.storage("The member's row vanished.") }
        let stay = AssemblyDepartureRecord()
        stay.assemblyID = id
        stay.membershipID = membership
        stay.presence = departure.presence
        stay.arrivedAt = row.checkedInAt ?? now
        stay.arrivedBy = row.checkedInBy
        stay.leftAt = now
        stay.leftBy = user
        stay.proxyTo = proxyTo
        try await stay.create(on: db)
        row.presence = nil
        row.checkedInAt = nil
        row.checkedInBy = nil
        try await row.save(on: db)
        if let proxyTo {
            let p = AssemblyProxyRecord()
            p.assemblyID = id
            p.giverID = membership
            p.holderID = proxyTo
            p.givenAt = now
            try await p.create(on: db)
        }
        try await AuditLog.append(
            AuditEvent(
                kind: "assembly.checked_out",
                [
                    "assembly": .string(id.uuidString), "membership": .string(membership.uuidString),
                    "presence": .string(departure.presence.rawValue), "by": .string(user.uuidString),
                    "proxy_to": .string(proxyTo?.uuidString ?? ""),
                    "proxies_taken": .array(departure.carried.map(\.uuidString).sorted().map { .string($0) }),
                ]),
            on: db, at: now)
        return departure
    }

    /// Refuses unless `m` may check members out at the desk of assembly `a`: an admitted steward, or
    /// one of its tellers while in the room.
    public static func requireDesk(_ m: MembershipRecord, at a: AssemblyRecord, on db: any Database) async throws {
        guard m.status == .admitted else { throw CoopError.forbidden("Only a steward or a teller checks members out at the desk.") }
        if m.steward { return }
        let id = try a.requireID()
        let mid = try m.requireID()
        guard try await tellers(of: id, on: db).contains(where: { $0.membershipID == mid }) else {
            throw CoopError.forbidden("Only a steward or a teller checks members out at the desk.")
        }
        try await roll(of: id, on: db).checkInRoom(mid)
    }
}
