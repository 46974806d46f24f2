import CoopCore
import FluentKit
import Foundation

/// Learning modules and their completions.
public enum ModuleStore {
    /// A module as pages show it.
    public struct Module: Sendable {
        /// Its id.
        public let id: UUID
        /// Its number, from 1, which a policy requiring it names.
        public let number: Int
        /// Its title.
        public let title: String
        /// Its Markdown text, as written.
        public let text: String
        /// Its questions.
        public let questions: [ModuleQuestion]
        /// When it was published.
        public let publishedAt: Date
    }

    /// A member's completed module.
    public struct Completion: Sendable, Encodable {
        /// The module's id.
        public let module: UUID
        /// Its title.
        public let title: String
        /// When the member completed it.
        public let completedAt: Date
    }

    /// Publishes a module whose title, text and questions the caller has checked
    /// (``LearningModule``); audited. Returns its id.
    public static func publish(
        title: String, text: String, questions: [ModuleQuestion], author: UUID, on db: any Database, at now: Date
    ) async throws -> UUID {
        let r = LearningModuleRecord()
        r.number = (try await LearningModuleRecord.query(on: db).max(\.$number) ?? 0) + 1
        r.title = title
        r.text = text
        r.questions = String(decoding: try JSONEncoder().encode(questions), as: UTF8.self)
        r.authorID = author
        r.publishedAt = now
        try await r.create(on: db)
        let id = try r.requireID()
        try await AuditLog.append(
            AuditEvent(
                kind: "module.published", ["module": .string(id.uuidString), "number": .int(Int64(r.number)), "title": .string(title)]),
            on: db, at: now)
        return id
    }

    /// Every module, newest first.
    public static func all(on db: any Database) async throws -> [Module] {
        try await LearningModuleRecord.query(on: db).sort(\.$publishedAt, .descending).all().map(module)
    }

    /// One module, if it exists.
    public static func find(_ id: UUID, on db: any Database) async throws -> Module? {
        try await LearningModuleRecord.find(id, on: db).map(module)
    }

    static func module(_ r: LearningModuleRecord) throws -> Module {
        Module(
            id: try r.requireID(), number: r.number, title: r.title, text: r.text,
            questions: try JSONDecoder().decode([ModuleQuestion].self, from: Data(r.questions.utf8)), publishedAt: r.publishedAt)
    }

    /// Records that a member completed a module; completing it again changes nothing.
    public static func complete(_ module: UUID, membership: UUID, on db: any Database, at now: Date) async throws {
        let done = try await ModuleCompletionRecord.query(on: db).filter(\.$moduleID == module).filter(\.$membershipID == membership)
            .count()
        guard done == 0 else { return }
        let c = ModuleCompletionRecord()
        c.moduleID = module
        c.membershipID = membership
        c.completedAt = now
        try await c.create(on: db)
    }

    /// The members who completed module number `number` (none if there is no such module): one
    /// query, so the dispatcher filters its candidates without a query per worker.
    public static func completers(ofNumber number: Int, on db: any Database) async throws -> Set<UUID> {
        guard let module = try await LearningModuleRecord.query(on: db).filter(\.$number == number).first() else { return [] }
        return Set(
            try await ModuleCompletionRecord.query(on: db).filter(\.$moduleID == module.requireID()).all().map(\.membershipID))
    }

    /// Whether a member has completed the module with this number (false when there is none).
    public static func hasCompleted(_ membership: UUID, number: Int, on db: any Database) async throws -> Bool {
        guard let module = try await LearningModuleRecord.query(on: db).filter(\.$number == number).first() else { return false }
        return try await ModuleCompletionRecord.query(on: db).filter(\.$moduleID == module.requireID())
            .filter(\.$membershipID == membership).count() > 0
    }

    /// The modules a member has completed, oldest first.
    public static func completions(of memberships: [UUID], on db: any Database) async throws -> [Completion] {
        guard !memberships.isEmpty else { return [] }
        let rows = try await ModuleCompletionRecord.query(on: db).filter(\.$membershipID ~~ memberships).sort(\.$completedAt).all()
        let ids = Array(Set(rows.map(\.moduleID)))
        let titles =
            ids.isEmpty
            ? [:]
            : Dictionary(
                uniqueKeysWithValues: try await LearningModuleRecord.query(on: db).filter(\.$id ~~ ids).all().compactMap { r in
                    r.id.map { ($0, r.title) }
                })
        return rows.map { Completion(module: $0.moduleID, title: titles[$0.moduleID] ?? "", completedAt: $0.completedAt) }
    }
}
