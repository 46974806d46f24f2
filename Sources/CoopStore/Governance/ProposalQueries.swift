import CoopCore
import FluentKit
import Foundation

/// Reading proposals.
public enum ProposalQueries {
    /// Proposals' numbers by id, in one query.
    public static func numbers(of ids: [UUID], on db: any Database) async throws -> [UUID: Int] {
        guard !ids.isEmpty else { return [:] }
        var numbers: [UUID: Int] = [:]
        for p in try await ProposalRecord.query(on: db).filter(\.$id ~~ ids).all() { numbers[p.id!] = p.number }
        return numbers
    }
}
