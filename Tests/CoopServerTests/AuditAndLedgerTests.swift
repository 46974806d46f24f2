import CoopCore
import CoopStore
import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting

@testable import CoopServer

extension Server {
    @Suite struct AuditAndLedgerTests {
        @Test func foundingRecordsEveryStepInTheChain() async throws {
            try await withCoop { app async throws in
                let kinds = try await AuditEntryRecord.query(on: app.db).sort(\.$id).all().map(\.kind)
                #expect(Array(kinds.prefix(3)) == ["coop.founded", "audit.key", "bylaws.adopted"])
                #expect(kinds.filter { $0 == "member.admitted" }.count == 6)
                #expect(kinds.filter { $0 == "ledger.posted" }.count == 6)
                #expect(kinds.filter { $0 == "payment.confirmed" }.count == 6)
                #expect(kinds.contains("payment.recorded"))
                #expect(kinds.filter { $0 == "proposal.drafted" }.count == 3, "the demo's three proposals")
                #expect(try await AuditLog.verify(on: app.db).get().count == Int64(kinds.count))
            }
        }

        @Test func aHandTamperedEntryIsNamedByVerify() async throws {
            try await withCoop { app async throws in
                let sql = app.db as! any SQLDatabase
                // The database refuses; someone with the file in hand removes the triggers first.
                await #expect(throws: (any Error).self) {
                    try await sql.raw("UPDATE audit_entries SET payload = REPLACE(payload, '}', ',\"forged\":true}') WHERE sequence = 6")
                        .run()
                }
                try await dropAuditTriggers(sql)
                try await sql.raw("UPDATE audit_entries SET payload = REPLACE(payload, '}', ',\"forged\":true}') WHERE sequence = 6").run()
                guard case .failure(let failure) = try await AuditLog.verify(on: app.db) else {
                    Issue.record("tampering was not found")
                    return
                }
                #expect(failure.sequence == 6)
                // The command-line verifier agrees, on SQLite or on DATABASE_URL.
                let dir = app.coop.config.dataDirectory
                await #expect(throws: (any Error).self) { try await VerifyCommand.parse(["--data-dir", dir]).run() }
            }
        }

        @Test func theCommandLineVerifierPassesAnIntactChain() async throws {
            try await withCoop { app async throws in
                try await VerifyCommand.parse(["--data-dir", app.coop.config.dataDirectory]).run()
            }
        }

        @Test func theDatabaseRefusesToChangeOrDeleteAuditEntriesAndCheckpoints() async throws {
            try await withCoop { app async throws in
                try await app.coop.write(on: app.db) { db in _ = try await AuditSeal.checkpoint(on: db, at: Date()) }
                let sql = app.db as! any SQLDatabase
                let before = try await count("audit_entries", on: app)
                for statement in [
                    "UPDATE audit_entries SET kind = 'x' WHERE sequence = 1", "DELETE FROM audit_entries WHERE sequence = 1",
                    "DELETE FROM audit_entries", "UPDATE audit_checkpoints SET hash = 'x'", "DELETE FROM audit_checkpoints",
                ] {
                    await #expect(throws: (any Error).self, "\(statement)") { try await sql.raw(SQLQueryString(statement)).run() }
                }
                if sql.dialect.name == "postgresql" {
                    await #expect(throws: (any Error).self) { try await sql.raw("TRUNCATE audit_entries").run() }
                }
                #expect(try await count("audit_entries", on: app) == before)
                #expect(try await count("audit_checkpoints", on: app) == 1)
            }
        }

        @Test func cuttingTheChainShortFailsVerifyAgainstACheckpointOrAnAnchor() async throws {
            try await withCoop { app async throws in
                let signed = try #require(
                    try await app.coop.write(on: app.db) { db in try await AuditSeal.checkpoint(on: db, at: Date()) })
                #expect(signed.isSigned(by: try #require(try await AuditSeal.publicKey(on: app.db))))
                let head = try #require(try await AuditLog.head(on: app.db))
                let anchor = try #require(AuditLog.Anchor("\(head.sequence):\(head.hash)"))
                #expect(try await AuditLog.verify(on: app.db, anchors: [anchor]).get().count == head.sequence)
                let dir = app.coop.config.dataDirectory
                try await VerifyCommand.parse(["--data-dir", dir, "--anchor", "\(head.sequence):\(head.hash)"]).run()
                #expect(throws: (any Error).self) { try VerifyCommand.parse(["--anchor", "12:not-a-hash"]) }

                // With the file in hand: the last two entries go, and the checkpoint with them.
                let sql = app.db as! any SQLDatabase
                try await dropAuditTriggers(sql)
                try await sql.raw("DELETE FROM audit_entries WHERE sequence > \(bind: head.sequence - 2)").run()
                guard case .failure(let cut) = try await AuditLog.verify(on: app.db) else {
                    Issue.record("a chain shorter than its checkpoint verified")
                    return
                }
                #expect(cut.description.contains("entries were removed"), "\(cut)")
                try await sql.raw("DELETE FROM audit_checkpoints").run()
                #expect((try? await AuditLog.verify(on: app.db).get()) != nil, "without the checkpoint, the chain alone holds")
                // A member who saved the head still catches it.
                guard case .failure(let gone) = try await AuditLog.verify(on: app.db, anchors: [anchor]) else {
                    Issue.record("a removed anchor verified")
                    return
                }
                #expect(gone.description.contains("is gone"))
                await #expect(throws: (any Error).self) {
                    try await VerifyCommand.parse(["--data-dir", dir, "--anchor", "\(head.sequence):\(head.hash)"]).run()
                }
            }
        }

        @Test func theKeyAndTheCheckpointsArePublic() async throws {
            try await withCoop { app async throws in
                let signed = try #require(
                    try await app.coop.write(on: app.db) { db in try await AuditSeal.checkpoint(on: db, at: Date()) })
                let coop = try await app.testing().sendRequest(.GET, APIPath.coop.fullPath).content.decode(APIController.CoopDTO.self)
                let key = try #require(coop.auditPublicKey)
                let entry = try #require(try await AuditEntryRecord.query(on: app.db).filter(\.$kind == "audit.key").first())
                #expect(entry.payload.contains(key), "the key on the chain is the key published")
                let list = try await app.testing().sendRequest(.GET, APIPath.auditCheckpoints.fullPath).content.decode(
                    [AuditCheckpoint].self)
                #expect(list == [signed])
                #expect(list[0].isSigned(by: key))
                let home = try await app.testing().sendRequest(.GET, SiteURL.home.path).body.string
                #expect(home.contains(key) && home.contains("--anchor \(signed.sequence):\(signed.hash)"))
                // Nothing new to sign: no second checkpoint of the same head.
                #expect(try await app.coop.write(on: app.db) { db in try await AuditSeal.checkpoint(on: db, at: Date()) } == nil)
            }
        }

        @Test func aForgedCheckpointFailsVerify() async throws {
            try await withCoop { app async throws in
                let head = try #require(try await AuditLog.head(on: app.db))
                let other = AuditCheckpoint.newKeyPair()
                let forged = try AuditCheckpoint.sign(sequence: head.sequence, hash: head.hash, at: 1, privateKey: other.privateKey)
                let sql = app.db as! any SQLDatabase
                try await sql.raw(
                    "INSERT INTO audit_checkpoints (sequence, hash, signed_at_millis, public_key, signature) VALUES (\(bind: forged.sequence), \(bind: forged.hash), 1, \(bind: forged.publicKey), \(bind: forged.signature))"
                ).run()
                guard case .failure(let failure) = try await AuditLog.verify(on: app.db) else {
                    Issue.record("a checkpoint signed by another key verified")
                    return
                }
                #expect(failure.description.contains("not signed by the co-op's key"))
            }
        }

        @Test func postedLedgerRowsCannotBeChangedOrDeleted() async throws {
            try await withCoop { app async throws in
                let sql = app.db as! any SQLDatabase
                await #expect(throws: (any Error).self) { try await sql.raw("UPDATE ledger_postings SET amount = amount + 1").run() }
                await #expect(throws: (any Error).self) { try await sql.raw("DELETE FROM ledger_transactions").run() }
                // Every transaction still sums to zero.
                struct Row: Decodable { let s: Int }
                let sums = try await sql.raw(
                    "SELECT CAST(SUM(amount) AS BIGINT) AS s FROM ledger_postings GROUP BY transaction_id, currency"
                ).all(decoding: Row.self)
                #expect(!sums.isEmpty && sums.allSatisfy { $0.s == 0 })
            }
        }

        @Test func anUnbalancedTransactionIsNeverStored() async throws {
            try await withCoop { app async throws in
                let before = try await count("ledger_postings", on: app)
                let eur = Currency(code: "EUR")
                #expect(throws: LedgerError.self) {
                    try LedgerTransaction(
                        kind: "bad", memo: "",
                        postings: [
                            .init(account: .cash, amount: Money(minorUnits: 5, currency: eur)),
                            .init(account: .shareCapital(member: "x"), amount: Money(minorUnits: -4, currency: eur)),
                        ])
                }
                // A failure inside a write rolls back everything written before it.
                await #expect(throws: (any Error).self) {
                    try await app.coop.write(on: app.db) { db in
                        try await LedgerStore.post(
                            try .transfer(
                                kind: "t", memo: "", amount: Money(minorUnits: 5, currency: eur), debit: .cash,
                                credit: .shareCapital(member: "x")),
                            on: db, at: Date())
                        throw CoopError.conflict("stop")
                    }
                }
                #expect(try await count("ledger_postings", on: app) == before)
                #expect(try await AuditLog.verify(on: app.db).get().count == Int64(try await count("audit_entries", on: app)))
            }
        }

        @Test func concurrentSignUpsAndApplicationsAllSucceed() async throws {
            // Sign-ups, tokens (with their login attempts) and applications at once: on SQLite a
            // deferred transaction used to fail with "database is locked" here.
            try await withCoop { app async throws in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for i in 0..<12 {
                        group.addTask {
                            let email = "load\(i)@example.org"
                            let signup = try await APIClient(app: app).send(
                                .POST, APIPath.users.fullPath, json: ["name": "Load \(i)", "email": email, "password": "a-long-password"])
                            #expect(signup.status == .created, "\(signup.body.string)")
                            let api = try await APIClient.login(app, email, "a-long-password")
                            #expect(try await api.send(.POST, APIPath.membership.fullPath, json: ["class": "user"]).status == .created)
                            #expect(
                                try await api.send(.POST, APIPath.membershipPayment.fullPath, json: ["method": "cash"]).status == .created)
                        }
                    }
                    try await group.waitForAll()
                }
                // Each of the twelve sent is there: its user, its application and its pending payment.
                let users = try await UserRecord.query(on: app.db).filter(\.$email =~ "load").all()
                #expect(Set(users.map(\.email)) == Set((0..<12).map { "load\($0)@example.org" }))
                let memberships = try await MembershipRecord.query(on: app.db).filter(\.$userID ~~ users.compactMap(\.id)).all()
                #expect(memberships.count == 12)
                let paid = try await PaymentRecord.query(on: app.db).filter(\.$membershipID ~~ memberships.compactMap(\.id)).all()
                #expect(paid.count == 12 && paid.allSatisfy { $0.status == .pending })
                #expect(try await AuditLog.verify(on: app.db).get().count == Int64(try await count("audit_entries", on: app)))
            }
        }

        @Test func concurrentStateChangesAreEachWrittenOnceAndKeepTheChainWhole() async throws {
            try await withCoop { app async throws in
                let before = try await count("audit_entries", on: app)
                let sent = 20
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for i in 0..<sent {
                        group.addTask { () async throws -> Void in
                            _ = try await app.coop.write(on: app.db) { db in
                                try await AuditLog.append(AuditEvent(kind: "test.concurrent", ["i": .int(Int64(i))]), on: db, at: Date())
                            }
                        }
                    }
                    try await group.waitForAll()
                }
                // Every change sent is there, once: counted against what was sent, not against itself.
                let written = try await AuditEntryRecord.query(on: app.db).filter(\.$kind == "test.concurrent").all()
                #expect(written.count == sent)
                let numbers = written.compactMap { try? JSONDecoder().decode([String: Int].self, from: Data($0.payload.utf8))["i"] }
                #expect(Set(numbers) == Set(0..<sent))
                #expect(try await count("audit_entries", on: app) == before + sent)
                let result = try await AuditLog.verify(on: app.db).get()
                #expect(result.count == Int64(before + sent))
            }
        }
    }
}

/// Removes the triggers that keep the audit log append-only, as someone holding the database file
/// (not the application) could; tests use it to play that attacker.
func dropAuditTriggers(_ sql: any SQLDatabase) async throws {
    if sql.dialect.name == "postgresql" {
        for t in ["audit_entries", "audit_checkpoints"] {
            try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: t)_immutable ON \(unsafeRaw: t)").run()
            try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: t)_no_truncate ON \(unsafeRaw: t)").run()
        }
    } else {
        for t in ["audit_entries", "audit_checkpoints"] {
            try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: t)_no_update").run()
            try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: t)_no_delete").run()
        }
    }
}
