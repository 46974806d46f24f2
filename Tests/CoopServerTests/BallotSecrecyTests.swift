import CoopCore
import CoopStore
import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting

@testable import CoopServer

/// Secret ballots: nothing public ties a ballot to when or in what order it was cast, nothing in
/// the rows ties it to its voter after close, and a ballot changed in the database is caught.
extension Server {
    @Suite struct BallotSecrecyTests {
        /// Casts secret ballots on the demo's proposal #1 (a secret majority vote) in this order.
        func cast(_ app: Application, _ votes: [(String, String)]) async throws -> [String] {
            var receipts: [String] = []
            for (email, choice) in votes {
                let api = try await APIClient.login(app, email)
                let res = try await api.send(
                    .POST, APIPath.proposalBallots.fullPath.replacingOccurrences(of: "{number}", with: "1"), json: ["choice": choice])
                #expect(res.status == .created, "\(res.body.string)")
                receipts.append(try #require(try res.content.decode(Governance.Receipt.self).receipt))
            }
            return receipts
        }

        func close(_ clock: TestClock, _ app: Application) async throws {
            clock.advance(days: 7)
            try await Governance.advance(app: app)
        }

        @Test func nothingPublicTiesASecretBallotToItsCast() async throws {
            let clock = TestClock()
            try await withCoop(configure: { $0.now = { clock.now } }) { app async throws in
                let receipts = try await cast(
                    app, [("ana@demo.coop", "yes"), ("bo@demo.coop", "no"), ("cleo@demo.coop", "abstain"), ("sam@demo.coop", "no")])
                let hashes = receipts.map(ReceiptCode.hash)
                try await close(clock, app)
                // The audit log carries a hiding commitment for each cast, never a receipt hash.
                let entries = try await AuditEntryRecord.query(on: app.db).all()
                let casts = entries.filter { $0.kind == "ballot.cast" }
                #expect(casts.count == 4)
                for e in entries {
                    for h in hashes { #expect(!e.payload.contains(h), "\(e.kind) names a receipt hash") }
                }
                for e in casts {
                    let f = try #require(BallotSeal.fields(e.payload))
                    #expect(f.commitment?.count == 64)
                    #expect(!e.payload.contains("voter"))
                }
                // The bulletin, page, CSV and JSON, sorts by receipt hash, whatever the order of casting.
                let api = try await app.testing().sendRequest(
                    .GET, APIPath.proposalBulletin.fullPath.replacingOccurrences(of: "{number}", with: "1"))
                let board = try api.content.decode([GovernanceAPI.BulletinEntry].self)
                #expect(board.map(\.receiptHash) == hashes.sorted())
                let page = try await app.testing().sendRequest(.GET, SiteURL.proposalBulletin(1).path).body.string
                let positions = hashes.sorted().map { page.range(of: $0)!.lowerBound }
                #expect(positions == positions.sorted())
                // Anyone can recompute the box digest of the close entry from the public board.
                let closed = try #require(entries.first { $0.kind == "proposal.closed" && $0.payload.contains("\"box\"") })
                let digest = BallotCommitment.boxDigest(
                    leaves: board.map { BallotCommitment.leaf(receiptHash: $0.receiptHash, content: $0.content) })
                #expect(BallotSeal.fields(closed.payload)?.box == digest)
                // After close the rows hold no nonce, one cast hour for all, and no voter.
                let rows = try await BallotRecord.query(on: app.db).all()
                #expect(rows.count == 4)
                #expect(rows.allSatisfy { $0.nonce == nil && $0.voterID == nil })
                #expect(Set(rows.map(\.castAt)).count == 1)
                #expect(try await AuditLog.verify(on: app.db).get().count == Int64(entries.count))
                let sql = app.db as! any SQLDatabase
                if sql.dialect.name == "postgresql" {
                    // One transaction id for every ballot row and every voter row: written again at close.
                    struct X: Decodable { let x: String }
                    let ballotX = Set(try await sql.raw("SELECT xmin::text AS x FROM ballots").all(decoding: X.self).map(\.x))
                    let voterX = Set(
                        try await sql.raw(
                            "SELECT v.xmin::text AS x FROM proposal_voters v JOIN proposals p ON p.id = v.proposal_id WHERE p.number = 1"
                        )
                        .all(decoding: X.self).map(\.x))
                    #expect(ballotX.count == 1 && voterX == ballotX)
                }
            }
        }

        @Test func anyoneChecksTheChainCheckpointsAndCountedBoxesFromThePublicAPI() async throws {
            let clock = TestClock()
            try await withCoop(configure: { $0.now = { clock.now } }) { app async throws in
                _ = try await cast(app, [("ana@demo.coop", "yes"), ("bo@demo.coop", "no"), ("cleo@demo.coop", "yes")])
                try await close(clock, app)
                try await app.coop.write(on: app.db) { db in _ = try await AuditSeal.checkpoint(on: db, at: clock.now) }
                let head = try #require(try await AuditLog.head(on: app.db))
                let anchor = try #require(AuditLog.Anchor("\(head.sequence):\(head.hash)"))
                let port = Int.random(in: 20_000...40_000)
                try await app.server.start(address: .hostname("127.0.0.1", port: port))
                let base = "http://127.0.0.1:\(port)"
                let ok = try await RemoteAudit.verify(base: base, anchors: [anchor], client: app.client).get()
                #expect(ok.count == head.sequence && ok.head == head.hash)
                try await VerifyCommand.parse(["--url", base, "--anchor", "\(head.sequence):\(head.hash)"]).run()
                // A counted ballot changed in the database: its public board no longer matches the close entry.
                let sql = app.db as! any SQLDatabase
                try await sql.raw("UPDATE ballots SET content = \(bind: #"{"choice":{"_0":"no"}}"#) WHERE content LIKE '%yes%'").run()
                let changed = try await RemoteAudit.verify(base: base, anchors: [], client: app.client)
                guard case .failure(let failure) = changed else {
                    Issue.record("a changed counted box verified from the public API")
                    await app.server.shutdown()
                    return
                }
                #expect(failure.description.contains("no longer the box"), "\(failure)")
                // The chain cut short: the anchor a member kept is gone.
                try await dropAuditTriggers(sql)
                try await sql.raw("DELETE FROM audit_entries WHERE sequence >= \(bind: head.sequence)").run()
                try await sql.raw("DELETE FROM audit_checkpoints").run()
                let cut = try await RemoteAudit.verify(base: base, anchors: [anchor], client: app.client)
                if case .success = cut { Issue.record("a chain cut short verified against an anchor") }
                await #expect(throws: (any Error).self) {
                    try await VerifyCommand.parse(["--url", base, "--anchor", "\(head.sequence):\(head.hash)"]).run()
                }
                await app.server.shutdown()
            }
        }

        @Test func aBallotEditedInTheDatabaseBeforeCloseFailsVerifyAndIsNotCounted() async throws {
            let clock = TestClock()
            try await withCoop(configure: { $0.now = { clock.now } }) { app async throws in
                _ = try await cast(app, [("ana@demo.coop", "no"), ("bo@demo.coop", "no"), ("cleo@demo.coop", "yes")])
                #expect((try? await AuditLog.verify(on: app.db).get()) != nil)
                let sql = app.db as! any SQLDatabase
                try await sql.raw("UPDATE ballots SET content = \(bind: #"{"choice":{"_0":"yes"}}"#) WHERE content LIKE '%no%'").run()
                guard case .failure(let failure) = try await AuditLog.verify(on: app.db) else {
                    Issue.record("an edited ballot verified")
                    return
                }
                #expect(failure.description.contains("match no commitment"), "\(failure)")
                // `coop audit verify --lang es|fr` says it in the operator's language, the count unchanged.
                let es = failure.words.render(Translations.catalog(.es))
                let fr = failure.words.render(Translations.catalog(.fr))
                #expect(es.contains("no coinciden con ningún compromiso de la cadena de auditoría"), "\(es)")
                #expect(fr.contains("ne correspondent à aucun engagement de la chaîne d'audit"), "\(fr)")
                await #expect(throws: (any Error).self) {
                    try await VerifyCommand.parse(["--data-dir", app.coop.config.dataDirectory]).run()
                }
                try await close(clock, app)
                let p = try #require(try await ProposalRecord.query(on: app.db).filter(\.$number == 1).first())
                #expect(p.status == .failed)
                #expect(p.outcome == nil)
                #expect(p.enactmentNote?.contains("does not match the audit chain") == true)
            }
        }

        @Test func aBallotAddedOrRemovedBeforeCloseFailsVerify() async throws {
            try await withCoop { app async throws in
                _ = try await cast(app, [("ana@demo.coop", "no"), ("bo@demo.coop", "yes")])
                let sql = app.db as! any SQLDatabase
                let one = try #require(try await BallotRecord.query(on: app.db).first())
                try await sql.raw("DELETE FROM ballots WHERE id = \(bind: one.requireID())").run()
                #expect((try? await AuditLog.verify(on: app.db).get()) == nil, "a ballot removed")
                let copy = BallotRecord()
                copy.proposalID = one.proposalID
                copy.content = one.content
                copy.receiptHash = one.receiptHash
                copy.castAt = one.castAt
                copy.nonce = one.nonce
                try await copy.create(on: app.db)
                #expect((try? await AuditLog.verify(on: app.db).get()) != nil, "put back as it was")
                let stuffed = BallotRecord()
                stuffed.proposalID = one.proposalID
                stuffed.content = one.content
                stuffed.receiptHash = sha256Hex("made up")
                stuffed.castAt = one.castAt
                stuffed.nonce = BallotCommitment.newNonce()
                try await stuffed.create(on: app.db)
                #expect((try? await AuditLog.verify(on: app.db).get()) == nil, "a ballot stuffed in")
            }
        }

        @Test func aCountedBallotEditedAfterCloseFailsVerify() async throws {
            let clock = TestClock()
            try await withCoop(configure: { $0.now = { clock.now } }) { app async throws in
                let receipts = try await cast(app, [("ana@demo.coop", "no"), ("bo@demo.coop", "yes")])
                // A change before close is a new sealed ballot that replaces the old one.
                let api = try await APIClient.login(app, "ana@demo.coop")
                let changed = try await api.send(
                    .POST, APIPath.proposalBallotChange.fullPath.replacingOccurrences(of: "{number}", with: "1"),
                    json: ["choice": "yes", "receipt": receipts[0]])
                #expect(changed.status == .ok, "\(changed.body.string)")
                #expect((try? await AuditLog.verify(on: app.db).get()) != nil)
                try await close(clock, app)
                #expect((try? await AuditLog.verify(on: app.db).get()) != nil)
                let sql = app.db as! any SQLDatabase
                try await sql.raw("UPDATE ballots SET content = \(bind: #"{"choice":{"_0":"no"}}"#) WHERE supersedes IS NOT NULL").run()
                guard case .failure(let failure) = try await AuditLog.verify(on: app.db) else {
                    Issue.record("a counted ballot edited after close verified")
                    return
                }
                #expect(failure.description.contains("no longer the box"), "\(failure)")
            }
        }
    }
}
