#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The searchable fields of one listing.
public struct SearchEntry: Sendable, Equatable {
    /// A stable, unique key (the listing's id as text): ties are broken by it.
    public var key: String
    /// The worker's key, for ranking by rating.
    public var worker: String
    /// The listing's category id.
    public var category: String
    /// The unit price, in minor units.
    public var priceMinor: Int64
    /// The latitude in millionths of a degree; nil when the listing has no place.
    public var latitudeE6: Int64?
    /// The longitude in millionths of a degree; nil when the listing has no place.
    public var longitudeE6: Int64?
    /// When it was listed, in any unit that orders (seconds since an epoch).
    public var createdAt: Int64
    /// Fair rotation's fixed random number, 0 ..< the rotation modulus.
    public var rotationKey: Int64
    /// What words are looked for in (title, description, area).
    public var text: String
    /// Whether the listing is shown; inactive ones stay indexed but match no search.
    public var active: Bool

    /// Creates the searchable fields of a listing.
    public init(
        key: String, worker: String, category: String, priceMinor: Int64, latitudeE6: Int64?, longitudeE6: Int64?, createdAt: Int64,
        rotationKey: Int64, text: String, active: Bool
    ) {
        self.key = key
        self.worker = worker
        self.category = category
        self.priceMinor = priceMinor
        self.latitudeE6 = latitudeE6
        self.longitudeE6 = longitudeE6
        self.createdAt = createdAt
        self.rotationKey = rotationKey
        self.text = text
        self.active = active
    }
}

/// Metres in a millionth of a degree of latitude, on the sphere ``distanceMeters`` uses.
let metresPerMicroDegree = 6_371_000.0 * Double.pi / 180 / 1_000_000

/// What a search asks for.
public struct SearchFilter: Sendable, Equatable {
    /// Each word must begin a word of the listing's text (case is ignored).
    public var words: [String]
    /// Only listings in this category id; any category when nil.
    public var category: String?
    /// The least unit price, in minor units, inclusive; no bound when nil.
    public var minPrice: Int64?
    /// The greatest unit price, in minor units, inclusive; no bound when nil.
    public var maxPrice: Int64?
    /// A place, in millionths of a degree, and the greatest distance from it.
    public var place: (latitudeE6: Int64, longitudeE6: Int64)?
    /// The greatest distance from `place` in metres, 25,000 by default; unused without a place.
    public var withinMeters: Int64

    /// A filter; with no arguments it matches every active listing.
    public init(
        words: [String] = [], category: String? = nil, minPrice: Int64? = nil, maxPrice: Int64? = nil,
        place: (latitudeE6: Int64, longitudeE6: Int64)? = nil, withinMeters: Int64 = 25_000
    ) {
        self.words = words
        self.category = category
        self.minPrice = minPrice
        self.maxPrice = maxPrice
        self.place = place
        self.withinMeters = withinMeters
    }

    /// Whether two filters ask for the same listings: every field equal, the place compared by its coordinates.
    public static func == (a: SearchFilter, b: SearchFilter) -> Bool {
        a.words == b.words && a.category == b.category && a.minPrice == b.minPrice && a.maxPrice == b.maxPrice
            && a.place?.latitudeE6 == b.place?.latitudeE6 && a.place?.longitudeE6 == b.place?.longitudeE6
            && a.withinMeters == b.withinMeters
    }
}

/// Listings held for search in memory, as compact rows with a word index: a search looks at
/// packed arrays instead of database rows, and walks orders computed once per change of listings.
///
/// Orders, as ``SearchRanking`` names them:
/// - fair rotation: by `(rotationKey + seed) mod modulus`, then key; the seed shifts every hour,
///   so every listing takes its turn at the top;
/// - newest: by `createdAt`, newest first, then key;
/// - distance: nearest first, then key (only with a place);
/// - rating: the worker's rating, best first, then key.
public struct ListingIndex<Payload: Sendable>: Sendable {
    /// Fair rotation's modulus: rotation keys and seeds are 0 ..< this.
    public let modulus: Int64
    /// Every listing's searchable fields, by slot (the position search results name).
    public private(set) var entries: [SearchEntry] = []
    /// The caller's value kept with each listing, by slot.
    public private(set) var payloads: [Payload] = []
    private var slotByKey: [String: Int32] = [:]

    /// What a filter looks at, packed: a search's scan reads one small row per listing.
    struct Row {
        /// Minor units (prices are at most 1,000,000.00, well within 32 bits).
        var price: Int32
        /// Millionths of a degree (fits 32 bits); `Int32.min` when unknown.
        var lat: Int32
        var lon: Int32
        var category: Int32
        var active: Bool
    }

    private var rows: [Row] = []
    private var workerOf: [Int32] = []
    /// Slots by category code, ascending: a search in one category scans only its own.
    private var slotsByCategory: [[Int32]] = []
    private var categoriesStale = false
    /// Located listings by cell of a hundredth of a degree: a search near a place looks in the
    /// cells around it.
    private var grid: [Int64: [Int32]] = [:]
    private var gridStale = false
    /// Active listings' prices, sorted: a search by price alone counts its results by two lookups.
    private var activePrices: [Int32] = []
    private var pricesStale = false
    /// Active listings, in all and by category, as bit sets: a search by words (and category)
    /// alone counts its results by counting bits.
    private var activeBits: [UInt64] = []
    private var categoryActiveBits: [[UInt64]] = []
    private var categories: [String: Int32] = [:]
    private var workers: [String: Int32] = [:]
    /// Active listings, in all and by category code: totals of searches without other filters.
    private var activeCount = 0
    private var activeByCategory: [Int] = []

    // Orders, rebuilt when a listing is added or its order fields change.
    private var byRotation: [Int32] = []
    private var sortedRotationKeys: [Int64] = []
    private var byNewest: [Int32] = []
    private var keyRank: [Int32] = []
    private var ranksStale = false

    // Words: every token of every text, sorted, each with the slots it occurs in (ascending).
    private var postings: [String: [Int32]] = [:]
    private var vocabulary: [String] = []
    private var vocabularyStale = false
    private var textsChanged = false

    /// An empty index whose fair rotation runs modulo `modulus`.
    public init(modulus: Int64) { self.modulus = modulus }

    /// The number of listings held, active or not.
    public var count: Int { entries.count }

    /// The tokens of a text, lower-cased: its words split at white space, and again at anything
    /// that is not a letter or digit (so "100%" and "100" are both found in "brakes 100%").
    public static func tokens(_ text: String) -> Set<String> {
        var out = Set<String>()
        for word in text.lowercased().split(whereSeparator: { $0.isWhitespace }) {
            out.insert(String(word))
            for part in word.split(whereSeparator: { !($0.isLetter || $0.isNumber) }) { out.insert(String(part)) }
        }
        return out
    }

    private mutating func row(_ e: SearchEntry) -> Row {
        func micro(_ v: Int64?) -> Int32 { v.map { Int32(clamping: $0) } ?? .min }
        let hasPlace = e.latitudeE6 != nil && e.longitudeE6 != nil
        return Row(
            price: Int32(clamping: e.priceMinor), lat: hasPlace ? micro(e.latitudeE6) : .min, lon: hasPlace ? micro(e.longitudeE6) : .min,
            category: code(e.category, in: &categories), active: e.active)
    }

    private mutating func count(_ r: Row, _ delta: Int) {
        guard r.active else { return }
        activeCount += delta
        while activeByCategory.count <= Int(r.category) { activeByCategory.append(0) }
        activeByCategory[Int(r.category)] += delta
    }

    /// Adds a listing, or replaces the one with the same key.
    public mutating func upsert(_ e: SearchEntry, payload: Payload) {
        let r = row(e)
        if let slot = slotByKey[e.key] {
            let i = Int(slot)
            let old = entries[i]
            if old.rotationKey != e.rotationKey || old.createdAt != e.createdAt { ranksStale = true }
            if old.text != e.text { textsChanged = true }
            count(rows[i], -1)
            count(r, 1)
            if rows[i].category != r.category { categoriesStale = true }
            if rows[i].lat != r.lat || rows[i].lon != r.lon { gridStale = true }
            if rows[i].price != r.price || rows[i].active != r.active || rows[i].category != r.category { pricesStale = true }
            entries[i] = e
            payloads[i] = payload
            rows[i] = r
            workerOf[i] = code(e.worker, in: &workers)
            return
        }
        let slot = Int32(entries.count)
        slotByKey[e.key] = slot
        entries.append(e)
        payloads.append(payload)
        rows.append(r)
        workerOf.append(code(e.worker, in: &workers))
        count(r, 1)
        if !categoriesStale {
            while slotsByCategory.count <= Int(r.category) { slotsByCategory.append([]) }
            slotsByCategory[Int(r.category)].append(slot)
        }
        ranksStale = true
        pricesStale = true
        if r.lat != .min { gridStale = true }
        if !textsChanged {
            for t in Self.tokens(e.text) {
                if postings[t] == nil { vocabularyStale = true }
                postings[t, default: []].append(slot)
            }
        }
    }

    private func code(_ s: String, in table: inout [String: Int32]) -> Int32 {
        if let c = table[s] { return c }
        let c = Int32(table.count)
        table[s] = c
        return c
    }

    /// Rebuilds what changes made stale: call after a batch of upserts, before searching.
    public mutating func prepare() {
        if gridStale {
            grid = [:]
            for (i, r) in rows.enumerated() where r.lat != .min { grid[Self.cell(r.lat, r.lon), default: []].append(Int32(i)) }
            gridStale = false
        }
        if pricesStale {
            activePrices = rows.filter(\.active).map(\.price).sorted()
            pricesStale = false
            let words = (rows.count + 63) / 64
            activeBits = [UInt64](repeating: 0, count: words)
            categoryActiveBits = Array(repeating: [UInt64](repeating: 0, count: words), count: categories.count)
            for (i, r) in rows.enumerated() where r.active {
                activeBits[i >> 6] |= 1 << UInt64(i & 63)
                categoryActiveBits[Int(r.category)][i >> 6] |= 1 << UInt64(i & 63)
            }
        }
        if categoriesStale {
            slotsByCategory = Array(repeating: [], count: categories.count)
            for (i, r) in rows.enumerated() { slotsByCategory[Int(r.category)].append(Int32(i)) }
            categoriesStale = false
        }
        if textsChanged {
            postings = [:]
            for (i, e) in entries.enumerated() {
                for t in Self.tokens(e.text) { postings[t, default: []].append(Int32(i)) }
            }
            textsChanged = false
            vocabularyStale = true
        }
        if vocabularyStale {
            vocabulary = postings.keys.sorted()
            vocabularyStale = false
        }
        guard ranksStale else { return }
        let n = entries.count
        let byKey = (0..<n).sorted { entries[$0].key < entries[$1].key }
        keyRank = [Int32](repeating: 0, count: n)
        for (r, i) in byKey.enumerated() { keyRank[i] = Int32(r) }
        byRotation = (0..<n).sorted { (entries[$0].rotationKey, keyRank[$0]) < (entries[$1].rotationKey, keyRank[$1]) }.map { Int32($0) }
        sortedRotationKeys = byRotation.map { entries[Int($0)].rotationKey }
        byNewest = (0..<n).sorted {
            let a = entries[$0].createdAt
            let b = entries[$1].createdAt
            return a != b ? a > b : keyRank[$0] < keyRank[$1]
        }.map { Int32($0) }
        ranksStale = false
    }

    static func cellIndex(_ v: Int32) -> Int64 { Int64(v) >= 0 ? Int64(v) / 10_000 : (Int64(v) - 9_999) / 10_000 }

    static func cell(_ lat: Int32, _ lon: Int32) -> Int64 { cellIndex(lat) << 32 | (cellIndex(lon) & 0xFFFF_FFFF) }

    /// The slots whose text has a word beginning with `word`, as a bit set.
    private func matching(_ word: String) -> [UInt64] {
        var bits = [UInt64](repeating: 0, count: (entries.count + 63) / 64)
        var lo = 0
        var hi = vocabulary.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if vocabulary[mid] < word { lo = mid + 1 } else { hi = mid }
        }
        var v = lo
        while v < vocabulary.count, vocabulary[v].hasPrefix(word) {
            for s in postings[vocabulary[v]] ?? [] { bits[Int(s) >> 6] |= 1 << UInt64(s & 63) }
            v += 1
        }
        return bits
    }

    /// A filter made ready for the scan: integers compared, a box before any distance.
    struct Check {
        var category: Int32 = -1
        var minPrice = Int32.min
        var maxPrice = Int32.max
        var place: (lat: Int64, lon: Int64)?
        var box = (lat0: Int32.min, lat1: Int32.max, lon0: Int32.min, lon1: Int32.max)
        var within: Int64 = 0
        /// Metres per millionth of a degree of longitude at the place's latitude.
        var lonScale = 0.0

        @inline(__always) func accepts(_ r: Row) -> Bool {
            guard r.active, r.price >= minPrice, r.price <= maxPrice, category < 0 || r.category == category else { return false }
            guard let place else { return true }
            guard r.lat != .min, r.lat >= box.lat0, r.lat <= box.lat1, r.lon >= box.lon0, r.lon <= box.lon1 else { return false }
            // A flat approximation decides all but the listings near the edge; the exact distance decides those.
            let dy = Double(Int64(r.lat) - place.lat) * metresPerMicroDegree
            let dx = Double(Int64(r.lon) - place.lon) * lonScale
            let flat = (dx * dx + dy * dy).squareRoot()
            let w = Double(within)
            if flat < w * 0.99 { return true }
            if flat > w * 1.01 { return false }
            return distanceMeters(latitudeE6: place.lat, longitudeE6: place.lon, Int64(r.lat), Int64(r.lon)) <= within
        }
    }

    /// One page of a search: the slots in order, with each one's distance when a place is given,
    /// and how many listings match in all.
    ///
    /// - Parameters:
    ///   - seed: fair rotation's shift, 0 ..< `modulus`.
    ///   - ratings: workers' ratings (any scale, higher is better) by worker key, for `.rating`.
    public func search(
        _ filter: SearchFilter, ranking: SearchRanking, seed: Int64, ratings: [String: Int64] = [:], page: Int, pageSize: Int
    ) -> (results: [(slot: Int, distanceMeters: Int64?)], total: Int) {
        precondition(
            !ranksStale && !vocabularyStale && !textsChanged && !categoriesStale && !gridStale && !pricesStale,
            "prepare() the index after changing it")
        let n = entries.count
        guard n > 0, pageSize > 0 else { return ([], 0) }
        var wordBits: [UInt64]?
        for w in filter.words.map({ $0.lowercased() }) where !w.isEmpty {
            let bits = matching(w)
            if var acc = wordBits {
                for i in acc.indices { acc[i] &= bits[i] }
                wordBits = acc
            } else {
                wordBits = bits
            }
        }
        var check = Check()
        if let c = filter.category {
            guard let code = categories[c] else { return ([], 0) }
            check.category = code
        }
        check.minPrice = Int32(clamping: filter.minPrice ?? .min)
        check.maxPrice = Int32(clamping: filter.maxPrice ?? .max)
        if let p = filter.place {
            // The box is a little larger than the circle; the distance decides inside it.
            let dLat = Int64(Double(filter.withinMeters) / metresPerMicroDegree * 1.02) + 1
            let cosLat = max(0.01, cos(Double(p.latitudeE6) / 1_000_000 * .pi / 180))
            let dLon = Int64(Double(dLat) / cosLat) + 1
            check.place = (p.latitudeE6, p.longitudeE6)
            check.box = (
                Int32(clamping: p.latitudeE6 - dLat), Int32(clamping: p.latitudeE6 + dLat), Int32(clamping: p.longitudeE6 - dLon),
                Int32(clamping: p.longitudeE6 + dLon)
            )
            check.within = filter.withinMeters
            check.lonScale = metresPerMicroDegree * cosLat
        }
        let skip = (max(1, page) - 1) * pageSize
        var slots: [Int32] = []
        var total = 0
        rows.withUnsafeBufferPointer { rows in
            // Every listing the filter accepts, counted; each visited by `visit` too, if given.
            func scan(_ visit: ((Int) -> Void)?) {
                @inline(__always) func hasWords(_ i: Int) -> Bool {
                    guard let wordBits else { return true }
                    return wordBits[i >> 6] & (1 << UInt64(i & 63)) != 0
                }
                if filter.place != nil,
                    case let (lat0, lat1, lon0, lon1) = (
                        Self.cellIndex(check.box.lat0), Self.cellIndex(check.box.lat1), Self.cellIndex(check.box.lon0),
                        Self.cellIndex(check.box.lon1)
                    ), (lat1 - lat0 + 1) * (lon1 - lon0 + 1) <= 4_096
                {
                    for la in lat0...lat1 {
                        for lo in lon0...lon1 {
                            guard let cell = grid[la << 32 | (lo & 0xFFFF_FFFF)] else { continue }
                            for s in cell where hasWords(Int(s)) && check.accepts(rows[Int(s)]) {
                                total += 1
                                visit?(Int(s))
                            }
                        }
                    }
                } else if let wordBits, visit == nil, filter.place == nil, filter.minPrice == nil, filter.maxPrice == nil {
                    // Words (and a category) alone: count the bits.
                    let active = check.category < 0 ? activeBits : categoryActiveBits[Int(check.category)]
                    for (w, word) in wordBits.enumerated() where word != 0 { total += (word & active[w]).nonzeroBitCount }
                } else if let wordBits {
                    for (w, word) in wordBits.enumerated() where word != 0 {
                        var bits = word
                        while bits != 0 {
                            let i = w << 6 | bits.trailingZeroBitCount
                            bits &= bits - 1
                            if check.accepts(rows[i]) {
                                total += 1
                                visit?(i)
                            }
                        }
                    }
                } else if visit == nil, check.category < 0, filter.place == nil {
                    // By price alone (or nothing): two lookups in the sorted prices.
                    total = max(0, upperBound(activePrices, check.maxPrice) - lowerBound(activePrices, check.minPrice))
                } else if check.category >= 0 {
                    for s in slotsByCategory[Int(check.category)] where check.accepts(rows[Int(s)]) {
                        total += 1
                        visit?(Int(s))
                    }
                } else {
                    for i in 0..<rows.count where check.accepts(rows[i]) {
                        total += 1
                        visit?(i)
                    }
                }
            }
            switch ranking {
            case .fairRotation, .newest:
                // Walk the order, testing each listing, until the page is full.
                let order = ranking == .newest ? byNewest : byRotation
                let start = ranking == .newest ? 0 : lowerBound(sortedRotationKeys, modulus - ((seed % modulus) + modulus) % modulus)
                var found = 0
                order.withUnsafeBufferPointer { order in
                    for step in 0..<n {
                        var p = start + step
                        if p >= n { p -= n }
                        let i = Int(order[p])
                        if let wordBits, wordBits[i >> 6] & (1 << UInt64(i & 63)) == 0 { continue }
                        guard check.accepts(rows[i]) else { continue }
                        found += 1
                        if found > skip {
                            slots.append(Int32(i))
                            if slots.count == pageSize { break }
                        }
                    }
                }
                if wordBits == nil && filter.minPrice == nil && filter.maxPrice == nil && filter.place == nil {
                    total =
                        check.category < 0
                        ? activeCount : Int(check.category) < activeByCategory.count ? activeByCategory[Int(check.category)] : 0
                } else {
                    scan(nil)
                }
            case .distance, .rating:
                var ratingByWorker: [Int64] = []
                if ranking == .rating {
                    ratingByWorker = [Int64](repeating: 0, count: workers.count)
                    for (w, code) in workers { ratingByWorker[Int(code)] = ratings[w] ?? 0 }
                }
                var best = TopK(capacity: skip + pageSize)
                scan { i in
                    let r = rows[i]
                    let key: UInt64
                    if ranking == .distance, let p = filter.place {
                        let d = distanceMeters(latitudeE6: p.latitudeE6, longitudeE6: p.longitudeE6, Int64(r.lat), Int64(r.lon))
                        key = UInt64(max(0, d)) << 32 | UInt64(keyRank[i])
                    } else {
                        let rating = min(max(ratingByWorker.isEmpty ? 0 : ratingByWorker[Int(workerOf[i])], 0), Int64(Int32.max))
                        key = UInt64(Int64(Int32.max) - rating) << 32 | UInt64(keyRank[i])
                    }
                    _ = best.offer(key: key, slot: Int32(i))
                }
                slots = Array(best.sorted().dropFirst(skip))
            }
        }
        return (
            slots.map { s in
                let r = rows[Int(s)]
                guard let p = filter.place else { return (Int(s), nil) }
                return (Int(s), distanceMeters(latitudeE6: p.latitudeE6, longitudeE6: p.longitudeE6, Int64(r.lat), Int64(r.lon)))
            }, total
        )
    }

    private func lowerBound<T: Comparable>(_ a: [T], _ x: T) -> Int {
        var lo = 0
        var hi = a.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if a[mid] < x { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    private func upperBound<T: Comparable>(_ a: [T], _ x: T) -> Int {
        var lo = 0
        var hi = a.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if a[mid] <= x { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}

/// The `capacity` smallest keys offered, each with its slot: kept in order when few are wanted
/// (a page near the top), all kept and sorted once when many are (a deep page).
struct TopK {
    let capacity: Int
    private let bounded: Bool
    private var keys: [UInt64] = []
    private var slots: [Int32] = []
    private var all: [(key: UInt64, slot: Int32)] = []

    init(capacity: Int) {
        self.capacity = capacity
        bounded = capacity <= 1_024
        if bounded { keys.reserveCapacity(capacity) }
    }

    /// Keeps the key if it may be among the smallest; says whether it was kept.
    mutating func offer(key: UInt64, slot: Int32) -> Bool {
        guard bounded else {
            all.append((key, slot))
            return true
        }
        if keys.count == capacity {
            guard let last = keys.last, key < last else { return false }
            keys.removeLast()
            slots.removeLast()
        }
        var lo = 0
        var hi = keys.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if keys[mid] < key { lo = mid + 1 } else { hi = mid }
        }
        keys.insert(key, at: lo)
        slots.insert(slot, at: lo)
        return true
    }

    /// The slots kept, smallest key first.
    func sorted() -> [Int32] {
        guard !bounded else { return slots }
        return all.sorted { $0.key < $1.key }.prefix(capacity).map(\.slot)
    }
}
