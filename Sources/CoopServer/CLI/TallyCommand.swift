import ArgumentParser
import CoopCore
import CoopStore
import Foundation

extension VotingMethod: ExpressibleByArgument {}

/// `coop tally --method M [--seats N] [--weighted] FILE`: counts a ballot file with the same code
/// the server uses and prints the result as JSON.
public struct TallyCommand: ParsableCommand {
    public static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "tally",
            abstract: t("Count a ballot file (.csv, .blt, .soi, .soc) and print the result as JSON."),
            discussion: t(
                "CSV: one ballot a line, names in order of preference (approval: the approved names; score: Name=score fields; majority: yes, no or abstain). A blank line is an empty ballot; a line starting with # is a comment. With --weighted every line starts with a count. Ties are broken by the earlier-round rule, then by lot seeded with --seed (by default: the sorted candidate names and the number of voters); each is reported under \"ties\"."
            ))
    }

    @ArgumentParser.Option(help: ArgumentHelp(t("majority, approval, score, irv, stv or schulze.")))
    var method: VotingMethod

    @ArgumentParser.Option(help: ArgumentHelp(t("Seats to fill (stv, approval, score).")))
    var seats = 1

    @ArgumentParser.Flag(help: ArgumentHelp(t("Each CSV line starts with the number of identical ballots.")))
    var weighted = false

    @ArgumentParser.Flag(help: ArgumentHelp(t("STV by Meek's method instead of the Scottish rules.")))
    var meek = false

    @ArgumentParser.Option(help: ArgumentHelp(t("STV decimal places (Scottish rules: 5).")))
    var decimals = 5

    @ArgumentParser.Option(help: ArgumentHelp(t("Highest score (score method).")))
    var maxScore: Int64 = 5

    @ArgumentParser.Option(help: ArgumentHelp(t("Eligible voters, for the quorum (majority; without it, the ballots counted).")))
    var eligible: Int64?

    @ArgumentParser.Option(help: ArgumentHelp(t("Quorum as a share of eligible voters (majority), e.g. 0.25.")))
    var quorum = "0"

    @ArgumentParser.Option(help: ArgumentHelp(t("Share of yes among yes + no to exceed (majority), e.g. 0.5.")))
    var threshold = "0.5"

    @ArgumentParser.Option(help: ArgumentHelp(t("Seed of the lot that breaks remaining ties.")))
    var seed: String?

    @ArgumentParser.Option(
        help: ArgumentHelp(
            t("Seats reserved for a group, as N:Name,Name (repeatable; stv, approval, schulze, irv)."), valueName: "N:names"))
    var reserve: [String] = []

    @ArgumentParser.Argument(help: ArgumentHelp(t("The ballot file.")))
    var file: String

    @OptionGroup var language: LanguageOption

    public init() {}

    public func validate() throws {
        guard (1...TallyLimits.maxCandidates).contains(seats) else {
            throw ValidationError(t("--seats must be 1 to %s", num(TallyLimits.maxCandidates)))
        }
        guard (0...9).contains(decimals) else { throw ValidationError(t("--decimals must be 0 to 9")) }
        guard (1...1_000_000).contains(maxScore) else { throw ValidationError(t("--max-score must be 1 to %s", num(1_000_000))) }
        if let eligible, !(0...TallyLimits.maxVoters).contains(eligible) {
            throw ValidationError(t("--eligible must be 0 to %s", num(TallyLimits.maxVoters)))
        }
        for (name, value) in [("--quorum", quorum), ("--threshold", threshold)] {
            guard let f = try? Fraction.parse(value), (0...10_000).contains(f.basisPoints) else {
                throw ValidationError(t("%s must be a share from 0 to 1, such as 0.25 or 50%%", name))
            }
        }
    }

    public func run() throws {
        let result = try Self.count(
            file: file, method: method, seats: seats, weighted: weighted, meek: meek, decimals: decimals,
            maxScore: maxScore, eligible: eligible, quorum: quorum, threshold: threshold, seed: seed,
            reservations: try reserve.map(Self.reservation))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        FileHandle.standardOutput.write(try encoder.encode(result))
        FileHandle.standardOutput.write(Data("\n".utf8))
    }

    static func count(
        file: String, method: VotingMethod, seats: Int, weighted: Bool, meek: Bool, decimals: Int, maxScore: Int64,
        eligible: Int64?, quorum: String, threshold: String, seed: String?, reservations: [Reservation] = []
    ) throws -> TallyResult {
        guard let format = BallotFileFormat(path: file) else {
            throw CLIError(t("%s: unknown ballot file type; use .csv, .blt, .soi or .soc", file))
        }
        // Mapped, not copied: a million-ballot file is read straight from the page cache.
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: file), options: .alwaysMapped) else {
            throw CLIError(t("%s: cannot read the file", file))
        }
        do {
            if method == .score {
                guard format == .csv else { throw CLIError(t("%s: score ballots are read from CSV (Name=score)", file)) }
                let (candidates, ballots) = try BallotFile.parseScores(String(decoding: data, as: UTF8.self), weighted: weighted)
                let voters = try TallyLimits.total(weights: ballots.lazy.map(\.weight))
                return try score(
                    ballots, candidates: candidates, maxScore: maxScore, seats: seats,
                    tieBreaker: TieBreaker(seed: seed ?? defaultSeed(candidates, voters)))
            }
            let parsed = data.withUnsafeBytes { bytes in
                Result { () throws(TallyError) in try BallotFile.parse(bytes, format: format, weighted: weighted) }
            }
            let ballots = try parsed.get()
            let lot = TieBreaker(seed: seed ?? defaultSeed(ballots.candidates, ballots.totalWeight))
            if method == .majority {
                _ = try TallyLimits.total(weights: ballots.weights)
                return try majority(ballots, eligible: eligible, quorum: quorum, threshold: threshold)
            }
            return try countBallots(
                ballots, method: method, options: STVOptions(seats: seats, decimals: decimals, meek: meek, reservations: reservations),
                tieBreaker: lot)
        } catch let error as TallyError {
            // The reason in the run's language; in English, the same line as ever (`description`).
            throw CLIError(t("%1$s: %2$s", file, error.words.render(Lang.catalog)))
        }
    }

    /// `N:Name,Name`: N seats reserved for the named candidates.
    static func reservation(_ text: String) throws -> Reservation {
        let parts = text.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, let seats = Int(parts[0]), seats >= 0 else {
            throw CLIError(t("--reserve %s: expected N:Name,Name (seats, a colon, then the group's candidates)", text))
        }
        // The names as one CSV record: a name holding a comma is quoted, as in ballot files.
        let names: [String]
        do throws(TallyError) {
            names = try BallotFile.csvFields(String(parts[1])).map { $0.trimmingCharacters(in: .whitespaces) }
        } catch {
            throw CLIError(t("%1$s: %2$s", "--reserve \(text)", error.words.render(Lang.catalog)))
        }
        return Reservation(group: String(parts[1]), seats: seats, candidates: names)
    }

    static func defaultSeed(_ candidates: [String], _ voters: Int64) -> String {
        candidates.sorted().joined(separator: "\n") + "\n\(voters)"
    }

    static func majority(_ ballots: BallotSet, eligible: Int64?, quorum: String, threshold: String) throws -> TallyResult {
        var counts: [String: Int64] = ["yes": 0, "no": 0, "abstain": 0]
        for b in 0..<ballots.count {
            let ranking = ballots.ranking(b)
            guard ranking.count <= 1 else { throw TallyError.unsupported(Words("a majority ballot holds one of yes, no, abstain")) }
            let choice = ranking.first.map { ballots.candidates[Int($0)].lowercased() } ?? "abstain"
            guard counts[choice] != nil else { throw TallyError.unsupported(Words("'%s' is not yes, no or abstain", .text(choice))) }
            counts[choice, default: 0] &+= ballots.weights[b]
        }
        let q: Fraction
        let bar: Fraction
        do throws(MoneyError) {
            q = try Fraction.parse(quorum)
            bar = try Fraction.parse(threshold)
        } catch {
            throw CLIError(t("--quorum and --threshold are shares such as 0.25 or 50%%: %s", error.words.render(Lang.catalog)))
        }
        let cast = counts.values.reduce(0, +)
        let outcome = MajorityOutcome(
            yes: counts["yes"]!, no: counts["no"]!, abstain: counts["abstain"]!, eligible: eligible ?? cast, quorum: q,
            threshold: bar)
        return outcome.result
    }
}
