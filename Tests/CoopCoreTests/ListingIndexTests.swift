import Testing

@testable import CoopCore

@Suite struct ListingIndexTests {
    static let words = ["kitchen", "kite", "garden", "bread", "brakes", "100%", "eco-friendly", "van", "vanilla", "care"]

    /// The reference: every entry checked by the plain rules, then sorted in full.
    func reference(
        _ entries: [SearchEntry], _ f: SearchFilter, _ ranking: SearchRanking, seed: Int64, ratings: [String: Int64], modulus: Int64
    ) -> [(key: String, distance: Int64?)] {
        var hits: [(SearchEntry, Int64?)] = []
        for e in entries where e.active {
            if let c = f.category, e.category != c { continue }
            if let m = f.minPrice, e.priceMinor < m { continue }
            if let m = f.maxPrice, e.priceMinor > m { continue }
            let tokens = ListingIndex<Int>.tokens(e.text)
            if !f.words.allSatisfy({ w in tokens.contains { $0.hasPrefix(w.lowercased()) } }) { continue }
            var d: Int64?
            if let p = f.place {
                guard let lat = e.latitudeE6, let lon = e.longitudeE6 else { continue }
                let dist = distanceMeters(latitudeE6: p.latitudeE6, longitudeE6: p.longitudeE6, lat, lon)
                guard dist <= f.withinMeters else { continue }
                d = dist
            }
            hits.append((e, d))
        }
        hits.sort { a, b in
            switch ranking {
            case .fairRotation:
                let ka = (a.0.rotationKey + seed) % modulus
                let kb = (b.0.rotationKey + seed) % modulus
                return ka != kb ? ka < kb : a.0.key < b.0.key
            case .newest: return a.0.createdAt != b.0.createdAt ? a.0.createdAt > b.0.createdAt : a.0.key < b.0.key
            case .distance: return a.1! != b.1! ? a.1! < b.1! : a.0.key < b.0.key
            case .rating:
                let ra = ratings[a.0.worker] ?? 0
                let rb = ratings[b.0.worker] ?? 0
                return ra != rb ? ra > rb : a.0.key < b.0.key
            }
        }
        return hits.map { ($0.0.key, $0.1) }
    }

    @Test func everySearchMatchesThePlainRulesPageByPage() {
        var rng = SystemRandomNumberGenerator()
        for round in 0..<80 {
            let modulus: Int64 = 1_000_003
            let n = Int.random(in: 0...400, using: &rng)
            var entries: [SearchEntry] = []
            for i in 0..<n {
                let text = (0..<Int.random(in: 1...4, using: &rng)).map { _ in Self.words.randomElement(using: &rng)! }.joined(
                    separator: " ")
                let placed = Bool.random(using: &rng)
                entries.append(
                    SearchEntry(
                        key: String(format6(i * 7919 % 1000)) + "-\(i)", worker: "w\(Int.random(in: 0..<8, using: &rng))",
                        category: ["cleaning", "food", "care"].randomElement(using: &rng)!,
                        priceMinor: Int64.random(in: 100...5_000, using: &rng),
                        latitudeE6: placed ? 52_370_000 + Int64.random(in: -200_000...200_000, using: &rng) : nil,
                        longitudeE6: placed ? 4_890_000 + Int64.random(in: -300_000...300_000, using: &rng) : nil,
                        createdAt: Int64.random(in: 0...50, using: &rng), rotationKey: Int64.random(in: 0..<modulus, using: &rng),
                        text: text, active: Int.random(in: 0..<10, using: &rng) > 0))
            }
            var index = ListingIndex<Int>(modulus: modulus)
            // Half the rounds add in two batches with a change in between, as the server does.
            let half = round % 2 == 0 ? n / 2 : n
            for (i, e) in entries.prefix(half).enumerated() { index.upsert(e, payload: i) }
            index.prepare()
            if half < n, n > 0 {
                entries[0].active.toggle()
                entries[0].priceMinor += 1
                for (i, e) in entries.enumerated() { index.upsert(e, payload: i) }
                index.prepare()
            }
            let ratings = Dictionary(uniqueKeysWithValues: (0..<8).map { ("w\($0)", Int64.random(in: 0...500, using: &rng)) })
            for _ in 0..<25 {
                var f = SearchFilter()
                if Bool.random(using: &rng) {
                    f.words = [["kit"], ["van"], ["eco"], ["100%"], ["garden", "k"], ["KITCHEN"]].randomElement(using: &rng)!
                }
                if Bool.random(using: &rng) { f.category = ["cleaning", "food", "care", "none"].randomElement(using: &rng)! }
                if Bool.random(using: &rng) { f.minPrice = Int64.random(in: 0...3_000, using: &rng) }
                if Bool.random(using: &rng) { f.maxPrice = Int64.random(in: 1_000...6_000, using: &rng) }
                if Bool.random(using: &rng) {
                    f.place = (52_370_000 + Int64.random(in: -50_000...50_000, using: &rng), 4_890_000)
                    f.withinMeters = Int64.random(in: 1...30, using: &rng) * 1_000
                }
                let ranking: SearchRanking =
                    f.place == nil
                    ? [.fairRotation, .newest, .rating].randomElement(using: &rng)! : SearchRanking.allCases.randomElement(using: &rng)!
                let seed = Int64.random(in: 0..<modulus, using: &rng)
                let expected = reference(entries, f, ranking, seed: seed, ratings: ratings, modulus: modulus)
                for page in 1...3 {
                    let got = index.search(f, ranking: ranking, seed: seed, ratings: ratings, page: page, pageSize: 7)
                    #expect(got.total == expected.count, "round \(round) \(f) \(ranking)")
                    let want = Array(expected.dropFirst((page - 1) * 7).prefix(7))
                    #expect(
                        got.results.map { index.entries[$0.slot].key } == want.map(\.key), "round \(round) page \(page) \(f) \(ranking)")
                    #expect(got.results.map(\.distanceMeters) == want.map(\.distance))
                }
            }
        }
    }

    @Test func wordsMatchTheStartOfAnyWordWhateverTheCase() {
        var index = ListingIndex<Int>(modulus: 101)
        let texts = ["Flat tyres, brakes 100%", "eco-friendly soap", "Bicycle repairs"]
        for (i, t) in texts.enumerated() {
            index.upsert(
                SearchEntry(
                    key: "k\(i)", worker: "w", category: "c", priceMinor: 1, latitudeE6: nil, longitudeE6: nil, createdAt: 0,
                    rotationKey: Int64(i),
                    text: t.lowercased(), active: true), payload: i)
        }
        index.prepare()
        func found(_ words: [String]) -> [Int] {
            index.search(SearchFilter(words: words), ranking: .newest, seed: 0, page: 1, pageSize: 10).results.map(\.slot).sorted()
        }
        #expect(found(["100%"]) == [0] && found(["100"]) == [0] && found(["tyres"]) == [0] && found(["TYR"]) == [0])
        #expect(found(["friendly"]) == [1] && found(["eco"]) == [1])
        #expect(found(["cycle"]) == [], "a word's start, not its middle")
        #expect(found(["bi", "rep"]) == [2] && found(["bi", "soap"]) == [])
        // A category whose only listing is not active: nothing found, nothing counted.
        index.upsert(
            SearchEntry(
                key: "k9", worker: "w", category: "jobs", priceMinor: 1, latitudeE6: nil, longitudeE6: nil, createdAt: 0, rotationKey: 9,
                text: "private", active: false), payload: 9)
        index.prepare()
        let hidden = index.search(SearchFilter(category: "jobs"), ranking: .fairRotation, seed: 0, page: 1, pageSize: 10)
        #expect(hidden.total == 0 && hidden.results.isEmpty)
    }
}

private func format6(_ n: Int) -> String {
    let s = String(n)
    return String(repeating: "0", count: max(0, 6 - s.count)) + s
}
