import CoopCore
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
                #expect(Array(kinds.prefix(2)) == ["coop.founded", "bylaws.adopted"])
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

        @Test func deletingTheLastEntryIsCaughtByTheHeadNotTheChain() async throws {
            // Verify checks links; the published head is what catches truncation. Here: the head moves back.
            try await withCoop { app async throws in
                let before = try #require(try await AuditLog.head(on: app.db))
                let sql = app.db as! any SQLDatabase
                try await sql.raw("DELETE FROM audit_entries WHERE sequence = \(bind: before.sequence)").run()
                let after = try #require(try await AuditLog.head(on: app.db))
                #expect(after.sequence == before.sequence - 1)
                #expect(after.hash != before.hash)
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
                #expect(try await PaymentRecord.query(on: app.db).filter(\.$status == "pending").count() == 13)
                #expect(try await AuditLog.verify(on: app.db).get().count == Int64(try await count("audit_entries", on: app)))
            }
        }

        @Test func concurrentStateChangesKeepTheChainWhole() async throws {
            try await withCoop { app async throws in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for i in 0..<20 {
                        group.addTask { () async throws -> Void in
                            _ = try await app.coop.write(on: app.db) { db in
                                try await AuditLog.append(AuditEvent(kind: "test.concurrent", ["i": .int(Int64(i))]), on: db, at: Date())
                            }
                        }
                    }
                    try await group.waitForAll()
                }
                let result = try await AuditLog.verify(on: app.db).get()
                #expect(result.count == Int64(try await count("audit_entries", on: app)))
            }
        }
    }
}
