import CoopCore
import CoopStore
import Fluent
import Foundation
import Vapor

/// Founding a co-op from validated bylaws: the first bylaws version, the policies, and the founders.
public enum Founding {
    /// A founder's login, printed once at founding.
    public struct FounderLogin: Sendable {
        /// The founder's name.
        public let name: String
        /// The email the founder logs in with.
        public let email: String
        /// The password chosen (the demo) or generated for the founder.
        public let password: String
        /// Whether the founder is a steward.
        public let steward: Bool
    }

    /// Founds the co-op in one transaction. Refuses if it is already founded.
    /// `passwords` gives chosen passwords by email (the demo); others get a random one.
    static func found(
        _ bylaws: Bylaws, text: String, passwords: [String: String] = [:], app: Application
    ) async throws -> [FounderLogin] {
        let now = app.coop.config.now()
        let cost = app.coop.config.bcryptCost
        // Hash before the transaction: Bcrypt is slow by design.
        var logins: [FounderLogin] = []
        var hashes: [String: String] = [:]
        for f in bylaws.founders {
            let password = passwords[f.email] ?? randomPassword()
            hashes[f.email] = try await app.coop.passwords.hash(password, cost: cost)
            logins.append(FounderLogin(name: f.name, email: f.email, password: password, steward: f.steward))
        }
        let fixedHashes = hashes
        try await app.coop.write(on: app.db) { db in
            if try await BylawsQueries.isFounded(on: db) {
                throw Abort(.conflict, reason: t("this co-op is already founded; bylaws change only by amendment"))
            }
            try await AuditLog.append(
                AuditEvent(
                    kind: "coop.founded",
                    ["name": .string(bylaws.name), "currency": .string(bylaws.currency.code)]), on: db, at: now)
            try await AuditSeal.ensureKey(on: db, at: now)
            try await BylawsStore.adopt(text, source: "founding", on: db, at: now)
            try await PolicyStore.install(bylaws, source: "bylaws v1 (founding)", on: db, at: now)
            try await FiscalPeriods.ensureCurrent(bylaws: bylaws, on: db, at: now)
            for f in bylaws.founders {
                let user = UserRecord(email: f.email, name: f.name, passwordHash: fixedHashes[f.email]!, createdAt: now)
                try await UserStore.create(user, on: db)
                let cls = bylaws.stakeholderClass(f.classID)!
                let m = try await MembershipService.apply(userID: user.requireID(), to: cls, on: db, at: now)
                m.steward = f.steward
                try await MembershipCommands.save(m, on: db)
                if cls.sharesRequired > 0 {
                    let payment = try await MembershipService.recordPayment(
                        m, class: cls, method: "founding", reference: "founding subscription", on: db, at: now)
                    try await MembershipService.confirm(
                        payment, by: user.requireID(), bylaws: bylaws, admitAlways: true, on: db, at: now)
                } else {
                    try await MembershipService.admit(m, reason: "founder", on: db, at: now)
                }
            }
        }
        return logins
    }

    static func randomPassword() -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY234679")
        return String((0..<16).map { _ in alphabet.randomElement()! })
    }
}
