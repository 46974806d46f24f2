import CoopCore
import CoopStore
import Fluent
import Foundation
import Vapor

/// Budgets the members approved by vote, against what has been paid (`BudgetSpending`).
enum Budgets {
    /// One approved budget with what was paid against it.
    struct Line: Equatable {
        let proposal: UUID
        let number: Int
        let what: String
        let payee: String
        let approved: Int64
        let paid: Int64
        var left: Int64 { BudgetSpending.remaining(approved: approved, paid: paid) }
    }

    struct PayInput: Content {
        var budget: Int
        var amount: String
        var description: String
    }

    /// Every enacted budget, oldest first, with what was paid against it.
    static func lines(on db: any Database) async throws -> [Line] {
        let proposals = try await BudgetStore.enacted(on: db)
        let paid = try await BudgetStore.paid(for: proposals.compactMap(\.id), on: db)
        return try proposals.compactMap { p in
            guard let id = p.id, case .budget(let amount, let payee, let memo) = try Governance.decode(ProposalPayload.self, p.payload)
            else { return nil }
            return Line(proposal: id, number: p.number, what: memo, payee: payee, approved: amount, paid: paid[id] ?? 0)
        }
    }

    /// A steward records a payment against a budget: never more than is left of it.
    static func pay(_ req: Request) async throws {
        let (steward, _) = try await req.requireSteward()
        let input = try req.content.decode(PayInput.self)
        let bylaws = try await req.bylaws()
        let description = input.description.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...300).contains(description.count), !description.contains(where: \.isNewline) else {
            throw Abort(.badRequest, reason: t("Say what was paid for, in one line of at most 300 characters."))
        }
        let minor: Int64
        do { minor = try Money.parseFixed(input.amount.trimmingCharacters(in: .whitespaces), digits: bylaws.currency.minorDigits) } catch {
            throw Abort(.badRequest, reason: t("'%s' is not an amount such as 120.00.", String(input.amount.prefix(30))))
        }
        let now = req.now
        try await req.write { db in
            guard let line = try await lines(on: db).first(where: { $0.number == input.budget }) else {
                throw CoopError.notFound(t("There is no enacted budget #%s.", String(input.budget)))
            }
            if let reason = BudgetSpending.check(minor, approved: line.approved, paid: line.paid) {
                throw CoopError.conflict(
                    reason.hasPrefix("That is more")
                        ? t(
                            "That is more than is left of budget #%1$s: %2$s.", String(line.number),
                            FinancePages.amount(Money(minorUnits: line.left, currency: bylaws.currency)))
                        : reason)
            }
            let tx = try BudgetSpending.payment(
                Money(minorUnits: minor, currency: bylaws.currency), memo: "\(description) (budget #\(line.number), to \(line.payee))")
            let posted = try await LedgerStore.post(tx, on: db, at: now)
            try await BudgetStore.record(
                proposal: line.proposal, transaction: posted, amount: minor, description: description, by: steward.id, on: db, at: now)
        }
    }
}
