import ArgumentParser

/// `coop-bench`: the benchmarks' commands, kept out of the `coop` product. The scripts in `bench/`
/// call them on a release build.
struct CoopBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coop-bench",
        abstract: "Fill and time a co-op for the benchmarks in bench/ (not for a co-op in use).",
        subcommands: [PeriodBenchCommand.self, BenchSeedCommand.self, DispatchBenchCommand.self])

    /// Parses the process's arguments and runs the command, awaiting the asynchronous ones.
    /// (From top-level code, `await main()` resolves to the synchronous `main`.)
    static func runMain() async {
        do {
            var command = try parseAsRoot()
            if var asynchronous = command as? any AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
