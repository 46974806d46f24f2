import CoopCore
import CoopStore
import FluentKit
import Foundation

/// The member handbook: the bylaws and the policies in force, said in plain words, read from the
/// stored state on each request so it never goes stale; each rule names the proposal that last
/// changed it.
enum Handbook {
    /// Where a rule came from: the proposal that last changed it, or the founding bylaws.
    struct Origin: Equatable {
        /// The proposal's number, if a proposal brought it in.
        let proposal: Int?
        /// The bylaws version or change it came in with, for people (`bylaws v1 (founding)`).
        let source: String
    }

    struct Model {
        let bylaws: Bylaws
        /// Admitted members, the number the worked examples use.
        let members: Int
        /// The policies in force, with their history (newest first).
        let policies: [PolicyView]
        let purpose: Origin
        /// By class id.
        let classes: [String: Origin]
        /// By proposal kind.
        let rules: [ProposalKind: Origin]
        let surplus: Origin
        let board: Origin
        /// The open-data threshold in force, as written for people.
        let openDataThreshold: String
        /// The learning modules the members require for a category's work (``TrainingRules``).
        var training: [Requirement] = []
        /// The skills the members require for a category's work (``SkillRules``).
        var skills: [SkillRequirement] = []
        /// The rules of general assemblies in force.
        var assemblies = Assemblies(notice: (14, nil), proxyCap: (2, nil), annualMonths: (0, nil))
    }

    /// The governed rules of general assemblies, each with where it came from.
    struct Assemblies {
        /// Days' notice before an assembly.
        let notice: (Int, Origin?)
        /// The most written proxies one member may hold.
        let proxyCap: (Int, Origin?)
        /// Months after a period's close within which its annual meeting is held (0: no schedule).
        let annualMonths: (Int, Origin?)
    }

    /// A category whose work needs a declared skill, by a policy in force.
    struct SkillRequirement {
        let category: String
        let skill: String
        let origin: Origin
    }

    /// A category whose work needs a module, by a policy in force.
    struct Requirement {
        let category: String
        let module: Int
        /// The module, if it exists.
        let id: UUID?
        let title: String?
        let origin: Origin
    }

    /// The handbook as it stands in the database under `bylaws` (the version in force).
    static func load(bylaws: Bylaws, on db: any Database) async throws -> Model {
        let versions = try await BylawsQueries.versions(on: db)
        // A version that no longer parses (written for an older Coop) counts as different from
        // every other, so the rule is credited to a version that does.
        let parsed: [(Bylaws?, BylawsQueries.Version)] = versions.map { ((try? BylawsFile.parse($0.text)), $0) }
        func origin<T: Equatable>(_ part: (Bylaws) -> T?) -> Origin {
            let values = parsed.map { $0.0.flatMap(part) }
            guard let i = HandbookWords.introduced(values) else { return Origin(proposal: nil, source: "the bylaws") }
            let v = parsed[i].1
            return Origin(
                proposal: HandbookWords.proposalNumber(fromSource: v.source), source: "bylaws v\(v.version) (\(v.source))")
        }
        let policies = try await PolicyStore.all(bylaws, on: db)
        let modules = try await ModuleStore.all(on: db)
        let training = bylaws.categories.compactMap { category -> Requirement? in
            let key = TrainingRules.policyKey(category: category)
            guard let p = policies.first(where: { $0.key == key }), let n = Int(p.value), n > 0 else { return nil }
            let m = modules.first { $0.number == n }
            return Requirement(category: category, module: n, id: m?.id, title: m?.title, origin: p.origin)
        }
        let skills = bylaws.categories.compactMap { category -> SkillRequirement? in
            let key = SkillRules.policyKey(category: category)
            // A choice policy's value is its option, or "—" when the co-op never set it.
            guard let p = policies.first(where: { $0.key == key }), p.type == PolicyType.choice.rawValue, p.value != "—",
                let skill = SkillRules.requiredSkill(.option(p.value))
            else { return nil }
            return SkillRequirement(category: category, skill: skill, origin: p.origin)
        }
        let threshold = policies.first { $0.key == PolicyKey.openDataPrivacyThreshold.rawValue }?.value
        var model = Model(
            bylaws: bylaws, members: try await MembershipQueries.counts(on: db).values.reduce(0, +), policies: policies,
            purpose: origin { $0.purpose },
            classes: Dictionary(uniqueKeysWithValues: bylaws.classes.map { c in (c.id, origin { $0.stakeholderClass(c.id) }) }),
            rules: Dictionary(uniqueKeysWithValues: ProposalKind.allCases.map { k in (k, origin { $0.proposals[k] }) }),
            surplus: origin { $0.surplus }, board: origin { $0.board },
            openDataThreshold: threshold ?? PolicyKey.openDataPrivacyThreshold.fallback.number.map(String.init) ?? "5",
            training: training)
        model.skills = skills
        func number(_ key: PolicyKey) -> (Int64, Origin?) {
            guard let p = policies.first(where: { $0.key == key.rawValue }), let n = Int64(p.value) else {
                return (key.fallback.number ?? 0, nil)
            }
            return (n, p.origin)
        }
        let (notice, noticeOrigin) = number(.assemblyNoticeDays)
        let (cap, capOrigin) = number(.assemblyProxyCap)
        let (months, monthsOrigin) = number(.annualMeetingMonths)
        model.assemblies = Assemblies(
            notice: (AssemblyRules.noticeDays(notice), noticeOrigin), proxyCap: (AssemblyRules.proxyCap(cap), capOrigin),
            annualMonths: (AnnualMeeting.months(months), monthsOrigin))
        return model
    }
}

extension PolicyView {
    /// The change that set the value in force, for the handbook's link.
    var origin: Handbook.Origin {
        guard let last = history.first else { return Handbook.Origin(proposal: nil, source: "the bylaws") }
        return Handbook.Origin(proposal: last.proposalNumber, source: last.source)
    }
}
