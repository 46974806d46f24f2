import Foundation

extension Bylaws {
    /// The membership classes whose patronage is their work through the platform (earnings or
    /// hours): the worker-members' classes, who list and take jobs.
    public var workerClasses: [String] {
        surplus.measures.filter { [.earnings, .hours].contains($0.value) }.map(\.key)
    }

    /// Whether a member of `classID` whose membership is `status` may list and take jobs: an
    /// admitted member of a worker class.
    public func mayList(status: MembershipStatus?, classID: String) -> Bool {
        status == .admitted && [.earnings, .hours].contains(surplus.measures[classID])
    }
}

/// The dispatch rules in force when a job is posted, frozen on it (stored as JSON with the job).
public struct DispatchRules: Codable, Sendable, Equatable {
    /// The weights of the ranking's terms.
    public var weights: DispatchWeights
    /// Whether ratings count in the ranking.
    public var ratingsCount: Bool
    /// How long each worker has to answer an offer.
    public var offerMinutes: Int64
    /// The distance at which the distance term reaches zero.
    public var maxDistanceKm: Int64
    /// The skill the job's category required when it was posted (policy
    /// `skill_required_<category>`, ``SkillRules``); nil for none. Absent on jobs posted before.
    public var requiredSkill: String?

    /// Rules as governed; offer minutes and the distance are at least 1.
    public init(weights: DispatchWeights, ratingsCount: Bool, offerMinutes: Int64, maxDistanceKm: Int64) {
        self.weights = weights
        self.ratingsCount = ratingsCount
        self.offerMinutes = max(1, offerMinutes)
        self.maxDistanceKm = max(1, maxDistanceKm)
    }
}

/// Skills as workers name them and jobs ask for them.
public enum Skills {
    /// Lower-case, trimmed, de-duplicated skills from a comma-separated list, in the order given.
    public static func list(_ text: String?) -> [String] {
        var seen = Set<String>()
        return (text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter {
            !$0.isEmpty && seen.insert($0).inserted
        }
    }
}
