import Crypto
import Foundation

/// The token in a mail's unsubscribe link: who it is for, which kind it turns off (or all optional
/// mail), and until when, signed with the co-op's mail key (HMAC-SHA256). It lets its holder turn
/// off that one member's mail and nothing else; it cannot be made for anyone else without the key.
public struct UnsubscribeToken: Sendable, Equatable {
    /// The user whose mail it turns off.
    public let user: UUID
    /// The kind it turns off; nil: every kind that may be turned off.
    public let kind: NotificationKind?
    /// When it stops working.
    public let expires: Date

    /// How long a mail's link works.
    public static let lifetime: TimeInterval = 90 * 86_400

    /// A token for `user` and `kind` (nil: all optional mail), working until `expires`.
    public init(user: UUID, kind: NotificationKind?, expires: Date) {
        self.user = user
        self.kind = kind
        self.expires = Date(timeIntervalSince1970: expires.timeIntervalSince1970.rounded(.down))
    }

    /// The token as it goes into a URL: `payload.signature`, both base64url.
    public func encoded(key: [UInt8]) -> String {
        let payload = "\(user.uuidString.lowercased()):\(kind?.rawValue ?? "all"):\(Int64(expires.timeIntervalSince1970))"
        let mac = HMAC<SHA256>.authenticationCode(for: Data(payload.utf8), using: SymmetricKey(data: key))
        return Self.base64url(Data(payload.utf8)) + "." + Self.base64url(Data(mac))
    }

    /// Reads and checks a token: its signature with `key`, then its expiry against `now`.
    public static func verify(_ token: String, key: [UInt8], now: Date) throws(CoopError) -> UnsubscribeToken {
        let invalid = CoopError.notFound("This unsubscribe link is not valid. Log in to choose which mail you get.")
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard token.count <= 512, parts.count == 2, let payload = unbase64url(String(parts[0])),
            let mac = unbase64url(String(parts[1]))
        else { throw invalid }
        guard HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: payload, using: SymmetricKey(data: key)) else {
            throw invalid
        }
        let fields = String(decoding: payload, as: UTF8.self).split(separator: ":").map(String.init)
        guard fields.count == 3, let user = UUID(uuidString: fields[0]), let seconds = Int64(fields[2]) else { throw invalid }
        let kind: NotificationKind?
        if fields[1] == "all" {
            kind = nil
        } else {
            guard let k = NotificationKind(rawValue: fields[1]) else { throw invalid }
            kind = k
        }
        let t = UnsubscribeToken(user: user, kind: kind, expires: Date(timeIntervalSince1970: Double(seconds)))
        guard now < t.expires else {
            throw CoopError.conflict("This unsubscribe link has expired. Log in to choose which mail you get.")
        }
        return t
    }

    static func base64url(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func unbase64url(_ text: String) -> Data? {
        guard text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else { return nil }
        var s = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while s.count % 4 != 0 { s += "=" }
        return Data(base64Encoded: s)
    }
}
