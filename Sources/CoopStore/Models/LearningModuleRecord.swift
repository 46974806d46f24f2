import FluentKit
import Foundation

/// A learning module a steward published: Markdown text and its questions.
public final class LearningModuleRecord: Model, @unchecked Sendable {
    /// The table.
    public static let schema = "learning_modules"
    /// The module's id.
    @ID(key: .id) public var id: UUID?
    /// Its number, from 1: what a policy requiring it names.
    @Field(key: "number") public var number: Int
    /// Its title.
    @Field(key: "title") public var title: String
    /// Its text, Markdown as written (rendered by `SafeMarkdown` when shown).
    @Field(key: "text") public var text: String
    /// Its questions, as JSON (`[ModuleQuestion]`).
    @Field(key: "questions") public var questions: String
    /// The steward who published it.
    @Field(key: "author_id") public var authorID: UUID
    /// When it was published.
    @Field(key: "published_at") public var publishedAt: Date

    /// An empty record, for Fluent and for a new module.
    public init() {}
}

/// A member's completion of a module: every question answered right, once.
public final class ModuleCompletionRecord: Model, @unchecked Sendable {
    /// The table.
    public static let schema = "module_completions"
    /// The completion's id.
    @ID(key: .id) public var id: UUID?
    /// The module.
    @Field(key: "module_id") public var moduleID: UUID
    /// The member who completed it.
    @Field(key: "membership_id") public var membershipID: UUID
    /// When.
    @Field(key: "completed_at") public var completedAt: Date

    /// An empty record, for Fluent and for a new completion.
    public init() {}
}

/// A worker-member's endorsement of another worker-member's skill; withdrawn by deleting it.
public final class SkillEndorsementRecord: Model, @unchecked Sendable {
    /// The table.
    public static let schema = "skill_endorsements"
    /// The endorsement's id.
    @ID(key: .id) public var id: UUID?
    /// The member who vouches.
    @Field(key: "endorser_id") public var endorserID: UUID
    /// The worker whose skill it is.
    @Field(key: "worker_id") public var workerID: UUID
    /// The skill, lower case, as profiles name it.
    @Field(key: "skill") public var skill: String
    /// When it was given.
    @Field(key: "created_at") public var createdAt: Date

    /// An empty record, for Fluent and for a new endorsement.
    public init() {}
}
