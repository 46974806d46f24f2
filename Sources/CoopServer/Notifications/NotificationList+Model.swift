import CoopCore
import CoopStore
import FluentKit
import Foundation

/// A member's notifications, newest first.
enum NotificationList {
    struct Model {
        let items: [NotificationStore.Item]
        var unread: Int { items.count { !$0.read } }
    }

    /// The user's latest 100 notifications.
    static func load(user: UUID, on db: any Database) async throws -> Model {
        Model(items: try await NotificationStore.list(of: user, limit: 100, on: db))
    }
}
