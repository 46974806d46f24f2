import ArgumentParser
import CoopCore
import CoopServer
import CoopStore
import Fluent
import Foundation
import Vapor

/// `coop-bench seed --data-dir DIR --listings N --workers N`: founds the demo co-op (on an empty
/// database) and adds N worker-members and N listings of varied words, categories, prices and
/// places, the same every run. For `bench/search.sh` and `bench/orders.sh`.
struct BenchSeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed", abstract: "Fill a demo co-op with workers and listings (for bench/search.sh and bench/orders.sh).")

    @ArgumentParser.Option(help: "Folder for the SQLite database.")
    var dataDir = "coop-data"

    @ArgumentParser.Option(help: "Listings to add.")
    var listings = 100_000

    @ArgumentParser.Option(help: "Worker-members to add; the listings are spread over them.")
    var workers = 5_000

    static let words = """
        kitchen bathroom window garden fence bicycle laptop phone sofa shelf door roof gutter carpet floor oven fridge
        boiler tap sink shower tile wall paint wallpaper lamp socket cable printer router tablet piano guitar violin
        math english french spanish physics chemistry biology history essay exam homework reading writing coding
        bread cake jam honey cheese soup pasta curry salad pie cookie chutney pickle juice coffee tea
        elderly child dog cat plant baby senior patient companion walk shopping errand meal visit
        moving parcel letter box furniture groceries documents flowers pharmacy market van cargo express
        knitting pottery sewing quilt candle soap basket woodwork jewellery painting print card frame
        deep quick weekly monthly eco gentle careful friendly expert local evening weekend same-day
        """.split(whereSeparator: { $0.isWhitespace }).map(String.init)

    static let areas = [
        "Centre", "North", "East", "South", "West", "Harbour", "Old Town", "Riverside", "Park", "Station", "University", "Market",
        "Hills", "Docks", "Garden City", "Airport",
    ]

    func run() async throws {
        guard listings >= 0, workers > 0 else { throw CLIError("--listings must be 0 or more and --workers positive") }
        var env = Environment(name: "production", arguments: ["coop"])
        try LoggingSystem.bootstrap(from: &env)
        let app = try await Application.make(env)
        app.logger.logLevel = .warning
        do {
            try await configure(
                app, config: AppConfig(dataDirectory: dataDir, databaseURL: ProcessInfo.processInfo.environment["DATABASE_URL"]))
            if try await app.coop.bylaws(on: app.db) == nil { _ = try await DemoCoop.found(app: app) }
            guard let bylaws = try await app.coop.bylaws(on: app.db) else { throw CLIError("the demo co-op was not founded") }
            let workerClass = bylaws.surplus.measures.first { [.earnings, .hours].contains($0.value) }?.key ?? "worker"
            let started = ContinuousClock.now
            // SplitMix64: the same co-op every run.
            var state: UInt64 = 2026
            func next(_ bound: Int) -> Int {
                state &+= 0x9E37_79B9_7F4A_7C15
                var z = state
                z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
                z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
                return Int((z ^ (z >> 31)) % UInt64(bound))
            }
            let now = Date()
            let firstNumber = (try await MembershipRecord.query(on: app.db).max(\.$memberNumber) ?? 0) + 1
            var members: [UUID] = []
            var start = 0
            while start < workers {
                let end = min(start + 500, workers)
                var users: [UserRecord] = []
                var ms: [MembershipRecord] = []
                for i in start..<end {
                    let u = UserRecord(email: "worker-\(i)@bench.invalid", name: "Worker \(i)", passwordHash: "!", createdAt: now)
                    u.id = UUID()
                    users.append(u)
                    let m = MembershipRecord()
                    m.id = UUID()
                    m.userID = u.id!
                    m.classID = workerClass
                    m.status = .admitted
                    m.memberNumber = firstNumber + i
                    m.shares = 1
                    m.steward = false
                    m.appliedAt = now
                    m.admittedAt = now
                    ms.append(m)
                    members.append(m.id!)
                }
                try await app.db.transaction { [users, ms] db in
                    try await users.create(on: db)
                    try await ms.create(on: db)
                }
                start = end
            }
            let units: [PriceUnit] = [.perHour, .perHour, .fixed, .perItem]
            start = 0
            while start < listings {
                let end = min(start + 1_000, listings)
                var rows: [ListingRecord] = []
                for _ in start..<end {
                    let category = bylaws.categories[next(bylaws.categories.count)]
                    let title = (0..<(2 + next(3))).map { _ in Self.words[next(Self.words.count)] }.joined(separator: " ").capitalized
                    let description = (0..<(8 + next(10))).map { _ in Self.words[next(Self.words.count)] }.joined(separator: " ")
                    let area = Self.areas[next(Self.areas.count)]
                    let unit = units[next(units.count)]
                    let l = ListingRecord()
                    l.id = UUID()
                    l.workerID = members[next(members.count)]
                    l.kind = unit == .perItem ? .good : .service
                    l.title = "\(title) (\(category))"
                    l.description = description
                    l.category = category
                    l.unit = unit
                    l.priceMinor = Int64(unit == .perItem ? 200 + next(5_000) : 1_800 + next(6_000))
                    l.estimatedMinutes = unit == .fixed ? Int64(30 + next(8) * 15) : nil
                    l.stock = unit == .perItem ? Int64(next(200)) : nil
                    l.area = area
                    if next(10) < 8 {
                        l.latitudeE6 = 52_370_000 + Int64(next(500_000)) - 250_000
                        l.longitudeE6 = 4_890_000 + Int64(next(800_000)) - 400_000
                    }
                    l.active = true
                    l.status = .active
                    l.createdAt = now.addingTimeInterval(-Double(next(365 * 86_400)))
                    l.searchText = [l.title, l.description, l.area].joined(separator: " ").lowercased()
                    l.rotationKey = Int64(next(Int(FairRotation.modulus)))
                    rows.append(l)
                }
                try await app.db.transaction { [rows] db in try await rows.create(on: db) }
                start = end
            }
            print("seed: \(workers) workers and \(listings) listings added in \(ContinuousClock.now - started)")
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}
