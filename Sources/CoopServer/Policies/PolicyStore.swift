import CoopCore
import Fluent
import Foundation
import Vapor

/// A governed policy as shown to people: its definition, current value and history.
struct PolicyView: Content, Equatable {
    struct Change: Content, Equatable {
        let value: String
        let changedAt: Date
        let source: String
        let proposal: UUID?
    }
    let key: String
    let type: String
    let description: String
    let value: String
    let min: String?
    let max: String?
    let options: [String]
    let history: [Change]
}

/// Reading governed policies. Writing is only `install` at founding; the governance issue adds
/// enactment of a passed proposal as the one other way. No route or command changes a policy.
enum PolicyStore {
    /// Stores every policy's initial value and the first line of its history.
    static func install(_ bylaws: Bylaws, source: String, on db: any Database, at date: Date) async throws {
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

    /// The value in force for a policy.
    static func value(_ key: String, on db: any Database) async throws -> PolicyValue? {
        guard let r = try await PolicyRecord.find(key, on: db) else { return nil }
        return r.valueNumber.map(PolicyValue.number) ?? r.valueOption.map(PolicyValue.option)
    }

    /// Every policy the bylaws define, with value and history, in the bylaws' order.
    static func all(_ bylaws: Bylaws, on db: any Database) async throws -> [PolicyView] {
        let records = try await PolicyRecord.query(on: db).all()
        let values = Dictionary(uniqueKeysWithValues: records.compactMap { r in r.id.map { ($0, r) } })
        let changes = try await PolicyChangeRecord.query(on: db).sort(\.$changedAt, .descending).all()
        let history = Dictionary(grouping: changes, by: \.key)
        return bylaws.policies.map { def in
            func show(_ number: Int64?, _ option: String?) -> String {
                if let number { return def.format(.number(number), currency: bylaws.currency) }
                return option ?? "—"
            }
            let r = values[def.key]
            return PolicyView(
                key: def.key, type: def.type.rawValue, description: def.description,
                value: show(r?.valueNumber, r?.valueOption),
                min: def.min.map { def.format(.number($0), currency: bylaws.currency) },
                max: def.max.map { def.format(.number($0), currency: bylaws.currency) }, options: def.options,
                history: (history[def.key] ?? []).map {
                    PolicyView.Change(
                        value: show($0.valueNumber, $0.valueOption), changedAt: $0.changedAt, source: $0.source,
                        proposal: $0.proposalID)
                })
        }
    }
}
