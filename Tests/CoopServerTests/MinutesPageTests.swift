import CoopCore
import CoopStore
import Fluent
import Foundation
import Testing
import VaporTesting

@testable import CoopServer

extension Server {
    @Suite struct MinutesPageTests {
        typealias A = AssemblyTests

        @Test func theChairSignsASecondOfficerCountersignsAndTheCoopSealsEveryVersion() async throws {
            let clock = TestClock()
            try await withCoop(founded: false, configure: { $0.now = { clock.now } }) { app async throws in
                let f = try await Fixture.coop(app)
                _ = try await f.member("Ana Arroyo")
                _ = try await f.member("Bo Berg")
                let bo = try await A.membership(A.email("Bo Berg"), on: app.db)
                bo.steward = true
                try await bo.save(on: app.db)
                let n = try await f.proposal(
                    by: f.steward, ["kind": "general", "title": "Paint the hall", "body": "Green.", "options": "Green\nBlue"])
                var chair = try await A.browser(app, Fixture.stewardEmail)
                _ = try await chair.get(SiteURL.newAssembly.path)
                #expect(try await chair.post(SiteURL.assemblies.path, A.form(clock, days: 15, agenda: "\(n)")).status == .seeOther)
                let minutes = SiteURL.assemblyMinutes(1).path
                let countersign = SiteURL.assemblyMinutesCountersign(1).path

                // Before the assembly has met, nothing can be signed.
                _ = try await chair.get(minutes)
                let early = try await chair.post(minutes, ["additions": "x"])
                #expect(early.status == .conflict)
                #expect(early.body.string.contains("has not opened yet"))

                clock.advance(days: 15)
                chair = try await A.browser(app, Fixture.stewardEmail)
                _ = try await chair.get(SiteURL.assembly(1).path)
                #expect(try await chair.post(SiteURL.assemblyOpen(1).path).status == .seeOther)
                var ana = try await A.browser(app, A.email("Ana Arroyo"))
                var officer = try await A.browser(app, A.email("Bo Berg"))

                // A member who is not a steward signs nothing; huge additions are refused.
                _ = try await ana.get(minutes)
                #expect(try await ana.post(minutes, ["additions": "I chair now"]).status == .forbidden)
                _ = try await chair.get(minutes)
                let huge = try await chair.post(minutes, ["additions": String(repeating: "x", count: Minutes.maxAdditions + 1)])
                #expect(huge.status.code >= 400 && huge.status.code < 500)
                #expect(try await A.count("assembly_minutes", on: app) == 0)

                // The chair signs version 1.
                #expect(try await chair.post(minutes, ["additions": "The meeting opened at 18:00."]).status == .seeOther)
                #expect(try await A.count("assembly_minutes", on: app) == 1)

                // The chair cannot also be the second officer; a member cannot countersign; wrong versions are refused.
                _ = try await chair.get(minutes)
                let twice = try await chair.post(countersign, ["version": "1"])
                #expect(twice.status == .forbidden)
                #expect(twice.body.string.contains("second officer"))
                _ = try await ana.get(minutes)
                #expect(try await ana.post(countersign, ["version": "1"]).status == .forbidden)
                _ = try await officer.get(minutes)
                #expect(try await officer.post(countersign, ["version": "2"]).status == .conflict)
                #expect(try await officer.post(countersign, ["version": "x"]).status == .badRequest)
                let a = try #require(try await AssemblyStore.find(number: 1, on: app.db))
                #expect(try await AssemblyStore.minutes(of: a.requireID(), on: app.db).first?.sealedAt == nil)
                #expect(try await chair.get(SiteURL.assemblyMinutesFile(1, "minutes-1-v1.txt").path).status == .notFound)

                // The second officer countersigns: the version is sealed, once.
                #expect(try await officer.post(countersign, ["version": "1"]).status == .seeOther)
                #expect(try await officer.post(countersign, ["version": "1"]).status == .conflict)
                let download = try await ana.get(SiteURL.assemblyMinutesFile(1, "minutes-1-v1.txt").path)
                #expect(download.status == .ok)
                #expect(download.headers.first(name: .contentDisposition)?.contains("minutes-1-v1.txt") == true)
                let file = download.body.string
                let ok = try Minutes.verify(Array(file.utf8)).get()
                #expect(ok.signers.count == 2)
                #expect(ok.publicKey == (try await AuditSeal.publicKey(on: app.db)))
                #expect(file.contains("proposal #\(n): Paint the hall"))
                #expect(file.contains("result: not yet voted"))
                #expect(file.contains("  The meeting opened at 18:00."))
                var changed = Array(file.utf8)
                changed[20] ^= 1
                #expect(Minutes.verify(changed) == .failure(.badSeal))
                struct K: Decodable { let kind: String }
                let kinds = try await app.db.sql().raw("SELECT kind FROM audit_entries").all(decoding: K.self).map(\.kind)
                #expect(kinds.filter { $0 == "assembly.minutes_sealed" }.count == 1)
                #expect(try await AuditLog.verify(on: app.db).get().count == Int64(try await A.count("audit_entries", on: app)))

                // A later change is a new version; the sealed one stays as it was.
                _ = try await chair.get(minutes)
                #expect(try await chair.post(minutes, ["additions": "Closed at 20:00."]).status == .seeOther)
                let versions = try await AssemblyStore.minutes(of: a.requireID(), on: app.db)
                #expect(versions.map(\.version) == [2, 1])
                #expect(versions.last?.sealedFile == file)
                let page = try await ana.get(minutes).body.string
                #expect(page.contains("Version 2") && page.contains("Version 1"))
                #expect(page.contains("minutes-1-v1.txt"))
            }
        }
    }
}

@Suite struct MinutesCommandTests {
    @Test func verifySaysWhoSealedAGoodFileAndRefusesABadOneInOneLine() throws {
        let pair = AuditCheckpoint.newKeyPair()
        let facts = MinutesFacts(
            assembly: 4, version: 2, title: "AGM", startsAt: Date(timeIntervalSince1970: 1_790_000_000), place: "Hall", online: "",
            called: 3, inPerson: ["Ana"], presentOnline: [], proxies: [], agenda: [.init(number: 1, title: "Paint")], additions: "")
        let file = try Minutes.seal(
            text: Minutes.text(facts),
            signers: [.init(role: "chair", name: "Ana", at: Date()), .init(role: "officer", name: "Bo", at: Date())],
            at: Date(timeIntervalSince1970: 1_790_020_000), privateKey: pair.privateKey)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("minutes-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        func write(_ name: String, _ bytes: [UInt8]) throws -> String {
            let p = dir.appendingPathComponent(name).path
            try Data(bytes).write(to: URL(fileURLWithPath: p))
            return p
        }
        let good = try write("good.txt", Array(file.utf8))
        let line = try MinutesVerifyCommand.check(path: good, key: nil).get()
        #expect(line.contains("sealed by \(pair.publicKey) on 21 Sep 2026, 19:46 UTC") && line.hasSuffix(", 2 signers"))
        #expect((try? MinutesVerifyCommand.check(path: good, key: pair.publicKey).get()) != nil)
        var changed = Array(file.utf8)
        changed[30] ^= 1
        for (name, bytes) in [
            ("changed.txt", changed), ("cut.txt", Array(file.utf8.prefix(200))), ("garbage.txt", [0xff, 0x00, 0x41]),
        ] {
            guard case .failure(let e) = MinutesVerifyCommand.check(path: try write(name, bytes), key: nil) else {
                Issue.record("\(name) verified")
                continue
            }
            #expect(!e.description.contains("\n"))
        }
        #expect(throws: Never.self) { _ = try MinutesVerifyCommand.parse(["x.txt"]) }
        guard case .failure = MinutesVerifyCommand.check(path: good, key: AuditCheckpoint.newKeyPair().publicKey) else {
            Issue.record("a file sealed by another key passed as the co-op's")
            return
        }
        guard case .failure(let missing) = MinutesVerifyCommand.check(path: dir.appendingPathComponent("none").path, key: nil) else {
            Issue.record("a missing file verified")
            return
        }
        #expect(missing.description.hasPrefix("cannot read"))
        #expect(
            CoopCommand.helpMessage(for: MinutesVerifyCommand.self).contains("FILE")
                || CoopCommand.helpMessage(for: MinutesVerifyCommand.self).contains("<file>"))
    }
}
