import ArgumentParser
import CoopCore
import CoopStore
import Foundation
import Vapor

/// `coop serve [--demo] [--bylaws FILE] [--host H] [--port P] [--data-dir DIR]`
public struct ServeCommand: AsyncParsableCommand {
    public static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "serve", abstract: t("Run the platform. SQLite under --data-dir, or PostgreSQL when DATABASE_URL is set."))
    }

    @ArgumentParser.Flag(help: ArgumentHelp(t("Found a demo co-op (on an empty database) and print how to log in.")))
    var demo = false

    @ArgumentParser.Option(help: ArgumentHelp(t("Bylaws file to found the co-op from on first start (see `coop init`).")))
    var bylaws: String?

    @ArgumentParser.Option(help: ArgumentHelp(t("Address to listen on.")))
    var host = "127.0.0.1"

    @ArgumentParser.Option(help: ArgumentHelp(t("Port to listen on.")))
    var port = 8080

    @ArgumentParser.Option(help: ArgumentHelp(t("Folder of the SQLite database.")))
    var dataDir = "coop-data"

    @ArgumentParser.Option(
        name: .customLong("trusted-proxy"),
        help: ArgumentHelp(
            t("A reverse proxy (CIDR, such as 127.0.0.1/32 or 10.0.0.0/8) whose X-Forwarded-For names the client. Repeatable.")))
    var trustedProxies: [String] = []

    @ArgumentParser.Option(
        help: ArgumentHelp(t("Where members reach the co-op, such as https://coop.example.org; https marks cookies Secure.")))
    var publicURL: String?

    /// For end-to-end tests: the server's clock runs ahead by the number of seconds this file
    /// holds, so a test can let a vote's days pass. Only whoever starts the server can set it.
    @ArgumentParser.Option(help: .hidden)
    var clockFile: String?

    @OptionGroup var language: LanguageOption

    public init() {}

    public func validate() throws {
        if demo && bylaws != nil { throw ValidationError(t("--demo and --bylaws found different co-ops; give one")) }
        guard (1...65535).contains(port) else { throw ValidationError(t("--port must be 1 to 65535")) }
        for p in trustedProxies where TrustedProxies.Network(p) == nil {
            throw ValidationError(t("--trusted-proxy %s: expected an IP address or network, such as 10.0.0.0/8 or ::1/128", p))
        }
        if let publicURL {
            guard let url = URL(string: publicURL), ["http", "https"].contains(url.scheme ?? ""), url.host?.isEmpty == false else {
                throw ValidationError(
                    t("--public-url %s: expected an http:// or https:// address, such as https://coop.example.org", publicURL))
            }
        }
    }

    public func run() async throws {
        // Read and check the bylaws before anything is written.
        var founding: (Bylaws, String)?
        if let bylaws {
            do {
                founding = try BylawsFile.load(path: bylaws)
            } catch let error as BylawsError {
                throw CLIError(t("%1$s is not valid bylaws, nothing was written: %2$s", bylaws, error.text(in: Lang.catalog)))
            }
        }
        // The server answers each request in the language its pages choose, and its timed work
        // writes in the co-op's: none of it inherits the command line's, which only the lines
        // printed here are written in.
        let words = Lang.catalog
        try await Lang.with(.en) { try await serve(founding: founding, words: words) }
    }

    func serve(founding: (Bylaws, String)?, words: Catalog) async throws {
        /// A line of the command's own, in the command line's language.
        func cli<T>(_ body: () -> T) -> T { Lang.$catalog.withValue(words, operation: body) }
        let environment = ProcessInfo.processInfo.environment
        var env = Environment(name: "production", arguments: ["coop", "serve", "--hostname", host, "--port", "\(port)"])
        try LoggingSystem.bootstrap(from: &env)
        let app = try await Application.make(env)
        if let level = environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) { app.logger.logLevel = level }
        do {
            var config = AppConfig(dataDirectory: dataDir, databaseURL: environment["DATABASE_URL"])
            config.testPayments = demo
            config.trustedProxies = TrustedProxies(trustedProxies.compactMap(TrustedProxies.Network.init))
            config.publicURL = publicURL
            do {
                config.mail = try MailConfig(environment: environment, baseURL: publicURL ?? "http://\(host):\(port)")
            } catch let error as ConfigurationError { throw CLIError(error.description) }
            config.secureCookies = publicURL?.lowercased().hasPrefix("https://") == true
            if let clockFile {
                // Sessions expire by the real clock: the tests keep a browser logged in across months.
                config.sessionClock = { Date() }
                config.now = {
                    let text = (try? String(contentsOfFile: clockFile, encoding: .utf8)) ?? "0"
                    return Date().addingTimeInterval(Double(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0)
                }
            }
            try await configure(app, config: config)
            let existing = try await app.coop.bylaws(on: app.db)
            if existing == nil {
                let logins: [Founding.FounderLogin]
                if demo {
                    logins = try await DemoCoop.found(app: app, year: true)
                } else if let (bylaws, text) = founding {
                    logins = try await Founding.found(bylaws, text: text, app: app)
                } else {
                    say(cli { Self.howToFound })
                    throw CLIError(cli { t("no co-op is founded here yet; see above") })
                }
                cli { printLogins(logins, demo: demo) }
            } else if founding != nil {
                FileHandle.standardError.write(
                    Data(
                        ("coop: " + cli { t("the co-op is already founded; --bylaws is ignored (bylaws change only by amendment)") } + "\n")
                            .utf8))
            }
            let name = try await app.coop.bylaws(on: app.db)?.name ?? "Coop"
            say(cli { t("%1$s is served at %2$s  (stop with Ctrl-C)", name, "http://\(host):\(port)/") })
            // Timed work (opening, closing, enacting proposals; completing delivered orders after the
            // governed period; passing on job offers left unanswered; opening fiscal periods and
            // closing them on schedule; convening the annual general meeting the bylaws require when
            // no steward has) runs here every few seconds; it is idempotent and serialized, so
            // several processes may run it against one database.
            let scheduler = Task {
                while !Task.isCancelled {
                    do { try await Governance.advance(app: app) } catch {
                        app.logger.error("governance step failed", metadata: ["error": "\(error)"])
                    }
                    do { try await Orders.completeDue(app: app) } catch {
                        app.logger.error("order completion failed", metadata: ["error": "\(error)"])
                    }
                    do { try await Jobs.expireDue(app: app) } catch {
                        app.logger.error("job offer expiry failed", metadata: ["error": "\(error)"])
                    }
                    do { try await FiscalPeriods.closeDue(app: app) } catch {
                        app.logger.error("fiscal period step failed", metadata: ["error": "\(error)"])
                    }
                    do { try await AnnualMeetings.step(app: app) } catch {
                        app.logger.error("annual meeting step failed", metadata: ["error": "\(error)"])
                    }
                    do { try await AuditSeal.step(app: app) } catch {
                        app.logger.error("audit checkpoint failed", metadata: ["error": "\(error)"])
                    }
                    do { try await CoopSessions.sweep(app: app) } catch {
                        app.logger.error("session sweep failed", metadata: ["error": "\(error)"])
                    }
                    try? await Task.sleep(for: .seconds(5))
                }
            }
            // Mail has its own loop: a slow mail server must not hold up votes, orders and offers.
            let mailer = Task {
                while !Task.isCancelled {
                    do { try await NotificationMail.step(app: app) } catch {
                        app.logger.error("mail step failed", metadata: ["error": "\(error)"])
                    }
                    try? await Task.sleep(for: .seconds(5))
                }
            }
            // The timed work stops, and its step in hand finishes, before the application shuts
            // down: a step still running would reach for databases already gone.
            do {
                try await app.execute()
            } catch {
                await Self.stop(scheduler, mailer)
                // NIO says so in its IOError, which this target does not import by name.
                if "\(error)".contains("Address already in use") {
                    throw CLIError(
                        cli { t("%1$s:%2$s is already in use: stop the other server or choose another --port", host, String(port)) })
                }
                throw error
            }
            await Self.stop(scheduler, mailer)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }

    /// Cancels timed work and waits for the step in hand to finish.
    static func stop(_ tasks: Task<Void, Never>...) async {
        for task in tasks { task.cancel() }
        for task in tasks { await task.value }
    }

    func printLogins(_ logins: [Founding.FounderLogin], demo: Bool) {
        say(
            demo
                ? t("Founded the demo co-op. Log in at %s as:", "http://\(host):\(port)\(SiteURL.login.path)")
                : t("Founded the co-op. Founders' one-time passwords (shown once, change them):"))
        for l in logins {
            say(
                "  \(l.email.padding(toLength: 20, withPad: " ", startingAt: 0)) \(l.password)   \(l.steward ? t("%s (steward)", l.name) : l.name)"
            )
        }
    }

    static var howToFound: String {
        [
            t("This data directory has no co-op yet. To found one:"),
            "  1. coop init my-coop --template worker        " + t("(or --template multi-stakeholder)"),
            "  2. " + t("edit my-coop/bylaws.yaml: name, purpose, currency, classes, founders, policies"),
            "  3. coop serve --bylaws my-coop/bylaws.yaml",
            t("Or try a demo co-op: %s", "coop serve --demo"),
        ].joined(separator: "\n")
    }
}

/// Writes a line to standard output at once (unbuffered), so it shows even when output goes to a file.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
