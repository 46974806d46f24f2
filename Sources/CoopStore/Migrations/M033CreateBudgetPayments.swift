import FluentKit

/// Payments against budgets the members approved (``BudgetPaymentRecord``).
struct M033CreateBudgetPayments: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("budget_payments")
            .id()
            .field("proposal_id", .uuid, .required, .references("proposals", "id"))
            .field("transaction_id", .uuid, .required)
            .field("amount_minor", .int64, .required)
            .field("description", .string, .required)
            .field("paid_at", .datetime, .required)
            .field("recorded_by", .uuid, .required)
            .create()
        try await db.sql().raw("CREATE INDEX budget_payments_by_proposal ON budget_payments (proposal_id)").run()
    }

    func revert(on db: any Database) async throws { try await db.schema("budget_payments").delete() }
}
