import CoopCore
import CoopStore
import Fluent
import Plot
import Vapor

/// One proposal's page: what it asks, its discussion, the ballot, and after close the result.
enum ProposalPage {
    static func describe(_ status: ProposalStatus) -> String {
        switch status {
        case .discussion: t("in discussion")
        case .voting: t("voting open")
        case .passed: t("passed, waiting for its timelock")
        case .failed: t("not passed")
        case .enacted: t("passed and enacted")
        case .notEnacted: t("passed, could not be enacted")
        }
    }

    static func describe(_ payload: ProposalPayload, bylaws: Bylaws) -> String {
        switch payload {
        case .policyChange(let key, let value): t("Set the policy “%1$s” to %2$s.", bylaws.policy(key)?.displayName ?? key, value)
        case .general(let options):
            options.isEmpty ? t("A decision: yes or no.") : t("Options: %s.", options.joined(separator: "; "))
        case .election(let seats, let candidates):
            tn("Elect %d board member; ", "Elect %d board members; ", seats) + tn("%d standing.", "%d standing.", candidates.count)
        case .admission: t("Admit an applicant whose class admits by member vote.")
        case .budget(let amount, let payee, let memo):
            t("Pay %1$s to %2$s: %3$s.", money(Money(minorUnits: amount, currency: bylaws.currency)), payee, memo)
        case .bylawAmendment: t("Adopt an amended version of the bylaws.")
        case .surplusAllocation(let n):
            t("Approve the allocation of fiscal period %d's surplus; on passing it is posted to the ledger.", String(n))
        }
    }

    /// The value a policy change proposes.
    static func proposedValue(_ payload: ProposalPayload) -> String? {
        if case .policyChange(_, let value) = payload { return value }
        return nil
    }

    /// The fiscal period an allocation proposal is about.
    static func allocationPeriod(_ payload: ProposalPayload) -> Int? {
        if case .surplusAllocation(let n) = payload { return n }
        return nil
    }

    /// The proposal's page, with the receipt of a ballot this browser keeps (``ReceiptKeeping``).
    static func show(_ req: Request) async throws -> PageResponse {
        let number = try GovernanceActions.number(req)
        var model = try await ProposalShow.load(
            number: number, viewer: req.user?.id, bylaws: try await req.bylaws(), on: req.db, at: req.now)
        for i in model.proxies.indices {
            model.proxies[i].receipt = ReceiptKeeping.kept(req, proposal: number, giver: model.proxies[i].number)
        }
        var c = try await req.layout("#\(model.number): \(model.proposal.title)")
        c.titleLanguage = model.proposal.language ?? c.coopLanguage
        return ProposalShow.View.render(
            model, layout: c, error: req.storage[FormErrorKey.self], receipt: ReceiptKeeping.kept(req, proposal: number))
    }

    /// The counted ballots as stored (receipt hash, exact content), sorted as the board shows them.
    static func bulletinBallots(_ req: Request) async throws -> (ProposalRecord, FrozenRules, [BallotRecord]) {
        let m = try await ProposalBulletin.load(number: try GovernanceActions.number(req), on: req.db)
        return (m.proposal, m.frozen, m.ballots)
    }

    static func line(_ content: BallotContent) -> String {
        func quote(_ s: String) -> String { CSVCell.field(s) }
        switch content {
        case .choice(let c): return quote(c)
        case .approvals(let names), .ranking(let names): return names.map(quote).joined(separator: ",")
        case .scores(let s): return s.sorted { $0.key < $1.key }.map { quote("\($0.key)=\($0.value)") }.joined(separator: ",")
        }
    }

    /// The bulletin board; with `find`, the ballot whose receipt code the visitor gave is marked.
    /// The page hashes the code, so nobody has to; the code is not stored or logged.
    static func bulletin(_ req: Request, find: Bool = false) async throws -> PageResponse {
        struct Find: Decodable { var receipt: String? }
        let model = try await ProposalBulletin.load(number: try GovernanceActions.number(req), on: req.db)
        var search: ProposalBulletin.View.Search?
        if find {
            let code = (try? req.content.decode(Find.self))?.receipt?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            guard !code.isEmpty, code.count <= 64 else {
                throw Abort(.badRequest, reason: t("Give the receipt code you were shown when you voted (20 letters and digits)."))
            }
            let hash = ReceiptCode.hash(code)
            search = .init(hash: hash, found: model.rows.contains { $0.0 == hash })
        }
        let c = try await req.layout(t("Bulletin board of #%s", String(model.proposal.number)), forms: true)
        return ProposalBulletin.View.render(model, layout: c, search: search)
    }

    static func bulletinCSV(_ req: Request) async throws -> Response {
        ProposalBulletin.View.csv(try await ProposalBulletin.load(number: try GovernanceActions.number(req), on: req.db))
    }
}
