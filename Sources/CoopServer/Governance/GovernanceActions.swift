import CoopCore
import CoopStore
import Foundation
import Vapor

/// Governance actions a request can take, shared by the pages and the API: who may act is checked
/// here, on the server; each action runs in one serialized transaction.
enum GovernanceActions {
    struct ProposalInput: Content, Validatable, APIFieldRules {
        var kind: String
        var title: String
        var body: String?
        var policy: String?
        var value: String?
        /// One option a line (general proposals voted by approval, score, IRV, STV or Schulze).
        var options: String?
        var seats: Int?
        var amount: String?
        var payee: String?
        var memo: String?
        var bylaws: String?
        var membership: String?

        static let fieldRules: [String: APIFieldRule] = [
            "kind": .oneOf(ProposalKind.allCases.map(\.rawValue)), "title": .length(3...200), "body": .length(0...20_000),
        ]

        static func validations(_ v: inout Validations) {
            v.add("kind", of: Self.self, customFailureDescription: t("Choose a kind of proposal."))
            v.add("title", of: Self.self, customFailureDescription: t("The title must be 3 to 200 characters."))
            v.add("body", of: Self.self, required: false)
        }

        func payload(currency: Currency) throws -> ProposalPayload {
            switch ProposalKind(rawValue: kind) {
            case .policyChange:
                guard let policy, let value, !value.isEmpty else { throw CoopError.invalid(t("Choose a policy and its new value.")) }
                return .policyChange(policy: policy, value: value.trimmingCharacters(in: .whitespaces))
            case .general:
                let list = (options ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
                    .filter { !$0.isEmpty }
                return .general(options: list)
            case .election:
                return .election(seats: seats ?? 1, candidates: [])
            case .admission:
                return .admission(membership: membership ?? "")
            case .budget:
                let minor: Int64
                do { minor = try Money.parseFixed(amount ?? "", digits: currency.minorDigits) } catch {
                    throw CoopError.invalid(Words("The amount is not a decimal amount: %s", .notice(error.words)))
                }
                return .budget(amountMinorUnits: minor, payee: payee ?? "", memo: memo ?? "")
            case .bylawAmendment:
                return .bylawAmendment(text: bylaws ?? "")
            case nil:
                throw CoopError.invalid(t("Choose a kind of proposal."))
            }
        }
    }

    struct CommentInput: Content, Validatable, APIFieldRules {
        var body: String
        static let fieldRules: [String: APIFieldRule] = ["body": .length(1...5000)]
        static func validations(_ v: inout Validations) {
            v.add("body", of: Self.self, customFailureDescription: t("A comment is 1 to 5000 characters."))
        }
    }

    /// The proposal number in the request's path.
    static func number(_ req: Request) throws -> Int {
        try req.pathParameter(.number, expecting: t("a proposal number"))
    }

    static func proposal(_ req: Request) async throws -> ProposalRecord {
        let n = try number(req)
        guard let p = try await ProposalQueries.proposal(number: n, on: req.db) else {
            throw Abort(.notFound, reason: t("There is no proposal #%s.", String(n)))
        }
        return p
    }

    static func propose(_ req: Request) async throws -> ProposalRecord {
        let (_, member) = try await req.requireMember()
        try ProposalInput.validate(content: req)
        let input = try req.content.decode(ProposalInput.self)
        let bylaws = try await req.bylaws()
        let payload = try input.payload(currency: bylaws.currency)
        let now = req.now
        let language = Lang.current
        return try await req.write { db in
            try await Governance.propose(
                author: member, title: input.title.trimmingCharacters(in: .whitespacesAndNewlines), body: input.body ?? "",
                payload: payload, bylaws: bylaws, language: language, on: db, at: now)
        }
    }

    static func comment(_ req: Request) async throws {
        let (_, member) = try await req.requireMember()
        try CommentInput.validate(content: req)
        let input = try req.content.decode(CommentInput.self)
        let p = try await proposal(req)
        let now = req.now
        let proposal = try p.requireID()
        let membership = try member.requireID()
        try await req.write { db in
            try await ProposalCommands.comment(proposal: proposal, membership: membership, body: input.body, on: db, at: now)
        }
    }

    /// A member stands as a candidate in an election, during its discussion.
    /// Why a candidate stands: optional, at most this many characters.
    static let statementLength = 0...2_000

    static func stand(_ req: Request) async throws {
        struct StandInput: Decodable { var statement: String? }
        let (_, member) = try await req.requireMember()
        let id = try await proposal(req).requireID()
        let statement = ((try? req.content.decode(StandInput.self))?.statement ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard statementLength.contains(statement.count) else {
            throw Abort(.badRequest, reason: t("A statement is at most %s characters.", String(statementLength.upperBound)))
        }
        let now = req.now
        try await req.write { db in
            guard let p = try await ProposalQueries.proposal(id: id, on: db) else { throw Abort(.notFound) }
            guard p.status == .discussion,
                case .election(let seats, var candidates) = try Governance.decode(ProposalPayload.self, p.payload)
            else { throw CoopError.conflict(t("Candidates stand in an election during its discussion only.")) }
            let me = try member.requireID().uuidString
            guard !candidates.contains(me) else { throw CoopError.conflict(t("You already stand in this election.")) }
            guard candidates.count < Governance.maxOptions else {
                throw CoopError.conflict(
                    t("This election already has %s candidates, the most a vote takes.", String(Governance.maxOptions)))
            }
            candidates.append(me)
            p.payload = try Governance.json(ProposalPayload.election(seats: seats, candidates: candidates))
            try await ProposalCommands.save(p, on: db)
            if !statement.isEmpty {
                try await ProposalQueries.saveStatement(statement, by: try member.requireID(), in: id, on: db, at: now)
            }
            try await AuditLog.append(
                AuditEvent(kind: "election.candidate", ["proposal": .string(id.uuidString), "membership": .string(me)]), on: db, at: now)
        }
    }

    /// Casts the requester's ballot: once per proposal, only if eligible at open, only while open.
    /// The hot path of a vote; the ballot is recorded by ``BallotStore`` in the next batch.
    static func cast(_ req: Request, voter: BallotStore.Voter) async throws -> Governance.Receipt {
        let n = try number(req)
        let p = try await BallotStore.openProposal(number: n, on: try req.db.sql(), cache: req.coop.openProposals)
        let frozen = p.rules
        let content = try ballotInput(req).content(method: frozen.rules.method, options: frozen.options)
        let now = req.now
        // Its status (closed early by the scheduler?) is checked again in the transaction.
        try Governance.checkOpen(
            content, status: .voting, closesAt: p.closesAt, frozen: frozen, at: now,
            closed: t("Voting on proposal #%s is not open.", String(n)))
        let receipt = try await req.coop.ballots.submit(
            BallotStore.Cast(proposal: p, voter: voter, content: content, at: now), on: req.application.db)
        return Governance.Receipt(receipt: receipt.receipt, proposal: receipt.proposal)
    }

    /// Who casts a ballot sent from the proposal's page: the member themselves, or, with `for`
    /// (a member number) at an assembly, the member whose written proxy they hold there.
    static func voter(_ req: Request) async throws -> BallotStore.Voter {
        let user = try req.requireUser().id
        struct OnBehalf: Content { var `for`: String? }
        guard let number = try ReceiptKeeping.memberNumber((try? req.content.decode(OnBehalf.self))?.for) else { return .user(user) }
        let p = try await BallotStore.openProposal(number: try self.number(req), on: try req.db.sql(), cache: req.coop.openProposals)
        guard let assembly = p.assembly else {
            throw Abort(.forbidden, reason: t("Proxies are voted only at a general assembly; this proposal is voted on online."))
        }
        guard let giver = try await AssemblyStore.membership(number: number, on: req.db)?.id else {
            throw Abort(.forbidden, reason: t("You do not hold the proxy of member #%s at this assembly.", String(number)))
        }
        return .proxy(holder: user, giver: giver, assembly: assembly)
    }

    private static let jsonDecoder = JSONDecoder()

    /// The ballot in the request: JSON straight from the body (the API's hot path), or a form.
    static func ballotInput(_ req: Request) throws -> BallotInput {
        guard req.headers.contentType == .json, let body = req.body.data else { return try req.content.decode(BallotInput.self) }
        do {
            return try jsonDecoder.decode(BallotInput.self, from: body)
        } catch {
            throw Abort(.badRequest, reason: t("The ballot is not valid JSON of the expected shape: %s", "\(error)"))
        }
    }

    static func change(_ req: Request, _ content: BallotContent, receipt: String?) async throws -> Governance.Receipt {
        let (_, member) = try await req.requireMember()
        let id = try await proposal(req).requireID()
        let now = req.now
        return try await req.write { db in
            guard let p = try await ProposalQueries.proposal(id: id, on: db) else { throw Abort(.notFound) }
            return try await Governance.change(content, receipt: receipt, by: member, on: p, db: db, at: now)
        }
    }
}
