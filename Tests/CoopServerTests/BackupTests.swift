import CoopStore
import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting

@testable import CoopServer

/// `coop backup` and `coop restore`: a copy taken while the co-op runs comes back whole, its
/// audit chain verifies, and nothing is overwritten by accident.
extension Server {
    @Suite struct BackupTests {
        @Test func aBackupTakenWhileRunningRestoresWholeAndVerifies() async throws {
            try await withCoop { app async throws in
                let work = FileManager.default.temporaryDirectory.appendingPathComponent("coop-backup-\(UUID())").path
                try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
                defer { try? FileManager.default.removeItem(atPath: work) }
                let file = work + "/coop.backup"
                let dir = app.coop.config.dataDirectory
                try await app.coop.write(on: app.db) { db in _ = try await AuditSeal.checkpoint(on: db, at: Date()) }
                let entries = try await count("audit_entries", on: app)
                let users = try await count("users", on: app)
                try await BackupCommand.parse(["--data-dir", dir, file]).run()
                await #expect(throws: (any Error).self, "never over an existing file") {
                    try await BackupCommand.parse(["--data-dir", dir, file]).run()
                }
                if app.coop.config.databaseURL == nil {
                    // Into a new data directory; then a second time only with --replace.
                    let target = work + "/restored"
                    try await RestoreCommand.parse(["--data-dir", target, file]).run()
                    await #expect(throws: (any Error).self) { try await RestoreCommand.parse(["--data-dir", target, file]).run() }
                    try await RestoreCommand.parse(["--data-dir", target, "--replace", file]).run()
                    let restored = AppConfig(dataDirectory: target)
                    let counts = try await withDatabase(restored) { db in
                        (try await db.query(AuditEntryRecord.self).count(), try await db.query(UserRecord.self).count())
                    }
                    #expect(counts.0 == entries && counts.1 == users)
                    #expect(try await withDatabase(restored) { db in try await AuditLog.verify(on: db) }.get().count == Int64(entries))
                    try await VerifyCommand.parse(["--data-dir", target]).run()
                    let junk = work + "/junk.backup"
                    try "not a database".write(toFile: junk, atomically: true, encoding: .utf8)
                    await #expect(throws: (any Error).self) {
                        try await RestoreCommand.parse(["--data-dir", work + "/other", junk]).run()
                    }
                } else {
                    // PostgreSQL: the same database, replaced; what happened after the backup is gone.
                    _ = try await APIClient(app: app).send(
                        .POST, APIPath.users.fullPath, json: ["name": "Fay", "email": "fay@example.org", "password": "a-long-password"])
                    #expect(try await count("users", on: app) == users + 1)
                    await #expect(throws: (any Error).self) { try await RestoreCommand.parse([file]).run() }
                    try await RestoreCommand.parse(["--replace", file]).run()
                    #expect(try await count("users", on: app) == users)
                    #expect(try await AuditLog.verify(on: app.db).get().count == Int64(entries))
                    // The append-only triggers came back with the tables.
                    let sql = app.db as! any SQLDatabase
                    await #expect(throws: (any Error).self) { try await sql.raw("DELETE FROM audit_entries").run() }
                }
            }
        }
    }
}

extension Server {
    @Suite struct MigrationNameTests {
        @Test func migrationsKeepTheNamesExistingDatabasesRecorded() async throws {
            // Fluent names a migration after its module; these ran as CoopServer's before they moved to
            // CoopStore, and a database that has them must not be asked to run them again.
            try await withCoop(founded: false) { app async throws in
                struct Row: Decodable { let name: String }
                let names = try await (app.db as! any SQLDatabase).raw("SELECT name FROM _fluent_migrations").all(decoding: Row.self)
                    .map(\.name)
                let expected =
                    ["Fluent.SessionRecord.Create"] + (1...20).map { String(format: "CoopServer.M%03d", $0) }
                for prefix in expected { #expect(names.contains { $0.hasPrefix(prefix) }, "\(prefix)") }
                // Those that ran in CoopServer are never recorded again under CoopStore's name; M021 on is CoopStore's own.
                let moved = (1...20).map { String(format: "CoopStore.M%03d", $0) }
                #expect(!names.contains { name in moved.contains { name.hasPrefix($0) } })
            }
        }
    }
}
