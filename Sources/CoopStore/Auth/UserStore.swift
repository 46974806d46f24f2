import CoopCore
import FluentKit
import Foundation

/// People's accounts and their API tokens.
public enum UserStore {
    /// The user with this id, if there is one.
    public static func user(id: UUID, on db: any Database) async throws -> UserRecord? {
        try await UserRecord.find(id, on: db)
    }

    /// The user with this (lower-cased) email, if there is one.
    public static func user(email: String, on db: any Database) async throws -> UserRecord? {
        try await UserRecord.query(on: db).filter(\.$email == email).first()
    }

    /// Creates an account; `CoopError.conflict` if the email already has one.
    public static func create(_ user: UserRecord, on db: any Database) async throws {
        if try await UserRecord.query(on: db).filter(\.$email == user.email).count() > 0 {
            throw CoopError.conflict("An account with this email already exists; log in instead.")
        }
        try await user.create(on: db)
    }

    /// Who holds the personal API token with this SHA-256 (hex): id, email and name, in one query
    /// (every API request asks).
    public static func tokenHolder(hash: String, on db: any Database) async throws -> (id: UUID, email: String, name: String)? {
        guard
            let row = try await db.sql().raw(
                "SELECT u.id, u.email, u.name FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = \(bind: hash)"
            ).first()
        else { return nil }
        return (
            try row.decode(column: "id", as: UUID.self), try row.decode(column: "email", as: String.self),
            try row.decode(column: "name", as: String.self)
        )
    }

    /// Stores a new API token (only its hash).
    public static func createToken(user: UUID, label: String, hash: String, on db: any Database, at date: Date) async throws
        -> APITokenRecord
    {
        let record = APITokenRecord()
        record.userID = user
        record.label = label
        record.tokenHash = hash
        record.createdAt = date
        try await record.create(on: db)
        return record
    }

    /// Deletes a user's API token; `false` if they have no token with that id.
    public static func deleteToken(id: UUID, of user: UUID, on db: any Database) async throws -> Bool {
        guard let token = try await APITokenRecord.find(id, on: db), token.userID == user else { return false }
        try await token.delete(on: db)
        return true
    }
}
