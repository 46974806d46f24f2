import CoopCore
import CoopStore
import FluentKit
import Foundation

extension DemoCoop {
    /// Sam's tutoring by the hour: a service with no orders yet, for trying bookings with a time
    /// (Sam sets the hours he takes bookings on his dashboard) without touching the demo year's work.
    static func bookableListing(
        bylaws: Bylaws, member: (String) async throws -> MembershipRecord, on db: any Database, at now: Date
    ) async throws {
        let draft = ListingDraft(
            kind: .service, title: "Maths tutoring", description: "Secondary-school maths and physics, at your home or online.",
            category: "tutoring", unit: .perHour, price: Money(minorUnits: 2_400, currency: bylaws.currency), area: "Online")
        _ = try await Listings.insert(draft, worker: try await member("sam@demo.coop").requireID(), on: db, at: now)
    }
}
