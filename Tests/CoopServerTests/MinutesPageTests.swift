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
