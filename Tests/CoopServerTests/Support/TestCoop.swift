import CoopStore
import Fluent
import Foundation
import SQLKit
import Synchronization
import Testing
import VaporTesting

@testable import CoopServer

/// A clock the test moves by hand.
final class TestClock: Sendable {
    private let date = Mutex(Date(timeIntervalSince1970: 1_790_000_000))
    var now: Date { date.withLock { $0 } }
    func advance(days: Double = 0, hours: Double = 0) {
        date.withLock { $0 = $0.addingTimeInterval(days * 86_400 + hours * 3600) }
    }
}

/// Every server suite nests here, so the suites run one at a time: on PostgreSQL they share a database.
@Suite(.serialized) enum Server {}

/// Runs a test against a fresh co-op database: SQLite in a temporary folder, or, when
/// `DATABASE_URL` is set, the PostgreSQL database it names, emptied first.
func withCoop(
    founded: Bool = true, configure adjust: (inout AppConfig) -> Void = { _ in },
    _ test: (Application) async throws -> Void
) async throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("coop-test-\(UUID().uuidString)").path
    var config = AppConfig(
        dataDirectory: dir, databaseURL: ProcessInfo.processInfo.environment["DATABASE_URL"], bcryptCost: 4)
    config.testPayments = true
    adjust(&config)
    let app = try await Application.make(.testing)
    app.logger.logLevel = .warning
    do {
        if config.databaseURL != nil {
            try await configureDatabase(app, config: config)
            let sql = app.db as! any SQLDatabase
            try await sql.raw("DROP SCHEMA public CASCADE").run()
            try await sql.raw("CREATE SCHEMA public").run()
        }
        try await CoopServer.configure(app, config: config)
        if founded { _ = try await DemoCoop.found(app: app) }
        try await test(app)
    } catch {
        try? await app.asyncShutdown()
        try? FileManager.default.removeItem(atPath: dir)
        throw error
    }
    try await app.asyncShutdown()
    try? FileManager.default.removeItem(atPath: dir)
}

/// A browser-like client for page tests: keeps the session cookie and the last page's CSRF token.
struct Browser {
    let app: Application
    /// The cookies this browser holds, by name.
    var jar: [String: String] = [:]
    var csrf: String?

    /// The `Cookie` header it sends; setting it replaces the session cookie alone.
    var cookie: String? {
        get { jar.isEmpty ? nil : jar.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        set {
            guard let pair = newValue?.split(separator: "=", maxSplits: 1), pair.count == 2 else { return }
            jar[String(pair[0])] = String(pair[1])
        }
    }
    var lastBody = ""

    init(_ app: Application) { self.app = app }

    mutating func get(_ path: String) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders()
        if let cookie { headers.add(name: .cookie, value: cookie) }
        let res = try await app.testing().sendRequest(.GET, path, headers: headers)
        remember(res)
        return res
    }

    mutating func post(_ path: String, _ form: [String: String] = [:], csrf send: Bool = true) async throws
        -> TestingHTTPResponse
    {
        var fields = form
        if send, fields["csrf"] == nil, let csrf { fields["csrf"] = csrf }
        var headers = HTTPHeaders()
        headers.contentType = .urlEncodedForm
        if let cookie { headers.add(name: .cookie, value: cookie) }
        let body = fields.sorted { $0.key < $1.key }.map { "\(encode($0.key))=\(encode($0.value))" }.joined(separator: "&")
        let res = try await app.testing().sendRequest(.POST, path, headers: headers, body: ByteBuffer(string: body))
        remember(res)
        return res
    }

    /// Posts a multipart form, as a browser sends a form with a file: `fields` as text parts (the
    /// CSRF token added) and one file part.
    mutating func postFile(
        _ path: String, _ fields: [String: String] = [:], file: (field: String, name: String, type: String, bytes: [UInt8]),
        csrf send: Bool = true
    ) async throws -> TestingHTTPResponse {
        var parts = fields
        if send, parts["csrf"] == nil, let csrf { parts["csrf"] = csrf }
        let boundary = "----coop-test-\(UUID().uuidString)"
        var body = ByteBuffer()
        for (k, v) in parts.sorted(by: { $0.key < $1.key }) {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(k)\"\r\n\r\n\(v)\r\n")
        }
        body.writeString(
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.name)\"\r\n"
                + "Content-Type: \(file.type)\r\n\r\n")
        body.writeBytes(file.bytes)
        body.writeString("\r\n--\(boundary)--\r\n")
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        if let cookie { headers.add(name: .cookie, value: cookie) }
        let res = try await app.testing().sendRequest(.POST, path, headers: headers, body: body)
        remember(res)
        return res
    }

    /// Logs in through the form.
    mutating func logIn(_ email: String, _ password: String = DemoCoop.password) async throws {
        _ = try await get(SiteURL.login.path)
        let res = try await post(SiteURL.login.path, ["email": email, "password": password])
        #expect(res.status == .seeOther, "login of \(email) failed: \(res.body.string)")
        try await follow(res)
    }

    /// Signs up through the form.
    mutating func signUp(_ name: String, _ email: String, _ password: String = "a-long-password") async throws {
        _ = try await get(SiteURL.signup.path)
        let res = try await post(SiteURL.signup.path, ["name": name, "email": email, "password": password])
        #expect(res.status == .seeOther, "sign-up of \(email) failed: \(res.body.string)")
        try await follow(res)
    }

    /// Goes where a redirect points, as a browser would (and picks up the new page's CSRF token).
    @discardableResult
    mutating func follow(_ res: TestingHTTPResponse) async throws -> TestingHTTPResponse? {
        guard let location = res.headers.first(name: .location) else { return nil }
        // A browser keeps the fragment to itself.
        return try await get(String(location.split(separator: "#", maxSplits: 1).first ?? ""))
    }

    private mutating func remember(_ res: TestingHTTPResponse) {
        for set in res.headers[.setCookie] {
            guard let pair = set.split(separator: ";").first?.split(separator: "=", maxSplits: 1) else { continue }
            let name = String(pair[0]).trimmingCharacters(in: .whitespaces)
            let value = pair.count == 2 ? String(pair[1]) : ""
            if value.isEmpty || set.lowercased().contains("max-age=0") { jar[name] = nil } else { jar[name] = value }
        }
        lastBody = res.body.string
        if let range = lastBody.range(of: #"name="csrf" value="([^"]+)""#, options: .regularExpression) {
            let match = String(lastBody[range])
            csrf = String(match.dropFirst(#"name="csrf" value=""#.count).dropLast())
        }
    }

    private func encode(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }
}

/// A JSON API client with a bearer token.
struct APIClient {
    let app: Application
    var token: String?

    static func login(_ app: Application, _ email: String, _ password: String = DemoCoop.password) async throws -> APIClient {
        var c = APIClient(app: app)
        let res = try await c.send(.POST, APIPath.tokens.fullPath, json: ["email": email, "password": password, "label": "test"])
        #expect(res.status == .created, "token for \(email): \(res.body.string)")
        c.token = try res.content.decode(APIController.TokenDTO.self).token
        return c
    }

    func send(_ method: HTTPMethod, _ path: String, json: [String: String]? = nil, raw: String? = nil) async throws
        -> TestingHTTPResponse
    {
        var headers = HTTPHeaders()
        if let token { headers.bearerAuthorization = BearerAuthorization(token: token) }
        var body: ByteBuffer?
        if let json {
            headers.contentType = .json
            body = ByteBuffer(data: try JSONEncoder().encode(json))
        } else if let raw {
            headers.contentType = .json
            body = ByteBuffer(string: raw)
        }
        return try await app.testing().sendRequest(method, path, headers: headers, body: body)
    }
}

extension APIPath {
    func with(_ id: UUID) -> String { fullPath.replacingOccurrences(of: "{id}", with: id.uuidString) }
}

/// Counts rows of a table, to check that a refused request changed nothing.
func count(_ table: String, on app: Application) async throws -> Int {
    struct Row: Decodable { let n: Int }
    let sql = app.db as! any SQLDatabase
    return try await sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first(decoding: Row.self)?.n ?? -1
}
