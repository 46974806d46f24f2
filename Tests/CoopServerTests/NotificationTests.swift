import CoopCore
import CoopStore
import Fluent
import Foundation
import SQLKit
import Synchronization
import Testing
import Vapor
import VaporTesting

@testable import CoopServer

/// A transport that records every mail handed to it, and fails while told to.
final class RecordingTransport: MailTransport {
    private let state = Mutex<(sent: [MailMessage], failures: Int, attempts: Int)>(([], 0, 0))
    var sent: [MailMessage] { state.withLock { $0.sent } }
    var attempts: Int { state.withLock { $0.attempts } }
    func fail(_ times: Int) { state.withLock { $0.failures = times } }

    func deliver(_ message: MailMessage, envelopeFrom: String) async throws {
        try state.withLock { s in
            s.attempts += 1
            if s.failures > 0 {
                s.failures -= 1
                throw SMTPError(description: "the mail server is down (test)")
            }
            s.sent.append(message)
        }
    }
}

extension Server {
    @Suite struct NotificationTests {
        struct Numbered: Decodable { let number: Int }

        func userID(_ email: String, _ app: Application) async throws -> UUID {
            try #require(try await UserStore.user(email: email, on: app.db)?.id)
        }

        func rows(_ table: String, where clause: String = "", _ app: Application) async throws -> Int {
            struct Row: Decodable { let n: Int }
            let sql = app.db as! any SQLDatabase
            return try await sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table) \(unsafeRaw: clause)").first(decoding: Row.self)?.n
                ?? -1
        }

        /// A co-op with a worker's listing and a customer: the worker's user id, the listing, and both clients.
        func marketplace(_ app: Application) async throws -> (
            coop: Fixture, worker: APIClient, workerID: UUID, customer: APIClient, listing: UUID
        ) {
            let coop = try await Fixture.coop(app)
            let worker = try await coop.member("Mo Maker")
            let listing = try await coop.listing(by: worker, title: "Window cleaning", price: "25.00")
            let customer = try await coop.member("Cy Customer", class: "user")
            return (coop, worker, try await userID("mo.maker@fixture.test", app), customer, listing)
        }

        func order(_ customer: APIClient, _ listing: UUID) async throws -> Int {
            let placed = try await customer.send(
                .POST, APIPath.orders.fullPath, raw: #"{"listing":"\#(listing.uuidString)","quantity":60}"#)
            try #require(placed.status == .created, "\(placed.body.string)")
            return try placed.content.decode(Numbered.self).number
        }

        @Test func placingAnOrderWritesTheWorkersNotificationAndItsMailWithTheOrder() async throws {
            try await withCoop(founded: false) { app async throws in
                let m = try await marketplace(app)
                let before = try await rows("notifications", app)
                let n = try await order(m.customer, m.listing)
                let items = try await NotificationStore.list(of: m.workerID, on: app.db)
                let item = try #require(items.first { $0.kind == .orderToAccept })
                #expect(item.target == .order(n) && item.subject.contains("Order #\(n) to accept: Window cleaning"))
                let orderID = try #require(try await OrderRecord.query(on: app.db).filter(\.$number == n).first()?.id)
                let mail = try await MailOutbox.rows(of: m.workerID, on: app.db).filter { $0.kind == "order_to_accept" }
                #expect(mail.count == 1 && mail[0].status == "pending")
                #expect(mail[0].message_key == MailMessageID.key(event: "order:\(orderID.uuidString):placed", recipient: m.workerID))
                #expect(try await NotificationStore.unreadCount(of: m.workerID, on: app.db) == items.count { !$0.read })

                // A refused order (the worker ordering their own listing) writes no notification.
                let afterOne = try await rows("notifications", app)
                #expect(afterOne == before + 1)
                let own = try await m.worker.send(
                    .POST, APIPath.orders.fullPath, raw: #"{"listing":"\#(m.listing.uuidString)","quantity":60}"#)
                #expect(own.status.code >= 400)
                #expect(try await rows("notifications", app) == afterOne)
            }
        }

        @Test func aMessageAndAPaymentNotifyTheOtherParty() async throws {
            try await withCoop(founded: false) { app async throws in
                let m = try await marketplace(app)
                let n = try await order(m.customer, m.listing)
                let number = String(n)
                let wrote = try await m.customer.send(
                    .POST, APIPath.orderMessages.fullPath.replacingOccurrences(of: "{number}", with: number), json: ["body": "Ring twice"])
                #expect(wrote.status.code < 300, "\(wrote.body.string)")
                let paid = try await m.customer.send(
                    .POST, APIPath.orderPayment.fullPath.replacingOccurrences(of: "{number}", with: number), json: ["gateway": "test"])
                #expect(paid.status == .created, "\(paid.body.string)")
                let kinds = try await NotificationStore.list(of: m.workerID, on: app.db).map(\.kind)
                #expect(kinds.contains(.message) && kinds.contains(.paymentConfirmed), "\(kinds)")
                let message = try #require(try await NotificationStore.list(of: m.workerID, on: app.db).first { $0.kind == .message })
                #expect(message.body.contains("Ring twice"))
            }
        }

        @Test func erasureRemovesAPersonsWordsFromOthersNotificationsAndTheirOwnNotifications() async throws {
            try await withCoop(founded: false) { app async throws in
                let m = try await marketplace(app)
                let fay = try await m.coop.person("Fay Visitor")
                let fayID = try await userID("fay.visitor@fixture.test", app)
                let n = try await order(fay, m.listing)
                let path = { (p: APIPath) in p.fullPath.replacingOccurrences(of: "{number}", with: String(n)) }
                #expect(try await fay.send(.POST, path(.orderMessages), json: ["body": "My flat is at Secret Street 5"]).status.code < 300)
                #expect(try await m.worker.send(.POST, path(.orderMessages), json: ["body": "Noted"]).status.code < 300)
                #expect(try await fay.send(.POST, path(.orderActions), json: ["action": "cancel"]).status == .ok)
                #expect(try await NotificationStore.list(of: fayID, on: app.db).contains { $0.kind == .message })
                // Her export holds her notifications and mail choices.
                var browser = Browser(app)
                try await browser.logIn("fay.visitor@fixture.test", Fixture.password)
                let export = try await browser.get(SiteURL.myDataJSON.path).body.string
                #expect(export.contains("\"mailChoices\"") && export.contains("New message on order #\(n)"))
                let erased = try await fay.send(
                    .POST, APIPath.myDataErase.fullPath, json: ["password": Fixture.password, "confirm": "yes"])
                #expect(erased.status == .noContent, "\(erased.body.string)")
                let workers = try await NotificationStore.list(of: m.workerID, on: app.db).filter { $0.kind == .message }
                #expect(workers.count == 1 && workers[0].body == MyDataStore.erased && !workers[0].subject.contains("Secret"))
                #expect(try await NotificationStore.list(of: fayID, on: app.db).isEmpty)
                #expect(try await MailOutbox.rows(of: fayID, on: app.db).isEmpty)
                let pending = try await MailOutbox.rows(of: m.workerID, on: app.db).filter { $0.kind == "message" }
                #expect(pending.allSatisfy { $0.status == "cancelled" }, "\(pending)")
            }
        }

        @Test func aJobOfferTellsTheWorkerWhenItExpires() async throws {
            try await withCoop { app async throws in
                let dev = try await APIClient.login(app, "dev@demo.coop")
                let posted = try await dev.send(.POST, APIPath.jobs.fullPath, raw: JobTests.windowsJob)
                #expect(posted.status == .created, "\(posted.body.string)")
                let number = try posted.content.decode(Numbered.self).number
                let sam = try await userID("sam@demo.coop", app)
                let offer = try #require(try await NotificationStore.list(of: sam, on: app.db).first { $0.kind == .jobOffered })
                #expect(offer.target == .job(number) && offer.subject.contains("Job #\(number) offered to you: Clean the windows"))
                #expect(offer.body.contains("The offer expires at "), "\(offer.body)")
                #expect(try await MailOutbox.rows(of: sam, on: app.db).contains { $0.kind == "job_offered" && $0.status == "pending" })
            }
        }

        @Test func mailIsRetriedWithBackoffAndSentOnceWithTheSameMessageID() async throws {
            let clock = TestClock()
            try await withCoop(founded: false, configure: { $0.now = { clock.now } }) { app async throws in
                let transport = RecordingTransport()
                app.storage[MailTransportKey.self] = transport
                let m = try await marketplace(app)
                _ = try await order(m.customer, m.listing)
                transport.fail(2)
                try await NotificationMail.step(app: app)
                let first = try await MailOutbox.rows(of: m.workerID, on: app.db).first { $0.kind == "order_to_accept" }
                #expect(first?.status == "pending" && first?.attempts == 1 && first?.last_error?.contains("down") == true)
                // Not again before the backoff's wait (30 s), then again after it.
                try await NotificationMail.step(app: app)
                let attemptsSoFar = transport.attempts
                clock.advance(hours: 10.0 / 3600)
                try await NotificationMail.step(app: app)
                #expect(transport.attempts == attemptsSoFar, "tried before its backoff")
                clock.advance(hours: 1)
                try await NotificationMail.step(app: app)
                clock.advance(hours: 1)
                try await NotificationMail.step(app: app)
                clock.advance(hours: 1)
                try await NotificationMail.step(app: app)
                let row = try #require(try await MailOutbox.rows(of: m.workerID, on: app.db).first { $0.kind == "order_to_accept" })
                #expect(row.status == "sent" && row.attempts == 3, "\(row)")
                let toWorker = transport.sent.filter { $0.to == "mo.maker@fixture.test" && $0.subject.contains("to accept") }
                #expect(toWorker.count == 1)
                #expect(toWorker.first?.messageID == MailMessageID.header(key: row.message_key, domain: "localhost"))
                let ids = transport.sent.map(\.messageID)
                #expect(Set(ids).count == ids.count, "no Message-ID sent twice")
            }
        }

        @Test func twoProcessesOnOneDatabaseSendEachMailOnce() async throws {
            try await withCoop(founded: false) { app async throws in
                let m = try await marketplace(app)
                for _ in 0..<6 { _ = try await order(m.customer, m.listing) }
                // A second process: its own application, gate and transport, on the same database.
                let second = try await Application.make(.testing)
                second.logger.logLevel = .warning
                do {
                    try await CoopServer.configure(second, config: app.coop.config)
                    let one = RecordingTransport(), two = RecordingTransport()
                    app.storage[MailTransportKey.self] = one
                    second.storage[MailTransportKey.self] = two
                    async let a: Void = NotificationMail.step(app: app)
                    async let b: Void = NotificationMail.step(app: second)
                    _ = try await (a, b)
                    try await NotificationMail.step(app: second)
                    let ids = (one.sent + two.sent).map(\.messageID)
                    let rows = try await MailOutbox.rows(of: nil, on: app.db)
                    #expect(Set(ids).count == ids.count, "a mail was sent by both processes")
                    #expect(ids.count == rows.count && rows.allSatisfy { $0.status == "sent" }, "\(rows.map(\.status))")
                } catch {
                    try? await second.asyncShutdown()
                    throw error
                }
                try await second.asyncShutdown()
            }
        }

        @Test func whenTheServerFailsTheRestOfTheBatchWaitsUnattempted() async throws {
            let clock = TestClock()
            try await withCoop(founded: false, configure: { $0.now = { clock.now } }) { app async throws in
                let transport = RecordingTransport()
                app.storage[MailTransportKey.self] = transport
                let m = try await marketplace(app)
                try await NotificationMail.step(app: app)  // what founding and joining sent
                for _ in 0..<3 { _ = try await order(m.customer, m.listing) }
                let before = transport.attempts
                transport.fail(1)
                try await NotificationMail.step(app: app)
                #expect(transport.attempts == before + 1, "one attempt, not one timeout per mail")
                let rows = try await MailOutbox.rows(of: m.workerID, on: app.db).filter { $0.kind == "order_to_accept" }
                #expect(rows.count == 3 && rows.allSatisfy { $0.status == "pending" })
                #expect(rows.map(\.attempts).sorted() == [0, 0, 1], "\(rows.map(\.attempts))")
                try await NotificationMail.step(app: app)  // the two left go now; the failed one after its backoff
                #expect(try await MailOutbox.rows(of: m.workerID, on: app.db).filter { $0.status == "sent" }.count == 2)
                clock.advance(hours: 1)
                try await NotificationMail.step(app: app)
                #expect(try await MailOutbox.rows(of: m.workerID, on: app.db).allSatisfy { $0.status == "sent" })
            }
        }

        @Test func thousandsOfNoticesGoInAFewStatementsAndEachOnce() async throws {
            try await withCoop(founded: false) { app async throws in
                let m = try await marketplace(app)
                let users = [m.workerID, try await userID("cy.customer@fixture.test", app)]
                let notices = (0..<2_500).flatMap { i in
                    users.map {
                        NotificationStore.Notice(
                            recipient: $0, kind: .votingOpened, event: "bulk:\(i)", subject: "Vote \(i)", body: "", target: .proposal(i))
                    }
                }
                let start = ContinuousClock.now
                try await app.coop.write(on: app.db) { db in try await NotificationStore.notify(notices, on: db, at: Date()) }
                // Again (an event's code run twice): nothing doubles.
                try await app.coop.write(on: app.db) { db in try await NotificationStore.notify(notices, on: db, at: Date()) }
                let took = ContinuousClock.now - start
                #expect(try await rows("notifications", where: "WHERE event_key LIKE 'bulk:%'", app) == 5_000)
                #expect(try await rows("mail_outbox", where: "WHERE kind = 'voting_opened'", app) == 5_000)
                #expect(took < .seconds(20), "\(took)")
            }
        }

        @Test func withoutSMTPEachMailIsOneFileUnderTheDataDirectory() async throws {
            try await withCoop(founded: false) { app async throws in
                let m = try await marketplace(app)
                _ = try await order(m.customer, m.listing)
                try await NotificationMail.step(app: app)
                let folder = (app.coop.config.dataDirectory as NSString).appendingPathComponent("mail")
                let files = try FileManager.default.contentsOfDirectory(atPath: folder)
                let row = try #require(try await MailOutbox.rows(of: m.workerID, on: app.db).first { $0.kind == "order_to_accept" })
                let name = "\(row.message_key)@localhost.eml"
                #expect(files.contains(name))
                let text = try String(contentsOfFile: (folder as NSString).appendingPathComponent(name), encoding: .utf8)
                #expect(text.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"))
                #expect(text.contains("To: \"Mo Maker\" <mo.maker@fixture.test>\r\n"))
                // Delivered again (a process killed before marking it sent): the same one file.
                let again = MailMessage(
                    from: "x@y", to: "z@y", toName: "", subject: "other", body: "", date: Date(),
                    messageID: "<\(row.message_key)@localhost>",
                    unsubscribeURL: "")
                try await MailFolder(folder: folder).deliver(again, envelopeFrom: "x@y")
                #expect(try String(contentsOfFile: (folder as NSString).appendingPathComponent(name), encoding: .utf8) == text)
                #expect(try FileManager.default.contentsOfDirectory(atPath: folder).count == files.count)
            }
        }

        @Test func membersChooseThenTheDigestGathersTheirItemsOnceADay() async throws {
            let clock = TestClock()
            try await withCoop(founded: false, configure: { $0.now = { clock.now } }) { app async throws in
                let transport = RecordingTransport()
                app.storage[MailTransportKey.self] = transport
                let m = try await marketplace(app)
                var mo = Browser(app)
                try await mo.logIn("mo.maker@fixture.test", Fixture.password)
                _ = try await mo.get(SiteURL.notificationSettings.path)
                // A required kind cannot be turned off: refused, nothing stored.
                let refused = try await mo.post(SiteURL.notificationSettings.path, ["voting_opened": "never", "order_to_accept": "digest"])
                #expect(refused.status == .badRequest, "\(refused.body.string.prefix(200))")
                #expect(try await rows("notification_preferences", app) == 0)
                let saved = try await mo.post(SiteURL.notificationSettings.path, ["order_to_accept": "digest", "message": "never"])
                #expect(saved.status == .ok && saved.body.string.contains("Saved."))
                let choices = try await NotificationStore.choices(of: m.workerID, on: app.db)
                #expect(choices[.orderToAccept] == .digest && choices[.message] == .never && choices[.votingOpened] == .immediate)

                _ = try await order(m.customer, m.listing)
                _ = try await order(m.customer, m.listing)
                #expect(try await MailOutbox.rows(of: m.workerID, on: app.db).isEmpty, "digest items make no mail at once")
                let schedule = app.coop.config.mail.digest
                let due = schedule.lastDue(atOrBefore: clock.now)
                // Before the next digest hour, nothing is made.
                clock.advance(hours: due.addingTimeInterval(86_400).timeIntervalSince(clock.now) / 3600 - 0.1)
                try await NotificationMail.step(app: app)
                #expect(try await MailOutbox.rows(of: m.workerID, on: app.db).isEmpty)
                clock.advance(hours: 0.2)
                try await NotificationMail.step(app: app)
                try await NotificationMail.step(app: app)
                let digests = try await MailOutbox.rows(of: m.workerID, on: app.db)
                #expect(digests.count == 1 && digests[0].digest_day != nil && digests[0].status == "sent", "\(digests)")
                let mail = try #require(transport.sent.first { $0.to == "mo.maker@fixture.test" })
                #expect(mail.subject.contains("daily digest") && mail.subject.contains("(2)"), "\(mail.subject)")
                #expect(mail.body.components(separatedBy: "to accept: Window cleaning").count == 3)
                // The next day, with nothing new, no digest.
                clock.advance(days: 1)
                try await NotificationMail.step(app: app)
                #expect(try await MailOutbox.rows(of: m.workerID, on: app.db).count == 1)
            }
        }

        @Test func anUnsubscribeLinkTurnsOffOnlyItsOwnersMailAndForgedOrExpiredOnesNothing() async throws {
            let clock = TestClock()
            try await withCoop(founded: false, configure: { $0.now = { clock.now } }) { app async throws in
                let m = try await marketplace(app)
                let other = try await userID("cy.customer@fixture.test", app)
                let key = try await NotificationStore.mailKey(on: app.db)
                let token = UnsubscribeToken(user: m.workerID, kind: .orderToAccept, expires: clock.now.addingTimeInterval(3600))
                let good = token.encoded(key: key)
                let forged = token.encoded(key: Array(repeating: 7, count: 32))
                let tester = try app.testing()
                // Wrong, forged: not found; nothing changes.
                #expect(try await tester.sendRequest(.POST, SiteURL.unsubscribe("garbage").path).status == .notFound)
                #expect(try await tester.sendRequest(.POST, SiteURL.unsubscribe(forged).path).status == .notFound)
                let swapped =
                    String(good.split(separator: ".")[0]).replacingOccurrences(of: "A", with: "B") + "." + good.split(separator: ".")[1]
                #expect(try await tester.sendRequest(.POST, SiteURL.unsubscribe(swapped).path).status == .notFound)
                #expect(try await rows("notification_preferences", app) == 0)
                // GET only asks to confirm.
                let page = try await tester.sendRequest(.GET, SiteURL.unsubscribe(good).path)
                #expect(page.status == .ok && page.body.string.contains("List-Unsubscribe"))
                #expect(try await rows("notification_preferences", app) == 0)
                // One-click POST: no session, no CSRF token.
                var headers = HTTPHeaders()
                headers.contentType = .urlEncodedForm
                let done = try await tester.sendRequest(
                    .POST, SiteURL.unsubscribe(good).path, headers: headers, body: ByteBuffer(string: "List-Unsubscribe=One-Click"))
                #expect(done.status == .ok, "\(done.body.string.prefix(300))")
                #expect(try await NotificationStore.choices(of: m.workerID, on: app.db)[.orderToAccept] == .never)
                #expect(try await NotificationStore.choices(of: other, on: app.db)[.orderToAccept] == .immediate)
                _ = try await order(m.customer, m.listing)
                #expect(try await MailOutbox.rows(of: m.workerID, on: app.db).filter { $0.kind == "order_to_accept" }.isEmpty)
                // After its time, the link is refused.
                clock.advance(hours: 2)
                #expect(try await tester.sendRequest(.POST, SiteURL.unsubscribe(good).path).status == .conflict)
                // A token for a required kind turns off only the optional kinds.
                let all = UnsubscribeToken(user: other, kind: .votingOpened, expires: clock.now.addingTimeInterval(60)).encoded(key: key)
                #expect(try await tester.sendRequest(.POST, SiteURL.unsubscribe(all).path).status == .ok)
                let left = try await NotificationStore.choices(of: other, on: app.db)
                #expect(left[.votingOpened] == .immediate && left[.result] != .never && left[.message] == .never)
            }
        }

        @Test func memberWrittenTextCannotAddAMailHeader() async throws {
            try await withCoop(founded: false) { app async throws in
                let m = try await marketplace(app)
                let now = Date()
                try await app.coop.write(on: app.db) { db in
                    try await NotificationStore.notify(
                        [
                            .init(
                                recipient: m.workerID, kind: .message, event: "test:injection", subject: "Hello\r\nBcc: victim@evil.test",
                                body: "Body\r\n.\r\nBcc: no", target: .order(1))
                        ], on: db, at: now)
                }
                let transport = RecordingTransport()
                app.storage[MailTransportKey.self] = transport
                try await NotificationMail.step(app: app)
                let mail = try #require(transport.sent.first { $0.subject.hasPrefix("Hello") })
                let head = mail.rendered().components(separatedBy: "\r\n\r\n")[0].components(separatedBy: "\r\n")
                #expect(!head.contains { $0.hasPrefix("Bcc:") })
                #expect(head.contains("Subject: HelloBcc: victim@evil.test"))
                #expect(SMTPClient.dotStuffed(mail.rendered()).components(separatedBy: "\r\n").contains(".."))
            }
        }

        @Test func aMemberFollowsAVoteFromOpeningToReminderToResult() async throws {
            let clock = TestClock()
            try await withCoop(founded: false, configure: { $0.now = { clock.now } }) { app async throws in
                let coop = try await Fixture.coop(app)
                let ana = try await coop.member("Ana Author")
                _ = try await coop.member("Bo Voter")
                let anaID = try await userID("ana.author@fixture.test", app)
                let boID = try await userID("bo.voter@fixture.test", app)
                let number = try await coop.proposal(
                    by: ana, ["kind": "policy_change", "title": "A lower fee", "policy": "platform_fee", "value": "8%"])
                var opened = false
                for _ in 0..<14 where !opened {
                    clock.advance(days: 1)
                    try await Governance.advance(app: app)
                    opened = try await NotificationStore.list(of: boID, on: app.db).contains { $0.kind == .votingOpened }
                }
                #expect(opened)
                let members = try await NotificationStore.admittedUsers(on: app.db)
                #expect(try await rows("notifications", where: "WHERE kind = 'voting_opened'", app) == members.count)
                // Ana votes; within the last 24 hours only Bo, who has not, is reminded, once.
                let vote = try await ana.send(
                    .POST, APIPath.proposalBallots.fullPath.replacingOccurrences(of: "{number}", with: String(number)),
                    json: ["choice": "yes"])
                #expect(vote.status.code < 300, "\(vote.body.string)")
                let p = try #require(try await ProposalRecord.query(on: app.db).filter(\.$number == number).first())
                clock.advance(hours: p.votingClosesAt.timeIntervalSince(clock.now) / 3600 - 20)
                try await NotificationMail.step(app: app)
                try await NotificationMail.step(app: app)
                #expect(try await NotificationStore.list(of: boID, on: app.db).count { $0.kind == .voteClosing } == 1)
                #expect(try await NotificationStore.list(of: anaID, on: app.db).allSatisfy { $0.kind != .voteClosing })
                clock.advance(days: 1)
                try await Governance.advance(app: app)
                let result = try #require(try await NotificationStore.list(of: boID, on: app.db).first { $0.kind == .result })
                #expect(result.target == .proposal(number) && result.body.contains("has closed"), "\(result.body)")

                // In the app: the count in the navigation, the list, and opening one marks it read.
                var bo = Browser(app)
                try await bo.logIn("bo.voter@fixture.test", Fixture.password)
                let unread = try await NotificationStore.unreadCount(of: boID, on: app.db)
                #expect(unread >= 3)
                let home = try await bo.get(SiteURL.home.path)
                #expect(home.body.string.contains("Notifications (\(unread) unread)"))
                let list = try await bo.get(SiteURL.notifications.path)
                #expect(list.status == .ok && list.body.string.contains("Result of proposal #\(number)"))
                let opening = try await bo.post(SiteURL.notificationsRead.path, ["id": result.id.uuidString, "open": "1"])
                #expect(opening.status == .seeOther && opening.headers.first(name: .location) == SiteURL.proposal(number).path)
                #expect(try await NotificationStore.unreadCount(of: boID, on: app.db) == unread - 1)
                // Another's notification cannot be marked.
                let anaItem = try #require(try await NotificationStore.list(of: anaID, on: app.db).first)
                _ = try await bo.get(SiteURL.notifications.path)
                #expect(try await bo.post(SiteURL.notificationsRead.path, ["id": anaItem.id.uuidString]).status == .notFound)
                _ = try await bo.get(SiteURL.notifications.path)
                #expect(try await bo.post(SiteURL.notificationsRead.path).status == .seeOther)
                #expect(try await NotificationStore.unreadCount(of: boID, on: app.db) == 0)
                #expect(!(try await bo.get(SiteURL.home.path)).body.string.contains("unread)"))
            }
        }
    }
}
