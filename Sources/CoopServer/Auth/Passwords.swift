import CoopStore
import Foundation
import NIOPosix
import Synchronization
import Vapor

/// Bcrypt on a thread pool of its own, bounded: hashing is slow by design, and on the shared
/// pool (where SQLite's work runs) a burst of sign-ups or logins would stall every other request.
/// Past ``maxWaiting`` hashes in flight, more are refused at once with 503 rather than queued.
final class Passwords: Sendable {
    static let maxWaiting = 64
    private let pool: NIOThreadPool
    private let inFlight = Atomic<Int>(0)

    init(threads: Int = max(1, System.coreCount - 1)) {
        pool = NIOThreadPool(numberOfThreads: threads)
        pool.start()
    }

    func shutdown() async { try? await pool.shutdownGracefully() }

    private func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        let (_, now) = inFlight.add(1, ordering: .relaxed)
        defer { inFlight.subtract(1, ordering: .relaxed) }
        guard now <= Self.maxWaiting else {
            throw Abort(
                .serviceUnavailable, headers: ["Retry-After": "5"],
                reason: t("The server is busy checking passwords; try again in a moment."))
        }
        return try await pool.runIfActive(work)
    }

    func hash(_ password: String, cost: Int) async throws -> String {
        try await run { try Bcrypt.hash(password, cost: cost) }
    }

    func verify(_ password: String, hash: String) async throws -> Bool {
        try await run { (try? Bcrypt.verify(password, created: hash)) ?? false }
    }
}

/// Shuts the password pool down with the application.
struct PasswordsLifecycle: LifecycleHandler {
    let passwords: Passwords
    func shutdownAsync(_ application: Application) async { await passwords.shutdown() }
}
