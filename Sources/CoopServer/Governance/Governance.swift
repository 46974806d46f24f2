import CoopCore
import CoopStore
import FluentKit
import Foundation
import Vapor

/// Proposals through their life: drafted, discussed, opened with frozen rules, voted, counted,
/// and enacted. Every step runs inside the caller's serialized transaction and is audited.
enum Governance {
    /// The most options (or candidates) one vote offers; the counting code takes up to
    /// ``TallyLimits/maxCandidates``, and ballots pages stay usable well below that.
    static let maxOptions = 100

    static func json<T: Encodable>(_ value: T) throws -> String { try StoredJSON.encode(value) }
    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T { try StoredJSON.decode(type, text) }

    /// Proposals' numbers by id, in one query.
    static func numbers(of ids: [UUID], on db: any Database) async throws -> [UUID: Int] {
        try await ProposalQueries.numbers(of: ids, on: db)
    }

    /// Checks a payload against the bylaws in force; the reason when it cannot be proposed.
    static func check(_ payload: ProposalPayload, bylaws: Bylaws, on db: any Database) async throws {
        switch payload {
        case .policyChange(let key, let value):
            guard let def = bylaws.policy(key) else { throw CoopError.invalid(Words("There is no governed policy '%s'.", .text(key))) }
            let parsed: PolicyValue
            do { parsed = try def.parse(value, currency: bylaws.currency) } catch {
                throw CoopError.invalid(Words("'%1$s' is not a value for %2$s: %3$s", .text(value), .text(key), .notice(error.words)))
            }
            if let reason = def.checkWords(parsed) {
                throw CoopError.invalid(
                    Words(
                        "%1$s for %2$s: %3$s (bounds %4$s to %5$s).", .text(value), .text(key), .notice(reason),
                        .text(def.min.map { def.format(.number($0), currency: bylaws.currency) } ?? "–"),
                        .text(def.max.map { def.format(.number($0), currency: bylaws.currency) } ?? "–")))
            }
            if try await PolicyStore.value(key, on: db) == parsed {
                throw CoopError.invalid(Words("%1$s is already %2$s.", .text(key), .text(value)))
            }
        case .general(let options):
            let method = bylaws.proposals[.general]?.method ?? .majority
            guard method != .majority else { break }
            if options.contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty || $0.count > 200 }) {
                throw CoopError.invalid(t("Each option must be 1 to 200 characters."))
            }
            guard options.count <= maxOptions else {
                throw CoopError.invalid(
                    t("A vote offers at most %1$s options; this one has %2$s.", String(maxOptions), String(options.count)))
            }
            if let twice = Dictionary(grouping: options, by: { $0 }).first(where: { $0.value.count > 1 })?.key {
                throw CoopError.invalid(t("The option '%s' is listed twice; each option must be different.", twice))
            }
            if options.count < 2 {
                throw CoopError.invalid(t("A %s vote needs at least two different options.", method.words.render(Lang.catalog)))
            }
        case .election(let seats, let candidates):
            guard (1...bylaws.board.seats).contains(seats) else {
                throw CoopError.invalid(t("An election fills 1 to %s seats.", String(bylaws.board.seats)))
            }
            guard candidates.count <= maxOptions, Set(candidates).count == candidates.count else {
                throw CoopError.invalid(t("An election has at most %s candidates, each listed once.", String(maxOptions)))
            }
        case .admission(let id):
            guard let uuid = UUID(uuidString: id), let m = try await MembershipQueries.membership(id: uuid, on: db),
                m.status == .awaitingVote
            else { throw CoopError.invalid(t("No application waits for a member vote under that id.")) }
        case .budget(let amount, let payee, let memo):
            guard amount > 0, amount <= 1_000_000_000_000 else { throw CoopError.invalid(t("A budget amount must be positive.")) }
            guard !payee.isEmpty, payee.count <= 200, !memo.isEmpty, memo.count <= 500 else {
                throw CoopError.invalid(t("A budget needs a payee (up to 200 characters) and a purpose (up to 500)."))
            }
        case .surplusAllocation(let number):
            let period = try await FiscalPeriods.period(number, on: db)
            guard [FiscalPeriodStatus.proposed, .rejected].contains(period.status) else {
                throw CoopError.invalid(t("Fiscal period %s has no allocation waiting for a vote.", String(number)))
            }
            if let id = period.proposalID, let current = try await ProposalQueries.proposal(id: id, on: db),
                [ProposalStatus.discussion, .voting, .passed].contains(current.status)
            {
                throw CoopError.invalid(t("Proposal #%s already puts this allocation to the members.", String(current.number)))
            }
        case .bylawAmendment(let text):
            do { _ = try BylawsFile.parse(text) } catch {
                throw CoopError.invalid(t("The amended bylaws are not valid: %s", error.text(in: Lang.catalog)))
            }
        }
    }

    /// Drafts a proposal; its discussion starts now and voting opens when the bylaws' discussion period ends.
    static func propose(
        author: MembershipRecord, title: String, body: String, payload: ProposalPayload, bylaws: Bylaws,
        language: Language? = nil, on db: any Database, at now: Date
    ) async throws -> ProposalRecord {
        guard let rules = bylaws.proposals[payload.kind] else { throw CoopError.invalid(t("The bylaws have no rules for this kind.")) }
        try await check(payload, bylaws: bylaws, on: db)
        let p = ProposalRecord()
        p.id = UUID()
        p.number = try await ProposalQueries.lastNumber(on: db) + 1
        p.kind = payload.kind
        p.title = title
        p.body = body
        // The author's language marks the text; the pseudo-language is English underneath.
        p.language = language.map { $0 == .qps ? Language.en : $0 }?.rawValue
        p.authorID = try author.requireID()
        p.status = .discussion
        p.payload = try json(payload)
        p.createdAt = now
        p.votingOpensAt = now.addingTimeInterval(Double(rules.discussionDays) * 86_400)
        p.votingClosesAt = p.votingOpensAt.addingTimeInterval(Double(rules.votingDays) * 86_400)
        try await ProposalCommands.create(p, on: db)
        if case .surplusAllocation(let number) = payload {
            try await ProposalCommands.putAllocationToVote(period: number, proposal: try p.requireID(), on: db)
        }
        try await AuditLog.append(
            AuditEvent(
                kind: "proposal.drafted",
                [
                    "proposal": .string(try p.requireID().uuidString), "number": .int(Int64(p.number)),
                    "kind": .string(p.kind.rawValue), "payload": .string(p.payload), "author": .string(p.authorID.uuidString),
                ]), on: db, at: now)
        return p
    }

    /// A vote opened by a general assembly rather than by the clock: who may vote is the members
    /// present or represented when the chair opened the item, the quorum was met by attendance
    /// then (so the count applies none again), and it lasts until the chair closes it.
    struct Meeting {
        /// The memberships present or represented.
        let voters: [UUID]
        /// The members called to the assembly, against whom participation is shown.
        let eligible: Int
        /// When the vote closes if the chair never closes it.
        let closesAt: Date
    }

    /// What a proposal's ballot would be if voting opened now: the kind's rules and the options
    /// (majority: yes, no, abstain; elections: the candidates standing), the seats and reserved seats.
    struct Ballot {
        let rules: ProposalRules
        let options: [String]
        let seats: Int
        let reservations: [Reservation]
    }

    /// The ballot of `p` as it would open now (see ``Ballot``).
    static func ballot(_ p: ProposalRecord, bylaws: Bylaws, on db: any Database) async throws -> Ballot {
        let payload = try decode(ProposalPayload.self, p.payload)
        guard let rules = bylaws.proposals[payload.kind] else { throw CoopError.invalid(t("The bylaws have no rules for this kind.")) }
        var options: [String]
        var seats = 1
        var reservations: [Reservation] = []
        switch payload {
        case .general(let o) where rules.method != .majority: options = o
        case .election(let s, let candidates):
            let standing = try await self.candidates(candidates, on: db)
            options = standing.map(\.label)
            seats = min(s, max(options.count, 1))
            reservations = Self.reservations(bylaws.board, seats: seats, candidates: standing)
        default: options = ["yes", "no", "abstain"]
        }
        if rules.method == .majority { options = ["yes", "no", "abstain"] }
        return Ballot(rules: rules, options: options, seats: seats, reservations: reservations)
    }

    /// Opens voting: freezes the rules and the options, and records who is eligible now.
    static func open(_ p: ProposalRecord, bylaws: Bylaws, meeting: Meeting? = nil, on db: any Database, at now: Date) async throws {
        guard p.status == .discussion else { return }
        let ballot = try await ballot(p, bylaws: bylaws, on: db)
        var rules = ballot.rules
        if meeting != nil {
            rules = ProposalRules(
                method: rules.method, quorum: Fraction(basisPoints: 0), threshold: rules.threshold, discussionDays: rules.discussionDays,
                votingDays: rules.votingDays, timelockHours: rules.timelockHours, secret: rules.secret)
        }
        let members: [UUID]
        if let meeting { members = meeting.voters } else { members = try await MembershipQueries.admittedIDs(on: db) }
        let (options, seats, reservations) = (ballot.options, ballot.seats, ballot.reservations)
        let frozen = FrozenRules(
            rules: rules, options: options, seats: seats, eligible: Int64(meeting?.eligible ?? members.count),
            seed: try p.requireID().uuidString,
            reservations: reservations.isEmpty ? nil : reservations)
        p.rules = try json(frozen)
        p.status = .voting
        p.votingOpensAt = now
        p.votingClosesAt = meeting?.closesAt ?? now.addingTimeInterval(Double(rules.votingDays) * 86_400)
        try await ProposalCommands.save(p, on: db)
        try await ProposalCommands.enrol(voters: members, proposal: try p.requireID(), on: db)
        // Members at a meeting are told in the room; an online vote is announced to every voter.
        if meeting == nil { try await Notices.votingOpened(p, on: db, at: now) }
        try await AuditLog.append(
            AuditEvent(
                kind: "proposal.opened",
                [
                    "proposal": .string(try p.requireID().uuidString), "rules": .string(p.rules ?? ""),
                    "eligible": .int(Int64(members.count)),
                ]),
            on: db, at: now)
    }

    /// Election candidates as shown on ballots: "Name (member #N)", unique even when names repeat.
    static func candidates(_ ids: [String], on db: any Database) async throws -> [Candidate] {
        var found: [Candidate] = []
        for id in ids {
            guard let uuid = UUID(uuidString: id), let m = try await MembershipQueries.membership(id: uuid, on: db),
                let u = try await UserStore.user(id: m.userID, on: db)
            else { continue }
            found.append(Candidate(membership: uuid, label: "\(u.name) (member #\(m.memberNumber ?? 0))", classID: m.classID))
        }
        return found
    }

    /// A member standing in an election, and the name the ballots and results show.
    struct Candidate {
        let membership: UUID
        let label: String
        let classID: String
    }

    /// The board's reserved seats for an election of `seats` of them: as the bylaws say when it
    /// fills the whole board, in proportion (rounded down) when it fills fewer.
    static func reservations(_ board: BoardRules, seats: Int, candidates: [Candidate]) -> [Reservation] {
        board.reserved.sorted { $0.key < $1.key }.compactMap { cls, n in
            let share = n * seats / board.seats
            guard share > 0 else { return nil }
            return Reservation(group: cls, seats: share, candidates: candidates.filter { $0.classID == cls }.map(\.label))
        }
    }
}
