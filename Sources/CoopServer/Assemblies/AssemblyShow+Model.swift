import CoopCore
import CoopStore
import FluentKit
import Foundation

/// An assembly's page: the convocation, the agenda, attendance, and what the viewer can do.
enum AssemblyShow {
    struct Model {
        struct Item {
            let number: Int
            let title: String
            let status: ProposalStatus
            /// The attendance frozen when the chair opened it for voting, if they have.
            let opened: AttendanceCount?
            let quorum: Fraction?
            let quorumMet: Bool
            /// Voting on it is open at the meeting now.
            var voting = false
            /// Paper ballots handed out, entered and counted, and spoilt.
            var paper = (issued: 0, counted: 0, spoilt: 0)
            /// A batch waits for a second teller's count, entered by this teller.
            var waitingBatch: String?
            /// The result in words, once counted.
            var result: String?
            /// The method its ballots are written in, for the tellers' help.
            var method: VotingMethod?
            /// Its options, for the tellers' help.
            var options: [String] = []
            /// Whether its ballot is secret (as frozen when opened; true until then).
            var secret = true
        }
        /// What the viewing member sees of themselves.
        struct Mine {
            let code: String
            let presence: Presence?
            /// The member their proxy went to, by name and number.
            let gaveTo: String?
            /// The members whose proxies they hold.
            let holding: [String]
            /// When they left, if they are away after leaving.
            var leftAt: Date?
        }
        let number: Int
        let title: String
        let startsAt: Date
        let place: String
        let online: String
        let status: AssemblyStatus
        let noticeDays: Int
        let agenda: [Item]
        let count: AttendanceCount
        let proxyCap: Int
        var mine: Mine?
        let isSteward: Bool
        /// The tellers, by name.
        var tellers: [String] = []
        /// Whether the viewer is one.
        var isTeller = false
        /// The link a steward's phone opens to check the viewer in (shown as a QR code).
        var checkInLink: String?
        /// How many members left and have not come back.
        var leftCount = 0
        /// Who they are and when they left, for stewards only.
        var departed: [(name: String, at: Date)] = []
    }

    static func load(number: Int, membership: MembershipRecord?, on db: any Database) async throws -> Model? {
        guard let a = try await AssemblyStore.find(number: number, on: db) else { return nil }
        let id = try a.requireID()
        let roll = try await AssemblyStore.roll(of: id, on: db)
        let items = try await AssemblyStore.items(of: id, on: db)
        let tellers = try await AssemblyStore.tellers(of: id, on: db)
        var waiting: [UUID: UUID] = [:]
        let itemIDs = items.values.compactMap(\.id)
        if !itemIDs.isEmpty {
            for e in try await AssemblyPaperEntryRecord.query(on: db).filter(\.$itemID ~~ itemIDs).all() { waiting[e.itemID] = e.tellerID }
        }
        let names = try await AssemblyStore.labels(of: tellers.map(\.membershipID) + Array(waiting.values), on: db)
        let agenda = try await AssemblyStore.agenda(of: id, on: db).map { p in
            let item = p.id.flatMap { items[$0] }
            var row = Model.Item(
                number: p.number, title: p.title, status: p.status, opened: item?.count,
                quorum: item.map { Fraction(basisPoints: $0.quorumBasisPoints) }, quorumMet: item?.quorumMet == true)
            if let item {
                row.voting = item.closedAt == nil && p.status == .voting
                row.paper = (item.paperIssued, item.paperCounted, item.paperSpoilt)
                row.waitingBatch = item.id.flatMap { waiting[$0] }.map { memberLabel(names[$0]) }
                row.result = try p.outcome.map { try StoredJSON.decode(ProposalOutcome.self, $0).summary }
                if let rules = p.rules, let frozen = try? StoredJSON.decode(FrozenRules.self, rules) {
                    row.method = frozen.rules.method
                    row.options = frozen.options
                    row.secret = frozen.rules.secret
                }
            }
            return row
        }
        var mine: Model.Mine?
        if let m = membership, let mid = m.id, let row = try await AssemblyStore.called(mid, to: id, on: db) {
            let ids = roll.givers(heldBy: mid) + [roll.proxies[mid]].compactMap { $0 }
            let labels = try await AssemblyStore.labels(of: ids, on: db)
            func label(_ x: UUID) -> String { memberLabel(labels[x]) }
            mine = Model.Mine(
                code: row.code, presence: row.presence, gaveTo: roll.proxies[mid].map(label),
                holding: roll.givers(heldBy: mid).map(label).sorted())
        }
        var model = Model(
            number: a.number, title: a.title, startsAt: a.startsAt, place: a.place, online: a.online, status: a.status,
            noticeDays: a.noticeDays, agenda: agenda, count: roll.count, proxyCap: roll.proxyCap, mine: mine,
            isSteward: membership?.steward == true && membership?.status == .admitted)
        if !roll.left.isEmpty {
            // The latest departure of each member still away.
            var leftAt: [UUID: Date] = [:]
            for d in try await AssemblyStore.departures(of: id, on: db) where roll.left.contains(d.membershipID) {
                leftAt[d.membershipID] = d.leftAt
            }
            model.leftCount = roll.left.count
            if let me = membership?.id { model.mine?.leftAt = leftAt[me] }
            if model.isSteward {
                let labels = try await AssemblyStore.labels(of: Array(leftAt.keys), on: db)
                model.departed = leftAt.map { (name: memberLabel(labels[$0.key]), at: $0.value) }.sorted {
                    ($0.at, $0.name) < ($1.at, $1.name)
                }
            }
        }
        model.tellers = tellers.map { memberLabel(names[$0.membershipID]) }.sorted()
        model.isTeller = membership?.id.map { me in tellers.contains { $0.membershipID == me } } ?? false
        return model
    }
}

/// Every assembly, and the form to convene one.
enum AssemblyList {
    struct Row {
        let number: Int
        let title: String
        let startsAt: Date
        let status: AssemblyStatus
    }

    static func load(on db: any Database) async throws -> [Row] {
        try await AssemblyStore.all(on: db).map { Row(number: $0.number, title: $0.title, startsAt: $0.startsAt, status: $0.status) }
    }
}

/// A member as the meeting's pages name them, in the page's language: "Ana Example (member #3)".
func memberLabel(_ label: AssemblyStore.MemberLabel?) -> String {
    let name = label?.name ?? t("A member")
    guard let number = label?.number else { return name }
    return t("%1$s (member #%2$s)", name, String(number))
}
