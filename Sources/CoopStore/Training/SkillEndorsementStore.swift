import CoopCore
import FluentKit
import Foundation
import SQLKit

/// Skills recognised by peers: endorsements given, withdrawn and counted, under the rules of
/// ``SkillEndorsement``.
public enum SkillEndorsementStore {
    /// An endorsement as pages show it.
    public struct Endorsement: Sendable, Equatable, Encodable {
        /// The member who vouches.
        public let endorser: UUID
        /// The worker whose skill it is.
        public let worker: UUID
        /// The skill.
        public let skill: String
        /// When it was given.
        public let createdAt: Date
    }

    /// Whether a membership is an admitted worker-member under `bylaws`, and its declared skills.
    static func worker(_ id: UUID, bylaws: Bylaws, on db: any Database) async throws -> (isWorker: Bool, skills: [String]) {
        guard let m = try await MembershipRecord.find(id, on: db) else { return (false, []) }
        let profile = try await WorkerProfileRecord.query(on: db).filter(\.$membershipID == id).first()
        return (bylaws.mayList(status: m.status, classID: m.classID), Skills.list(profile?.skills))
    }

    /// Records `endorser`'s endorsement of `worker`'s skill, named as typed, when the rules allow
    /// it (refused with an ``EndorsementError`` otherwise, writing nothing); audited. Returns the
    /// skill as stored. Run it in the write transaction: the quota counts what is committed.
    public static func endorse(
        endorser: UUID, worker: UUID, skill text: String?, bylaws: Bylaws, on db: any Database, at now: Date
    ) async throws -> String {
        let skill = try SkillEndorsement.skill(text)
        let from = try await Self.worker(endorser, bylaws: bylaws, on: db)
        let to = endorser == worker ? from : try await Self.worker(worker, bylaws: bylaws, on: db)
        let existing = try await SkillEndorsementRecord.query(on: db).filter(\.$endorserID == endorser)
            .filter(\.$workerID == worker).filter(\.$skill == skill).count()
        let given = try await SkillEndorsementRecord.query(on: db).filter(\.$endorserID == endorser).count()
        let quota = SkillEndorsement.quota(try await PolicyStore.number(.endorsementQuota, on: db))
        try SkillEndorsement.check(
            SkillEndorsement.Request(
                endorserIsWorker: from.isWorker, endorserSkills: from.skills, isSelf: endorser == worker, workerIsWorker: to.isWorker,
                workerSkills: to.skills, skill: skill, alreadyEndorsed: existing > 0, given: given, quota: quota))
        let r = SkillEndorsementRecord()
        r.endorserID = endorser
        r.workerID = worker
        r.skill = skill
        r.createdAt = now
        try await r.create(on: db)
        try await AuditLog.append(
            AuditEvent(
                kind: "skill.endorsed",
                ["endorser": .string(endorser.uuidString), "worker": .string(worker.uuidString), "skill": .string(skill)]),
            on: db, at: now)
        return skill
    }

    /// Withdraws `endorser`'s endorsement of `worker`'s skill (``EndorsementError/notEndorsed(_:)``
    /// when there is none); audited.
    public static func withdraw(endorser: UUID, worker: UUID, skill text: String?, on db: any Database, at now: Date) async throws {
        let skill = try SkillEndorsement.skill(text)
        guard
            let r = try await SkillEndorsementRecord.query(on: db).filter(\.$endorserID == endorser).filter(\.$workerID == worker)
                .filter(\.$skill == skill).first()
        else { throw EndorsementError.notEndorsed(skill) }
        try await r.delete(on: db)
        try await AuditLog.append(
            AuditEvent(
                kind: "skill.endorsement_withdrawn",
                ["endorser": .string(endorser.uuidString), "worker": .string(worker.uuidString), "skill": .string(skill)]),
            on: db, at: now)
    }

    /// The endorsements a worker received, oldest first.
    public static func received(by worker: UUID, on db: any Database) async throws -> [Endorsement] {
        try await SkillEndorsementRecord.query(on: db).filter(\.$workerID == worker).sort(\.$createdAt).all().map(endorsement)
    }

    /// The endorsements a member gave, oldest first.
    public static func given(by endorser: UUID, on db: any Database) async throws -> [Endorsement] {
        try await SkillEndorsementRecord.query(on: db).filter(\.$endorserID == endorser).sort(\.$createdAt).all().map(endorsement)
    }

    static func endorsement(_ r: SkillEndorsementRecord) -> Endorsement {
        Endorsement(endorser: r.endorserID, worker: r.workerID, skill: r.skill, createdAt: r.createdAt)
    }

    /// Endorsements of `skills`, by worker and skill: one grouped query for a whole job.
    public static func counts(of skills: Set<String>, on db: any Database) async throws -> [UUID: [String: Int]] {
        guard !skills.isEmpty else { return [:] }
        var result: [UUID: [String: Int]] = [:]
        for row in try await db.sql().raw(
            """
            SELECT worker_id AS worker, skill, CAST(COUNT(*) AS BIGINT) AS n FROM skill_endorsements \
            WHERE skill IN (\(binds: skills.sorted())) GROUP BY worker_id, skill
            """
        ).all() {
            let worker = try row.decode(column: "worker", as: UUID.self)
            result[worker, default: [:]][try row.decode(column: "skill", as: String.self)] = Int(
                try row.decode(column: "n", as: Int64.self))
        }
        return result
    }

    /// The skill the members require for a category's work now (``SkillRules``), if any.
    public static func requiredSkill(category: String, on db: any Database) async throws -> String? {
        SkillRules.requiredSkill(try await PolicyStore.value(SkillRules.policyKey(category: category), on: db))
    }

    /// Forgets every endorsement given or received by these memberships (a person's erasure).
    public static func forget(_ memberships: [UUID], on db: any Database) async throws {
        guard !memberships.isEmpty else { return }
        try await SkillEndorsementRecord.query(on: db).group(.or) {
            $0.filter(\.$endorserID ~~ memberships).filter(\.$workerID ~~ memberships)
        }
        .delete()
    }
}
