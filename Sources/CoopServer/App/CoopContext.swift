import CoopCore
import Fluent
import Foundation
import SQLKit
import Synchronization
import Vapor

/// The co-op's shared state in one process: configuration, the write gate, and the bylaws in force.
final class CoopContext: Sendable {
    let config: AppConfig
    let gate = WriteGate()
    /// Ballots wait here for the next write transaction (group commit).
    let ballotBox = BallotBox()
    /// Orders wait here for the next write transaction (group commit, a fixed number of statements).
    let orderBox = OrderBox()
    /// Proposals whose vote has opened, by number, for casting ballots: none of what is kept
    /// changes after opening.
    let openProposals = Mutex<[Int: BallotBox.OpenProposal]>([:])
    private let cachedBylaws = Mutex<(version: Int, bylaws: Bylaws)?>(nil)
    /// Listings held in memory for search.
    let search: SearchCache
    /// Bcrypt's own bounded thread pool.
    let passwords = Passwords()
    /// When expired sessions and old login attempts were last swept.
    let lastSweep = Mutex<Date?>(nil)
    /// Proposals whose last step failed, with when to try again and the wait before that.
    let stuck = Mutex<[UUID: (until: Date, wait: Double)]>([:])

    init(config: AppConfig) {
        self.config = config
        search = SearchCache(refresh: config.searchRefresh)
    }

    /// The bylaws in force, from the latest stored version; nil before founding. Checked against
    /// the database at most every `searchRefresh` interval, and at once after this process wrote
    /// (bylaws change only by an amendment's transaction).
    func bylaws(on db: any Database) async throws -> Bylaws? {
        let now = ContinuousClock.now
        let wasDirty = bylawsDirty.exchange(false, ordering: .relaxed)
        if !wasDirty, let (b, checked) = bylawsChecked.withLock({ $0 }), now - checked < config.searchRefresh { return b }
        guard let b = try await latestBylaws(on: db) else { return nil }
        bylawsChecked.withLock { $0 = (b, now) }
        return b
    }

    private let bylawsDirty = Atomic<Bool>(true)
    private let bylawsChecked = Mutex<(Bylaws, ContinuousClock.Instant)?>(nil)

    private func latestBylaws(on db: any Database) async throws -> Bylaws? {
        // The latest version's number in plain SQL: asked on most requests after a write.
        struct Latest: Decodable { let version: Int? }
        guard let sql = db as? any SQLDatabase,
            let latest = try await sql.raw("SELECT MAX(version) AS version FROM bylaws_versions").first(decoding: Latest.self)?.version
        else { return nil }
        if let cached = cachedBylaws.withLock({ $0 }), cached.version == latest { return cached.bylaws }
        guard let record = try await BylawsVersionRecord.query(on: db).filter(\.$version == latest).first()
        else { return nil }
        let bylaws = try BylawsFile.parse(record.text)
        cachedBylaws.withLock { $0 = (record.version, bylaws) }
        return bylaws
    }

    /// Runs a state change in a database transaction, serialized with every other state change:
    /// in-process for SQLite (one writer), by an advisory lock for PostgreSQL (across processes).
    ///
    /// Group commit: the changes that arrive while a transaction runs wait and go together in the
    /// next one, each in its own savepoint. A change that fails is rolled back to its savepoint
    /// alone; the caller of each is answered only once the transaction holding it has committed
    /// (or failed as a whole). One commit, and one flush to disk, serves many changes.
    ///
    /// On SQLite the transaction begins IMMEDIATE, taking the write lock before its first read: a
    /// deferred one that had read a snapshot could not write after another connection's commit
    /// (a login attempt or a session saved meanwhile) and would fail with "database is locked".
    func write<T: Sendable>(on db: any Database, _ body: @escaping @Sendable (any Database) async throws -> T)
        async throws -> T
    {
        defer {
            search.changed()
            bylawsDirty.store(true, ordering: .relaxed)
        }
        return try await gate.submit(db: db, body)
    }
}

/// The queue of state changes waiting for the next transaction (see ``CoopContext/write(on:_:)``).
actor WriteGate {
    private struct Job: Sendable {
        let run: @Sendable (any Database) async throws -> any Sendable
        let done: CheckedContinuation<any Sendable, any Error>
    }

    /// The most changes one transaction takes.
    static let batchLimit = 64
    private var queue: [Job] = []
    private var busy = false

    func submit<T: Sendable>(db: any Database, _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        let value = try await withCheckedThrowingContinuation { (done: CheckedContinuation<any Sendable, any Error>) in
            queue.append(Job(run: { try await body($0) }, done: done))
            if !busy {
                busy = true
                Task { await self.drain(db) }
            }
        }
        guard let result = value as? T else { throw Abort(.internalServerError, reason: "a write returned the wrong type") }
        return result
    }

    private func drain(_ db: any Database) async {
        while !queue.isEmpty {
            let batch = Array(queue.prefix(Self.batchLimit))
            queue.removeFirst(batch.count)
            let results = await Self.transaction(batch, on: db)
            for (job, result) in zip(batch, results) { job.done.resume(with: result) }
        }
        busy = false
    }

    /// Runs the batch in one transaction; each job's result, or every job's error if it fails whole.
    private static func transaction(_ batch: [Job], on db: any Database) async -> [Result<any Sendable, any Error>] {
        // Each job in a savepoint, when there are several: one that fails is undone alone.
        @Sendable func jobs(_ conn: any Database) async throws -> [Result<any Sendable, any Error>] {
            guard batch.count > 1 else { return [.success(try await batch[0].run(conn))] }
            let sql = conn as! any SQLDatabase
            var results: [Result<any Sendable, any Error>] = []
            for job in batch {
                try await sql.raw("SAVEPOINT coop_write").run()
                do {
                    let value = try await job.run(conn)
                    try await sql.raw("RELEASE SAVEPOINT coop_write").run()
                    results.append(.success(value))
                } catch {
                    try await sql.raw("ROLLBACK TO SAVEPOINT coop_write").run()
                    try await sql.raw("RELEASE SAVEPOINT coop_write").run()
                    results.append(.failure(error))
                }
            }
            return results
        }
        do {
            if let sql = db as? any SQLDatabase, sql.dialect.name == "sqlite" {
                return try await db.withConnection { conn in
                    let raw = conn as! any SQLDatabase
                    try await raw.raw("BEGIN IMMEDIATE").run()
                    do {
                        let results = try await jobs(conn)
                        try await raw.raw("COMMIT").run()
                        return results
                    } catch {
                        try? await raw.raw("ROLLBACK").run()
                        throw error
                    }
                }
            }
            return try await db.transaction { tx in
                if let sql = tx as? any SQLDatabase, sql.dialect.name == "postgresql" {
                    try await sql.raw("SELECT pg_advisory_xact_lock(720180)").run()
                }
                return try await jobs(tx)
            }
        } catch {
            return batch.map { _ in .failure(error) }
        }
    }
}

struct CoopContextKey: StorageKey {
    typealias Value = CoopContext
}

extension Application {
    var coop: CoopContext {
        guard let c = storage[CoopContextKey.self] else { fatalError("configure(_:config:) was not called") }
        return c
    }
}

extension Request {
    var coop: CoopContext { application.coop }
    var now: Date { coop.config.now() }

    /// The bylaws in force; a 503 before the co-op is founded.
    func bylaws() async throws -> Bylaws {
        guard let b = try await coop.bylaws(on: db) else {
            throw Abort(.serviceUnavailable, reason: "This co-op has not been founded yet.")
        }
        return b
    }

    func write<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        try await coop.write(on: db, body)
    }
}

extension Date {
    /// Milliseconds since 1970, saturating rather than trapping far outside ``InputBounds``
    /// (requests cannot carry such dates; this only keeps a bad stored value from stopping the process).
    var millis: Int64 {
        let ms = (timeIntervalSince1970 * 1000).rounded(.down)
        guard ms.isFinite else { return ms > 0 ? .max : .min }
        return Int64(exactly: ms) ?? (ms > 0 ? .max : .min)
    }
}
