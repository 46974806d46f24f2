import CoopCore
import Foundation
import PropertyBased
import Testing

@Suite struct SkillEndorsementTests {
    func request(
        endorserIsWorker: Bool = true, endorserSkills: [String] = ["windows", "ironing"], isSelf: Bool = false,
        workerIsWorker: Bool = true, workerSkills: [String] = ["windows"], skill: String = "windows", alreadyEndorsed: Bool = false,
        given: Int = 0, quota: Int = 10
    ) -> SkillEndorsement.Request {
        SkillEndorsement.Request(
            endorserIsWorker: endorserIsWorker, endorserSkills: endorserSkills, isSelf: isSelf, workerIsWorker: workerIsWorker,
            workerSkills: workerSkills, skill: skill, alreadyEndorsed: alreadyEndorsed, given: given, quota: quota)
    }

    func refusal(_ r: SkillEndorsement.Request) -> EndorsementError? {
        do {
            try SkillEndorsement.check(r)
            return nil
        } catch { return error }
    }

    @Test func aWorkerEndorsesAnotherWorkersSkillThatBothHold() {
        #expect(refusal(request()) == nil)
        #expect(refusal(request(given: 9, quota: 10)) == nil)
    }

    @Test func eachForbiddenEndorsementIsRefusedWithItsReason() {
        #expect(refusal(request(endorserIsWorker: false)) == .notAWorker)
        #expect(refusal(request(isSelf: true)) == .yourself)
        #expect(refusal(request(workerIsWorker: false)) == .noSuchWorker)
        #expect(refusal(request(endorserSkills: ["ironing"])) == .youLackTheSkill("windows"))
        #expect(refusal(request(workerSkills: ["ironing"])) == .workerLacksTheSkill("windows"))
        #expect(refusal(request(alreadyEndorsed: true)) == .alreadyEndorsed("windows"))
        #expect(refusal(request(given: 10, quota: 10)) == .quotaReached(quota: 10))
        #expect(refusal(request(quota: 0)) == .quotaReached(quota: 0), "a quota of 0: nobody endorses")
        #expect(EndorsementError.quotaReached(quota: 10).reason.contains("withdraw one"))
    }

    @Test func aSkillIsNamedAsProfilesNameItAndHostileNamesAreRefused() throws {
        #expect(try SkillEndorsement.skill("  Windows ") == "windows")
        #expect(throws: EndorsementError.blankSkill) { try SkillEndorsement.skill("   ") }
        #expect(throws: EndorsementError.blankSkill) { try SkillEndorsement.skill(nil) }
        #expect(throws: EndorsementError.skillTooLong(max: 40)) { try SkillEndorsement.skill(String(repeating: "x", count: 5_000)) }
        #expect(throws: EndorsementError.notASkill) { try SkillEndorsement.skill("windows,ironing") }
        #expect(throws: EndorsementError.notASkill) { try SkillEndorsement.skill("a\nb") }
        #expect(try SkillEndorsement.skill(String(repeating: "x", count: 40)).count == 40)
    }

    @Test func theQuotaIsBounded() {
        #expect(SkillEndorsement.quota(-5) == 0)
        #expect(SkillEndorsement.quota(10) == 10)
        #expect(SkillEndorsement.quota(Int64.max) == 100)
        #expect(PolicyKey.endorsementQuota.fallback == .number(10))
        #expect(PolicyKey.dispatchWeightEndorsements.fallback == .number(0), "endorsements move nothing until the members decide")
    }

    @Test func aCategoryRequiresTheSkillItsPolicyNames() {
        #expect(SkillRules.policyKey(category: "Cleaning") == "skill_required_cleaning")
        #expect(SkillRules.requiredSkill(.option(" Windows ")) == "windows")
        #expect(SkillRules.requiredSkill(.option("none")) == nil)
        #expect(SkillRules.requiredSkill(.option("")) == nil)
        #expect(SkillRules.requiredSkill(.number(3)) == nil)
        #expect(SkillRules.requiredSkill(nil) == nil)
    }

    @Test func endorsementsCountUpToFiveByTheirWeightAndZeroWeightChangesNothing() {
        let workers = [
            DispatchCandidate(
                recentMinutes: 0, distanceMeters: nil, skillsMatched: 0, skillsRequired: 0, ratingTenths: nil, endorsements: 0),
            DispatchCandidate(
                recentMinutes: 0, distanceMeters: nil, skillsMatched: 0, skillsRequired: 0, ratingTenths: nil, endorsements: 2),
            DispatchCandidate(
                recentMinutes: 0, distanceMeters: nil, skillsMatched: 0, skillsRequired: 0, ratingTenths: nil, endorsements: 9),
        ]
        let unweighted = rankWorkers(
            workers, weights: DispatchWeights(fairShare: 50, distance: 30, skills: 20, rating: 0), maxDistanceMeters: 1_000,
            ratingsCount: false)
        #expect(unweighted.map(\.index) == [0, 1, 2], "weight 0: the given order, as before endorsements")
        #expect(unweighted.map(\.terms.score) == [70_000_000, 70_000_000, 70_000_000])
        let weighted = rankWorkers(
            workers, weights: DispatchWeights(fairShare: 50, distance: 30, skills: 20, rating: 0, endorsements: 10),
            maxDistanceMeters: 1_000, ratingsCount: false)
        #expect(weighted.map(\.index) == [2, 1, 0])
        #expect(weighted[0].terms.endorsements == 1_000_000 && weighted[1].terms.endorsements == 400_000)
        #expect(weighted[1].terms.score == 70_000_000 + 10 * 400_000)
        let lines = JobDispatch.termLines(
            workers[1], weighted[1].terms, weights: DispatchWeights(fairShare: 50, distance: 30, skills: 20, rating: 0, endorsements: 10),
            ratingsCount: false, recentDays: 28, maxDistanceKm: 1, requiredSkill: "windows")
        #expect(lines[4] == "Endorsements by peers: 0.40 × weight 10 = 4.00 (2 endorsements of the skills this job needs; 5 count fully)")
        #expect(lines[5].hasPrefix("Required skill: 'windows'"))
    }

    @Test func weightsFrozenBeforeEndorsementsDecodeWithWeightZero() throws {
        let old =
            #"{"weights":{"fairShare":50,"distance":30,"skills":20,"rating":0},"ratingsCount":false,"offerMinutes":30,"maxDistanceKm":25}"#
        let rules = try JSONDecoder().decode(DispatchRules.self, from: Data(old.utf8))
        #expect(rules.weights.endorsements == 0 && rules.requiredSkill == nil)
        var now = rules
        now.requiredSkill = "windows"
        let again = try JSONDecoder().decode(DispatchRules.self, from: try JSONEncoder().encode(now))
        #expect(again == now)
    }
}

/// Over randomly made co-ops, the dispatcher never offers a job to a worker who lacks the skill
/// or the module the job's category requires, and it passes over nobody who has them.
@Suite struct DispatchRequirementPropertyTests {
    static let skills = ["windows", "ironing", "cleaning", "delivery", "first_aid", "food_hygiene", "repairs", "care"]
    static let categories = ["cleaning", "delivery", "repairs", "care", "food"]

    struct Worker {
        var skills: Set<String>
        var modules: Set<Int>
        var lists: Set<String>
        var available: Bool
    }

    @Test func dispatchNeverOffersAJobToAWorkerLackingARequiredSkillOrModule() async {
        await propertyCheck(count: 400, input: Gen.int(in: 0...Int.max)) { seed in
            var rng = SplitMix(seed: UInt64(truncatingIfNeeded: seed))
            func pick<T>(_ a: [T]) -> T { a[Int(rng.next() % UInt64(a.count))] }
            func chance(_ percent: UInt64) -> Bool { rng.next() % 100 < percent }
            // The co-op: workers with random skills, completed modules and listings.
            let workers = (0..<Int(rng.next() % 30)).map { _ in
                Worker(
                    skills: Set(Self.skills.filter { _ in chance(35) }), modules: Set((1...4).filter { _ in chance(40) }),
                    lists: Set(Self.categories.filter { _ in chance(30) }), available: chance(85))
            }
            // Each category may require a skill and a module, by the members' policies.
            var requiredSkill: [String: String] = [:]
            var requiredModule: [String: Int] = [:]
            for c in Self.categories {
                if chance(50) { requiredSkill[c] = pick(Self.skills) }
                if chance(40) { requiredModule[c] = Int(rng.next() % 4) + 1 }
            }
            for _ in 0..<Int(rng.next() % 8) {
                let category = pick(Self.categories)
                let asked = Self.skills.filter { _ in chance(20) }
                let skill = SkillRules.requiredSkill(requiredSkill[category].map(PolicyValue.option))
                let module = TrainingRules.requiredModule(requiredModule[category].map { .number(Int64($0)) })
                // Rank the eligible, as the store does.
                var eligible: [Int] = []
                for (i, w) in workers.enumerated()
                where DispatchEligibility.mayBeOffered(
                    category: category, available: w.available, listsInCategory: w.lists.contains(category), skills: w.skills,
                    requiredSkill: skill, requiredModule: module, completedRequiredModule: module.map(w.modules.contains) ?? false)
                {
                    eligible.append(i)
                }
                let candidates = eligible.map { i in
                    DispatchCandidate(
                        recentMinutes: Int64(rng.next() % 3_000), distanceMeters: chance(50) ? Int64(rng.next() % 40_000) : nil,
                        skillsMatched: asked.filter(workers[i].skills.contains).count, skillsRequired: asked.count,
                        ratingTenths: chance(50) ? Int64(rng.next() % 51) : nil, endorsements: Int(rng.next() % 8))
                }
                let ranking = rankWorkers(
                    candidates,
                    weights: DispatchWeights(
                        fairShare: Int64(rng.next() % 101), distance: Int64(rng.next() % 101), skills: Int64(rng.next() % 101),
                        rating: Int64(rng.next() % 101), endorsements: Int64(rng.next() % 101)), maxDistanceMeters: 25_000,
                    ratingsCount: chance(50))
                // Offer it down the ranking: workers decline, let it expire or go unavailable at random.
                var states = [CandidateState](repeating: .waiting, count: ranking.count)
                while true {
                    let (offer, skipped) = JobDispatch.next(states: states, available: states.map { _ in chance(90) })
                    for s in skipped { states[s] = .skipped }
                    guard let offer else { break }
                    let w = workers[eligible[ranking[offer].index]]
                    if let skill { #expect(w.skills.contains(skill), "offered without the required skill '\(skill)'") }
                    if let module { #expect(w.modules.contains(module), "offered without the required module #\(module)") }
                    #expect(w.available && (w.lists.contains(category) || w.skills.contains(category)))
                    if chance(30) { break }  // accepted
                    states[offer] = chance(50) ? .declined : .expired
                }
                // Nobody who meets every requirement is passed over by the filter.
                let meets = workers.indices.filter { i in
                    let w = workers[i]
                    return w.available && (w.lists.contains(category) || w.skills.contains(category))
                        && skill.map(w.skills.contains) ?? true && module.map(w.modules.contains) ?? true
                }
                #expect(meets == eligible)
            }
        }
    }
}
