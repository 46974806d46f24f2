import CoopCore
import FluentKit
import Foundation

/// The few lookups and writes the demo co-op makes that no feature does.
public enum DemoStore {
    /// The listing with this title (the demo's titles are unique).
    public static func listing(titled title: String, on db: any Database) async throws -> ListingRecord? {
        try await ListingRecord.query(on: db).filter(\.$title == title).first()
    }

    /// Stores a worker's profile.
    public static func create(_ profile: WorkerProfileRecord, on db: any Database) async throws {
        try await profile.create(on: db)
    }
}

extension DemoStore {
    /// Moves the first fiscal period to run from `start` to `end` (the demo's year before founding);
    /// nothing if there is no first period.
    public static func backdateFirstPeriod(from start: Date, to end: Date, on db: any Database) async throws {
        guard let first = try await FiscalPeriodStore.existing(1, on: db) else { return }
        first.startsAt = start
        first.endsAt = end
        try await first.save(on: db)
    }

    /// Stores an order's payment as made (the demo's orders are paid offline).
    public static func create(_ payment: OrderPaymentRecord, on db: any Database) async throws {
        try await payment.create(on: db)
    }
}
