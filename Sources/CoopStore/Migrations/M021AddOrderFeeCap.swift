import FluentKit

/// The fee cap in force when an order was placed (``PolicyKey/platformFeeCap``), frozen on the
/// order like its fee rate, so that the money released when it ends is split as it was priced.
/// Null: no cap (every order placed before there was one).
struct M021AddOrderFeeCap: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("orders").field("fee_cap_minor", .int64).update()
    }

    func revert(on db: any Database) async throws { try await db.schema("orders").deleteField("fee_cap_minor").update() }
}
