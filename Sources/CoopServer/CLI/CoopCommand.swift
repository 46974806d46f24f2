import ArgumentParser
import CoopCore
import CoopStore
import Foundation

/// The `coop` command: its subcommands are types here so tests can run them.
///
/// Every text the command writes is in the language of the run (``CLILanguage``): the help too,
/// so the commands' configurations and the help of their options are built when they are asked
/// for, under that language, rather than stored once.
public struct CoopCommand: AsyncParsableCommand {
    public static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "coop",
            abstract: t("Run a platform co-operative: its marketplace and the democracy that steers it."),
            subcommands: [
                InitCommand.self, ServeCommand.self, AuditCommand.self, BackupCommand.self, RestoreCommand.self, TallyCommand.self,
                MinutesCommand.self,
            ])
    }

    @OptionGroup var language: LanguageOption

    public init() {}

    /// Parses the process's arguments and runs the command, in the language they and the
    /// environment choose, awaiting the asynchronous ones.
    public static func runMain() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        let language = CLILanguage.choose(arguments: arguments, environment: ProcessInfo.processInfo.environment)
        let code = await Lang.with(language) { await run(arguments) }
        Foundation.exit(code)
    }

    /// Runs the command these arguments name and returns its exit status; help and failures are
    /// written as ArgumentParser writes them (help on standard output, failures on standard
    /// error), its own words in the current language. Exit codes do not depend on the language.
    /// (Dispatching on the concrete types makes sure their `async` run is the one called.)
    static func run(_ arguments: [String]) async -> Int32 {
        do {
            var command = try parseAsRoot(arguments)
            switch command {
            case let serve as ServeCommand: try await serve.run()
            case let verify as VerifyCommand: try await verify.run()
            case let backup as BackupCommand: try await backup.run()
            case let restore as RestoreCommand: try await restore.run()
            default: try command.run()
            }
            return 0
        } catch {
            let code = exitCode(for: error)
            let text = CLILanguage.localizeFrame(fullMessage(for: error))
            if !text.isEmpty {
                let handle = code == .success ? FileHandle.standardOutput : FileHandle.standardError
                handle.write(Data((text + "\n").utf8))
            }
            return code.rawValue
        }
    }
}

extension BylawsTemplate: ExpressibleByArgument {}

/// `coop init [DIR] [--template worker|multi-stakeholder]`
public struct InitCommand: ParsableCommand {
    public static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "init", abstract: t("Write a commented bylaws file to edit before founding the co-op."))
    }

    @ArgumentParser.Argument(help: ArgumentHelp(t("Folder to write bylaws.yaml into.")))
    var directory: String = "."

    @ArgumentParser.Option(help: ArgumentHelp(t("worker or multi-stakeholder.")))
    var template: BylawsTemplate = .worker

    @ArgumentParser.Flag(help: ArgumentHelp(t("Overwrite an existing bylaws.yaml.")))
    var force = false

    @OptionGroup var language: LanguageOption

    public init() {}

    public func run() throws {
        let fm = FileManager.default
        try fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = (directory as NSString).appendingPathComponent("bylaws.yaml")
        if fm.fileExists(atPath: path) && !force {
            throw CLIError(t("%s exists; pass --force to overwrite it", path))
        }
        try template.text.write(toFile: path, atomically: true, encoding: .utf8)
        print(t("Wrote %1$s (%2$s template).", path, template.rawValue))
        print(t("Edit it (name, founders, classes, policies), then found the co-op with:"))
        print("  coop serve --bylaws \(path)")
    }
}

/// A command's failure: printed as one line on standard error, with a non-zero exit.
public struct CLIError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
