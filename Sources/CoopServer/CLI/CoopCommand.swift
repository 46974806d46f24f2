import ArgumentParser
import CoopCore
import CoopStore
import Foundation

/// The `coop` command: its subcommands are types here so tests can run them.
public struct CoopCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "coop",
        abstract: "Run a platform co-operative: its marketplace and the democracy that steers it.",
        subcommands: [
            InitCommand.self, ServeCommand.self, AuditCommand.self, BackupCommand.self, RestoreCommand.self, TallyCommand.self,
            MinutesCommand.self,
        ])

    public init() {}

    /// Parses the process's arguments and runs the command, awaiting the asynchronous ones.
    /// (Dispatching on the concrete types makes sure their `async` run is the one called.)
    public static func runMain() async {
        do {
            var command = try parseAsRoot()
            switch command {
            case let serve as ServeCommand: try await serve.run()
            case let verify as VerifyCommand: try await verify.run()
            case let backup as BackupCommand: try await backup.run()
            case let restore as RestoreCommand: try await restore.run()
            default: try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}

extension BylawsTemplate: ExpressibleByArgument {}

/// `coop init [DIR] [--template worker|multi-stakeholder]`
public struct InitCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Write a commented bylaws file to edit before founding the co-op.")

    @ArgumentParser.Argument(help: "Folder to write bylaws.yaml into.")
    var directory: String = "."

    @ArgumentParser.Option(help: "worker or multi-stakeholder.")
    var template: BylawsTemplate = .worker

    @ArgumentParser.Flag(help: "Overwrite an existing bylaws.yaml.")
    var force = false

    public init() {}

    public func run() throws {
        let fm = FileManager.default
        try fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = (directory as NSString).appendingPathComponent("bylaws.yaml")
        if fm.fileExists(atPath: path) && !force {
            throw CLIError("\(path) exists; pass --force to overwrite it")
        }
        try template.text.write(toFile: path, atomically: true, encoding: .utf8)
        print("Wrote \(path) (\(template.rawValue) template).")
        print("Edit it (name, founders, classes, policies), then found the co-op with:")
        print("  coop serve --bylaws \(path)")
    }
}

/// A command's failure: printed as one line on standard error, with a non-zero exit.
public struct CLIError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
