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
