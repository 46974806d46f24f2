import ArgumentParser
import CoopCore
import Foundation
import Testing

@testable import CoopServer

/// The `coop` command speaks the language of its environment (LC_ALL, LC_MESSAGES, LANG,
/// LANGUAGE) or of `--lang`: help, failures and reports; exit codes and JSON do not change.
@Suite struct CLILanguageTests {
    @Test func theEnvironmentChoosesTheLanguageInPOSIXOrder() {
        let cases: [([String: String], Language)] = [
            ([:], .en),
            (["LANG": "es_ES.UTF-8"], .es),
            (["LANG": "fr"], .fr),
            (["LANG": "es_ES@euro"], .es),
            (["LC_ALL": "fr_FR.UTF-8", "LANG": "es_ES.UTF-8"], .fr),
            (["LC_MESSAGES": "fr_CA.UTF-8", "LANG": "es_ES.UTF-8"], .fr),
            (["LC_ALL": "", "LC_MESSAGES": "", "LANG": "es_MX"], .es),
            (["LANG": "C", "LANGUAGE": "fr"], .en),
            (["LC_ALL": "POSIX", "LANG": "es_ES.UTF-8"], .en),
            (["LANG": "C.UTF-8"], .en),
            (["LANG": "de_DE.UTF-8"], .en),
            (["LANG": "de_DE.UTF-8", "LANGUAGE": "de:fr:en"], .fr),
            (["LANGUAGE": "es"], .es),
            (["LANG": "../../etc/passwd"], .en),
            (["LANG": "qps"], .qps),
        ]
        for (environment, language) in cases {
            #expect(CLILanguage.from(environment: environment) == language, "\(environment)")
        }
    }

    @Test func langOverTheEnvironment() {
        #expect(CLILanguage.choose(arguments: ["serve", "--lang", "fr"], environment: ["LANG": "es_ES.UTF-8"]) == .fr)
        #expect(CLILanguage.choose(arguments: ["--lang=es", "tally"], environment: ["LC_ALL": "fr"]) == .es)
        #expect(CLILanguage.choose(arguments: ["init", "--", "--lang", "fr"], environment: [:]) == .en)
        #expect(CLILanguage.choose(arguments: ["--lang", "klingon"], environment: ["LANG": "es"]) == .es)
        #expect((try? TallyCommand.parse(["--method", "irv", "--lang", "xx", "b.csv"])) == nil, "ArgumentParser checks the value")
        #expect((try? TallyCommand.parse(["--method", "irv", "--lang", "fr", "b.csv"]))?.language.language == .fr)
    }

    /// Every text of the help of every command, and ArgumentParser's own words in it, go through
    /// translation: in the pseudo-language, no plain English word is left but the command line's
    /// own syntax (command and option names, value names, defaults).
    @Test func thePseudoLanguageAltersEveryMessageOfEveryHelp() async throws {
        var commands: [ParsableCommand.Type] = [CoopCommand.self]
        var index = 0
        while index < commands.count {
            commands += commands[index].configuration.subcommands
            index += 1
        }
        #expect(commands.count == 10)
        let names = Set(commands.map { $0.configuration.commandName ?? "" } + ["help"])
        for command in commands {
            let english = CoopCommand.helpMessage(for: command, columns: 100)
            let pseudo = await Lang.with(.qps) { CLILanguage.localizeFrame(CoopCommand.helpMessage(for: command, columns: 100)) }
            #expect(pseudo != english)
            for line in pseudo.split(separator: "\n") {
                let left = Self.withoutSyntax(String(line), commandNames: names)
                #expect(left.firstMatch(of: /[A-Za-z]{3,}/) == nil, "\(command): \(line)")
            }
        }
        // The root's help as the process writes it, from LANG alone.
        let run = try CLIRun.coop(["--help"], environment: ["LANG": "qps"])
        #expect(run.status == 0 && run.out.contains(Pseudo.alter("Show help information.")))
        #expect(!run.out.contains("OVERVIEW") && !run.out.contains("SUBCOMMANDS"))
    }

    /// A help line less what is never translated: option and command names, `<value>` names, the
    /// defaults and values ArgumentParser lists.
    static func withoutSyntax(_ line: String, commandNames: Set<String>) -> String {
        var line = line
        for frame in ["(default: %s)", "(values: %s)"] {
            let open = String(Pseudo.alter(frame).prefix(while: { $0 != "%" }))
            while let start = line.range(of: open), let end = line[start.upperBound...].range(of: ")~~]") {
                line.removeSubrange(start.lowerBound..<end.upperBound)
            }
        }
        line.replace(/<[^>]*>/, with: "")
        line.replace(/--?[a-z][a-z-]*/, with: "")
        return line.split(whereSeparator: { $0 == " " || $0 == "'" || $0 == "[" || $0 == "]" })
            .filter { !commandNames.contains(String($0)) }.joined(separator: " ")
    }

    @Test func aFailureAReportAndTheJSONInEachLanguage() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("coop-cli-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let missing = dir.appendingPathComponent("none").path

        // A failure: the reason in the language, the exit status the same.
        for (environment, reason) in [
            (["LANG": "es_ES.UTF-8"], "no hay ninguna base de datos de cooperativa en \(missing)/coop.sqlite"),
            (["LC_ALL": "fr_FR.UTF-8", "LANG": "es_ES.UTF-8"], "Erreur : aucune base de données de coopérative dans \(missing)"),
            (["LANG": "C"], "Error: no co-op database at \(missing)/coop.sqlite"),
        ] {
            let run = try CLIRun.coop(["audit", "verify", "--data-dir", missing], environment: environment)
            #expect(run.status == 1 && run.err.contains(reason), "\(environment): \(run.err)")
        }
        // A refused option: ArgumentParser's status, the reason and its usage line in the language.
        for (environment, words) in [
            (["LANG": "es_ES.UTF-8"], ["Error: --seats debe estar entre 1 y 1000", "Uso: coop tally"]),
            (["LC_ALL": "fr_FR.UTF-8"], ["--seats doit être entre 1 et 1\u{202F}000", "Utilisation : coop tally"]),
            (["LANG": "C"], ["--seats must be 1 to 1,000", "Usage: coop tally"]),
        ] {
            let run = try CLIRun.coop(["tally", "--method", "stv", "--seats", "0", "b.csv"], environment: environment)
            #expect(run.status == 64 && words.allSatisfy(run.err.contains), "\(environment): \(run.err)")
        }

        let template = try CLIRun.coop(["init", "--template", "coop", dir.path], environment: ["LANG": "es_ES.UTF-8"])
        #expect(
            template.status == 64
                && template.err.contains(
                    "El valor 'coop' no es válido para '--template <template>'. Indica uno de estos: 'worker', 'multi-stakeholder'."),
            "\(template.err)")

        // A report: the sealed minutes' check.
        let pair = AuditCheckpoint.newKeyPair()
        let facts = MinutesFacts(
            assembly: 4, version: 2, title: "AGM", startsAt: Date(timeIntervalSince1970: 1_790_000_000), place: "Hall", online: "",
            called: 3, inPerson: ["Ana"], presentOnline: [], proxies: [], agenda: [.init(number: 1, title: "Paint")], additions: "")
        let sealed = try Minutes.seal(
            text: Minutes.text(facts),
            signers: [.init(role: "chair", name: "Ana", at: Date()), .init(role: "officer", name: "Bo", at: Date())],
            at: Date(timeIntervalSince1970: 1_790_020_000), privateKey: pair.privateKey)
        let file = dir.appendingPathComponent("minutes-4-v2.txt").path
        try sealed.write(toFile: file, atomically: true, encoding: .utf8)
        for (environment, line) in [
            (
                ["LANG": "es_ES.UTF-8"],
                "actas de la asamblea n.º 4, versión 2: selladas por \(pair.publicKey) el 21 sept 2026, 19:46 UTC, 2 firmantes"
            ),
            (["LC_ALL": "fr_FR.UTF-8"], "procès-verbal de l'assemblée n° 4, version 2 : scellé par \(pair.publicKey) le 21 sept. 2026"),
            (["LANG": "C"], "minutes of assembly #4, version 2: sealed by \(pair.publicKey) on 21 Sep 2026, 19:46 UTC, 2 signers"),
        ] {
            let run = try CLIRun.coop(["minutes", "verify", file], environment: environment)
            #expect(run.status == 0 && run.out.contains(line), "\(environment): \(run.out)")
        }
        let refused = try CLIRun.coop(
            ["minutes", "verify", "--key", String(repeating: "ab", count: 32), file], environment: ["LANG": "fr"])
        #expect(refused.status == 1 && refused.err.contains("pas par la clé de la coopérative"))

        // The tally's JSON is the same in every language.
        let ballots = dir.appendingPathComponent("b.csv").path
        try "Ana,Bo\nBo,Ana\nAna\n".write(toFile: ballots, atomically: true, encoding: .utf8)
        let json = try ["C", "es_ES.UTF-8", "fr_FR.UTF-8", "qps"].map { lang in
            let run = try CLIRun.coop(["tally", "--method", "irv", ballots], environment: ["LANG": lang])
            #expect(run.status == 0)
            return run.out
        }
        #expect(json[0].contains("\"Ana\"") && Set(json).count == 1)

        // `coop init`, in Spanish by --lang over a French environment.
        let run = try CLIRun.coop(["init", dir.appendingPathComponent("new").path, "--lang", "es"], environment: ["LANG": "fr_FR.UTF-8"])
        #expect(run.status == 0 && run.out.contains("Se escribió") && run.out.contains("(plantilla worker)"), "\(run.out)")
    }

    /// ArgumentParser's rarer parse errors in the language of the run; English as ArgumentParser
    /// writes them.
    @Test func rarerParseErrorsInEachLanguage() async {
        func message(_ arguments: [String], _ language: Language) async -> String {
            await Lang.with(language) {
                do {
                    _ = try CoopCommand.parseAsRoot(arguments)
                    return ""
                } catch {
                    return CLILanguage.localizeFrame(CoopCommand.fullMessage(for: error))
                }
            }
        }
        let cases: [([String], String, String, String)] = [
            (
                ["serve", "--demo=yes"], "Error: The option '--demo' does not take any value, but 'yes' was specified.",
                "Error: La opción '--demo' no admite ningún valor, pero se indicó 'yes'.",
                "Erreur : L'option '--demo' ne prend aucune valeur, mais 'yes' a été donné."
            ),
            (
                ["init", "a", "b", "c"], "Error: 2 unexpected arguments: 'b', 'c'", "Error: 2 argumentos inesperados: 'b', 'c'",
                "Erreur : 2 arguments inattendus : 'b', 'c'"
            ),
            (
                ["tally", "--method", "irv", "--seats", "many", "b.csv"], "Error: The value 'many' is invalid for '--seats <seats>'",
                "Error: El valor 'many' no es válido para '--seats <seats>'",
                "Erreur : La valeur 'many' n'est pas valide pour '--seats <seats>'"
            ),
            (
                ["init", "--template"], "Error: Missing value for '--template <template>'",
                "Error: Falta el valor de '--template <template>'",
                "Erreur : Valeur manquante pour '--template <template>'"
            ),
        ]
        for (arguments, en, es, fr) in cases {
            let english = await message(arguments, .en)
            #expect(english.hasPrefix(en), "\(english)")
            let spanish = await message(arguments, .es)
            #expect(spanish.hasPrefix(es), "\(spanish)")
            let french = await message(arguments, .fr)
            #expect(french.hasPrefix(fr), "\(french)")
        }
    }

    /// `coop minutes verify` says why a file is not good minutes in the language of the run.
    @Test func aMinutesFilesFailureInTheLanguageOfTheRun() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("coop-cli-minutes-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("minutes.txt").path
        try "hello\n".write(toFile: file, atomically: true, encoding: .utf8)
        for (environment, words) in [
            (["LANG": "es_ES.UTF-8"], "\(file): no son unas actas selladas: no empieza por 'coop-minutes-v1'"),
            (["LC_ALL": "fr_FR.UTF-8"], "\(file) : ce n'est pas un procès-verbal scellé : il ne commence pas par 'coop-minutes-v1'"),
            (["LANG": "C"], "\(file): not sealed minutes: it does not begin with 'coop-minutes-v1'"),
        ] {
            let run = try CLIRun.coop(["minutes", "verify", file], environment: environment)
            #expect(run.status == 1 && run.err.contains(words), "\(environment): \(run.err)")
        }
        let forged = Minutes.Failure.badSeal
        #expect(forged.description.hasPrefix("the seal does not match"))
        #expect(forged.words.render(Translations.catalog(.es)).hasPrefix("el sello no corresponde"))
        #expect(forged.words.render(Translations.catalog(.fr)).hasPrefix("le sceau ne correspond pas"))
    }

    /// `coop tally` says why a ballot file cannot be read or counted in the language of the run,
    /// with the same exit status; English reads as it always did.
    @Test func aMalformedBallotFileIsExplainedInEachLanguage() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("coop-cli-tally-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = dir.appendingPathComponent("b.csv").path
        try "Ana,Bo\n\"Ana,Bo\n".write(toFile: csv, atomically: true, encoding: .utf8)
        let blt = dir.appendingPathComponent("b.blt").path
        try "2 1\n1 3 0\n0\n\"A\"\n\"B\"\n".write(toFile: blt, atomically: true, encoding: .utf8)
        let majority = dir.appendingPathComponent("m.csv").path
        try "yes\nmaybe\n".write(toFile: majority, atomically: true, encoding: .utf8)
        let cases: [([String], [String: String], String)] = [
            (["--method", "irv", csv], ["LANG": "C"], "Error: \(csv): line 2: an unclosed quote\n"),
            (["--method", "irv", csv, "--lang", "es"], ["LANG": "C"], "Error: \(csv): línea 2: unas comillas sin cerrar\n"),
            (["--method", "irv", csv, "--lang", "fr"], ["LANG": "C"], "Erreur : \(csv) : ligne 2 : un guillemet non fermé\n"),
            (["--method", "stv", blt], ["LANG": "C"], "Error: \(blt): line 2: '3' is not a candidate number 1..2\n"),
            (
                ["--method", "stv", blt], ["LANG": "es_ES.UTF-8"],
                "Error: \(blt): línea 2: '3' no es un número de candidatura entre 1 y 2\n"
            ),
            (
                ["--method", "stv", blt, "--lang", "fr"], ["LANG": "es_ES.UTF-8"],
                "Erreur : \(blt) : ligne 2 : « 3 » n'est pas un numéro de candidat de 1 à 2\n"
            ),
            (["--method", "majority", majority], ["LANG": "C"], "Error: \(majority): 'maybe' is not yes, no or abstain\n"),
            (["--method", "majority", majority, "--lang", "es"], [:], "Error: \(majority): 'maybe' no es yes, no ni abstain\n"),
            (["--method", "stv", "--reserve", "1:\"A", csv], ["LANG": "C"], "Error: --reserve 1:\"A: line 1: an unclosed quote\n"),
            (
                ["--method", "stv", "--reserve", "1:\"A", csv, "--lang", "fr"], [:],
                "Erreur : --reserve 1:\"A : ligne 1 : un guillemet non fermé\n"
            ),
        ]
        for (arguments, environment, message) in cases {
            let run = try CLIRun.coop(["tally"] + arguments, environment: environment)
            #expect(run.status == 1 && run.out.isEmpty, "\(arguments): \(run.status)")
            #expect(run.err == message, "\(arguments) \(environment)")
        }
    }

    /// Every reason a ballot file or a count is refused with is in the catalog, in English as
    /// ``TallyError/description`` has always read, and written otherwise in Spanish and French.
    @Test func everyTallyReasonIsTranslated() {
        var errors: [TallyError] = [
            .unknownCandidate("Zoe"), .repeatedCandidate("Ana"), .noCandidates, .badSeats(seats: 4, candidates: 3),
            .duplicateCandidate("Ana"), .tooManyCandidates(1200, limit: 1000), .tooManyVoters(limit: 1_000_000_000), .badWeight(-3),
        ]
        let files: [(String, BallotFileFormat, Bool)] = [
            ("Ana,\"Bo\n", .csv, false), ("Ana,B\"o\n", .csv, false), ("Ana,\"Bo\"x\n", .csv, false), ("Ana,,Bo\n", .csv, false),
            ("Ana,Bo,\n", .csv, false), ("Ana,Bo,Ana\n", .csv, false), ("x,Ana\n", .csv, true), ("99999999999999999999,Ana\n", .csv, true),
            ("", .blt, false), ("x\n", .blt, false), ("1001 1\n", .blt, false), ("2 1\n-5\n", .blt, false), ("2 1\n1 1\n", .blt, false),
            ("2 1\n1 3 0\n0\n", .blt, false), ("2 1\n1 1 1 0\n0\n", .blt, false), ("2 1\n1 1 0\n", .blt, false),
            ("2 1\n1 1 0\n0\n", .blt, false), ("2 1\n1 1 0\n0\nA\n", .blt, false), ("2 1\n1 1 0\n0\n\"A\"\n\"A\"\n", .blt, false),
            ("# NUMBER ALTERNATIVES: 2\n1: 1,{2}\n", .soi, false), ("# NUMBER ALTERNATIVES: 2\n1 1,2\n", .soi, false),
            ("# NUMBER ALTERNATIVES: 2\n1: 1,x\n", .soi, false), ("# NUMBER ALTERNATIVES: 0\n", .soi, false),
            ("# NUMBER ALTERNATIVES: 2000\n", .soi, false), ("# NUMBER ALTERNATIVES: 2\n1: 1,3\n", .soi, false),
            ("# NUMBER ALTERNATIVES: 2\n1: 1,1\n", .soi, false), ("# ALTERNATIVE NAME x\n", .soi, false),
        ]
        for (text, format, weighted) in files {
            do {
                _ = try BallotFile.parse(text, format: format, weighted: weighted)
                Issue.record("accepted \(text)")
            } catch { errors.append(error) }
        }
        for text in ["Ana=x\n", "Ana=1,Ana=2\n"] {
            do {
                _ = try BallotFile.parseScores(text, weighted: false)
                Issue.record("accepted \(text)")
            } catch { errors.append(error) }
        }
        let lot = TieBreaker(seed: "s")
        let set = BallotSet(candidates: ["A", "B"])
        func stv(_ reservations: [Reservation], meek: Bool = false) -> () throws -> Void {
            {
                _ = try countBallots(
                    set, method: .stv, options: STVOptions(seats: 1, meek: meek, reservations: reservations), tieBreaker: lot)
            }
        }
        let counts: [() throws -> Void] = [
            { _ = try score([ScoreBallot(scores: [0: 6])], candidates: ["A"], maxScore: 5, tieBreaker: lot) },
            { _ = try score([], candidates: ["A"], maxScore: 0, tieBreaker: lot) },
            { _ = try singleTransferableVote(set, options: STVOptions(seats: 1, decimals: 12), tieBreaker: lot) },
            { _ = try countBallots(set, method: .majority, options: STVOptions(seats: 1), tieBreaker: lot) },
            stv([Reservation(group: "G", seats: -1, candidates: ["A"])]),
            stv([Reservation(group: "G", seats: 1, candidates: ["A"]), Reservation(group: "H", seats: 1, candidates: ["A"])]),
            stv([Reservation(group: "G", seats: 2, candidates: ["A", "B"])]),
            stv([Reservation(group: "G", seats: 1, candidates: ["A"])], meek: true),
        ]
        for count in counts {
            do {
                try count()
                Issue.record("counted")
            } catch let error as TallyError { errors.append(error) } catch { Issue.record("\(error)") }
        }
        let spanish = Translations.catalog(.es)
        let french = Translations.catalog(.fr)
        var ids = Set<[String]>()
        func collect(_ w: Words) {
            ids.insert([w.id, w.context ?? ""])
            for case .notice(let n) in w.args { collect(n) }
        }
        for error in errors {
            #expect(error.words.english == error.description)
            #expect(error.words.render(spanish) != error.description, "\(error)")
            #expect(error.words.render(french) != error.description, "\(error)")
            collect(error.words)
        }
        for id in ids where id[0] != "%s" {
            let context = id[1].isEmpty ? nil : id[1]
            #expect(spanish.has(id[0], context: context) && french.has(id[0], context: context), "\(id)")
        }
        #expect(ids.count >= 40, "\(ids.count) reasons")
    }

    /// Why the audit chain does not verify (`coop audit verify`, `coop restore`), in each language;
    /// English as it always read.
    @Test func aBrokenAuditChainIsExplainedInEachLanguage() {
        let entry = AuditChain.append(AuditEvent(kind: "test", ["who": "ana"]), after: nil, at: 1)
        let tampered = AuditEntry(
            sequence: entry.sequence, timestampMillis: entry.timestampMillis, kind: entry.kind, payload: "{\"x\":1}",
            previousHash: entry.previousHash, hash: entry.hash)
        guard let failure = AuditChain.verify([tampered]) else {
            Issue.record("a tampered entry verified")
            return
        }
        #expect(failure == AuditFailure(sequence: 1, reason: "hash does not match its contents"))
        #expect(failure.description == "audit entry 1: hash does not match its contents")
        #expect(failure.line.render(Translations.catalog(.es)) == "entrada de auditoría 1: el hash no corresponde a su contenido")
        #expect(failure.line.render(Translations.catalog(.fr)) == "entrée d'audit 1 : le hash ne correspond pas à son contenu")
    }

    /// `coop serve --bylaws` names what is wrong with the file in the language of the run, and
    /// writes nothing.
    @Test func aBylawsFilesIssuesInTheLanguageOfTheRun() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("coop-cli-bylaws-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("bylaws.yaml").path
        try BylawsTemplate.worker.text.replacingOccurrences(of: "currency: EUR ", with: "currency: EURO").write(
            toFile: file, atomically: true, encoding: .utf8)
        let data = dir.appendingPathComponent("data").path
        for (environment, words) in [
            (
                ["LANG": "es_ES.UTF-8"],
                "no contiene unos estatutos válidos; no se ha escrito nada: coop.currency: «EURO» no es un código de moneda"
            ),
            (["LC_ALL": "fr_FR.UTF-8"], "coop.currency : « EURO » n'est pas un code de devise avec 0..4 décimales"),
            (["LANG": "C"], "is not valid bylaws, nothing was written: coop.currency: 'EURO' is not a currency code with 0..4 digits"),
        ] {
            let run = try CLIRun.coop(["serve", "--bylaws", file, "--data-dir", data], environment: environment)
            #expect(run.status == 1 && run.err.contains(words), "\(environment): \(run.err)")
        }
        #expect(!FileManager.default.fileExists(atPath: data + "/coop.sqlite"))
    }
}

extension Server {
    /// The commands that read a co-op's database report in the environment's language.
    @Suite struct CLIDatabaseLanguageTests {
        @Test func verifyBackupAndRestoreReportInTheLanguage() async throws {
            try await withCoop { app async throws in
                let entries = try await count("audit_entries", on: app)
                let dir = app.coop.config.dataDirectory
                var environment: [String: String] = [:]
                if let url = app.coop.config.databaseURL { environment["DATABASE_URL"] = url }
                let es = try CLIRun.coop(
                    ["audit", "verify", "--data-dir", dir], environment: environment.merging(["LANG": "es_ES.UTF-8"]) { $1 })
                #expect(
                    es.status == 0 && es.out.hasPrefix("cadena de auditoría verificada: \(entries) entradas, cabeza \(entries):"),
                    "\(es.out)")
                let fr = try CLIRun.coop(
                    ["audit", "verify", "--data-dir", dir], environment: environment.merging(["LC_ALL": "fr_FR.UTF-8"]) { $1 })
                #expect(fr.status == 0 && fr.out.hasPrefix("chaîne d'audit vérifiée : \(entries) entrées, tête \(entries):"), "\(fr.out)")
                let c = try CLIRun.coop(["audit", "verify", "--data-dir", dir], environment: environment.merging(["LANG": "C"]) { $1 })
                #expect(c.status == 0 && c.out.hasPrefix("audit chain verified: \(entries) entries, head \(entries):"), "\(c.out)")
                guard app.coop.config.databaseURL == nil else { return }
                // SQLite: a backup and its restore, each in its own language.
                let work = FileManager.default.temporaryDirectory.appendingPathComponent("coop-cli-backup-\(UUID())").path
                try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
                defer { try? FileManager.default.removeItem(atPath: work) }
                let backup = try CLIRun.coop(["backup", "--data-dir", dir, work + "/copy"], environment: ["LANG": "es_ES.UTF-8"])
                #expect(backup.status == 0 && backup.out.contains("copia de seguridad en \(work)/copy ("), "\(backup.out)")
                let again = try CLIRun.coop(["backup", "--data-dir", dir, work + "/copy"], environment: ["LANG": "es_ES.UTF-8"])
                #expect(again.status == 1 && again.err.contains("ya existe; indica un archivo nuevo"))
                let restore = try CLIRun.coop(["restore", "--data-dir", work + "/back", work + "/copy"], environment: ["LANG": "fr"])
                #expect(
                    restore.status == 0 && restore.out.contains("restaurée ; chaîne d'audit vérifiée : \(entries) entrées"),
                    "\(restore.out)")
            }
        }
    }
}

/// The built `coop` program, run with only the given locale variables (the test's own are left
/// out) and what else the process needs.
struct CLIRun {
    var status: Int32
    var out: String
    var err: String

    static var program: URL {
        URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("coop")
    }

    static func coop(_ arguments: [String], environment: [String: String]) throws -> CLIRun {
        guard FileManager.default.isExecutableFile(atPath: program.path) else {
            Issue.record("no coop program at \(program.path): build the package's products first")
            return CLIRun(status: -1, out: "", err: "")
        }
        var env = ProcessInfo.processInfo.environment
        for name in ["LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE", "DATABASE_URL"] { env[name] = nil }
        env.merge(environment) { $1 }
        let process = Process()
        process.executableURL = program
        process.arguments = arguments
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLIRun(
            status: process.terminationStatus, out: String(decoding: outData, as: UTF8.self), err: String(decoding: errData, as: UTF8.self))
    }
}
