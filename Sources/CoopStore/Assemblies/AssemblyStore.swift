import CoopCore
import FluentKit
import Foundation

/// General assemblies: convening, attendance and proxies. Every command runs inside the caller's
/// write transaction; the rules of attendance and proxies are ``AssemblyRoll``'s, applied to the
/// stored roll and written back.
public enum AssemblyStore {
    /// What a steward asks for when convening.
    public struct Convocation: Sendable {
        /// The title.
        public let title: String
        /// When it begins.
        public let startsAt: Date
        /// Where it meets in person; empty if only online.
        public let place: String
        /// How to join online; empty if only in person.
        public let online: String
        /// Proposal numbers, in agenda order.
        public let agenda: [Int]

        /// Creates a convocation (checked by ``AssemblyStore/convene(_:by:on:at:random:)``).
        public init(title: String, startsAt: Date, place: String, online: String, agenda: [Int]) {
            self.title = title.trimmingCharacters(in: .whitespacesAndNewlines)
            self.startsAt = startsAt
            self.place = place.trimmingCharacters(in: .whitespacesAndNewlines)
            self.online = online.trimmingCharacters(in: .whitespacesAndNewlines)
            self.agenda = agenda
        }
    }

    /// Convenes an assembly: checks the convocation and the notice period in force, calls every
    /// admitted member with a check-in code, notifies each (a notice they cannot turn off), and
    /// puts the convocation on the audit chain.
    ///
    /// `scheduled`: convened by the bylaws' schedule of annual meetings, not by a steward's hand
    /// (`user` is then the longest-standing steward's, in whose name it is recorded, and the audit
    /// chain says `schedule`); its agenda may be empty.
    public static func convene<G: RandomNumberGenerator>(
        _ c: Convocation, by user: UUID, scheduled: Bool = false, on db: any Database, at now: Date, random: inout G
    ) async throws -> AssemblyRecord {
        try AssemblyRules.checkConvocation(title: c.title, place: c.place, online: c.online, agenda: c.agenda, emptyAgenda: scheduled)
        let notice = AssemblyRules.noticeDays(try await PolicyStore.number(.assemblyNoticeDays, on: db))
        try AssemblyRules.checkDate(c.startsAt, now: now, noticeDays: notice)
        var proposals: [ProposalRecord] = []
        for n in c.agenda {
            guard let p = try await ProposalQueries.proposal(number: n, on: db) else {
                throw CoopError.notFound(Words("There is no proposal #%s to put on the agenda.", .text("\(n)")))
            }
            guard p.status == .discussion else {
                throw CoopError.conflict(
                    p.status == .voting
                        ? Words(
                            "Proposal #%s is already being voted on online: an assembly's agenda holds proposals still in discussion.",
                            .text("\(n)"))
                        : Words("Proposal #%s is already decided: an assembly's agenda holds proposals still in discussion.", .text("\(n)"))
                )
            }
            if let other = p.assemblyID, let held = try await AssemblyRecord.find(other, on: db), held.status != .closed {
                throw CoopError.conflict(
                    Words("Proposal #%1$s is already on the agenda of assembly #%2$s.", .text("\(n)"), .text("\(held.number)")))
            }
            proposals.append(p)
        }
        let members = try await MembershipQueries.admittedIDs(on: db)
        let a = AssemblyRecord()
        a.id = UUID()
        a.number = (try await AssemblyRecord.query(on: db).max(\.$number) ?? 0) + 1
        a.title = c.title
        a.startsAt = c.startsAt
        a.place = c.place
        a.online = c.online
        a.status = .convened
        a.noticeDays = notice
        a.convenedBy = user
        a.convenedAt = now
        try await a.create(on: db)
        let id = try a.requireID()
        for (i, p) in proposals.enumerated() {
            let row = AssemblyAgendaRecord()
            row.assemblyID = id
            row.position = i + 1
            row.proposalID = try p.requireID()
            try await row.create(on: db)
            // The meeting decides it: the online schedule no longer opens its vote.
            p.assemblyID = id
            try await ProposalCommands.save(p, on: db)
        }
        var codes = Set<String>()
        for m in members {
            var code = CheckInCode.new(using: &random)
            while codes.contains(code) { code = CheckInCode.new(using: &random) }
            codes.insert(code)
            let row = AssemblyMemberRecord()
            row.assemblyID = id
            row.membershipID = m
            row.code = code
            try await row.create(on: db)
        }
        try await Notices.assemblyConvened(a, agenda: proposals, on: db, at: now)
        try await AuditLog.append(
            AuditEvent(
                kind: "assembly.convened",
                [
                    "assembly": .string(id.uuidString), "number": .int(Int64(a.number)), "title": .string(a.title),
                    "starts_at": .int(c.startsAt.millis), "place": .string(a.place), "online": .string(a.online),
                    "notice_days": .int(Int64(notice)), "agenda": .array(proposals.map { .string($0.id?.uuidString ?? "") }),
                    "called": .int(Int64(members.count)), "by": .string(scheduled ? "schedule" : user.uuidString),
                ]),
            on: db, at: now)
        return a
    }

    /// An annual general meeting the schedule must convene now (``AnnualMeeting/due(closedAt:months:noticeDays:held:now:)``).
    public struct AnnualMeetingDue: Sendable {
        /// The latest closed fiscal period, whose meeting it is.
        public let period: FiscalPeriodRecord
        /// When the meeting is to begin.
        public let startsAt: Date
        /// The longest-standing steward, in whose name it is convened.
        public let steward: MembershipRecord
    }

    /// Whether the schedule must convene an annual general meeting now, by reads alone: the bylaws
    /// require one within some months of each fiscal period's close (``AnnualMeeting``), no
    /// assembly counts as the latest closed period's, stewards have run out of time to convene
    /// one, and a steward can chair it (a co-op without one has nobody to: nothing is due). The
    /// server asks this outside the write transaction, and again inside it before convening.
    public static func annualMeetingDue(on db: any Database, at now: Date) async throws -> AnnualMeetingDue? {
        let months = AnnualMeeting.months(try await PolicyStore.number(.annualMeetingMonths, on: db))
        guard months > 0, let steward = try await FiscalPeriodStore.longestStandingSteward(on: db) else { return nil }
        guard
            let period = try await FiscalPeriodRecord.query(on: db).filter(\.$closedAt != nil).sort(\.$closedAt, .descending).first(),
            let closedAt = period.closedAt
        else { return nil }
        let notice = AssemblyRules.noticeDays(try await PolicyStore.number(.assemblyNoticeDays, on: db))
        let held = try await AssemblyRecord.query(on: db).filter(\.$startsAt > closedAt).all().contains {
            AnnualMeeting.counts($0.startsAt, convenedAt: $0.convenedAt, closedAt: closedAt, months: months, noticeDays: $0.noticeDays)
        }
        guard let startsAt = AnnualMeeting.due(closedAt: closedAt, months: months, noticeDays: notice, held: held, now: now) else {
            return nil
        }
        return AnnualMeetingDue(period: period, startsAt: startsAt, steward: steward)
    }

    /// The schedule's step, in a write transaction: if an annual general meeting is due
    /// (``annualMeetingDue(on:at:)``, asked again here, so two steps never convene it twice),
    /// convenes it: online (`online`, the co-op's own assemblies page), titled `title(period)`,
    /// with the period's surplus allocation on the agenda if it still waits for a vote, in the
    /// name of the longest-standing steward. Returns the assembly convened, if any.
    public static func conveneAnnualIfDue<G: RandomNumberGenerator>(
        title: (Int) -> String, online: String, on db: any Database, at now: Date, random: inout G
    ) async throws -> AssemblyRecord? {
        guard let due = try await annualMeetingDue(on: db, at: now) else { return nil }
        let period = due.period
        var agenda: [Int] = []
        if let pid = period.proposalID, let p = try await ProposalQueries.proposal(id: pid, on: db), p.status == .discussion {
            var free = true
            if let other = p.assemblyID { free = try await AssemblyRecord.find(other, on: db)?.status ?? .closed == .closed }
            if free { agenda.append(p.number) }
        }
        return try await convene(
            Convocation(title: title(period.number), startsAt: due.startsAt, place: "", online: online, agenda: agenda),
            by: due.steward.userID, scheduled: true, on: db, at: now, random: &random)
    }

    /// Every assembly, the next first.
    public static func all(on db: any Database) async throws -> [AssemblyRecord] {
        try await AssemblyRecord.query(on: db).sort(\.$startsAt, .descending).all()
    }

    /// An assembly by number.
    public static func find(number: Int, on db: any Database) async throws -> AssemblyRecord? {
        try await AssemblyRecord.query(on: db).filter(\.$number == number).first()
    }

    /// The agenda's proposals, in order.
    public static func agenda(of assembly: UUID, on db: any Database) async throws -> [ProposalRecord] {
        let rows = try await AssemblyAgendaRecord.query(on: db).filter(\.$assemblyID == assembly).sort(\.$position).all()
        guard !rows.isEmpty else { return [] }
        let byID = Dictionary(
            try await ProposalRecord.query(on: db).filter(\.$id ~~ rows.map(\.proposalID)).all().compactMap { p in p.id.map { ($0, p) } },
            uniquingKeysWith: { a, _ in a })
        return rows.compactMap { byID[$0.proposalID] }
    }

    /// The member's row of an assembly (their code and attendance); nil if they were not called.
    public static func called(_ membership: UUID, to assembly: UUID, on db: any Database) async throws -> AssemblyMemberRecord? {
        try await AssemblyMemberRecord.query(on: db).filter(\.$assemblyID == assembly).filter(\.$membershipID == membership).first()
    }

    /// The proxies in force at an assembly.
    public static func proxies(of assembly: UUID, on db: any Database) async throws -> [AssemblyProxyRecord] {
        try await AssemblyProxyRecord.query(on: db).filter(\.$assemblyID == assembly).filter(\.$endedAt == nil).all()
    }

    /// The roll as stored, with the proxy cap in force.
    public static func roll(of assembly: UUID, on db: any Database) async throws -> AssemblyRoll<UUID> {
        let members = try await AssemblyMemberRecord.query(on: db).filter(\.$assemblyID == assembly).all()
        let cap = AssemblyRules.proxyCap(try await PolicyStore.number(.assemblyProxyCap, on: db))
        var present: [UUID: Presence] = [:]
        for m in members { if let p = m.presence { present[m.membershipID] = p } }
        let proxies = try await self.proxies(of: assembly, on: db)
        let left = try await AssemblyDepartureRecord.query(on: db).filter(\.$assemblyID == assembly).all().map(\.membershipID)
        return AssemblyRoll(
            eligible: Set(members.map(\.membershipID)), proxyCap: cap, present: present,
            proxies: Dictionary(proxies.map { ($0.giverID, $0.holderID) }, uniquingKeysWith: { a, _ in a }), left: Set(left))
    }

    /// Checks a member in, by the steward who typed their code (in person) or by themselves
    /// (online). The assembly must be open. A proxy the member gave ends. A member who left
    /// (``checkOut(_:from:through:proxyTo:by:on:at:)``) may check in again.
    public static func checkIn(
        _ membership: UUID, to a: AssemblyRecord, as presence: Presence, by user: UUID, on db: any Database, at now: Date
    ) async throws {
        guard a.status == .open else {
            throw CoopError.conflict(Words("Members check in once the chair opens the assembly; it is %s.", .notice(a.status.words)))
        }
        let id = try a.requireID()
        var roll = try await roll(of: id, on: db)
        let cancelled = try roll.checkIn(membership, as: presence)
        guard let row = try await called(membership, to: id, on: db) else { throw CoopError.storage("The member's row vanished.") }
        row.presence = presence
        row.checkedInAt = now
        row.checkedInBy = user
        try await row.save(on: db)
        if cancelled != nil { try await end(proxyOf: membership, at: id, why: "arrived", on: db, at: now) }
        try await AuditLog.append(
            AuditEvent(
                kind: "assembly.checked_in",
                [
                    "assembly": .string(id.uuidString), "membership": .string(membership.uuidString),
                    "presence": .string(presence.rawValue), "by": .string(user.uuidString),
                    "proxy_cancelled": .bool(cancelled != nil),
                ]),
            on: db, at: now)
    }

    /// The member called to `a` whose code this is; nil if none.
    public static func member(withCode typed: String, at a: UUID, on db: any Database) async throws -> AssemblyMemberRecord? {
        guard let code = CheckInCode.normalise(typed) else { return nil }
        return try await AssemblyMemberRecord.query(on: db).filter(\.$assemblyID == a).filter(\.$code == code).first()
    }

    /// Records a written proxy from `giver` to `holder`, by the rules of ``AssemblyRoll``. Proxies
    /// are given before or during the assembly, never after it closes.
    public static func giveProxy(from giver: UUID, to holder: UUID, at a: AssemblyRecord, on db: any Database, at now: Date) async throws {
        guard a.status != .closed else { throw CoopError.conflict("This assembly is over.") }
        let id = try a.requireID()
        var roll = try await roll(of: id, on: db)
        try roll.giveProxy(from: giver, to: holder)
        let p = AssemblyProxyRecord()
        p.assemblyID = id
        p.giverID = giver
        p.holderID = holder
        p.givenAt = now
        try await p.create(on: db)
        try await AuditLog.append(
            AuditEvent(
                kind: "assembly.proxy_given",
                ["assembly": .string(id.uuidString), "giver": .string(giver.uuidString), "holder": .string(holder.uuidString)]),
            on: db, at: now)
    }

    /// Revokes the proxy `giver` gave.
    public static func revokeProxy(of giver: UUID, at a: AssemblyRecord, on db: any Database, at now: Date) async throws {
        guard a.status != .closed else { throw CoopError.conflict("This assembly is over.") }
        let id = try a.requireID()
        var roll = try await roll(of: id, on: db)
        let holder = try roll.revokeProxy(of: giver)
        try await end(proxyOf: giver, at: id, why: "revoked", on: db, at: now)
        try await AuditLog.append(
            AuditEvent(
                kind: "assembly.proxy_revoked",
                ["assembly": .string(id.uuidString), "giver": .string(giver.uuidString), "holder": .string(holder.uuidString)]),
            on: db, at: now)
    }

    /// Opens a convened assembly for check-in: not before its day.
    public static func open(_ a: AssemblyRecord, by user: UUID, on db: any Database, at now: Date) async throws {
        guard a.status == .convened else {
            throw CoopError.conflict(Words("This assembly is %s, not waiting to open.", .notice(a.status.words)))
        }
        guard now >= a.startsAt.addingTimeInterval(-12 * 3600) else {
            throw CoopError.conflict(Words("The assembly opens on its day; it is convened for %s.", .date(a.startsAt)))
        }
        a.status = .open
        a.openedAt = now
        try await a.save(on: db)
        try await AuditLog.append(
            AuditEvent(kind: "assembly.opened", ["assembly": .string(try a.requireID().uuidString), "by": .string(user.uuidString)]),
            on: db, at: now)
    }

    private static func end(proxyOf giver: UUID, at assembly: UUID, why: String, on db: any Database, at now: Date) async throws {
        let rows = try await AssemblyProxyRecord.query(on: db).filter(\.$assemblyID == assembly).filter(\.$giverID == giver)
            .filter(\.$endedAt == nil).all()
        for p in rows {
            p.endedAt = now
            p.endedWhy = why
            try await p.save(on: db)
        }
    }
}

extension AssemblyStore {
    /// The membership with this member number, if any.
    public static func membership(number: Int, on db: any Database) async throws -> MembershipRecord? {
        try await MembershipRecord.query(on: db).filter(\.$memberNumber == number).first()
    }

    /// Every member called to an assembly.
    public static func members(of assembly: UUID, on db: any Database) async throws -> [AssemblyMemberRecord] {
        try await AssemblyMemberRecord.query(on: db).filter(\.$assemblyID == assembly).all()
    }
}

extension AssemblyStore {
    /// How the pages name members of an assembly: their name (nil when no longer known) and
    /// member number, for the page to write in its language.
    public struct MemberLabel: Sendable, Equatable {
        /// The member's name; nil when no longer known.
        public let name: String?
        /// Their member number; nil before admission.
        public let number: Int?

        /// As the minutes' canonical (English, sealed) text names them: "Ana Example (member #3)".
        public var canonical: String { (name ?? "A member") + (number.map { " (member #\($0))" } ?? "") }
    }

    /// The names and numbers of members, by membership.
    public static func labels(of memberships: [UUID], on db: any Database) async throws -> [UUID: MemberLabel] {
        guard !memberships.isEmpty else { return [:] }
        let names = try await MembershipQueries.names(of: memberships, on: db)
        var out: [UUID: MemberLabel] = [:]
        for m in try await MembershipRecord.query(on: db).filter(\.$id ~~ memberships).all() {
            guard let id = m.id else { continue }
            out[id] = MemberLabel(name: names[id], number: m.memberNumber)
        }
        return out
    }
}
