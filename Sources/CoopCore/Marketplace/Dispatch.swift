/// The governed weights of the dispatcher, each 0 to 100.
public struct DispatchWeights: Sendable, Equatable, Codable {
    /// Weight of sharing work fairly (less recent work ranks higher); policy `dispatch_weight_fair_share`.
    public let fairShare: Int64
    /// Weight of nearness to the job; policy `dispatch_weight_distance`.
    public let distance: Int64
    /// Weight of matching the job's skills; policy `dispatch_weight_skills`.
    public let skills: Int64
    /// Counted only when the members let ratings affect dispatch.
    public let rating: Int64
    /// Weight of the endorsements peers gave the worker's skills the job needs; policy
    /// `dispatch_weight_endorsements`, 0 unless the members raise it.
    public let endorsements: Int64

    /// Creates the weights; ``rankWorkers(_:weights:maxDistanceMeters:ratingsCount:)`` clamps each to 0...100.
    public init(fairShare: Int64, distance: Int64, skills: Int64, rating: Int64, endorsements: Int64 = 0) {
        self.fairShare = fairShare
        self.distance = distance
        self.skills = skills
        self.rating = rating
        self.endorsements = endorsements
    }

    enum CodingKeys: String, CodingKey {
        case fairShare, distance, skills, rating, endorsements
    }

    /// Decodes weights frozen on a job; those frozen before endorsements counted weigh them 0.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            fairShare: try c.decode(Int64.self, forKey: .fairShare), distance: try c.decode(Int64.self, forKey: .distance),
            skills: try c.decode(Int64.self, forKey: .skills), rating: try c.decode(Int64.self, forKey: .rating),
            endorsements: try c.decodeIfPresent(Int64.self, forKey: .endorsements) ?? 0)
    }
}

/// What the dispatcher knows of an eligible worker for one job.
public struct DispatchCandidate: Sendable, Equatable {
    /// Minutes of work the worker was paid for in the recent period.
    public var recentMinutes: Int64
    /// Metres from the job, if both places are known.
    public var distanceMeters: Int64?
    /// How many of the job's skills the worker has, of how many it asks.
    public var skillsMatched: Int
    /// How many skills the job asks; 0 means any worker matches fully.
    public var skillsRequired: Int
    /// Average rating in tenths (0...50), if rated.
    public var ratingTenths: Int64?
    /// Endorsements peers gave the worker for the skills the job needs
    /// (``SkillEndorsement/relevantSkills(category:asked:required:)``).
    public var endorsements: Int

    /// Describes one eligible worker for the job.
    public init(
        recentMinutes: Int64, distanceMeters: Int64?, skillsMatched: Int, skillsRequired: Int, ratingTenths: Int64?, endorsements: Int = 0
    ) {
        self.recentMinutes = recentMinutes
        self.distanceMeters = distanceMeters
        self.skillsMatched = skillsMatched
        self.skillsRequired = skillsRequired
        self.ratingTenths = ratingTenths
        self.endorsements = endorsements
    }
}

/// The terms of one worker's score: each term is a share in millionths (0...1,000,000), and the
/// score is the weighted sum. Stored with every offer, so anyone can see why it went where it did.
public struct DispatchTerms: Sendable, Equatable, Codable {
    /// 1 − recent minutes ÷ the most among the eligible, in millionths; 1,000,000 when nobody worked.
    public let fairShare: Int64
    /// 1 − distance ÷ the farthest a job is offered, in millionths; 0 beyond it or when unknown.
    public let distance: Int64
    /// Skills matched ÷ skills asked, in millionths; 1,000,000 when the job asks none.
    public let skills: Int64
    /// Rating ÷ 5, in millionths; 0 when ratings do not count or the worker is unrated.
    public let rating: Int64
    /// Endorsements ÷ ``SkillEndorsement/countsFullyAt`` (at most 1), in millionths.
    public let endorsements: Int64
    /// Σ weight × term, 0 to 500,000,000; higher ranks first.
    public let score: Int64

    /// Creates terms as stored with an offer.
    public init(fairShare: Int64, distance: Int64, skills: Int64, rating: Int64, endorsements: Int64 = 0, score: Int64) {
        self.fairShare = fairShare
        self.distance = distance
        self.skills = skills
        self.rating = rating
        self.endorsements = endorsements
        self.score = score
    }

    enum CodingKeys: String, CodingKey {
        case fairShare, distance, skills, rating, endorsements, score
    }

    /// Decodes terms; those stored before endorsements counted have an endorsements term of 0.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            fairShare: try c.decode(Int64.self, forKey: .fairShare), distance: try c.decode(Int64.self, forKey: .distance),
            skills: try c.decode(Int64.self, forKey: .skills), rating: try c.decode(Int64.self, forKey: .rating),
            endorsements: try c.decodeIfPresent(Int64.self, forKey: .endorsements) ?? 0, score: try c.decode(Int64.self, forKey: .score))
    }
}

/// Ranks the eligible workers for a job by the governed weights, best first.
///
/// - *Fair share*: 1 − the worker's recent minutes ÷ the most recent minutes among the eligible
///   (all 1 when nobody worked), so less recent work ranks higher.
/// - *Distance*: 1 − distance ÷ `maxDistanceMeters` (0 beyond it, or when unknown).
/// - *Skills*: skills matched ÷ skills asked (1 when the job asks none).
/// - *Rating*: rating ÷ 5 when `ratingsCount`, else 0 whatever its weight.
/// - *Endorsements*: endorsements of the skills the job needs ÷ ``SkillEndorsement/countsFullyAt``,
///   at most 1.
///
/// The score is Σ weight × term, in integers. Ties go to less recent work, then to the earlier
/// candidate in the given order (callers pass workers in a stable order, such as by id). The result
/// is a permutation of the candidates' indices.
public func rankWorkers(
    _ candidates: [DispatchCandidate], weights: DispatchWeights, maxDistanceMeters: Int64, ratingsCount: Bool
) -> DispatchRanking {
    let million: Int64 = 1_000_000
    let mostRecent = candidates.reduce(Int64(0)) { max($0, $1.recentMinutes) }
    // Weights are 0...100 by the bylaws; clamped so the score always fits its place in the key.
    let w = (
        fair: min(max(weights.fairShare, 0), 100), near: min(max(weights.distance, 0), 100), skills: min(max(weights.skills, 0), 100),
        rating: ratingsCount ? min(max(weights.rating, 0), 100) : 0, endorsed: min(max(weights.endorsements, 0), 100)
    )
    // part × 10⁶ ÷ whole, rounded down. In doubles: for the sizes here (part × 10⁶ < 2⁵³) the
    // correctly rounded quotient never reaches the next integer, so this is the exact floor; for
    // absurd inputs it stays finite where integers would overflow.
    @inline(__always) func share(_ part: Int64, _ whole: Int64) -> Int64 { Int64(Double(part) * 1e6 / Double(whole)) }
    let count = candidates.count
    var terms = [DispatchTerms](
        repeating: DispatchTerms(fairShare: 0, distance: 0, skills: 0, rating: 0, endorsements: 0, score: 0), count: count)
    let full = Int64(SkillEndorsement.countsFullyAt)
    var keys = [UInt64](repeating: 0, count: count)
    candidates.withUnsafeBufferPointer { cs in
        terms.withUnsafeMutableBufferPointer { ts in
            keys.withUnsafeMutableBufferPointer { ks in
                for i in 0..<count {
                    let c = cs[i]
                    let fair = mostRecent == 0 ? million : million - share(max(0, min(c.recentMinutes, mostRecent)), mostRecent)
                    var near: Int64 = 0
                    if let d = c.distanceMeters, maxDistanceMeters > 0, d < maxDistanceMeters {
                        near = million - share(max(d, 0), maxDistanceMeters)
                    }
                    let skills =
                        c.skillsRequired <= 0
                        ? million : share(Int64(min(max(c.skillsMatched, 0), c.skillsRequired)), Int64(c.skillsRequired))
                    let rating = ratingsCount ? min(max(c.ratingTenths ?? 0, 0), 50) * 20_000 : 0
                    let endorsed = min(max(Int64(c.endorsements), 0), full) * million / full
                    let score = w.fair * fair + w.near * near + w.skills * skills + w.rating * rating + w.endorsed * endorsed
                    ts[i] = DispatchTerms(
                        fairShare: fair, distance: near, skills: skills, rating: rating, endorsements: endorsed, score: score)
                    // One sortable key: the score (at most 5 × 100 × 10⁶ < 2²⁹), then fair share as
                    // the tie-break, then the earlier index; complemented, so ascending is best first.
                    ks[i] = ~(UInt64(score) << 34 | UInt64(fair >> 3) << 17 | UInt64(0x1FFFF - (i & 0x1FFFF)))
                }
            }
        }
    }
    if candidates.count <= 0x1FFFF {
        // A radix sort, linear in the count.
        radixSort(&keys)
        var order = [Int32](repeating: 0, count: count)
        for (p, key) in keys.enumerated() { order[p] = Int32(0x1FFFF - Int(~key & 0x1FFFF)) }
        return DispatchRanking(order: order, terms: terms)
    }
    // More candidates than the packed key holds: the same order by a comparison sort.
    let order = candidates.indices.sorted { a, b in
        let ta = terms[a]
        let tb = terms[b]
        if ta.score != tb.score { return ta.score > tb.score }
        if ta.fairShare >> 3 != tb.fairShare >> 3 { return ta.fairShare >> 3 > tb.fairShare >> 3 }
        return a < b
    }
    return DispatchRanking(order: order.map { Int32($0) }, terms: terms)
}

/// A dispatch ranking, best first: each element is a candidate's index and the terms of its score.
/// Stored as the order and the terms, so that ranking many workers allocates little.
public struct DispatchRanking: RandomAccessCollection, Sendable {
    /// Candidates' indices, best first.
    public let order: [Int32]
    /// Every candidate's terms, by the candidate's index.
    public let terms: [DispatchTerms]

    /// Always 0.
    public var startIndex: Int { 0 }
    /// The number of candidates ranked.
    public var endIndex: Int { order.count }
    /// The candidate at a place in the ranking (0: best): its index in the input and its terms.
    public subscript(position: Int) -> (index: Int, terms: DispatchTerms) {
        let i = Int(order[position])
        return (i, terms[i])
    }
}

/// Sorts ascending by least-significant-digit radix, 16 bits a pass: four passes over the keys,
/// whatever their order, against a comparison sort's n log n.
func radixSort(_ keys: inout [UInt64]) {
    guard keys.count > 1 else { return }
    var buffer = [UInt64](repeating: 0, count: keys.count)
    var counts = [Int](repeating: 0, count: 1 << 16)
    for pass in 0..<4 {
        let shift = UInt64(pass * 16)
        keys.withUnsafeBufferPointer { src in
            buffer.withUnsafeMutableBufferPointer { dst in
                counts.withUnsafeMutableBufferPointer { count in
                    for i in 0..<count.count { count[i] = 0 }
                    for k in src { count[Int((k >> shift) & 0xFFFF)] += 1 }
                    var total = 0
                    for i in 0..<count.count {
                        let c = count[i]
                        count[i] = total
                        total += c
                    }
                    for k in src {
                        let d = Int((k >> shift) & 0xFFFF)
                        dst[count[d]] = k
                        count[d] += 1
                    }
                }
            }
        }
        swap(&keys, &buffer)
    }
}
