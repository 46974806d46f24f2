import CoopCore
import CoopStore
import FluentKit
import Foundation

/// A member's mail choice for each kind of notification.
enum NotificationSettings {
    struct Model {
        let choices: [(kind: NotificationKind, choice: MailChoice)]
    }

    /// The choices in force for the user (stored, or each kind's default).
    static func load(user: UUID, on db: any Database) async throws -> Model {
        let choices = try await NotificationStore.choices(of: user, on: db)
        return Model(choices: NotificationKind.allCases.map { ($0, choices[$0] ?? $0.defaultChoice) })
    }
}
