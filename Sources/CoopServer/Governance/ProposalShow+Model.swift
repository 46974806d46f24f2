import CoopCore
import CoopStore
import FluentKit
import Foundation

/// One proposal's page: what it asks, its discussion, the ballot, and after close the result.
enum ProposalShow {
    struct Model {
        let proposal: ProposalRecord
        let payload: ProposalPayload
        let bylaws: Bylaws
        /// Whether the viewer is an admitted member (may comment, stand, vote).
        let isMember: Bool
        /// Whether the viewer was admitted when voting opened (only while voting is open).
        let eligible: Bool
        let voted: Bool
        let comments: [ProposalQueries.Comment]
        let frozen: FrozenRules?
        let outcome: ProposalOutcome?
        /// The rules it is voted by: frozen at opening, or the bylaws' for its kind before.
        let rules: ProposalRules?
        /// Who proposed it; nil when the name is no longer known.
        let author: String?
        /// Once voting has opened: how many of the eligible members have voted (never how).
        let turnout: (voted: Int, eligible: Int)?
        /// For a policy change: the policy as it stands now.
        let policy: PolicyView?
        /// When the page is shown, for the time left.
        let now: Date
        /// For an election: who stands, with what they say.
        var candidates: [ProposalQueries.Candidate] = []
        /// The number of the general assembly that votes on it, if any.
        var assembly: Int?
        /// At that assembly: the members whose proxy the viewer holds, while the vote is open.
        var proxies: [ProxyVote] = []

        var number: Int { proposal.number }
    }

    /// A member whose written proxy the viewer holds, and whether their vote is cast.
    struct ProxyVote {
        let number: Int
        let name: String
        let voted: Bool
        /// The receipt of the ballot cast for them, when this browser keeps it.
        var receipt: ReceiptKeeping.Kept? = nil
    }

    /// The proposal numbered `number` as `viewer` (a user, or nobody) sees it.
    static func load(number: Int, viewer: UUID?, bylaws: Bylaws, on db: any Database, at now: Date = Date()) async throws -> Model {
        let p = try await ProposalQueries.require(number: number, on: db)
        let id = try p.requireID()
        let payload = try Governance.decode(ProposalPayload.self, p.payload)
        var member: MembershipRecord?
        if let viewer, let m = try await MembershipQueries.membership(ofUser: viewer, on: db),
            m.status == .admitted
        {
            member = m
        }
        let comments = try await ProposalQueries.comments(of: id, on: db)
        var voted = false
        var eligible = false
        if let member, p.status == .voting,
            let v = try await ProposalQueries.hasVoted(proposal: id, membership: member.requireID(), on: db)
        {
            eligible = true
            voted = v
        }
        let frozen = try? Governance.frozenRules(p)
        var policy: PolicyView?
        var candidates: [ProposalQueries.Candidate] = []
        if case .election(_, let standing) = payload {
            candidates = try await ProposalQueries.candidates(standing.compactMap(UUID.init(uuidString:)), in: id, on: db)
        }
        if case .policyChange(let key, _) = payload {
            policy = try await PolicyStore.view(key, bylaws: bylaws, on: db)
        }
        var assembly: Int?
        var proxies: [ProxyVote] = []
        if let aid = p.assemblyID, let a = try await AssemblyRecord.find(aid, on: db) {
            assembly = a.number
            if p.status == .voting, let member, let me = member.id {
                let givers = try await AssemblyStore.proxies(of: aid, on: db).filter { $0.holderID == me }.map(\.giverID)
                let labels = try await AssemblyStore.labels(of: givers, on: db)
                let rows = try await ProposalQueries.voters(proposal: id, memberships: givers, on: db)
                for g in givers {
                    guard let row = rows[g], let n = labels[g]?.number else { continue }
                    proxies.append(ProxyVote(number: n, name: memberLabel(labels[g]), voted: row.voted))
                }
            }
        }
        var model = Model(
            proposal: p, payload: payload, bylaws: bylaws, isMember: member != nil, eligible: eligible, voted: voted,
            comments: comments, frozen: frozen, outcome: try p.outcome.map { try Governance.decode(ProposalOutcome.self, $0) },
            rules: frozen?.rules ?? bylaws.proposals[payload.kind],
            author: try await MembershipQueries.names(of: [p.authorID], on: db)[p.authorID],
            turnout: p.status == .discussion ? nil : try await ProposalQueries.turnout(of: id, on: db), policy: policy, now: now,
            candidates: candidates)
        model.assembly = assembly
        model.proxies = proxies.sorted { $0.number < $1.number }
        return model
    }
}
