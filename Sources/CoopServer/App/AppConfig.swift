import Foundation

/// Everything the application is configured with, read once at start.
public struct AppConfig: Sendable {
    /// Folder of the SQLite file when no database URL is given.
    public var dataDirectory: String
    /// `postgres://...` to use PostgreSQL; nil for SQLite.
    public var databaseURL: String?
    /// Bcrypt cost; 12 in production. Tests lower it (still Bcrypt) to keep the suite quick.
    public var bcryptCost: Int
    /// Failed logins allowed per account, then per address, within ``loginWindow``.
    public var loginFailuresPerAccount: Int
    public var loginFailuresPerAddress: Int
    public var loginWindow: TimeInterval
    /// Sign-ups allowed per address within ``signupWindow``.
    public var signupsPerAddress = 20
    public var signupWindow: TimeInterval = 3600
    /// Proxies whose `X-Forwarded-For` names the client (`--trusted-proxy CIDR`); none by default.
    var trustedProxies = TrustedProxies()
    /// Where members reach the co-op (`--public-url`): links in mail; `https` sets Secure cookies.
    public var publicURL: String?
    /// A session ends after this long without a request (logged in), or 2 hours (not logged in).
    public var sessionIdle: TimeInterval = 7 * 86_400
    /// A session ends this long after log-in, whatever happens.
    public var sessionLifetime: TimeInterval = 30 * 86_400
    /// The clock sessions expire by, when not ``now`` (the end-to-end tests move ``now`` by
    /// months while a browser stays logged in).
    public var sessionClock: (@Sendable () -> Date)?
    /// Mark session cookies Secure (behind HTTPS).
    public var secureCookies: Bool
    /// The clock; tests pass their own.
    public var now: @Sendable () -> Date
    /// Offer the test payment gateway, which settles at once without money moving (demo, tests).
    public var testPayments = false
    /// How long a process searches its in-memory listings before checking the database for
    /// changes made by other processes (its own writes are seen at once).
    public var searchRefresh: Duration = .milliseconds(250)
    /// Seconds between signed checkpoints of the audit chain's head (when it has moved).
    public var checkpointEvery: TimeInterval = 600
    /// How notifications go by mail (`SMTP_URL`, `MAIL_FROM`); by default into `.eml` files.
    var mail = MailConfig()

    public init(
        dataDirectory: String = "coop-data", databaseURL: String? = nil, bcryptCost: Int = 12,
        loginFailuresPerAccount: Int = 5, loginFailuresPerAddress: Int = 20, loginWindow: TimeInterval = 15 * 60,
        secureCookies: Bool = false, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.dataDirectory = dataDirectory
        self.databaseURL = databaseURL
        self.bcryptCost = bcryptCost
        self.loginFailuresPerAccount = loginFailuresPerAccount
        self.loginFailuresPerAddress = loginFailuresPerAddress
        self.loginWindow = loginWindow
        self.secureCookies = secureCookies
        self.now = now
    }

    /// The SQLite file's path.
    public var sqlitePath: String { (dataDirectory as NSString).appendingPathComponent("coop.sqlite") }
}
