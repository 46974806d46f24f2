import CoopCore
import Fluent
import Foundation
import Vapor

/// The demo co-op `coop serve --demo` founds: a multi-stakeholder co-op with a steward, workers,
/// user-members, and an applicant waiting in the steward's queue.
enum DemoCoop {
    static let password = "coop-demo-pass"

    static let founders = """
        founders:
          - { name: Sam Steward, email: sam@demo.coop, class: worker, steward: true }
          - { name: Rita Reyes, email: rita@demo.coop, class: worker, steward: true }
          - { name: Ana Alves, email: ana@demo.coop, class: worker }
          - { name: Bo Berg, email: bo@demo.coop, class: worker }
          - { name: Cleo Costa, email: cleo@demo.coop, class: user }
          - { name: Dev Dlamini, email: dev@demo.coop, class: user }

        """

    static var text: String { BylawsTemplate.multiStakeholder.text(founders: founders) }

    /// Founds the demo co-op and adds an applicant whose payment waits for a steward.
    static func found(app: Application) async throws -> [Founding.FounderLogin] {
        let bylaws = try BylawsFile.parse(text)
        var passwords: [String: String] = [:]
        for f in bylaws.founders { passwords[f.email] = password }
        let logins = try await Founding.found(bylaws, text: text, passwords: passwords, app: app)
        let cost = app.coop.config.bcryptCost
        let hash = try await app.threadPool.runIfActive { try Bcrypt.hash(password, cost: cost) }
        let now = app.coop.config.now()
        try await app.coop.write(on: app.db) { db in
            let eli = UserRecord(email: "eli@demo.coop", name: "Eli Evans", passwordHash: hash, createdAt: now)
            try await eli.create(on: db)
            let cls = bylaws.stakeholderClass("worker")!
            let m = try await MembershipService.apply(userID: try eli.requireID(), to: cls, on: db, at: now)
            _ = try await MembershipService.recordPayment(
                m, class: cls, method: "bank_transfer", reference: "EVANS-0001", on: db, at: now)
        }
        return logins + [Founding.FounderLogin(name: "Eli Evans (applicant)", email: "eli@demo.coop", password: password, steward: false)]
    }
}
