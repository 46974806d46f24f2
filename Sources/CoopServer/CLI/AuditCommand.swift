import ArgumentParser
import CoopCore
import Foundation
import Vapor

/// `coop audit verify [--data-dir DIR]`
public struct AuditCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Check the co-op's audit log.", subcommands: [VerifyCommand.self])

    public init() {}
}

public struct VerifyCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Recompute the audit chain (of DATABASE_URL when set); exit 0, or 1 naming the first bad entry.")

    @ArgumentParser.Option(help: "Folder of the SQLite database.")
    var dataDir = "coop-data"

    public init() {}

    public func run() async throws {
        let url = ProcessInfo.processInfo.environment["DATABASE_URL"]
        let config = AppConfig(dataDirectory: dataDir, databaseURL: url)
        if url == nil && !FileManager.default.fileExists(atPath: config.sqlitePath) {
            throw CLIError("no co-op database at \(config.sqlitePath)")
        }
        let app = try await Application.make(.init(name: "production", arguments: ["coop"]))
        app.logger.logLevel = .error
        let result: Result<(count: Int64, head: String), AuditFailure>
        do {
            try await configureDatabase(app, config: config)
            result = try await AuditLog.verify(on: app.db)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
        switch result {
        case .success(let ok):
            print("audit chain verified: \(ok.count) entries, head \(ok.head)")
        case .failure(let failure):
            FileHandle.standardError.write(Data("coop: audit chain broken: \(failure)\n".utf8))
            throw ExitCode(1)
        }
    }
}
