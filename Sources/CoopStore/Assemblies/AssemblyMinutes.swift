import CoopCore
import FluentKit
import Foundation
import SQLKit

/// One version of an assembly's minutes: signed by the chair, countersigned by a second officer,
/// then sealed with the co-op's key. Never edited once sealed.
public final class AssemblyMinutesRecord: Model, @unchecked Sendable {
    /// The table.
    public static let schema = "assembly_minutes"
    /// The row's id.
    @ID(key: .id) public var id: UUID?
    /// The assembly.
    @Field(key: "assembly_id") public var assemblyID: UUID
    /// The version, from 1.
    @Field(key: "version") public var version: Int
    /// What the chair added, as written.
    @Field(key: "additions") public var additions: String
    /// The canonical text (``Minutes/text(_:)``), frozen when the chair signed.
    @Field(key: "text") public var text: String
    /// Its SHA-256, hex.
    @Field(key: "text_sha256") public var textSHA256: String
    /// The chair's user.
    @Field(key: "chair_user") public var chairUser: UUID
    /// The chair's name as the minutes give it.
    @Field(key: "chair_name") public var chairName: String
    /// When the chair signed.
    @Field(key: "chair_signed_at") public var chairSignedAt: Date
    /// The second officer's user, once they countersign.
    @OptionalField(key: "officer_user") public var officerUser: UUID?
    /// Their name.
    @OptionalField(key: "officer_name") public var officerName: String?
    /// When they countersigned.
    @OptionalField(key: "officer_signed_at") public var officerSignedAt: Date?
    /// The sealed file (``Minutes/seal(text:signers:at:privateKey:)``), once sealed.
    @OptionalField(key: "sealed_file") public var sealedFile: String?
    /// When it was sealed.
    @OptionalField(key: "sealed_at") public var sealedAt: Date?

    /// An empty record.
    public init() {}
}

extension AssemblyStore {
    /// The minutes' facts as they stand: the assembly, who attended and how, each agenda item's
    /// frozen attendance and quorum and, once counted, its result.
    public static func minutesFacts(of a: AssemblyRecord, version: Int, additions: String, on db: any Database) async throws
        -> MinutesFacts
    {
        let id = try a.requireID()
        let members = try await members(of: id, on: db)
        let roll = try await roll(of: id, on: db)
        let labels = try await labels(of: members.map(\.membershipID), on: db)
        func name(_ m: UUID) -> String { labels[m]?.canonical ?? "A member" }
        let items = try await items(of: id, on: db)
        let agenda = try await agenda(of: id, on: db).map { p in
            let item = p.id.flatMap { items[$0] }
            let outcome = p.outcome.flatMap { try? StoredJSON.decode(ProposalOutcome.self, $0) }
            var row = MinutesFacts.Item(
                number: p.number, title: p.title, opened: item?.count, quorumBasisPoints: item?.quorumBasisPoints,
                quorumMet: item?.quorumMet,
                result: outcome.map {
                    .init(
                        passed: $0.passed, ballots: $0.participation, eligible: $0.eligible, winners: $0.result.winners,
                        totals: $0.result.totals ?? [:])
                })
            if let item, outcome != nil { row.paper = (item.paperCounted, item.paperSpoilt) }
            return row
        }
        // Who attended, and how: those here now, and those who came and left.
        let departures = try await departures(of: id, on: db)
        var attended: [Presence: Set<UUID>] = [:]
        var arrivals: [UUID: [Date]] = [:]
        for m in members {
            if let p = m.presence { attended[p, default: []].insert(m.membershipID) }
            if m.presence != nil, let at = m.checkedInAt { arrivals[m.membershipID, default: []].append(at) }
        }
        for d in departures {
            attended[d.presence, default: []].insert(d.membershipID)
            arrivals[d.membershipID, default: []].append(d.arrivedAt)
        }
        var facts = MinutesFacts(
            assembly: a.number, version: version, title: a.title, startsAt: a.startsAt, place: a.place, online: a.online,
            called: members.count, inPerson: (attended[.inPerson] ?? []).map(name), presentOnline: (attended[.online] ?? []).map(name),
            proxies: roll.proxies.map { (giver: name($0.key), holder: name($0.value)) }, agenda: agenda, additions: additions)
        facts.departures = departures.map { (member: name($0.membershipID), at: $0.leftAt) }
        // Every arrival after a member's first is a return.
        facts.returns =
            departures.isEmpty ? [] : arrivals.flatMap { m, times in times.sorted().dropFirst().map { (member: name(m), at: $0) } }
        return facts
    }

    /// Every version of an assembly's minutes, the newest first.
    public static func minutes(of assembly: UUID, on db: any Database) async throws -> [AssemblyMinutesRecord] {
        try await AssemblyMinutesRecord.query(on: db).filter(\.$assemblyID == assembly).sort(\.$version, .descending).all()
    }

    /// The chair (an admitted steward) signs a new version of the minutes with their additions:
    /// the text is made now and frozen. Only once the assembly has met (opened); the additions are
    /// at most ``Minutes/maxAdditions`` characters. Earlier versions stay as they are.
    public static func signMinutes(
        _ a: AssemblyRecord, additions: String, by user: UUID, as officer: MembershipRecord, on db: any Database, at now: Date
    ) async throws -> AssemblyMinutesRecord {
        try checkOfficer(officer)
        guard a.status != .convened, a.openedAt != nil else {
            throw CoopError.conflict("Minutes are signed once the assembly has met; it has not opened yet.")
        }
        let added = Minutes.normalised(additions)
        guard added.count <= Minutes.maxAdditions else {
            throw CoopError.invalid(
                Words(
                    "The chair's additions are at most %1$d characters; these have %2$d.", .number(Int64(Minutes.maxAdditions)),
                    .number(Int64(added.count))))
        }
        let id = try a.requireID()
        let version = (try await minutes(of: id, on: db).first?.version ?? 0) + 1
        let text = Minutes.text(try await minutesFacts(of: a, version: version, additions: added, on: db))
        let row = AssemblyMinutesRecord()
        row.assemblyID = id
        row.version = version
        row.additions = added
        row.text = text
        row.textSHA256 = Minutes.sha256(text)
        row.chairUser = user
        row.chairName = try await officerName(officer, on: db)
        row.chairSignedAt = now
        try await row.create(on: db)
        try await AuditLog.append(
            AuditEvent(
                kind: "assembly.minutes_signed",
                [
                    "assembly": .string(id.uuidString), "version": .int(Int64(version)), "text_sha256": .string(row.textSHA256),
                    "chair": .string(user.uuidString),
                ]),
            on: db, at: now)
        return row
    }

    /// A second officer (an admitted steward who is not the chair) countersigns the newest
    /// version; the co-op's key then seals it, and the seal goes on the audit chain.
    public static func countersignMinutes(
        _ a: AssemblyRecord, version: Int, by user: UUID, as officer: MembershipRecord, on db: any Database, at now: Date
    ) async throws -> AssemblyMinutesRecord {
        try checkOfficer(officer)
        let id = try a.requireID()
        guard let row = try await minutes(of: id, on: db).first else {
            throw CoopError.notFound("The chair has not signed any minutes of this assembly yet.")
        }
        guard row.version == version else {
            throw CoopError.conflict(
                Words(
                    "Version %1$s is not the newest version of these minutes (version %2$s is).", .text("\(version)"),
                    .text("\(row.version)")))
        }
        guard row.sealedAt == nil else { throw CoopError.conflict(Words("Version %s is already signed and sealed.", .text("\(version)"))) }
        guard row.chairUser != user else {
            throw CoopError.forbidden("You signed these minutes as chair: a second officer, another steward, countersigns them.")
        }
        try await AuditSeal.ensureKey(on: db, at: now)
        guard let key = try await AuditSeal.privateKey(on: db) else {
            throw CoopError.storage("The co-op's signing key cannot be read.")
        }
        let name = try await officerName(officer, on: db)
        let file = try Minutes.seal(
            text: row.text,
            signers: [
                .init(role: "chair", name: row.chairName, at: row.chairSignedAt), .init(role: "officer", name: name, at: now),
            ],
            at: now, privateKey: key)
        row.officerUser = user
        row.officerName = name
        row.officerSignedAt = now
        row.sealedFile = file
        row.sealedAt = now
        try await row.save(on: db)
        try await AuditLog.append(
            AuditEvent(
                kind: "assembly.minutes_sealed",
                [
                    "assembly": .string(id.uuidString), "version": .int(Int64(version)), "text_sha256": .string(row.textSHA256),
                    "file_sha256": .string(Minutes.sha256(file)), "chair": .string(row.chairUser.uuidString),
                    "officer": .string(user.uuidString),
                ]),
            on: db, at: now)
        return row
    }

    private static func checkOfficer(_ m: MembershipRecord) throws {
        guard m.steward, m.status == .admitted else {
            throw CoopError.forbidden("Only a steward signs the minutes, as chair or as second officer.")
        }
    }

    private static func officerName(_ m: MembershipRecord, on db: any Database) async throws -> String {
        let id = try m.requireID()
        return try await labels(of: [id], on: db)[id]?.canonical ?? "A steward"
    }
}

extension AssemblyStore {
    /// Checks every sealed version of every assembly's minutes, as `coop audit verify` does: the
    /// file's seal verifies, by the co-op's own key, and the file and its text are the ones the
    /// audit chain recorded when it was sealed. The number checked, or why one fails.
    public static func verifySealedMinutes(on db: any Database) async throws -> Swift.Result<Int, MinutesCheckFailure> {
        let sealed = try await AssemblyMinutesRecord.query(on: db).filter(\.$sealedFile != nil).all()
        guard !sealed.isEmpty else { return .success(0) }
        let key = try await AuditSeal.publicKey(on: db)
        var recorded: [String: (text: String, file: String)] = [:]
        for e in try await AuditEntryRecord.query(on: db).filter(\.$kind == "assembly.minutes_sealed").all() {
            guard case .object(let o) = try? StoredJSON.decode(CanonicalValue.self, e.payload),
                case .string(let assembly) = o["assembly"], case .int(let version) = o["version"],
                case .string(let text) = o["text_sha256"], case .string(let file) = o["file_sha256"]
            else { continue }
            recorded["\(assembly.lowercased())/\(version)"] = (text, file)
        }
        let numbers = Dictionary(
            try await AssemblyRecord.query(on: db).all().compactMap { a in a.id.map { ($0, a.number) } }, uniquingKeysWith: { a, _ in a })
        for m in sealed.sorted(by: { ($0.assemblyID.uuidString, $0.version) < ($1.assemblyID.uuidString, $1.version) }) {
            let name = Words(
                "minutes of assembly #%1$s, version %2$s", .text(String(numbers[m.assemblyID] ?? 0)), .text(String(m.version)))
            func fail(_ why: Words) -> Swift.Result<Int, MinutesCheckFailure> {
                .failure(MinutesCheckFailure(words: Words("%1$s: %2$s", .notice(name), .notice(why))))
            }
            guard let file = m.sealedFile else { continue }
            let ok: Minutes.Verified
            switch Minutes.verify(Array(file.utf8)) {
            case .failure(let why): return fail(why.words)
            case .success(let v): ok = v
            }
            if let key, ok.publicKey != key.lowercased() {
                return fail(Words("sealed by %1$s, not by the co-op's key %2$s", .text(ok.publicKey), .text(key)))
            }
            guard let chain = recorded["\(m.assemblyID.uuidString.lowercased())/\(m.version)"] else {
                return fail(Words("the audit chain has no record of its seal"))
            }
            guard chain.file == Minutes.sha256(file) else { return fail(Words("the stored file is not the one the audit chain recorded")) }
            guard chain.text == ok.textSHA256, chain.text == m.textSHA256 else {
                return fail(Words("its text is not the one the audit chain recorded"))
            }
        }
        return .success(sealed.count)
    }

    /// Why sealed minutes do not verify, in one line.
    public struct MinutesCheckFailure: Error, CustomStringConvertible, Sendable {
        /// The line, as words to write in the reader's language.
        public let words: Words
        /// The line in English.
        public var description: String { words.english }
    }
}
