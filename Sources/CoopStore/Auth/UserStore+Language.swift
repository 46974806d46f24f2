import CoopCore
import FluentKit
import Foundation
import SQLKit

extension UserStore {
    /// Saves the language a person chose, or clears it (nil: the browser and the bylaws decide).
    public static func setLanguage(_ language: Language?, of user: UUID, on db: any Database) async throws {
        try await db.sql().raw("UPDATE users SET language = \(bind: language?.rawValue) WHERE id = \(bind: user)").run()
    }
}
