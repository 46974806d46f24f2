import CoopCore
import FluentKit
import Foundation

/// What the members require of a worker before they take work from a listing: a learning module
/// (``TrainingRules``) and a declared skill (``SkillRules``), read together on the order path: the
/// listing's category in one column, both policies in one query, and the worker's record only for
/// a requirement in force.
public enum WorkRequirements {
    /// What a worker lacks to take work from a listing.
    public enum Lack: Sendable, Equatable {
        /// The number of a module the worker has not completed.
        case module(Int)
        /// A skill the worker's profile does not name.
        case skill(String)
    }

    /// The first requirement the worker does not meet (a module before a skill), or nil.
    public static func lack(worker: UUID, listing: UUID, on db: any Database) async throws -> Lack? {
        guard let row = try await ListingRecord.query(on: db).filter(\.$id == listing).field(\.$category).first() else { return nil }
        let category = row.category
        let moduleKey = TrainingRules.policyKey(category: category)
        let skillKey = SkillRules.policyKey(category: category)
        var values: [String: PolicyValue] = [:]
        for r in try await PolicyRecord.query(on: db).filter(\.$id ~~ [moduleKey, skillKey]).all() {
            if let id = r.id, let v = r.valueNumber.map(PolicyValue.number) ?? r.valueOption.map(PolicyValue.option) { values[id] = v }
        }
        if let required = TrainingRules.requiredModule(values[moduleKey]) {
            let done = try await ModuleStore.completers(ofNumber: required, on: db).contains(worker)
            if !TrainingRules.mayWork(requiredModule: required, completed: done) { return .module(required) }
        }
        if let required = SkillRules.requiredSkill(values[skillKey]) {
            let profile = try await WorkerProfileRecord.query(on: db).filter(\.$membershipID == worker).first()
            if !Skills.list(profile?.skills).contains(required) { return .skill(required) }
        }
        return nil
    }
}
