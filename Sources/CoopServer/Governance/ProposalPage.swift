import CoopCore
import CoopStore
import Fluent
import Plot
import Vapor

/// One proposal's page: what it asks, its discussion, the ballot, and after close the result.
enum ProposalPage {
    static func describe(_ status: ProposalStatus) -> String {
        switch status {
        case .discussion: "in discussion"
        case .voting: "voting open"
        case .passed: "passed, waiting for its timelock"
        case .failed: "not passed"
        case .enacted: "passed and enacted"
        case .notEnacted: "passed, could not be enacted"
        }
    }

    static func describe(_ payload: ProposalPayload, bylaws: Bylaws) -> String {
        switch payload {
        case .policyChange(let key, let value): "Set the policy \(key) to \(value)."
        case .general(let options): options.isEmpty ? "A decision: yes or no." : "Options: \(options.joined(separator: "; "))."
        case .election(let seats, let candidates): "Elect \(seats) board member(s); \(candidates.count) standing."
        case .admission: "Admit an applicant whose class admits by member vote."
        case .budget(let amount, let payee, let memo):
            "Pay \(Money(minorUnits: amount, currency: bylaws.currency)) to \(payee): \(memo)."
        case .bylawAmendment: "Adopt an amended version of the bylaws."
        case .surplusAllocation(let n): "Approve the allocation of fiscal period \(n)'s surplus; on passing it is posted to the ledger."
        }
    }

    /// The fiscal period an allocation proposal is about.
    static func allocationPeriod(_ payload: ProposalPayload) -> Int? {
        if case .surplusAllocation(let n) = payload { return n }
        return nil
    }

    /// The proposal's page, with the receipt of a ballot just cast or changed.
    static func show(_ req: Request, receipt: Governance.Receipt? = nil, changed: Bool = false) async throws -> PageResponse {
        let model = try await ProposalShow.load(
            number: try GovernanceActions.number(req), viewer: req.user?.id, bylaws: try await req.bylaws(), on: req.db)
        let c = try await req.layout("#\(model.number): \(model.proposal.title)")
        return ProposalShow.View.render(model, layout: c, error: req.storage[FormErrorKey.self], receipt: receipt, changed: changed)
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

    static func bulletin(_ req: Request) async throws -> PageResponse {
        let model = try await ProposalBulletin.load(number: try GovernanceActions.number(req), on: req.db)
        return ProposalBulletin.View.render(model, layout: try await req.layout("Bulletin board of #\(model.proposal.number)"))
    }

    static func bulletinCSV(_ req: Request) async throws -> Response {
        ProposalBulletin.View.csv(try await ProposalBulletin.load(number: try GovernanceActions.number(req), on: req.db))
    }
}
