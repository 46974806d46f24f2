import ArgumentParser
import CoopCore
import Foundation

/// The language the `coop` command writes in, chosen like any gettext program's: `--lang` when
/// given, else the locale of the environment.
enum CLILanguage {
    /// The language the environment asks for, in POSIX order: the first of `LC_ALL`, `LC_MESSAGES`
    /// and `LANG` that is set decides (`es_ES.UTF-8` is Spanish; `C` and `POSIX` are English).
    /// `LANGUAGE`, a list such as `fr:en`, is read when none of them is set, or when the one that
    /// is names a language Coop does not have. Anything else is English.
    static func from(environment: [String: String]) -> Language {
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let value = environment[name], !value.isEmpty else { continue }
            let locale = value.split(whereSeparator: { $0 == "." || $0 == "@" }).first.map(String.init) ?? ""
            if locale == "C" || locale == "POSIX" { return .en }
            if let language = Language(tag: locale) { return language }
            break
        }
        for entry in (environment["LANGUAGE"] ?? "").split(separator: ":") {
            let locale = entry.split(whereSeparator: { $0 == "." || $0 == "@" }).first.map(String.init) ?? ""
            if let language = Language(tag: locale) { return language }
        }
        return .en
    }

    /// The language `--lang` names in the arguments (the last one, before a `--`), if any. It is
    /// read before parsing, so the help and the parser's own messages are written in it too; the
    /// option itself is declared by ``LanguageOption``, which checks its value.
    static func asked(in arguments: [String]) -> Language? {
        var found: Language?
        var index = arguments.startIndex
        while index < arguments.endIndex {
            let argument = arguments[index]
            if argument == "--" { break }
            if argument == "--lang", index + 1 < arguments.endIndex {
                found = Language(tag: arguments[index + 1]) ?? found
                index += 1
            } else if argument.hasPrefix("--lang=") {
                found = Language(tag: argument.dropFirst(7)) ?? found
            }
            index += 1
        }
        return found
    }

    /// The language of a run of `coop` with these arguments in this environment.
    static func choose(arguments: [String], environment: [String: String]) -> Language {
        asked(in: arguments) ?? from(environment: environment)
    }

    /// ArgumentParser's own words in its help and error messages (headings, the help flag, its
    /// parse errors), put in the chosen language; the rest of the text is already written in it.
    static func localizeFrame(_ text: String) -> String {
        guard Lang.current != .en else { return text }
        // A default or the list of values may be wrapped onto the next line: they are matched
        // across it, and written back on one.
        var text = text
        text.replace(/\(default:\s+([^)]*)\)/) { t("(default: %s)", $0.1.split(whereSeparator: \.isWhitespace).joined(separator: " ")) }
        text.replace(/\(values:\s+([^)]*)\)/) { t("(values: %s)", $0.1.split(whereSeparator: \.isWhitespace).joined(separator: " ")) }
        var lines = text.components(separatedBy: "\n").map(localizeLine)
        if let first = lines.first, first.hasPrefix("OVERVIEW: ") {
            lines[0] = t("OVERVIEW: %s", String(first.dropFirst(10)))
        }
        return lines.joined(separator: "\n")
    }

    private static func localizeLine(_ line: String) -> String {
        switch line {
        case "ARGUMENTS:": return t("ARGUMENTS:")
        case "OPTIONS:": return t("OPTIONS:")
        case "SUBCOMMANDS:": return t("SUBCOMMANDS:")
        default: break
        }
        var line = line
        if line.hasPrefix("USAGE: ") { line = t("USAGE: %s", String(line.dropFirst(7))) }
        if line.hasPrefix("Usage: ") { line = t("Usage: %s", String(line.dropFirst(7))) }
        if line.hasPrefix("Help:  ") { line = t("Help: %s", String(line.dropFirst(7))) }
        if line.hasPrefix("Error: ") { line = t("Error: %s", localizeParserError(String(line.dropFirst(7)))) }
        // An unknown bundle of short options, or a short option missing its value:
        // `   or: Missing value for '-x <v>' in '-xy'`.
        if let m = line.wholeMatch(of: /(\s+)or: Missing value for '(.+)' in '(.+)'/) {
            line = String(m.1) + t("or: a value is missing for '%1$s' in '%2$s'", String(m.2), String(m.3))
        }
        line = line.replacingOccurrences(of: "Show help information.", with: t("Show help information."))
        if let match = line.firstMatch(of: /See '([^']+)' for detailed help\./) {
            line.replaceSubrange(match.range, with: t("See '%s' for detailed help.", String(match.1)))
        }
        if let match = line.firstMatch(of: /See '([^']+)' for more information\./) {
            line.replaceSubrange(match.range, with: t("See '%s' for more information.", String(match.1)))
        }
        return line
    }

    /// The parse errors ArgumentParser writes (missing, unknown, unexpected and invalid arguments
    /// and values); one it may add in a later version is left as it is, in English.
    private static func localizeParserError(_ message: String) -> String {
        if let m = message.wholeMatch(of: /Missing expected argument '(.+)'/) {
            return t("Missing expected argument '%s'", String(m.1))
        }
        if let m = message.wholeMatch(of: /Unknown option '(.+)'\. Did you mean '(.+)'\?/) {
            return t("Unknown option '%1$s'. Did you mean '%2$s'?", String(m.1), String(m.2))
        }
        if let m = message.wholeMatch(of: /Unknown option '(.+)'/) { return t("Unknown option '%s'", String(m.1)) }
        if let m = message.wholeMatch(of: /Unexpected argument '(.+)'/) { return t("Unexpected argument '%s'", String(m.1)) }
        if let m = message.wholeMatch(of: /(\d+) unexpected arguments: (.+)/), let n = Int(m.1) {
            return tn("%d unexpected argument: %s", "%d unexpected arguments: %s", n, String(m.2))
        }
        if let m = message.wholeMatch(of: /Missing value for '(.+)'/) { return t("Missing value for '%s'", String(m.1)) }
        if let m = message.wholeMatch(of: /Missing one of: (.+)/) { return t("Missing one of: %s", String(m.1)) }
        if let m = message.wholeMatch(of: /Invalid option: (.+)/) { return t("Invalid option: %s", String(m.1)) }
        if message == "Missing required subcommand." { return t("Missing required subcommand.") }
        if let m = message.wholeMatch(of: /The option '(.+)' does not take any value, but '(.*)' was specified\./) {
            return t("The option '%1$s' takes no value, but '%2$s' was given.", String(m.1), String(m.2))
        }

        if let m = message.wholeMatch(of: /The value '(.*)' is invalid for '([^']+)'(.*)/) {
            let value = String(m.1)
            let option = String(m.2)
            let rest = String(m.3)
            if rest == ". Please provide one of the following:" {
                return t("The value '%1$s' is invalid for '%2$s'. Give one of these:", value, option)
            }
            if rest.hasPrefix(". Please provide one of ") {
                let values = rest.matches(of: /'[^']*'/).map { String($0.0) }.joined(separator: ", ")
                return t("The value '%1$s' is invalid for '%2$s'. Give one of: %3$s.", value, option, values)
            }
            return t("The value '%1$s' is invalid for '%2$s'", value, option) + rest
        }
        // An argument without a value name: `The value 'x' is invalid.` and what may follow.
        if let m = message.wholeMatch(of: /The value '(.*)' is invalid\.(.*)/) {
            let value = String(m.1)
            let rest = String(m.2)
            if rest == ". Please provide one of the following:" { return t("The value '%s' is invalid. Give one of these:", value) }
            if rest.hasPrefix(". Please provide one of ") {
                let values = rest.matches(of: /'[^']*'/).map { String($0.0) }.joined(separator: ", ")
                return t("The value '%1$s' is invalid. Give one of: %2$s.", value, values)
            }
            return t("The value '%s' is invalid.", value) + rest
        }
        return message
    }
}

/// `--lang en|es|fr`: the language to write in, over the environment's. Every command has it.
struct LanguageOption: ParsableArguments {
    @ArgumentParser.Option(
        name: .customLong("lang"),
        help: ArgumentHelp(
            t("The language to write in: en, es or fr. Without it, the environment's: LC_ALL, LC_MESSAGES, LANG or LANGUAGE."),
            valueName: "lang"))
    var language: Language?
}

extension Language: ExpressibleByArgument {
    public init?(argument: String) { self.init(tag: argument) }
    public static var allValueStrings: [String] { Language.offered.map(\.rawValue) }
}
