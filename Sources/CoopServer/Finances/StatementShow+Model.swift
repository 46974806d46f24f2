import CoopCore
import CoopStore
import Fluent
import Foundation

/// A member's statement page (and its CSV): shares, capital account and its history, and each
/// fiscal period's patronage and dividend.
enum StatementShow {
    struct Model {
        let statement: Statement
    }

    static func load(membership m: MembershipRecord, bylaws: Bylaws, on db: any Database) async throws -> Model {
        Model(statement: try await Statement.of(m, bylaws: bylaws, on: db))
    }
}
