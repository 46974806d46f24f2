import CoopCore
import CoopStore
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import CoopServer

extension Server {
    /// Every page a browser can open renders, for a person allowed to see it, on a co-op built by
    /// the fixtures (not the demo): each GET route of `SiteURL`, with real values.
    @Suite struct EveryPageTests {
        @Test func everyGETPageRendersForSomeoneAllowedToSeeIt() async throws {
            let clock = TestClock()
            try await withCoop(founded: false, configure: { $0.now = { clock.now } }) { app async throws in
                let coop = try await Fixture.coop(app)
                let maker = try await coop.member("Mo Maker")
                let listing = try await coop.listing(by: maker, title: "Window cleaning", price: "25.00")
                // The steward (a worker too) lists something with a photo: their own listing's page to manage it.
                let own = try await coop.listing(by: coop.steward, title: "Steward's ironing", price: "25.00")
                let stewardUser = try #require(try await UserStore.user(email: Fixture.stewardEmail, on: app.db))
                let stewardMember = try #require(try await MembershipQueries.membership(ofUser: try stewardUser.requireID(), on: app.db))
                let photo = try await ListingPhotoStore.add(
                    TestImages.png, alt: "An iron", to: own, by: try stewardMember.requireID(), on: app.db, at: clock.now)
                let customer = try await coop.member("Cy Customer", class: "user")
                let placed = try await customer.send(
                    .POST, APIPath.orders.fullPath, raw: #"{"listing":"\#(listing.uuidString)","quantity":60}"#)
                try #require(placed.status == .created, "\(placed.body.string)")
                struct Numbered: Decodable { let number: Int }
                let order = try placed.content.decode(Numbered.self).number
                let job = try await coop.steward.send(
                    .POST, APIPath.jobs.fullPath,
                    raw: #"{"category":"cleaning","title":"Clean the stairs","budget":"60.00","estimatedMinutes":120}"#)
                try #require(job.status == .created, "\(job.body.string)")
                let jobNumber = try job.content.decode(Numbered.self).number
                let proposal = try await coop.proposal(
                    by: maker, ["kind": "policy_change", "title": "A lower fee", "policy": "platform_fee", "value": "8%"])
                let file = try #require(OpenData.datasets.first).id + ".csv"
                let module = try await ModuleStore.publish(
                    title: "Food hygiene", text: "Wash.", questions: try LearningModule.quiz("? q\n* a\n- b"),
                    author: try stewardMember.requireID(), on: app.db, at: clock.now)
                var steward = Browser(app)
                try await steward.logIn(Fixture.stewardEmail, Fixture.password)
                var voted = false
                let stewardID = try #require(try await UserStore.user(email: Fixture.stewardEmail, on: app.db)?.id)
                let unsubscribe = UnsubscribeToken(user: stewardID, kind: .message, expires: clock.now.addingTimeInterval(86_400 * 30))
                    .encoded(key: try await NotificationStore.mailKey(on: app.db))
                for _ in 0..<16 {  // past the discussion and the vote: the bulletin board opens at the close
                    clock.advance(days: 1)
                    try await Governance.advance(app: app)
                    // The steward votes once it opens, so this browser keeps a receipt to download.
                    if !voted, try await steward.get(SiteURL.proposal(proposal).path).body.string.contains(#"id="ballot""#) {
                        let cast = try await steward.post(SiteURL.proposalBallot(proposal).path, ["choice": "yes"])
                        try #require(cast.status == .seeOther, "\(cast.body.string.prefix(300))")
                        voted = true
                    }
                }
                try #require(voted)
                try await steward.logIn(Fixture.stewardEmail, Fixture.password)  // the session idled out meanwhile

                // The assembly's agenda: a proposal still in discussion.
                let agendaItem = try await coop.proposal(
                    by: maker, ["kind": "policy_change", "title": "A higher fee", "policy": "platform_fee", "value": "11%"])
                let now = clock.now
                let assembly = try await app.coop.write(on: app.db) { db in
                    var g = SystemRandomNumberGenerator()
                    let c = AssemblyStore.Convocation(
                        title: "AGM", startsAt: now.addingTimeInterval(20 * 86_400), place: "Hall", online: "", agenda: [agendaItem])
                    return try await AssemblyStore.convene(c, by: stewardID, on: db, at: now, random: &g).number
                }

                // The assembly meets; the steward signs its minutes as chair and Mo, made a steward, countersigns:
                // a sealed file exists to download.
                let mo = try await AssemblyTests.membership(AssemblyTests.email("Mo Maker"), on: app.db)
                mo.steward = true
                try await mo.save(on: app.db)
                let minutesFile = try await app.coop.write(on: app.db) { db in
                    let a = try #require(try await AssemblyStore.find(number: assembly, on: db))
                    a.status = .open
                    a.openedAt = now
                    try await a.save(on: db)
                    _ = try await AssemblyStore.signMinutes(a, additions: "Thanks.", by: stewardID, as: stewardMember, on: db, at: now)
                    let sealed = try await AssemblyStore.countersignMinutes(a, version: 1, by: mo.userID, as: mo, on: db, at: now)
                    return MinutesPages.fileName(assembly, sealed.version)
                }
                let assemblyID = try #require(try await AssemblyStore.find(number: assembly, on: app.db)).requireID()
                let moCode = try #require(try await AssemblyStore.called(try mo.requireID(), to: assemblyID, on: app.db)).code

                // Every GET route, with values that exist. A case missing here fails the check below.
                let pages: [SiteURL] = [
                    .home, .bylaws, .signup, .login, .join, .membership, .members, .steward, .audit, .proposals, .newProposal,
                    .proposal(proposal), .proposalBulletin(proposal), .proposalBulletinCSV(proposal), .listings, .newListing,
                    .listing(listing), .editListing(own), .photo(photo.id, ListingPhotos.fileName(photo)), .orders, .order(order), .jobs,
                    .newJob, .job(jobNumber), .dashboard,
                    .finances, .period(1), .stewardFinances, .statement, .statementCSV, .openData,
                    .openDataFile(file), .myData, .myDataJSON, .stylesheet, .healthz, .openAPI, .proposalReceipt(proposal),
                    .notifications, .notificationSettings, .unsubscribe(unsubscribe),
                    .listingBook(listing), .calendar, .assemblies, .newAssembly, .assembly(assembly), .handbook, .modules, .module(module),
                    .assemblyMinutes(assembly), .assemblyMinutesFile(assembly, minutesFile), .assemblyCheckInLink(assembly, moCode),
                    .workerSkills(try stewardMember.requireID()),
                ]
                let everyGET = Set(
                    SiteURLTests.samples.filter { $0.definition.methods.contains(.GET) }.map { "\(SiteURL.pattern($0))" })
                #expect(Set(pages.map { "\(SiteURL.pattern($0))" }) == everyGET, "every GET route is opened here")

                for url in pages {
                    let res = try await steward.get(url.path)
                    #expect(res.status == .ok, "GET \(url.path): \(res.status) \(res.body.string.prefix(300))")
                    #expect(!res.body.string.isEmpty, "GET \(url.path) is empty")
                }
            }
        }
    }
}
