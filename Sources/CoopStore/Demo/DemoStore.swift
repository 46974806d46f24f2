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
