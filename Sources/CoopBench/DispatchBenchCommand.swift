import ArgumentParser
import CoopCore
import CoopServer
import Foundation

/// `coop-bench dispatch --workers N --runs N`: times the dispatcher's ranking of N eligible workers
/// for one job, with the same code the server uses (`rankWorkers` in the core). For `bench/dispatch.sh`.
struct DispatchBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dispatch", abstract: "Time the dispatch ranking of N workers (for bench/dispatch.sh).")

    @ArgumentParser.Option(help: "Eligible workers.")
    var workers = 100_000

    @ArgumentParser.Option(help: "Timed runs; the best and the median are printed.")
    var runs = 21

    func run() throws {
        guard workers > 0, runs > 0 else { throw CLIError("--workers and --runs must be positive") }
        // Workers with varied recent work, distance, skills and rating, the same every run (SplitMix64).
        var state: UInt64 = 2026
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        let candidates = (0..<workers).map { _ in
            DispatchCandidate(
                recentMinutes: Int64(next() % 10_000), distanceMeters: next() % 10 == 0 ? nil : Int64(next() % 40_000),
                skillsMatched: Int(next() % 4), skillsRequired: 3, ratingTenths: next() % 5 == 0 ? nil : Int64(next() % 51))
        }
        let weights = DispatchWeights(fairShare: 50, distance: 30, skills: 20, rating: 20)
        var times: [Double] = []
        var first = -1
        for _ in 0..<runs {
            let start = ContinuousClock.now
            let ranked = rankWorkers(candidates, weights: weights, maxDistanceMeters: 25_000, ratingsCount: true)
            let elapsed = ContinuousClock.now - start
            first = ranked[0].index
            times.append(Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
        }
        times.sort()
        let line = String(
            format: #"{"workers": %d, "runs": %d, "best_ms": %.2f, "median_ms": %.2f, "first": %d}"#, workers, runs, times[0],
            times[times.count / 2], first)
        print(line)
    }
}
