import CoopCore
import CoopStore
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import CoopServer

/// Small builders of the state a test needs: a co-op, a member, a listing, a proposal. They go
/// through the API a member uses (so they build only what the co-op's own rules allow) and do not
/// depend on the demo co-op's people or names. Start with `Fixture.coop(app)` on an unfounded
/// database (`withCoop(founded: false)`).
struct Fixture {
    let app: Application
    /// The founding steward's API client.
    let steward: APIClient
    /// The bylaws the co-op was founded with.
    let bylaws: Bylaws

    static let password = "a-long-password"
    static let stewardEmail = "steward@fixture.test"

    /// Founds a co-op from one of the templates, with one founding steward of class `worker`;
    /// `edit` may change the bylaws' text first (a policy's value, a class's shares).
    static func coop(
        _ app: Application, template: BylawsTemplate = .multiStakeholder, edit: (String) -> String = { $0 }
    ) async throws -> Fixture {
        let founders = """
            founders:
              - name: Stella Steward
                email: \(stewardEmail)
                class: worker
                steward: true

            """
        let text = edit(template.text(founders: founders))
        let bylaws = try BylawsFile.parse(text)
        _ = try await Founding.found(bylaws, text: text, passwords: [stewardEmail: password], app: app)
        return Fixture(app: app, steward: try await APIClient.login(app, stewardEmail, password), bylaws: bylaws)
    }

    /// A new person's API client: signed up, not yet a member.
    func person(_ name: String) async throws -> APIClient {
        let email = name.lowercased().split(separator: " ").joined(separator: ".") + "@fixture.test"
        let signup = try await APIClient(app: app).send(
            .POST, APIPath.users.fullPath, json: ["name": name, "email": email, "password": Self.password])
        try #require(signup.status == .created, "sign-up of \(name): \(signup.body.string)")
        return try await APIClient.login(app, email, Self.password)
    }

    /// An admitted member of `class`: signed up, applied, paid for the shares the class needs,
    /// and admitted by the steward, as a person joining would be.
    func member(_ name: String, class cls: String = "worker") async throws -> APIClient {
        let api = try await person(name)
        let applied = try await api.send(.POST, APIPath.membership.fullPath, json: ["class": cls])
        try #require(applied.status == .created, "application of \(name): \(applied.body.string)")
        if (bylaws.stakeholderClass(cls)?.sharesRequired ?? 0) > 0 {
            let paid = try await api.send(.POST, APIPath.membershipPayment.fullPath, json: ["method": "cash", "reference": name])
            try #require(paid.status == .created, "payment of \(name): \(paid.body.string)")
        }
        let queue = try await steward.send(.GET, APIPath.stewardQueue.fullPath).content.decode([QueueRow].self)
        let mine = try #require(queue.first { $0.name == name }, "\(name) is not in the steward's queue")
        if let payment = mine.paymentID {
            let confirmed = try await steward.send(.POST, APIPath.paymentConfirm.with(payment))
            try #require(confirmed.status == .noContent, "confirming \(name)'s payment: \(confirmed.body.string)")
        }
        struct Mine: Decodable { let status: String }
        if try await api.send(.GET, APIPath.membership.fullPath).content.decode(Mine.self).status != "admitted" {
            let admitted = try await steward.send(.POST, APIPath.applicationAdmit.with(mine.membershipID))
            try #require(admitted.status == .noContent, "admitting \(name): \(admitted.body.string)")
        }
        return api
    }

    /// A listing by a worker-member; its id.
    func listing(
        by worker: APIClient, title: String, kind: String = "service", unit: String = "per_hour", price: String = "25.00",
        stock: Int? = nil, category: String? = nil
    ) async throws -> UUID {
        var fields = [
            "kind": #""\#(kind)""#, "title": #""\#(title)""#, "description": #""\#(title), by a fixture.""#,
            "category": #""\#(category ?? bylaws.categories.first ?? "cleaning")""#, "unit": #""\#(unit)""#,
            "price": #""\#(price)""#, "area": #""Centre""#,
        ]
        if let stock { fields["stock"] = String(stock) }
        let body = "{" + fields.sorted { $0.key < $1.key }.map { #""\#($0.key)":\#($0.value)"# }.joined(separator: ",") + "}"
        let res = try await worker.send(.POST, APIPath.listings.fullPath, raw: body)
        try #require(res.status == .created, "listing \(title): \(res.body.string)")
        struct Made: Decodable { let id: UUID }
        return try res.content.decode(Made.self).id
    }

    /// A proposal drafted by a member; its number. `fields` are the proposal form's (`kind`,
    /// `title`, `policy`, `value`...).
    func proposal(by member: APIClient, _ fields: [String: String]) async throws -> Int {
        let res = try await member.send(.POST, APIPath.proposals.fullPath, json: fields)
        try #require(res.status == .created, "proposal \(fields["title"] ?? ""): \(res.body.string)")
        struct Made: Decodable { let number: Int }
        return try res.content.decode(Made.self).number
    }
}
