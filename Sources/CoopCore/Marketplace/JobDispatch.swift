/// A customer's job request: posted, offered down the dispatch ranking, then filled or not.
public enum JobState: String, Sendable, Codable, CaseIterable {
    /// Offered to one worker at a time, down the ranking.
    case offered
    /// A worker accepted it: it is an order now.
    case accepted
    /// Every eligible worker declined, let the offer expire or was unavailable.
    case unfilled
    /// The customer withdrew it before anyone accepted.
    case cancelled
}

/// One eligible worker's place in a job's ranking.
public enum CandidateState: String, Sendable, Codable, CaseIterable {
    /// Not reached yet.
    case waiting
    /// The job is offered to this worker now, until the offer expires.
    case offered
    /// The worker turned the offer down.
    case declined
    /// The offer was not answered within the governed minutes.
    case expired
    /// The worker took the job: it became their order.
    case accepted
    /// Unavailable when the job reached their place, so passed over.
    case skipped
    /// The job was filled or withdrawn before it reached them.
    case passed
}

/// The dispatcher's rules for moving a job down its ranking, as pure functions.
public enum JobDispatch {
    /// The position to offer the job to next: the first worker still waiting, in rank order, who
    /// is available. Those unavailable on the way are returned to be marked skipped. Nil when the
    /// ranking is exhausted.
    public static func next(states: [CandidateState], available: [Bool]) -> (offer: Int?, skipped: [Int]) {
        var skipped: [Int] = []
        for (i, s) in states.enumerated() where s == .waiting {
            if i < available.count && available[i] { return (i, skipped) }
            skipped.append(i)
        }
        return (nil, skipped)
    }

    /// Millionths as a decimal with two places, rounded down: 833_333 → "0.83".
    public static func share(_ millionths: Int64) -> String {
        let hundredths = max(0, millionths) / 10_000
        return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
    }

    /// A score (Σ weight × term, in millionths) as points with two places: 67_400_000 → "67.40".
    public static func points(_ score: Int64) -> String { share(score) }

    /// 1 → "1st", 2 → "2nd", 11 → "11th".
    public static func ordinal(_ n: Int) -> String {
        let suffix: String
        switch (n % 10, n % 100) {
        case (1, let t) where t != 11: suffix = "st"
        case (2, let t) where t != 12: suffix = "nd"
        case (3, let t) where t != 13: suffix = "rd"
        default: suffix = "th"
        }
        return "\(n)\(suffix)"
    }

    /// One line per term of a worker's score: the term, its weight, what it adds, and what it came from.
    /// The endorsements line follows the four others; a line naming the skill the category
    /// required ends the list when it required one.
    public static func termLines(
        _ c: DispatchCandidate, _ t: DispatchTerms, weights: DispatchWeights, ratingsCount: Bool, recentDays: Int, maxDistanceKm: Int64,
        requiredSkill: String? = nil
    ) -> [String] {
        func line(_ name: String, _ term: Int64, _ weight: Int64, _ why: String) -> String {
            "\(name): \(share(term)) × weight \(weight) = \(points(term * weight)) (\(why))"
        }
        let distance: String
        if let d = c.distanceMeters {
            distance = "\(d / 1000).\(d % 1000 / 100) km away; nearness counts up to \(maxDistanceKm) km"
        } else {
            distance = "the distance is not known, so it counts nothing"
        }
        let skills =
            c.skillsRequired == 0 ? "the job asks no particular skills" : "\(c.skillsMatched) of the \(c.skillsRequired) skills asked"
        let rating: String
        if !ratingsCount {
            rating = "the members chose not to let ratings count"
        } else if let r = c.ratingTenths {
            rating = "rated \(r / 10).\(r % 10) of 5"
        } else {
            rating = "not rated yet"
        }
        return [
            line(
                "Fair share of recent work", t.fairShare, weights.fairShare,
                "\(c.recentMinutes) minutes of work in the last \(recentDays) days"),
            line("Distance", t.distance, weights.distance, distance),
            line("Skills", t.skills, weights.skills, skills),
            line("Rating", t.rating, ratingsCount ? weights.rating : 0, rating),
            line(
                "Endorsements by peers", t.endorsements, weights.endorsements,
                "\(c.endorsements) endorsement\(c.endorsements == 1 ? "" : "s") of the skills this job needs;"
                    + " \(SkillEndorsement.countsFullyAt) count fully"),
        ]
            + (requiredSkill.map {
                [
                    "Required skill: '\($0)', which you hold; the members require it for this category, so workers without it are not offered these jobs."
                ]
            } ?? [])
    }

    /// Why a worker was (or was not yet, or not) offered a job, in plain sentences.
    ///
    /// - Parameters:
    ///   - position: the worker's place in the ranking, from 0.
    ///   - holder: the worker who has the job on offer or accepted it, if another.
    public static func explanation(
        state: CandidateState, position: Int, count: Int, terms: DispatchTerms,
        holder: (position: Int, state: CandidateState, terms: DispatchTerms)?, offerMinutes: Int64
    ) -> String {
        let place = "You ranked \(ordinal(position + 1)) of \(count) eligible workers, with \(points(terms.score)) points."
        switch state {
        case .offered, .accepted, .declined, .expired:
            let reached =
                position == 0
                ? "The job came to you first."
                : "It came to you after the \(position) ranked above you declined, let the offer pass or were unavailable."
            let outcome: String
            switch state {
            case .offered: outcome = "It is yours to accept for \(offerMinutes) minutes from the offer."
            case .accepted: outcome = "You accepted it."
            case .declined: outcome = "You declined it."
            default: outcome = "The offer expired after \(offerMinutes) minutes unanswered."
            }
            return "\(place) \(reached) \(outcome)"
        case .skipped:
            return "\(place) You were unavailable when the job reached your place, so it passed to the next worker."
        case .waiting, .passed:
            guard let holder else {
                return "\(place) The job was withdrawn or went unfilled before it reached you."
            }
            let verb = holder.state == .accepted ? "accepted it" : "has it on offer now"
            let t = holder.terms
            let compared =
                "They had \(points(t.score)) points (fair share \(share(t.fairShare)), distance \(share(t.distance)),"
                + " skills \(share(t.skills)), rating \(share(t.rating)))."
            let rest =
                state == .waiting && holder.position < position
                ? " It comes to you only if everyone ranked above you declines or lets the offer pass." : ""
            return "\(place) The worker ranked \(ordinal(holder.position + 1)) \(verb). \(compared)\(rest)"
        }
    }
}
