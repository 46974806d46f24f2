import Foundation

/// Skills recognised by peers: a worker-member vouches for another worker-member's skill, but only
/// for a skill they declared themselves, never their own, once, and within the members' quota
/// (policy `endorsement_quota`). An endorsement can be withdrawn at any time.
public enum SkillEndorsement {
    /// The longest skill name, as on the worker profile.
    public static let maxSkillLength = 40
    /// Endorsements at which the dispatcher's endorsements term reaches 1: the fifth endorsement
    /// of the skills a job needs counts, the sixth adds nothing.
    public static let countsFullyAt = 5
    /// The greatest quota the bylaws may set.
    public static let maxQuota: Int64 = 100

    /// The quota acted on for a stored policy number: 0 to ``maxQuota``.
    public static func quota(_ stored: Int64) -> Int { Int(min(max(stored, 0), maxQuota)) }

    /// A skill as typed, named the way profiles store skills (trimmed, lower case); refused when
    /// blank, too long, or holding a comma (which separates skills on a profile).
    public static func skill(_ text: String?) throws(EndorsementError) -> String {
        let s = (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard !s.isEmpty else { throw .blankSkill }
        guard s.count <= maxSkillLength else { throw .skillTooLong(max: maxSkillLength) }
        guard !s.contains(",") && !s.contains(where: \.isNewline) else { throw .notASkill }
        return s
    }

    /// What the rules need to know of an endorsement asked for.
    public struct Request: Sendable, Equatable {
        /// Whether the endorser is an admitted worker-member.
        public var endorserIsWorker: Bool
        /// The skills the endorser declared on their worker profile.
        public var endorserSkills: [String]
        /// Whether the endorsed member is the endorser.
        public var isSelf: Bool
        /// Whether the endorsed member is an admitted worker-member.
        public var workerIsWorker: Bool
        /// The skills the endorsed worker declared.
        public var workerSkills: [String]
        /// The skill, as ``skill(_:)`` names it.
        public var skill: String
        /// Whether the endorser already endorses this worker's skill.
        public var alreadyEndorsed: Bool
        /// How many endorsements the endorser has given and not withdrawn.
        public var given: Int
        /// The quota in force (``quota(_:)``).
        public var quota: Int

        /// Describes an endorsement asked for.
        public init(
            endorserIsWorker: Bool, endorserSkills: [String], isSelf: Bool, workerIsWorker: Bool, workerSkills: [String], skill: String,
            alreadyEndorsed: Bool, given: Int, quota: Int
        ) {
            self.endorserIsWorker = endorserIsWorker
            self.endorserSkills = endorserSkills
            self.isSelf = isSelf
            self.workerIsWorker = workerIsWorker
            self.workerSkills = workerSkills
            self.skill = skill
            self.alreadyEndorsed = alreadyEndorsed
            self.given = given
            self.quota = quota
        }
    }

    /// Refuses an endorsement the rules do not allow, with the first reason that applies.
    public static func check(_ r: Request) throws(EndorsementError) {
        guard r.endorserIsWorker else { throw .notAWorker }
        guard !r.isSelf else { throw .yourself }
        guard r.workerIsWorker else { throw .noSuchWorker }
        guard r.endorserSkills.contains(r.skill) else { throw .youLackTheSkill(r.skill) }
        guard r.workerSkills.contains(r.skill) else { throw .workerLacksTheSkill(r.skill) }
        guard !r.alreadyEndorsed else { throw .alreadyEndorsed(r.skill) }
        guard r.given < r.quota else { throw .quotaReached(quota: r.quota) }
    }

    /// The skills whose endorsements count for a job: its category, the skills it asks and the
    /// skill the category requires, each once.
    public static func relevantSkills(category: String, asked: [String], required: String?) -> Set<String> {
        var s = Set(asked)
        s.insert(category.lowercased())
        if let required { s.insert(required) }
        return s
    }
}

/// Why an endorsement (or its withdrawal) is refused.
public enum EndorsementError: Error, Equatable, Sendable {
    /// No skill was named.
    case blankSkill
    /// The skill's name is longer than profiles allow.
    case skillTooLong(max: Int)
    /// The skill's name holds a comma or a line break.
    case notASkill
    /// The endorser is not an admitted worker-member.
    case notAWorker
    /// Members do not endorse themselves.
    case yourself
    /// The endorsed member is not an admitted worker-member (or does not exist).
    case noSuchWorker
    /// The endorser did not declare the skill.
    case youLackTheSkill(String)
    /// The worker did not declare the skill.
    case workerLacksTheSkill(String)
    /// The endorser already endorses this worker's skill.
    case alreadyEndorsed(String)
    /// The endorser has given as many endorsements as the quota allows.
    case quotaReached(quota: Int)
    /// There is no endorsement to withdraw.
    case notEndorsed(String)

    /// The reason in plain English (pages translate each case themselves).
    public var reason: String {
        switch self {
        case .blankSkill: "Name the skill you endorse."
        case .skillTooLong(let max): "A skill is at most \(max) characters."
        case .notASkill: "Name one skill, without commas or line breaks."
        case .notAWorker: "Only admitted worker-members endorse skills."
        case .yourself: "You cannot endorse your own skills."
        case .noSuchWorker: "There is no such worker-member."
        case .youLackTheSkill(let s): "You can endorse only a skill you hold yourself: add '\(s)' to your own skills first."
        case .workerLacksTheSkill(let s): "This worker does not list '\(s)' among their skills."
        case .alreadyEndorsed(let s): "You already endorse this worker's '\(s)'."
        case .quotaReached(let q): "You have given \(q) endorsements, as many as the members allow; withdraw one to give another."
        case .notEndorsed(let s): "You do not endorse this worker's '\(s)'."
        }
    }
}

/// What a category's work requires of a worker: a co-op's bylaws may define, per category, a
/// choice policy `skill_required_<category>` whose options are skills (and `none`); like every
/// policy it changes only by a passed proposal. The dispatcher never offers that category's jobs
/// to a worker who has not declared the skill.
public enum SkillRules {
    /// The policy naming the skill a category's work needs: `skill_required_cleaning`.
    public static func policyKey(category: String) -> String { "skill_required_" + category.lowercased() }

    /// The skill a policy's value requires, named as profiles name skills; nil when it requires
    /// none (absent, `none`, blank, or a number).
    public static func requiredSkill(_ value: PolicyValue?) -> String? {
        guard case .option(let o) = value, let s = Skills.list(o).first, s != "none" else { return nil }
        return s
    }
}

/// Who the dispatcher may offer a job to: the one rule, pure, that the store applies to every
/// worker and the property tests check.
public enum DispatchEligibility {
    /// Whether a worker may be ranked (and so offered) a job of `category`: available, listing in
    /// the category or naming it among their skills, holding the skill the category requires and
    /// having completed the module it requires.
    public static func mayBeOffered(
        category: String, available: Bool, listsInCategory: Bool, skills: Set<String>, requiredSkill: String?,
        requiredModule: Int?, completedRequiredModule: Bool
    ) -> Bool {
        guard available else { return false }
        guard TrainingRules.mayWork(requiredModule: requiredModule, completed: completedRequiredModule) else { return false }
        if let requiredSkill, !skills.contains(requiredSkill) { return false }
        return listsInCategory || skills.contains(category.lowercased())
    }
}
