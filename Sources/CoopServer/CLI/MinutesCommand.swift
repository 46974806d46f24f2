import ArgumentParser
import CoopCore
import Foundation

/// `coop minutes verify FILE [--key HEX]`
public struct MinutesCommand: ParsableCommand {
    public static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "minutes", abstract: t("Check an assembly's sealed minutes."), subcommands: [MinutesVerifyCommand.self])
    }

    @OptionGroup var language: LanguageOption

    public init() {}
}

/// Checks a sealed minutes file by itself: its form and the Ed25519 seal by the key it embeds.
public struct MinutesVerifyCommand: ParsableCommand {
    public static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "verify",
            abstract: t("Check the seal of an assembly's minutes (minutes-N-vK.txt): exit 0 and who sealed it, or 1 and why not."))
    }

    @ArgumentParser.Argument(help: ArgumentHelp(t("The sealed minutes file.")))
    var file: String

    @ArgumentParser.Option(
        help: ArgumentHelp(
            t(
                "The co-op's public key (64 hex digits, from its home page or /api/v1/coop): the seal must be by this key, not just by the key the file names."
            ))
    )
    var key: String?

    @OptionGroup var language: LanguageOption

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
        guard let data = FileManager.default.contents(atPath: path) else { return .failure(CLIError(t("cannot read %s", path))) }
        switch Minutes.verify(Array(data)) {
        case .failure(let why): return .failure(CLIError(t("%1$s: %2$s", path, why.words.render(Lang.catalog))))
        case .success(let ok):
            if let key, key.lowercased() != ok.publicKey {
                return .failure(CLIError(t("%1$s: sealed by the key %2$s, not by the co-op's key %3$s", path, ok.publicKey, key)))
            }
            return .success(
                tn(
                    "minutes of assembly #%2$s, version %3$s: sealed by %4$s on %5$s, %1$d signer",
                    "minutes of assembly #%2$s, version %3$s: sealed by %4$s on %5$s, %1$d signers", ok.signers.count,
                    "\(ok.assembly)", "\(ok.version)", ok.publicKey, sealedAt(ok.sealedAt)))
        }
    }

    /// The time of the seal by the language's rules (it is written in the file as an ISO 8601 UTC
    /// time); as written when it is not one.
    static func sealedAt(_ text: String) -> String {
        guard let date = ISO8601DateFormatter().date(from: text) else { return text }
        return dateTime(date)
    }
}
