import ArgumentParser
import CoopCore
import Foundation

/// `coop minutes verify FILE [--key HEX]`
public struct MinutesCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "minutes", abstract: "Check an assembly's sealed minutes.", subcommands: [MinutesVerifyCommand.self])

    public init() {}
}

/// Checks a sealed minutes file by itself: its form and the Ed25519 seal by the key it embeds.
public struct MinutesVerifyCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract:
            "Check the seal of an assembly's minutes (minutes-N-vK.txt): exit 0 and who sealed it, or 1 and why not."
    )

    @ArgumentParser.Argument(help: "The sealed minutes file.")
    var file: String

    @ArgumentParser.Option(
        help:
            "The co-op's public key (64 hex digits, from its home page or /api/v1/coop): the seal must be by this key, not just by the key the file names."
    )
    var key: String?

    public init() {}

    public func run() throws {
        switch Self.check(path: file, key: key) {
        case .success(let line): print(line)
        case .failure(let error):
            FileHandle.standardError.write(Data("coop: \(error.description)\n".utf8))
            throw ExitCode(1)
        }
    }

    /// The one line `verify` prints, or the one-line reason it fails.
    public static func check(path: String, key: String?) -> Result<String, CLIError> {
        guard let data = FileManager.default.contents(atPath: path) else { return .failure(CLIError("cannot read \(path)")) }
        switch Minutes.verify(Array(data)) {
        case .failure(let why): return .failure(CLIError("\(path): \(why.description)"))
        case .success(let ok):
            if let key, key.lowercased() != ok.publicKey {
                return .failure(CLIError("\(path): sealed by the key \(ok.publicKey), not by the co-op's key \(key)"))
            }
            return .success(
                "minutes of assembly #\(ok.assembly), version \(ok.version): sealed by \(ok.publicKey) on \(ok.sealedAt), \(ok.signers.count) signers"
            )
        }
    }
}
