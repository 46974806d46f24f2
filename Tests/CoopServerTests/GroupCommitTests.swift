import CoopCore
import CoopStore
import Fluent
import Foundation
import SQLKit
import Synchronization
import Testing
import Vapor

@testable import CoopServer

extension Server {
    /// The one group commit (``GroupCommit``) and the batch writers of ballots and orders, called
    /// directly, without HTTP: batches that mix accepted and refused jobs, a job that throws, and a
    /// caller that gives up.
    @Suite struct GroupCommitTests {
        /// A gate held shut until `open()`, so that the jobs sent meanwhile go in one batch.
        final class Latch: Sendable {
            private let opened = Mutex<(Bool, [CheckedContinuation<Void, Never>])>((false, []))

            func wait() async {
                await withCheckedContinuation { c in
                    let resumeNow = opened.withLock { state -> Bool in
                        if state.0 { return true }
                        state.1.append(c)
                        return false
                    }
                    if resumeNow { c.resume() }
                }
            }

            func open() {
                for c in opened.withLock({ state -> [CheckedContinuation<Void, Never>] in
                    state.0 = true
                    defer { state.1 = [] }
                    return state.1
                }) { c.resume() }
            }
        }

        /// How many batches are inside a transaction at once, and the most there ever were.
        final class Inside: Sendable {
            private let state = Mutex((now: 0, most: 0))

            func enter() {
                state.withLock {
                    $0.now += 1
                    $0.most = max($0.most, $0.now)
                }
            }

            func leave() { state.withLock { $0.now -= 1 } }

            var most: Int { state.withLock { $0.most } }
        }

        func scratchTable(_ app: Application) async throws {
            try await (app.db as! any SQLDatabase).raw("CREATE TABLE scratch (v INTEGER NOT NULL)").run()
        }

        func scratch(_ app: Application) async throws -> [Int] {
            try await (app.db as! any SQLDatabase).raw("SELECT v FROM scratch ORDER BY v").all().map {
                try $0.decode(column: "v", as: Int.self)
            }
        }

        func insert(_ v: Int) -> Change {
            Change { db in
                try await (db as! any SQLDatabase).raw("INSERT INTO scratch (v) VALUES (\(bind: v))").run()
                return v
            }
        }

        /// Waits until `queue` holds `n` jobs behind the batch under way.
        func waitFor<J, O>(_ n: Int, in queue: GroupCommit<J, O>) async throws {
            for _ in 0..<500 where await queue.waiting < n { try await Task.sleep(for: .milliseconds(5)) }
            #expect(await queue.waiting == n)
        }

        @Test func aChangeThatThrowsInABatchIsUndoneAloneAndTheOthersCommit() async throws {
            try await withCoop(founded: false) { app async throws in
                try await scratchTable(app)
                let sizes = Mutex<[Int]>([])
                let queue = GroupCommit<Change, any Sendable>(limit: 64, gate: WriteGate()) { batch, db in
                    sizes.withLock { $0.append(batch.count) }
                    return try await Change.record(batch, on: db)
                }
                let latch = Latch()
                let started = Latch()
                // The first change holds the transaction open while the next four queue.
                async let first = queue.submit(
                    Change { db in
                        started.open()
                        await latch.wait()
                        try await (db as! any SQLDatabase).raw("INSERT INTO scratch (v) VALUES (0)").run()
                        return 0
                    }, on: app.db)
                await started.wait()  // the holder's transaction is under way
                async let a = queue.submit(insert(1), on: app.db)
                async let b = queue.submit(
                    Change { db in
                        try await (db as! any SQLDatabase).raw("INSERT INTO scratch (v) VALUES (2)").run()
                        throw CoopError.conflict("no")
                    }, on: app.db)
                async let c = queue.submit(insert(3), on: app.db)
                async let d = queue.submit(insert(4), on: app.db)
                try await waitFor(4, in: queue)
                latch.open()
                #expect(try await first as? Int == 0)
                #expect(try await a as? Int == 1)
                do {
                    _ = try await b
                    Issue.record("a change that threw was answered with success")
                } catch let e as CoopError { #expect(e == .conflict("no")) }
                #expect(try await c as? Int == 3)
                #expect(try await d as? Int == 4)
                #expect(sizes.withLock { $0 } == [1, 4], "the four that waited went in one batch")
                #expect(try await scratch(app) == [0, 1, 3, 4], "the thrower's insert was undone, and only it")
            }
        }

        @Test func aLoneChangeThatThrowsWritesNothing() async throws {
            try await withCoop(founded: false) { app async throws in
                try await scratchTable(app)
                let queue = GroupCommit<Change, any Sendable>(limit: 64, gate: WriteGate())
                await #expect(throws: CoopError.invalid("x")) {
                    try await queue.write(on: app.db) { db in
                        try await (db as! any SQLDatabase).raw("INSERT INTO scratch (v) VALUES (9)").run()
                        throw CoopError.invalid("x")
                    }
                }
                #expect(try await scratch(app) == [])
            }
        }

        @Test func aCallerThatGivesUpStillHasItsJobWrittenAndTheQueueGoesOn() async throws {
            try await withCoop(founded: false) { app async throws in
                try await scratchTable(app)
                let queue = GroupCommit<Change, any Sendable>(limit: 64, gate: WriteGate())
                let latch = Latch()
                let started = Latch()
                let holder = Task {
                    try await queue.submit(
                        Change { _ in
                            started.open()
                            await latch.wait()
                            return 0
                        }, on: app.db)
                }
                await started.wait()  // the holder's transaction is under way
                let quitter = Task { try await queue.submit(insert(1), on: app.db) }
                try await waitFor(1, in: queue)
                quitter.cancel()
                latch.open()
                _ = try await holder.value
                // Once queued, a job is written like any other; its caller hears when it is done.
                #expect(try await quitter.value as? Int == 1)
                #expect(
                    try await queue.write(on: app.db) { db in
                        try await (db as! any SQLDatabase).raw("INSERT INTO scratch (v) VALUES (2)").run()
                        return 2
                    } == 2)
                #expect(try await scratch(app) == [1, 2])
            }
        }

        @Test func queuesOfDifferentKindsNeverWriteAtOnce() async throws {
            try await withCoop(founded: false) { app async throws in
                try await scratchTable(app)
                let gate = WriteGate()
                let inside = Inside()
                @Sendable func enter() { inside.enter() }
                @Sendable func leave() { inside.leave() }
                let one = GroupCommit<Int, Int>(limit: 4, gate: gate) { batch, db in
                    enter()
                    defer { leave() }
                    try await Task.sleep(for: .milliseconds(2))
                    return batch.map { .success($0) }
                }
                let two = GroupCommit<Change, any Sendable>(limit: 4, gate: gate)
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for i in 0..<40 {
                        group.addTask { _ = try await one.submit(i, on: app.db) }
                        group.addTask {
                            _ = try await two.write(on: app.db) { db in
                                enter()
                                defer { leave() }
                                try await (db as! any SQLDatabase).raw("INSERT INTO scratch (v) VALUES (\(bind: i))").run()
                            }
                        }
                    }
                    try await group.waitForAll()
                }
                #expect(inside.most == 1)
                #expect(try await scratch(app).count == 40, "every write sent was written")
            }
        }

        @Test func aBatchOfOrdersStopsWhereTheStockRunsOut() async throws {
            try await withCoop(founded: false) { app async throws in
                let coop = try await Fixture.coop(app)
                let maker = try await coop.member("Mo Maker")
                let id = try await coop.listing(by: maker, title: "Jar of honey", kind: "good", unit: "per_item", price: "6.00", stock: 5)
                _ = try await coop.member("Cy Customer", class: "user")
                let offer = try #require(try await OrderStore.offer(id, on: app.db))
                let customer = try #require(
                    try await UserRecord.query(on: app.db).filter(\.$email == "cy.customer@fixture.test").first()
                ).requireID()
                func placing(_ quantity: Int64) -> OrderStore.Placement {
                    OrderStore.Placement(
                        offer: offer, customer: customer, quantity: quantity, scheduledAt: nil, note: "", unlisted: false,
                        currency: coop.bylaws.currency, at: Date())
                }
                let auditBefore = try await count("audit_entries", on: app)
                // 2 + 2 fit in 5; the third 2 does not, the 1 after it still does; the 0 is refused.
                let batch = [placing(2), placing(2), placing(2), placing(1), placing(0)]
                let results = try await app.coop.gate.transaction(on: app.db) { db in try await OrderStore.record(batch, on: db) }
                #expect(results.map { (try? $0.get()) != nil } == [true, true, false, true, false])
                if case .failure(let e as CoopError) = results[2] { #expect(e == .conflict("Only 1 left; order fewer.")) }
                #expect(try await ListingRecord.find(id, on: app.db)?.stock == 0)
                #expect(try await count("orders", on: app) == 3)
                #expect(try await count("audit_entries", on: app) == auditBefore + 3, "one entry per order placed, none for refusals")
                #expect(results.compactMap { try? $0.get().number } == [1, 2, 3], "placed orders are numbered in turn, without gaps")
                #expect(try await AuditLog.verify(on: app.db).get().count == Int64(try await count("audit_entries", on: app)))
            }
        }

        @Test func aBatchOfBallotsCountsTheSameVoterOnce() async throws {
            let clock = TestClock()
            try await withCoop(founded: false, configure: { $0.now = { clock.now } }) { app async throws in
                let coop = try await Fixture.coop(app)
                let ana = try await coop.member("Ana Able")
                _ = try await coop.member("Bo Baker")
                let number = try await coop.proposal(
                    by: ana, ["kind": "policy_change", "title": "A lower fee", "policy": "platform_fee", "value": "8%"])
                for _ in 0..<8 {  // past the discussion, one day at a time: voting opens
                    clock.advance(days: 1)
                    try await Governance.advance(app: app)
                }
                let open = try await BallotStore.openProposal(
                    number: number, on: app.db as! any SQLDatabase, cache: BallotStore.OpenProposals())
                func user(_ email: String) async throws -> UUID {
                    try #require(try await UserRecord.query(on: app.db).filter(\.$email == email).first()).requireID()
                }
                let a = try await user("ana.able@fixture.test")
                let b = try await user("bo.baker@fixture.test")
                let now = clock.now
                func casting(_ voter: BallotStore.Voter, _ choice: String) -> BallotStore.Cast {
                    BallotStore.Cast(proposal: open, voter: voter, content: .choice(choice), at: now)
                }
                let batch = [
                    casting(.user(a), "yes"), casting(.user(a), "no"), casting(.user(b), "no"),
                    casting(.token(hash: String(repeating: "0", count: 64)), "yes"), casting(.user(UUID()), "yes"),
                ]
                let results = try await app.coop.gate.transaction(on: app.db) { db in try await BallotStore.record(batch, on: db) }
                #expect(results.map { (try? $0.get()) != nil } == [true, false, true, false, false])
                if case .failure(let e as CoopError) = results[1] { #expect(e.reason.contains("already voted")) }
                if case .failure(let e as CoopError) = results[3] { #expect(e == .unauthorized("Log in first.")) }
                if case .failure(let e as CoopError) = results[4] { #expect(e == .forbidden("Only admitted members can vote.")) }
                #expect(try await count("ballots", on: app) == 2)
                #expect(try await AuditLog.verify(on: app.db).get().count == Int64(try await count("audit_entries", on: app)))
            }
        }
    }
}
