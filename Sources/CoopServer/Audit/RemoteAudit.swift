import CoopCore
import CoopStore
import Foundation
import Vapor

/// `coop audit verify --url https://coop.example.org`: checks a co-op from its public API alone,
/// without access to its database: the whole chain, the signed checkpoints, the anchors given, and
/// every counted box against its public bulletin board. (Open votes' commitments need the rows'
/// nonces, which only the database holds: those are checked by `coop audit verify` there.)
enum RemoteAudit {
    static func verify(base: String, anchors: [AuditLog.Anchor], client: any Client) async throws
        -> Result<(count: Int64, head: String), AuditFailure>
    {
        let root = base.hasSuffix("/") ? String(base.dropLast()) : base
        func get<T: Decodable>(_ path: String, _ type: T.Type) async throws -> T {
            let res = try await client.get(URI(string: root + APIPath.prefix + path))
            guard res.status == .ok else { throw CLIError("\(root)\(APIPath.prefix)\(path) answered \(res.status.code)") }
            do { return try res.content.decode(T.self) } catch {
                throw CLIError("\(root)\(APIPath.prefix)\(path) did not answer what a Coop server answers: \(error)")
            }
        }
        var checkpoints: [AuditCheckpoint] = []
        var before: Int64?
        while true {
            let page = try await get(
                APIPath.auditCheckpoints.rawValue + "?limit=1000" + (before.map { "&before=\($0)" } ?? ""), [AuditCheckpoint].self)
            checkpoints += page
            guard page.count == 1000, let last = page.last?.sequence else { break }
            before = last
        }
        var walk = ChainCheck(checkpoints: checkpoints, anchors: anchors)
        var after: Int64 = 0
        while true {
            let page = try await get(APIPath.auditEntries.rawValue + "?after=\(after)&limit=1000", [APIController.AuditEntryDTO].self)
            for e in page {
                let entry = AuditEntry(
                    sequence: e.sequence, timestampMillis: e.timestampMillis, kind: e.kind, payload: e.payload,
                    previousHash: e.previousHash, hash: e.hash)
                if let failure = walk.add(entry) { return .failure(failure) }
            }
            guard page.count == 1000, let last = page.last?.sequence else { break }
            after = last
        }
        if let failure = walk.finish(checkpoints: checkpoints, anchors: anchors) { return .failure(failure) }
        for (proposal, closed) in walk.counted.sorted(by: { $0.key < $1.key }) {
            guard let number = walk.numbers[proposal] else { continue }
            let board = try await get(
                APIPath.proposalBulletin.rawValue.replacingOccurrences(of: "{number}", with: String(number)),
                [GovernanceAPI.BulletinEntry].self)
            let digest = BallotCommitment.boxDigest(
                leaves: board.map {
                    BallotCommitment.leaf(receiptHash: $0.receiptHash == "open ballot" ? nil : $0.receiptHash, content: $0.content)
                })
            if let failure = walk.box(proposal, closed: closed, digest: digest) { return .failure(failure) }
        }
        return .success((walk.verifier.count, walk.verifier.head))
    }
}
