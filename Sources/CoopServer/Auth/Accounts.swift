import CoopCore
import CoopStore
import Foundation
import Vapor

/// Signing up and checking passwords, shared by the pages and the API.
enum Accounts {
    struct SignupInput: Content, Validatable, APIFieldRules {
        var name: String
        var email: String
        var password: String

        static let fieldRules: [String: APIFieldRule] = ["name": .length(1...100), "password": .length(10...200)]

        static func validations(_ v: inout Validations) {
            v.add("name", of: Self.self, customFailureDescription: "Name must be 1 to 100 characters.")
            v.add("email", as: String.self, is: .email, customFailureDescription: "Email is not an email address.")
            v.add("password", of: Self.self, customFailureDescription: "Password must be 10 to 200 characters.")
        }
    }

    struct LoginInput: Content {
        var email: String
        var password: String
    }

    static func signup(_ req: Request) async throws -> UserRecord {
        try SignupInput.validate(content: req)
        let input = try req.content.decode(SignupInput.self)
        let email = input.email.lowercased().trimmingCharacters(in: .whitespaces)
        let name = input.name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw Abort(.badRequest, reason: t("Name must be 1 to 100 characters.")) }
        // Counted before the slow hash: a burst of sign-ups from one address stops at the limit.
        try await LoginThrottle.reserveSignup(address: req.clientAddress, req: req)
        let cost = req.coop.config.bcryptCost
        let password = input.password
        let hash = try await req.coop.passwords.hash(password, cost: cost)
        let now = req.now
        return try await req.write { db in
            let user = UserRecord(email: email, name: name, passwordHash: hash, createdAt: now)
            try await UserStore.create(user, on: db)
            return user
        }
    }

    /// Checks a password, throttled per account and per address; every attempt is recorded.
    static func authenticate(_ req: Request) async throws -> UserRecord {
        let input = try req.content.decode(LoginInput.self)
        let email = input.email.lowercased().trimmingCharacters(in: .whitespaces)
        let address = req.clientAddress
        let attempt = try await LoginThrottle.reserveLogin(email: email, address: address, req: req)
        let user = try await UserStore.user(email: email, on: req.db)
        // Verify against a dummy hash when there is no such user, so timing does not reveal accounts.
        let hash = user?.passwordHash ?? "$2b$12$C6UzMDM.H6dfI/f/IKxGhu7NPu1iGk0RW8Ty0o8T1CwXs1bV8dDve"
        let password = input.password
        let ok = try await req.coop.passwords.verify(password, hash: hash)
        guard ok, let user else { throw Abort(.unauthorized, reason: t("Wrong email or password.")) }
        try await LoginThrottle.succeeded(attempt, req: req)
        return user
    }
}
