import ArgumentParser
import CoopCore
import CoopStore
import Foundation
import Vapor

/// `coop audit verify [--data-dir DIR] [--anchor SEQUENCE:HASH]...`
public struct AuditCommand: AsyncParsableCommand {
    public static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "audit", abstract: t("Check the co-op's audit log."), subcommands: [VerifyCommand.self])
    }

    @OptionGroup var language: LanguageOption

    public init() {}
}

public struct VerifyCommand: AsyncParsableCommand {
    public static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "verify",
            abstract: t(
                "Recompute the audit chain (of DATABASE_URL when set), its signed checkpoints, the ballots it commits to and the assemblies' sealed minutes; exit 0, or 1 naming the first bad entry."
            ))
    }

    @ArgumentParser.Option(help: ArgumentHelp(t("Folder of the SQLite database.")))
    var dataDir = "coop-data"

    @ArgumentParser.Option(
        name: .customLong("anchor"),
        help: ArgumentHelp(
            t(
                "A head you saved earlier, SEQUENCE:HASH (from the home page or /api/v1/audit/head); it must still be in the chain. Repeatable."
            ))
    )
    var anchors: [String] = []

    @ArgumentParser.Option(
        help: ArgumentHelp(
            t(
                "Check a co-op from its public API instead (https://coop.example.org): the chain, the checkpoints, the anchors and every counted ballot box against its bulletin board."
            ))
    )
    var url: String?

    @OptionGroup var language: LanguageOption

    public func validate() throws {
        if let url, URL(string: url)?.scheme.map({ ["http", "https"].contains($0) }) != true {
            throw ValidationError(t("--url %s: expected an http:// or https:// address", url))
        }
        for a in anchors where AuditLog.Anchor(a) == nil {
            throw ValidationError(t("--anchor %s: expected SEQUENCE:HASH, a positive number and 64 hex digits", a))
        }
    }

    public init() {}

    public func run() async throws {
        let databaseURL = ProcessInfo.processInfo.environment["DATABASE_URL"]
        let config = AppConfig(dataDirectory: dataDir, databaseURL: databaseURL)
        if url == nil && databaseURL == nil && !FileManager.default.fileExists(atPath: config.sqlitePath) {
            throw CLIError(t("no co-op database at %s", config.sqlitePath))
        }
        let app = try await Application.make(.init(name: "production", arguments: ["coop"]))
        app.logger.logLevel = .error
        let result: Result<(count: Int64, head: String), AuditFailure>
        var minutes: Result<Int, AssemblyStore.MinutesCheckFailure>?
        do {
            let anchors = anchors.compactMap(AuditLog.Anchor.init)
            if let url {
                result = try await RemoteAudit.verify(base: url, anchors: anchors, client: app.client)
            } else {
                try await configureDatabase(app, config: config)
                result = try await AuditLog.verify(on: app.db, anchors: anchors)
                // The sealed minutes are checked against the chain they are recorded on.
                if case .success = result { minutes = try await AssemblyStore.verifySealedMinutes(on: app.db) }
            }
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
        switch result {
        case .success(let ok):
            if case .failure(let bad) = minutes {
                FileHandle.standardError.write(Data("coop: \(bad.words.render(Lang.catalog))\n".utf8))
                throw ExitCode(1)
            }
            // The head stays SEQUENCE:HASH as written, digits without grouping: it is pasted back as --anchor.
            let head = "\(ok.count):\(ok.head)"
            let sealed = (try? minutes?.get()) ?? 0
            print(
                sealed == 0
                    ? tn("audit chain verified: %d entry, head %s", "audit chain verified: %d entries, head %s", Int(ok.count), head)
                    : tn(
                        "audit chain verified: %d entry, head %s, %s", "audit chain verified: %d entries, head %s, %s", Int(ok.count), head,
                        tn("%d sealed minutes", "%d sealed minutes", sealed)))
        case .failure(let failure):
            FileHandle.standardError.write(Data(("coop: " + t("audit chain broken: %s", failure.line.render(Lang.catalog)) + "\n").utf8))
            throw ExitCode(1)
        }
    }
}
