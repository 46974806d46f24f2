import CoopCore
import FluentKit
import Foundation

/// A governed policy as shown to people: its definition, current value and history.
public struct PolicyView: Codable, Sendable, Equatable {
    /// One value the policy has had.
    public struct Change: Codable, Sendable, Equatable {
        /// The value as written for people (`10%`, `15.00`, an option).
        public let value: String
        /// When it took effect.
        public let changedAt: Date
        /// What set it (`bylaws v1 (founding)`, `proposal #12`).
        public let source: String
        /// The proposal that set it; nil for the founding value.
        public let proposal: UUID?
        /// That proposal's number, if it is found.
        public let proposalNumber: Int?
    }
    /// The policy's key, as the bylaws name it.
    public let key: String
    /// Its name for people ("Platform fee").
    public let name: String
    /// What its number counts ("hours", "EUR", "percent"); nil for a choice.
    public let unit: String?
    /// The value's type (`rate`, `money`, `integer` or `choice`).
    public let type: String
    /// What the policy governs, from the bylaws.
    public let description: String
    /// The value in force, as written for people; `—` if none is stored.
    public let value: String
    /// The lowest value the bylaws allow, as written for people.
    public let min: String?
    /// The highest value the bylaws allow, as written for people.
    public let max: String?
    /// The allowed options (`choice` policies).
    public let options: [String]
    /// Every value it has had, newest first.
    public let history: [Change]
}

/// Governed policies. Written only by `install` at founding and by `change` when a passed
/// proposal is enacted; no route, command or role changes a policy directly.
public enum PolicyStore {
    /// Stores every policy's initial value and the first line of its history.
    public static func install(_ bylaws: Bylaws, source: String, on db: any Database, at date: Date) async throws {
        for def in bylaws.policies {
            let record = PolicyRecord()
            record.id = def.key
            record.updatedAt = date
            let change = PolicyChangeRecord()
            change.key = def.key
            change.changedAt = date
            change.source = source
            switch def.initial {
            case .number(let n):
                record.valueNumber = n
                change.valueNumber = n
            case .option(let o):
                record.valueOption = o
                change.valueOption = o
            }
            try await record.create(on: db)
            try await change.create(on: db)
        }
    }

    /// Sets a policy by a passed proposal: the only way a policy changes after founding.
    public static func change(_ key: String, to value: PolicyValue, proposal: UUID, source: String, on db: any Database, at date: Date)
        async throws
    {
        guard let record = try await PolicyRecord.find(key, on: db) else {
            throw CoopError.notFound(Words("No policy %s.", .text("\(key)")))
        }
        let change = PolicyChangeRecord()
        change.key = key
        change.changedAt = date
        change.source = source
        change.proposalID = proposal
        switch value {
        case .number(let n):
            record.valueNumber = n
            record.valueOption = nil
            change.valueNumber = n
        case .option(let o):
            record.valueOption = o
            record.valueNumber = nil
            change.valueOption = o
        }
        record.updatedAt = date
        try await record.save(on: db)
        try await change.create(on: db)
        try await AuditLog.append(
            AuditEvent(
                kind: "policy.changed",
                ["policy": .string(key), "proposal": .string(proposal.uuidString), "source": .string(source)]),
            on: db, at: date)
    }

    /// The value in force for a policy.
    public static func value(_ key: String, on db: any Database) async throws -> PolicyValue? {
        guard let r = try await PolicyRecord.find(key, on: db) else { return nil }
        return r.valueNumber.map(PolicyValue.number) ?? r.valueOption.map(PolicyValue.option)
    }

    /// A policy the platform reads: its value in force, or its fallback when the bylaws do not define it.
    public static func value(_ key: PolicyKey, on db: any Database) async throws -> PolicyValue {
        try await value(key.rawValue, on: db) ?? key.fallback
    }

    /// A number the platform reads (a rate in basis points, minor units, a count); the fallback's
    /// number when the policy is not defined or is not a number.
    public static func number(_ key: PolicyKey, on db: any Database) async throws -> Int64 {
        key.number(stored: try await value(key.rawValue, on: db)?.number)
    }

    /// Whether a choice policy the platform reads is set to `on`.
    public static func isOn(_ key: PolicyKey, on db: any Database) async throws -> Bool {
        try await value(key, on: db) == .option("on")
    }

    /// Every policy the bylaws define, with value and history, in the bylaws' order.
    public static func all(_ bylaws: Bylaws, on db: any Database) async throws -> [PolicyView] {
        let records = try await PolicyRecord.query(on: db).all()
        let changes = try await PolicyChangeRecord.query(on: db).sort(\.$changedAt, .descending).all()
        return try await views(of: bylaws.policies, bylaws: bylaws, records: records, changes: changes, on: db)
    }

    /// One policy the bylaws define, with value and history (a proposal's page shows the one it
    /// would change): only its own rows are read.
    public static func view(_ key: String, bylaws: Bylaws, on db: any Database) async throws -> PolicyView? {
        let defs = bylaws.policies.filter { $0.key == key }
        guard !defs.isEmpty else { return nil }
        let records = try await PolicyRecord.query(on: db).filter(\.$id == key).all()
        let changes = try await PolicyChangeRecord.query(on: db).filter(\.$key == key).sort(\.$changedAt, .descending).all()
        return try await views(of: defs, bylaws: bylaws, records: records, changes: changes, on: db).first
    }

    private static func views(
        of defs: [PolicyDefinition], bylaws: Bylaws, records: [PolicyRecord], changes: [PolicyChangeRecord], on db: any Database
    ) async throws -> [PolicyView] {
        let values = Dictionary(uniqueKeysWithValues: records.compactMap { r in r.id.map { ($0, r) } })
        let history = Dictionary(grouping: changes, by: \.key)
        let proposalIDs = changes.compactMap(\.proposalID)
        let numbers = try await ProposalQueries.numbers(of: proposalIDs, on: db)
        return defs.map { def in
            func show(_ number: Int64?, _ option: String?) -> String {
                if let number { return def.format(.number(number), currency: bylaws.currency) }
                return option ?? "—"
            }
            let r = values[def.key]
            return PolicyView(
                key: def.key, name: def.displayName, unit: def.displayUnit(currency: bylaws.currency), type: def.type.rawValue,
                description: def.description,
                value: show(r?.valueNumber, r?.valueOption),
                min: def.min.map { def.format(.number($0), currency: bylaws.currency) },
                max: def.max.map { def.format(.number($0), currency: bylaws.currency) }, options: def.options,
                history: (history[def.key] ?? []).map {
                    PolicyView.Change(
                        value: show($0.valueNumber, $0.valueOption), changedAt: $0.changedAt, source: $0.source,
                        proposal: $0.proposalID, proposalNumber: $0.proposalID.flatMap { numbers[$0] })
                })
        }
    }
}
