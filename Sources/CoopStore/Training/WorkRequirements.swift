import CoopCore
import FluentKit
import Foundation

/// What the members require of a worker before they take work from a listing: a learning module
/// (``TrainingRules``) and a declared skill (``SkillRules``). The order path reads both policies
/// with the listing (``OrderStore/offer(_:asking:on:)``), so an order where nothing is required
/// costs no further query; the worker's record is read only for a requirement in force.
public enum WorkRequirements {
    /// What the policies in force require for a listing's category.
    public struct Required: Sendable, Equatable {
        /// The number of the learning module required, if any.
        public var module: Int?
        /// The skill required, named as profiles name skills, if any.
        public var skill: String?

        /// Requirements as the policies' values give them.
        public init(module: Int? = nil, skill: String? = nil) {
            self.module = module
            self.skill = skill
        }
    }

    /// What a worker lacks to take work from a listing.
    public enum Lack: Sendable, Equatable {
        /// The number of a module the worker has not completed.
        case module(Int)
        /// A skill the worker's profile does not name.
        case skill(String)
    }

    /// The first requirement the worker does not meet (a module before a skill), or nil.
    public static func lack(worker: UUID, _ required: Required, on db: any Database) async throws -> Lack? {
        if let module = required.module {
            let done = try await ModuleStore.hasCompleted(worker, number: module, on: db)
            if !TrainingRules.mayWork(requiredModule: module, completed: done) { return .module(module) }
        }
        if let skill = required.skill {
            let profile = try await WorkerProfileRecord.query(on: db).filter(\.$membershipID == worker).first()
            if !Skills.list(profile?.skills).contains(skill) { return .skill(skill) }
        }
        return nil
    }
}
