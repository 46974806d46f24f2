import CoopCore
import CoopStore
import Fluent
import Foundation

/// A member's statement page (and its CSV): shares, capital account and its history, and each
/// fiscal period's patronage and dividend.
enum StatementShow {
    struct Model {
        let statement: Statement
        /// When the page is shown: a period past its end is "ended", not "open".
        var now = Date()
    }

    static func load(membership m: MembershipRecord, bylaws: Bylaws, on db: any Database, at now: Date = Date()) async throws -> Model {
        Model(statement: try await Statement.of(m, bylaws: bylaws, on: db), now: now)
    }
}
