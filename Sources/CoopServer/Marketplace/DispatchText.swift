import CoopCore

/// "Why this offer came to you" and a worker's score term by term, as ``JobDispatch`` writes them
/// in English, in the request's language. English is word for word the core's, so the API (always
/// English) does not change; both are written from the same values the dispatcher used.
enum DispatchText {
    /// Millionths as a number with two places: `0.67`, `0,67`.
    static func share(_ millionths: Int64) -> String {
        Lang.current == .es || Lang.current == .fr
            ? MarketText.decimal(max(0, millionths) / 10_000, places: 2) : JobDispatch.share(millionths)
    }

    /// A place in the ranking: `1st`, `1.º`, `1er`.
    static func ordinal(_ n: Int) -> String {
        switch Lang.current {
        case .es: "\(n).º"
        case .fr: n == 1 ? "1er" : "\(n)e"
        case .en, .qps: JobDispatch.ordinal(n)
        }
    }

    /// One line per term of a worker's score (``JobDispatch/termLines(_:_:weights:ratingsCount:recentDays:maxDistanceKm:)``).
    static func termLines(
        _ c: DispatchCandidate, _ terms: DispatchTerms, weights: DispatchWeights, ratingsCount: Bool, recentDays: Int,
        maxDistanceKm: Int64, requiredSkill: String? = nil
    ) -> [String] {
        func line(_ name: String, _ term: Int64, _ weight: Int64, _ why: String) -> String {
            t("%1$s: %2$s × weight %3$s = %4$s (%5$s)", name, share(term), String(weight), share(term * weight), why)
        }
        let distance: String
        if let d = c.distanceMeters {
            distance = t(
                "%1$s away; nearness counts up to %2$s km", MarketText.decimal(d / 100, places: 1) + " km", String(maxDistanceKm))
        } else {
            distance = t("the distance is not known, so it counts nothing")
        }
        let skills =
            c.skillsRequired == 0
            ? t("the job asks no particular skills")
            : t("%1$s of the %2$s skills asked", String(c.skillsMatched), String(c.skillsRequired))
        let rating: String
        if !ratingsCount {
            rating = t("the members chose not to let ratings count")
        } else if let r = c.ratingTenths {
            rating = t("rated %s of 5", MarketText.decimal(r, places: 1))
        } else {
            rating = t("not rated yet")
        }
        return [
            line(
                t("Fair share of recent work"), terms.fairShare, weights.fairShare,
                t("%1$s minutes of work in the last %2$s days", String(c.recentMinutes), String(recentDays))),
            line(t("Distance"), terms.distance, weights.distance, distance),
            line(t("Skills"), terms.skills, weights.skills, skills),
            line(t("Rating"), terms.rating, ratingsCount ? weights.rating : 0, rating),
            line(
                t("Endorsements by peers"), terms.endorsements, weights.endorsements,
                tn(
                    "%d endorsement of the skills this job needs; %s count fully",
                    "%d endorsements of the skills this job needs; %s count fully", Int(c.endorsements),
                    String(SkillEndorsement.countsFullyAt))),
        ]
            + (requiredSkill.map {
                [
                    t(
                        "Required skill: '%s', which you hold; the members require it for this category, so workers without it are not offered these jobs.",
                        $0)
                ]
            } ?? [])
    }

    /// Why a worker was (or was not yet, or not) offered a job (``JobDispatch/explanation(state:position:count:terms:holder:offerMinutes:)``).
    static func explanation(
        state: CandidateState, position: Int, count: Int, terms: DispatchTerms,
        holder: (position: Int, state: CandidateState, terms: DispatchTerms)?, offerMinutes: Int64
    ) -> String {
        let place = t(
            "You ranked %1$s of %2$s eligible workers, with %3$s points.", ordinal(position + 1), String(count), share(terms.score))
        switch state {
        case .offered, .accepted, .declined, .expired:
            let reached =
                position == 0
                ? t("The job came to you first.")
                : t("It came to you after the %s ranked above you declined, let the offer pass or were unavailable.", String(position))
            let outcome: String
            switch state {
            case .offered: outcome = t("It is yours to accept for %s minutes from the offer.", String(offerMinutes))
            case .accepted: outcome = t("You accepted it.")
            case .declined: outcome = t("You declined it.")
            default: outcome = t("The offer expired after %s minutes unanswered.", String(offerMinutes))
            }
            return "\(place) \(reached) \(outcome)"
        case .skipped:
            return place + " " + t("You were unavailable when the job reached your place, so it passed to the next worker.")
        case .waiting, .passed:
            guard let holder else {
                return place + " " + t("The job was withdrawn or went unfilled before it reached you.")
            }
            let h = holder.terms
            let ranked =
                holder.state == .accepted
                ? t("The worker ranked %s accepted it.", ordinal(holder.position + 1))
                : t("The worker ranked %s has it on offer now.", ordinal(holder.position + 1))
            let compared = t(
                "They had %1$s points (fair share %2$s, distance %3$s, skills %4$s, rating %5$s).", share(h.score), share(h.fairShare),
                share(h.distance), share(h.skills), share(h.rating))
            let rest =
                state == .waiting && holder.position < position
                ? " " + t("It comes to you only if everyone ranked above you declines or lets the offer pass.") : ""
            return "\(place) \(ranked) \(compared)\(rest)"
        }
    }
}
