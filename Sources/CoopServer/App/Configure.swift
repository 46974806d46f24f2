import CoopCore
import CoopStore
import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Vapor

/// Builds the application: database, migrations, sessions, middleware and routes. Tests call this.
public func configure(_ app: Application, config: AppConfig) async throws {
    RequestDates.install()
    try Translations.check()
    try await configureDatabase(app, config: config)
    registerMigrations(app.migrations)
    try await app.autoMigrate()

    app.sessions.use { _ in CoopSessions() }
    let secure = config.secureCookies
    let idle = config.sessionIdle
    app.sessions.configuration = SessionsConfiguration(
        cookieName: sessionCookieName,
        cookieFactory: { id in
            HTTPCookies.Value(
                string: id.string, expires: Date().addingTimeInterval(idle), maxAge: nil, domain: nil,
                path: "/", isSecure: secure, isHTTPOnly: true, sameSite: .lax)
        })

    app.middleware = Middlewares()
    app.middleware.use(CoopErrorMiddleware())
    app.routes.defaultMaxBodySize = "256kb"
    try routes(app)
}

/// Connects the database only: SQLite under the data directory, or PostgreSQL from the URL.
func configureDatabase(_ app: Application, config: AppConfig) async throws {
    let context = CoopContext(config: config)
    app.storage[CoopContextKey.self] = context
    app.lifecycle.use(PasswordsLifecycle(passwords: context.passwords))
    if let url = config.databaseURL {
        do {
            try app.databases.use(.postgres(url: url), as: .psql)
        } catch {
            throw ConfigurationError("DATABASE_URL is not a usable PostgreSQL URL: \(error)")
        }
    } else {
        try FileManager.default.createDirectory(atPath: config.dataDirectory, withIntermediateDirectories: true)
        app.databases.use(.sqlite(.file(config.sqlitePath)), as: .sqlite)
        try await DatabaseSetup.useWriteAheadLog(on: app.db)
    }
}

func routes(_ app: Application) throws {
    app.get(.healthz) { _ in "ok" }
    app.get(.stylesheet) { _ -> Response in
        var headers = HTTPHeaders()
        headers.contentType = .css
        headers.replaceOrAdd(name: "Cache-Control", value: "public, max-age=3600")
        return Response(status: .ok, headers: headers, body: .init(string: Stylesheet.css))
    }
    let pages = app.grouped(app.sessions.middleware, SessionUserAuthenticator(), LanguageMiddleware(), CSRFMiddleware())
    HomePages.register(pages)
    AuthPages.register(pages)
    MembershipPages.register(pages)
    StewardPages.register(pages)
    GovernancePages.register(pages)
    ListingPages.register(pages)
    ListingPhotos.register(
        app,
        pages: app.grouped(
            app.sessions.middleware, SessionUserAuthenticator(), LanguageMiddleware(),
            CSRFMiddleware(maxBody: ListingPhotos.maxRequestBytes)))
    OrderPages.register(pages)
    BookingPages.register(pages)
    JobPages.register(pages)
    FinancePages.register(pages)
    NotificationPages.register(pages)
    AssemblyPages.register(pages)
    PaperSlips.register(pages)
    CheckInLink.register(pages)
    HandbookPages.register(pages)
    BylawsPages.register(pages)
    ModulePages.register(pages)
    SkillPages.register(pages)
    LanguagePages.register(pages)
    MinutesPages.register(pages)
    // One-click unsubscribe (RFC 8058) is posted by mail clients: no CSRF token, the signed token decides.
    NotificationPages.registerUnsubscribe(app.grouped(app.sessions.middleware, SessionUserAuthenticator(), LanguageMiddleware()))
    try APIController.register(app)
}

/// A bad configuration value: stops the start with one clear line.
public struct ConfigurationError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
