import CoopCore
import CoopStore
import Foundation
import Testing
import VaporTesting

@testable import CoopServer

/// A general assembly as the assembly tests hold it: the fixture co-op's steward (the chair,
/// ``chair``) convenes assembly #1 from her browser; once it is convened, ``seat(at:)`` reads
/// every member's membership by name and logs each browser in on the assembly's page, so every
/// form a test posts carries a fresh CSRF token. `post` sends a form in a member's name (the
/// chair's included). Start on a founded fixture co-op whose members `names` were admitted with
/// `Fixture.member`.
final class MeetingFixture {
    /// The name of the fixture co-op's steward, who chairs.
    static let chair = "Stella Steward"

    let app: Application
    /// The members other than the chair, by name.
    let names: [String]
    /// The chair's browser.
    var steward: Browser
    /// Each member's browser (the chair's aside), by name, once seated.
    var members: [String: Browser] = [:]
    /// Each member's membership, the chair's too, by name, once seated.
    private(set) var memberships: [String: MembershipRecord] = [:]
    private var assembly: UUID?

    /// The chair, logged in.
    init(_ app: Application, members names: [String]) async throws {
        self.app = app
        self.names = names
        steward = try await Server.AssemblyTests.browser(app, Fixture.stewardEmail)
    }

    /// The chair convenes an assembly `days` after `clock` with `agenda` (proposal numbers, as
    /// typed in the form), from the page that convenes one.
    func convene(_ clock: TestClock, days: Double, agenda: String) async throws -> TestingHTTPResponse {
        _ = try await steward.get(SiteURL.newAssembly.path)
        return try await steward.post(SiteURL.assemblies.path, Server.AssemblyTests.form(clock, days: days, agenda: agenda))
    }

    /// Takes assembly #1 (`id`) as the meeting: reads the memberships and logs every browser in.
    func seat(at id: UUID) async throws {
        assembly = id
        for name in names + [Self.chair] {
            let email = name == Self.chair ? Fixture.stewardEmail : Server.AssemblyTests.email(name)
            memberships[name] = try await Server.AssemblyTests.membership(email, on: app.db)
        }
        try await login()
    }

    /// Logs every browser in again, each on the assembly's page (a session ends when the test's
    /// clock moves past its lifetime).
    func login() async throws {
        steward = try await Server.AssemblyTests.browser(app, Fixture.stewardEmail)
        _ = try await steward.get(SiteURL.assembly(1).path)
        for name in names {
            var b = try await Server.AssemblyTests.browser(app, Server.AssemblyTests.email(name))
            _ = try await b.get(SiteURL.assembly(1).path)
            members[name] = b
        }
    }

    /// A member's membership id.
    func id(_ name: String) -> UUID { memberships[name]!.id! }

    /// A member's number, as typed in the forms.
    func number(_ name: String) -> String { String(memberships[name]!.memberNumber!) }

    /// A member's check-in code at the meeting, or at another assembly.
    func code(_ name: String, at other: UUID? = nil) async throws -> String {
        guard let assembly = other ?? assembly, let call = try await AssemblyStore.called(id(name), to: assembly, on: app.db) else {
            throw NotCalled(name: name)
        }
        return call.code
    }

    /// Posts a form from a member's browser, or the chair's.
    func post(_ name: String, _ url: SiteURL, _ form: [String: String] = [:]) async throws -> TestingHTTPResponse {
        if name == Self.chair { return try await steward.post(url.path, form) }
        guard members[name] != nil else { throw NotCalled(name: name) }
        return try await members[name]!.post(url.path, form)
    }

    /// A member the test expected at the meeting was not called to it (or not seated).
    struct NotCalled: Error, CustomStringConvertible {
        let name: String
        var description: String { "\(name) was not called to the assembly" }
    }
}
