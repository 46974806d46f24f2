import ArgumentParser
import CoopCore
import CoopStore
import Fluent
import Foundation
import Vapor

/// `coop backup [--data-dir DIR] OUT`: a consistent copy of the co-op while it runs: SQLite's
/// `VACUUM INTO` (one read transaction, so a snapshot), or `pg_dump` where `DATABASE_URL` is set.
public struct BackupCommand: AsyncParsableCommand {
    public static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "backup",
            abstract: t("Write a consistent copy of the co-op to OUT (SQLite's online backup, or pg_dump where DATABASE_URL is set)."))
    }

    @ArgumentParser.Option(help: ArgumentHelp(t("Folder of the SQLite database.")))
    var dataDir = "coop-data"

    @ArgumentParser.Argument(help: ArgumentHelp(t("The file to write; it must not exist yet.")))
    var out: String

    @OptionGroup var language: LanguageOption

    public init() {}

    public func run() async throws {
        guard !FileManager.default.fileExists(atPath: out) else { throw CLIError(t("%s already exists; give a new file", out)) }
        if let url = ProcessInfo.processInfo.environment["DATABASE_URL"] {
            try Tool.run("pg_dump", ["--format=custom", "--no-owner", "--file=\(out)", "--dbname=\(url)"])
        } else {
            let config = AppConfig(dataDirectory: dataDir)
            guard FileManager.default.fileExists(atPath: config.sqlitePath) else {
                throw CLIError(t("no co-op database at %s", config.sqlitePath))
            }
            let target = out
            try await withDatabase(config) { db in try await DatabaseCopy.sqliteVacuum(into: target, on: db) }
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: out)[.size] as? Int) ?? 0
        say(
            tn(
                "backed up to %2$s (%1$d byte); restore with: %3$s", "backed up to %2$s (%1$d bytes); restore with: %3$s", size, out,
                "coop restore \(out)"))
    }
}

/// `coop restore [--data-dir DIR] [--replace] IN`: puts a backup back, then checks its audit
/// chain. Refuses to overwrite a co-op unless `--replace` says so.
public struct RestoreCommand: AsyncParsableCommand {
    public static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "restore",
            abstract: t("Restore a backup made by coop backup into --data-dir (or DATABASE_URL), then verify its audit chain."))
    }

    @ArgumentParser.Option(help: ArgumentHelp(t("Folder of the SQLite database.")))
    var dataDir = "coop-data"

    @ArgumentParser.Flag(help: ArgumentHelp(t("Replace the co-op that is there now (stop coop serve first).")))
    var replace = false

    @ArgumentParser.Argument(help: ArgumentHelp(t("The backup file.")))
    var input: String

    @OptionGroup var language: LanguageOption

    public init() {}

    public func run() async throws {
        guard FileManager.default.fileExists(atPath: input) else { throw CLIError(t("no backup at %s", input)) }
        let url = ProcessInfo.processInfo.environment["DATABASE_URL"]
        let config = AppConfig(dataDirectory: dataDir, databaseURL: url)
        if let url {
            if !replace, try await withDatabase(config, { try await BylawsQueries.hasCoopTables(on: $0) }) {
                throw CLIError(t("DATABASE_URL already holds a co-op; stop it and add --replace to overwrite it"))
            }
            try Tool.run("pg_restore", ["--clean", "--if-exists", "--no-owner", "--single-transaction", "--dbname=\(url)", input])
        } else {
            let header = (FileManager.default.contents(atPath: input) ?? Data()).prefix(16)
            guard header == Data("SQLite format 3\0".utf8) else {
                throw CLIError(t("%s is not a SQLite backup made by coop backup", input))
            }
            let path = config.sqlitePath
            if FileManager.default.fileExists(atPath: path) {
                guard replace else {
                    throw CLIError(t("%s already holds a co-op; stop coop serve and add --replace to overwrite it", path))
                }
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            }
            try FileManager.default.createDirectory(atPath: dataDir, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: input, toPath: path)
        }
        let result = try await withDatabase(config) { db in try await AuditLog.verify(on: db) }
        switch result {
        case .success(let ok):
            say(
                tn(
                    "restored; audit chain verified: %d entry, head %s", "restored; audit chain verified: %d entries, head %s",
                    Int(ok.count),
                    "\(ok.count):\(ok.head)"))
        case .failure(let failure):
            throw CLIError(t("restored, but the audit chain does not verify: %s", failure.line.render(Lang.catalog)))
        }
    }

}

/// Runs `body` against the co-op's database (no migrations), then shuts down.
func withDatabase<T: Sendable>(_ config: AppConfig, _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
    let app = try await Application.make(.init(name: "production", arguments: ["coop"]))
    app.logger.logLevel = .error
    do {
        try await configureDatabase(app, config: config)
        let value = try await body(app.db)
        try await app.asyncShutdown()
        return value
    } catch {
        try? await app.asyncShutdown()
        throw error
    }
}

/// Runs a command-line tool found on the PATH; its standard error becomes the failure's reason.
enum Tool {
    static func run(_ name: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [name] + arguments
        let errors = Pipe()
        process.standardError = errors
        do { try process.run() } catch { throw CLIError(t("cannot run %1$s: %2$s", name, "\(error)")) }
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let line = text.split(separator: "\n").first.map(String.init) ?? t("exit status %s", "\(process.terminationStatus)")
            throw CLIError(t("%1$s failed: %2$s", name, line))
        }
    }
}
