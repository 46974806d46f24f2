/// The governed weights of the dispatcher, each 0 to 100.
public struct DispatchWeights: Sendable, Equatable, Codable {
    public let fairShare: Int64
    public let distance: Int64
    public let skills: Int64
    /// Counted only when the members let ratings affect dispatch.
    public let rating: Int64

    public init(fairShare: Int64, distance: Int64, skills: Int64, rating: Int64) {
        self.fairShare = fairShare
        self.distance = distance
        self.skills = skills
        self.rating = rating
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
    public var skillsRequired: Int
    /// Average rating in tenths (0...50), if rated.
    public var ratingTenths: Int64?

    public init(recentMinutes: Int64, distanceMeters: Int64?, skillsMatched: Int, skillsRequired: Int, ratingTenths: Int64?) {
        self.recentMinutes = recentMinutes
        self.distanceMeters = distanceMeters
        self.skillsMatched = skillsMatched
        self.skillsRequired = skillsRequired
        self.ratingTenths = ratingTenths
    }
}

/// The terms of one worker's score: each term is a share in millionths (0...1,000,000), and the
/// score is the weighted sum. Stored with every offer, so anyone can see why it went where it did.
public struct DispatchTerms: Sendable, Equatable, Codable {
    public let fairShare: Int64
    public let distance: Int64
    public let skills: Int64
    public let rating: Int64
    public let score: Int64
}

/// Ranks the eligible workers for a job by the governed weights, best first.
///
/// - *Fair share*: 1 − the worker's recent minutes ÷ the most recent minutes among the eligible
///   (all 1 when nobody worked), so less recent work ranks higher.
/// - *Distance*: 1 − distance ÷ `maxDistanceMeters` (0 beyond it, or when unknown).
/// - *Skills*: skills matched ÷ skills asked (1 when the job asks none).
/// - *Rating*: rating ÷ 5 when `ratingsCount`, else 0 whatever its weight.
///
/// The score is Σ weight × term, in integers. Ties go to less recent work, then to the earlier
/// candidate in the given order (callers pass workers in a stable order, such as by id). The result
/// is a permutation of the candidates' indices.
public func rankWorkers(
    _ candidates: [DispatchCandidate], weights: DispatchWeights, maxDistanceMeters: Int64, ratingsCount: Bool
) -> [(index: Int, terms: DispatchTerms)] {
    let million: Int64 = 1_000_000
    let mostRecent = candidates.reduce(Int64(0)) { max($0, $1.recentMinutes) }
    var terms: [DispatchTerms] = []
    terms.reserveCapacity(candidates.count)
    var keys: [UInt64] = []
    keys.reserveCapacity(candidates.count)
    for (i, c) in candidates.enumerated() {
        let fair = mostRecent == 0 ? million : million - max(0, min(c.recentMinutes, mostRecent)) * million / mostRecent
        var near: Int64 = 0
        if let d = c.distanceMeters, maxDistanceMeters > 0, d < maxDistanceMeters {
            near = million - max(d, 0) * million / maxDistanceMeters
        }
        let skills =
            c.skillsRequired <= 0 ? million : Int64(min(max(c.skillsMatched, 0), c.skillsRequired)) * million / Int64(c.skillsRequired)
        let rating = ratingsCount ? min(max(c.ratingTenths ?? 0, 0), 50) * million / 50 : 0
        let score =
            weights.fairShare * fair + weights.distance * near + weights.skills * skills + (ratingsCount ? weights.rating * rating : 0)
        terms.append(DispatchTerms(fairShare: fair, distance: near, skills: skills, rating: rating, score: score))
        // One sortable key: the score (at most 4 × 100 × 10⁶ < 2²⁹), then fair share as the
        // tie-break, then the earlier index; sorted descending.
        keys.append(UInt64(score) << 34 | UInt64(fair >> 3) << 17 | UInt64(0x1FFFF - (i & 0x1FFFF)))
    }
    if candidates.count <= 0x1FFFF {
        keys.sort(by: >)
        return keys.map { key in
            let i = 0x1FFFF - Int(key & 0x1FFFF)
            return (i, terms[i])
        }
    }
    // More candidates than the packed key holds: the same order by a comparison sort.
    let order = candidates.indices.sorted { a, b in
        let ta = terms[a]
        let tb = terms[b]
        if ta.score != tb.score { return ta.score > tb.score }
        if ta.fairShare >> 3 != tb.fairShare >> 3 { return ta.fairShare >> 3 > tb.fairShare >> 3 }
        return a < b
    }
    return order.map { ($0, terms[$0]) }
}
