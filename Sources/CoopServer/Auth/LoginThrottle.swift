import CoopCore
import CoopStore
import Foundation
import Vapor

/// Throttles password guessing and sign-ups.
///
/// An attempt is **counted before it is checked**, in one serialized write: it is stored as a
/// failure, and turned into a success only once the password matched. So parallel attempts are
/// counted one after another, and the limit holds however many arrive at once: with 5 failures
/// allowed per account, 30 parallel wrong passwords give five 401s and twenty-five 429s.
enum LoginThrottle {
    /// Reserves a login attempt for the account and the address, or refuses it (429) when either
    /// has reached its limit of failures within the window. The ids of the attempt's rows.
    static func reserveLogin(email: String, address: String, req: Request) async throws -> [UUID] {
        let config = req.coop.config
        return try await reserve(
            [
                (key: "account:\(email)", limit: config.loginFailuresPerAccount, what: t("failed logins for this account")),
                (key: "address:\(address)", limit: config.loginFailuresPerAddress, what: t("failed logins from this address")),
            ], window: config.loginWindow, failuresOnly: true, req: req)
    }

    /// Reserves a sign-up from the address, or refuses it (429) past the limit within the window.
    static func reserveSignup(address: String, req: Request) async throws {
        let config = req.coop.config
        _ = try await reserve(
            [(key: "signup:\(address)", limit: config.signupsPerAddress, what: t("sign-ups from this address"))],
            window: config.signupWindow, failuresOnly: false, req: req)
    }

    /// Marks a reserved attempt as succeeded: it no longer counts as a failure.
    static func succeeded(_ ids: [UUID], req: Request) async throws {
        guard !ids.isEmpty else { return }
        try await req.write { db in try await LoginAttemptStore.succeeded(ids, on: db) }
    }

    private static func reserve(
        _ keys: [(key: String, limit: Int, what: String)], window: TimeInterval, failuresOnly: Bool, req: Request
    ) async throws -> [UUID] {
        let now = req.now
        let since = now.addingTimeInterval(-window)
        return try await req.write { db in
            for k in keys {
                if try await LoginAttemptStore.count(key: k.key, since: since, failuresOnly: failuresOnly, on: db) >= k.limit {
                    throw Abort(
                        .tooManyRequests, headers: ["Retry-After": String(Int(window))],
                        reason: t("Too many %1$s; try again in %2$s.", k.what, tn("%d minute", "%d minutes", max(Int(window / 60), 1))))
                }
            }
            var ids: [UUID] = []
            for k in keys { ids.append(try await LoginAttemptStore.record(key: k.key, on: db, at: now)) }
            return ids
        }
    }

    /// Forgets attempts older than the longest window (the scheduler's sweep).
    static func sweep(app: Application) async throws {
        let config = app.coop.config
        let before = config.now().addingTimeInterval(-max(config.loginWindow, config.signupWindow))
        try await app.coop.write(on: app.db) { db in try await LoginAttemptStore.forget(before: before, on: db) }
    }
}

/// Which peers may tell us the client's address in `X-Forwarded-For` (`--trusted-proxy CIDR`).
struct TrustedProxies: Sendable {
    let networks: [Network]

    /// An IPv4 or IPv6 network, `ADDRESS/PREFIX` (a bare address is one host).
    struct Network: Sendable, Equatable {
        let bytes: [UInt8]
        let prefix: Int

        init?(_ text: String) {
            let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard let first = parts.first, let bytes = TrustedProxies.parse(first) else { return nil }
            let bits = bytes.count * 8
            if parts.count == 2 {
                guard let p = Int(parts[1]), (0...bits).contains(p) else { return nil }
                prefix = p
            } else {
                prefix = bits
            }
            self.bytes = bytes
        }

        func contains(_ address: [UInt8]) -> Bool {
            guard address.count == bytes.count else { return false }
            var left = prefix
            for i in 0..<bytes.count where left > 0 {
                let n = min(left, 8)
                let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - n))
                if address[i] & mask != bytes[i] & mask { return false }
                left -= n
            }
            return true
        }
    }

    init(_ networks: [Network] = []) { self.networks = networks }

    func trusts(_ address: String) -> Bool {
        guard let bytes = Self.parse(address) else { return false }
        return networks.contains { $0.contains(bytes) }
    }

    /// The client's address: the peer's, unless the peer is a trusted proxy; then the nearest
    /// address in `X-Forwarded-For` (read from the right) that is not itself a trusted proxy.
    func client(peer: String?, forwardedFor: [String]) -> String {
        guard let peer else { return "unknown" }
        guard trusts(peer) else { return peer }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        for hop in hops.reversed() where !trusts(hop) {
            return Self.parse(hop) == nil ? peer : hop
        }
        return hops.first.flatMap { Self.parse($0) == nil ? nil : $0 } ?? peer
    }

    /// An IPv4 (4 bytes) or IPv6 (16 bytes) address.
    static func parse(_ text: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 { return withUnsafeBytes(of: &v6) { Array($0) } }
        return nil
    }
}

extension Request {
    /// The client's address, behind the trusted proxies if any (``TrustedProxies``).
    var clientAddress: String {
        coop.config.trustedProxies.client(peer: remoteAddress?.ipAddress, forwardedFor: headers[.xForwardedFor])
    }
}
