import CoopCore
import CoopStore
import Fluent
import Foundation
import Synchronization
import Vapor

/// The co-op's shared state in one process: configuration, the write gate, and the bylaws in force.
/// Public so that tools outside the server (`coop-bench`) write through the same gate.
public final class CoopContext: Sendable {
    /// The configuration the application was built with.
    public let config: AppConfig
    /// One write transaction at a time, whichever queue it comes from.
    let gate = WriteGate()
    /// State changes of every kind wait here for the next write transaction (group commit).
    let writes: GroupCommit<Change, any Sendable>
    /// Ballots wait here for the next write transaction (group commit, a fixed number of statements).
    let ballots: GroupCommit<BallotStore.Cast, BallotStore.Receipt>
    /// Orders wait here for the next write transaction (group commit, a fixed number of statements).
    let orders: GroupCommit<OrderStore.Placement, OrderRecord>
    /// Proposals whose vote has opened, by number, for casting ballots: none of what is kept
    /// changes after opening.
    let openProposals = BallotStore.OpenProposals()
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
        let search = SearchCache(refresh: config.searchRefresh)
        self.search = search
        let bylawsDirty = DirtyFlag()
        self.bylawsDirty = bylawsDirty
        writes = GroupCommit(limit: 64, gate: gate) {
            search.changed()
            bylawsDirty.set()
        }
        ballots = GroupCommit(limit: BallotStore.batchLimit, gate: gate) { try await BallotStore.record($0, on: $1) }
        orders = GroupCommit(limit: OrderStore.batchLimit, gate: gate, committed: { search.changed() }) {
            try await OrderStore.record($0, on: $1)
        }
    }

    /// The bylaws in force, from the latest stored version; nil before founding. Checked against
    /// the database at most every `searchRefresh` interval, and at once after this process wrote
    /// (bylaws change only by an amendment's transaction). `db` is made only when the database is
    /// asked (a request's `db` is built anew on each use, and most pages ask for the bylaws often).
    public func bylaws(on db: @autoclosure () -> any Database) async throws -> Bylaws? {
        let now = ContinuousClock.now
        let wasDirty = bylawsDirty.take()
        if !wasDirty, let (b, checked) = bylawsChecked.withLock({ $0 }), now - checked < config.searchRefresh { return b }
        guard let b = try await latestBylaws(on: db()) else { return nil }
        bylawsChecked.withLock { $0 = (b, now) }
        return b
    }

    private let bylawsDirty: DirtyFlag
    private let bylawsChecked = Mutex<(Bylaws, ContinuousClock.Instant)?>(nil)

    private func latestBylaws(on db: any Database) async throws -> Bylaws? {
        guard let latest = try await BylawsQueries.latestVersion(on: db) else { return nil }
        if let cached = cachedBylaws.withLock({ $0 }), cached.version == latest { return cached.bylaws }
        guard let text = try await BylawsQueries.text(version: latest, on: db) else { return nil }
        let bylaws = try BylawsFile.parse(text)
        cachedBylaws.withLock { $0 = (latest, bylaws) }
        return bylaws
    }

    /// Runs a state change in a database transaction, serialized with every other state change
    /// (``WriteGate``): the changes that arrive while a transaction runs go together in the next
    /// one, each in its own savepoint (``GroupCommit``, ``Change``). The caller is answered once
    /// the transaction holding its change has committed.
    public func write<T: Sendable>(on db: any Database, _ body: @escaping @Sendable (any Database) async throws -> T)
        async throws -> T
    {
        try await writes.write(on: db, body)
    }
}

/// A flag one side sets and the other takes (the bylaws may have changed since they were read).
final class DirtyFlag: Sendable {
    private let dirty = Atomic<Bool>(true)

    func set() { dirty.store(true, ordering: .relaxed) }

    /// Whether it was set, clearing it.
    func take() -> Bool { dirty.exchange(false, ordering: .relaxed) }
}

struct CoopContextKey: StorageKey {
    typealias Value = CoopContext
}

extension Application {
    /// The co-op's shared state, set by ``configure(_:config:)``; calling it before is a programming error.
    public var coop: CoopContext {
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
            throw Abort(.serviceUnavailable, reason: t("This co-op has not been founded yet."))
        }
        return b
    }

    /// Runs `body` in the shared write transaction. The writer runs it in its own task, so the
    /// request's language is carried in: a refusal written there is in the page's language.
    func write<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        let catalog = Lang.catalog
        return try await coop.write(on: db) { db in try await Lang.$catalog.withValue(catalog) { try await body(db) } }
    }
}
