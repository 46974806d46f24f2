import CoopCore
import FluentKit
import SQLKit

/// One write transaction at a time: in this process by waiting in turn, and across processes on
/// PostgreSQL by an advisory lock taken first in each transaction.
///
/// On SQLite the transaction begins IMMEDIATE, taking the write lock before its first read: a
/// deferred one that had read a snapshot could not write after another connection's commit (a
/// login attempt or a session saved meanwhile) and would fail with "database is locked".
public actor WriteGate {
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []
    /// How many transactions have asked for the gate (for tests: a step that should write nothing
    /// must not take it).
    public private(set) var entered = 0

    /// A gate with no transaction under way.
    public init() {}

    private func enter() async {
        entered += 1
        guard busy else {
            busy = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func leave() {
        if waiting.isEmpty { busy = false } else { waiting.removeFirst().resume() }
    }

    /// Runs `body` in one write transaction, after every transaction that asked before it.
    public func transaction<T: Sendable>(on db: any Database, _ body: @escaping @Sendable (any Database) async throws -> T)
        async throws -> T
    {
        await enter()
        defer { leave() }
        let sql = try db.sql()
        if sql.dialect.name == "sqlite" {
            return try await db.withConnection { conn in
                let raw = try conn.sql()
                try await raw.raw("BEGIN IMMEDIATE").run()
                do {
                    let value = try await body(conn)
                    try await raw.raw("COMMIT").run()
                    return value
                } catch {
                    try? await raw.raw("ROLLBACK").run()
                    throw error
                }
            }
        }
        return try await db.transaction { tx in
            if sql.dialect.name == "postgresql" {
                try await tx.sql().raw("SELECT pg_advisory_xact_lock(720180)").run()
            }
            return try await body(tx)
        }
    }
}

/// Group commit: jobs that arrive while a transaction runs wait, and go together in the next one.
/// One commit, and one flush to disk, serves many jobs; each caller is answered only once the
/// transaction holding its job has committed (or failed as a whole).
///
/// `record` writes a whole batch in the transaction it is given and returns one result per job,
/// in order: a job it refuses must write nothing. Every write path of Coop is one of these,
/// sharing one ``WriteGate``, so batches of different kinds never run at once and none waits in
/// another's queue.
public actor GroupCommit<Job: Sendable, Output: Sendable> {
    /// Writes a batch in the given transaction; one result per job, in order.
    public typealias Record = @Sendable ([Job], any Database) async throws -> [Result<Output, any Error>]

    private let limit: Int
    private let gate: WriteGate
    private let record: Record
    private let committed: @Sendable () -> Void
    private var pending: [(job: Job, reply: CheckedContinuation<Output, any Error>)] = []
    private var draining = false

    /// A queue whose batches hold at most `limit` jobs, written by `record` through `gate`;
    /// `committed` runs after each batch's transaction has ended (to refresh caches).
    public init(limit: Int, gate: WriteGate, committed: @escaping @Sendable () -> Void = {}, record: @escaping Record) {
        precondition(limit >= 1, "a batch holds at least one job")
        self.limit = limit
        self.gate = gate
        self.committed = committed
        self.record = record
    }

    /// Queues a job and returns its result once the transaction holding it has committed. A
    /// caller that is cancelled meanwhile does not withdraw its job: once queued, it is written
    /// or refused like any other, and the queue goes on.
    public func submit(_ job: Job, on db: any Database) async throws -> Output {
        try await withCheckedThrowingContinuation { reply in
            pending.append((job, reply))
            if !draining {
                draining = true
                Task { await drain(on: db) }
            }
        }
    }

    /// How many jobs wait for the next transaction.
    public var waiting: Int { pending.count }

    private func drain(on db: any Database) async {
        while !pending.isEmpty {
            let batch = Array(pending.prefix(limit))
            pending.removeFirst(batch.count)
            let jobs = batch.map(\.job)
            let record = self.record
            var results: [Result<Output, any Error>]
            do {
                results = try await gate.transaction(on: db) { tx in try await record(jobs, tx) }
                if results.count != jobs.count {
                    results = jobs.map { _ in .failure(CoopError.storage("A batch was answered for the wrong number of jobs.")) }
                }
            } catch {
                // Nothing of the batch was committed: every caller in it is told so.
                results = jobs.map { _ in .failure(error) }
            }
            committed()
            for (entry, result) in zip(batch, results) { entry.reply.resume(with: result) }
        }
        draining = false
    }
}

/// A state change of any kind, for the general write queue: each runs in its own savepoint.
public struct Change: Sendable {
    /// The change's body; what it returns is the caller's result.
    public let run: @Sendable (any Database) async throws -> any Sendable

    /// A change whose body runs inside the batch's transaction.
    public init(_ run: @escaping @Sendable (any Database) async throws -> any Sendable) { self.run = run }

    /// Runs each change in its own savepoint when there are several: one that fails is undone
    /// alone, and the others commit.
    public static func record(_ batch: [Change], on db: any Database) async throws -> [Result<any Sendable, any Error>] {
        // Alone, a change that fails takes the transaction with it: no savepoint is needed.
        guard batch.count > 1 else { return [.success(try await batch[0].run(db))] }
        let sql = try db.sql()
        var results: [Result<any Sendable, any Error>] = []
        for change in batch {
            try await sql.raw("SAVEPOINT coop_write").run()
            do {
                let value = try await change.run(db)
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
}

extension GroupCommit where Job == Change, Output == any Sendable {
    /// A queue of general state changes, each in its own savepoint.
    public init(limit: Int, gate: WriteGate, committed: @escaping @Sendable () -> Void = {}) {
        self.init(limit: limit, gate: gate, committed: committed, record: { try await Change.record($0, on: $1) })
    }

    /// Runs `body` in the next transaction and returns what it returned.
    public func write<T: Sendable>(on db: any Database, _ body: @escaping @Sendable (any Database) async throws -> T)
        async throws -> T
    {
        let value = try await submit(Change { try await body($0) }, on: db)
        guard let result = value as? T else { throw CoopError.storage("A write returned the wrong type.") }
        return result
    }
}
