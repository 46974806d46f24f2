import Fluent
import Foundation
import Vapor

/// Throttles password guessing: too many failures for one account, or from one address, within
/// the window, and further attempts are refused with 429 until the window moves on.
enum LoginThrottle {
    static func check(email: String, address: String, config: AppConfig, on db: any Database, at now: Date) async throws {
        let since = now.addingTimeInterval(-config.loginWindow)
        for (key, limit) in [("account:\(email)", config.loginFailuresPerAccount), ("address:\(address)", config.loginFailuresPerAddress)] {
            let failures = try await LoginAttemptRecord.query(on: db).filter(\.$key == key)
                .filter(\.$at >= since).filter(\.$succeeded == false).count()
            if failures >= limit {
                throw Abort(
                    .tooManyRequests,
                    reason:
                        "Too many failed logins for this \(key.hasPrefix("account") ? "account" : "address"); try again in \(Int(config.loginWindow / 60)) minutes."
                )
            }
        }
    }

    static func record(email: String, address: String, succeeded: Bool, on db: any Database, at now: Date) async throws {
        try await LoginAttemptRecord(key: "account:\(email)", at: now, succeeded: succeeded).create(on: db)
        try await LoginAttemptRecord(key: "address:\(address)", at: now, succeeded: succeeded).create(on: db)
    }
}

extension Request {
    var clientAddress: String { remoteAddress?.ipAddress ?? "unknown" }
}
