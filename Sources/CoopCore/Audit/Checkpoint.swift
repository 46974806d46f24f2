import Crypto

/// A signed statement by the co-op that its audit chain had a given head at a given time.
///
/// Anyone who keeps one can later hold the co-op to it: `coop audit verify` fails when the chain
/// no longer holds the entry a checkpoint names, and the signature proves the co-op made it.
public struct AuditCheckpoint: Hashable, Sendable, Codable {
    /// The sequence number of the head entry.
    public let sequence: Int64
    /// That entry's hash.
    public let hash: String
    /// When it was signed, in milliseconds since 1970.
    public let signedAtMillis: Int64
    /// The co-op's Ed25519 public key, 64 hex digits.
    public let publicKey: String
    /// The Ed25519 signature over ``message``, 128 hex digits.
    public let signature: String

    /// Creates a checkpoint as stored.
    public init(sequence: Int64, hash: String, signedAtMillis: Int64, publicKey: String, signature: String) {
        self.sequence = sequence
        self.hash = hash
        self.signedAtMillis = signedAtMillis
        self.publicKey = publicKey
        self.signature = signature
    }

    /// The exact text that is signed.
    public static func message(sequence: Int64, hash: String, signedAtMillis: Int64) -> String {
        "coop-checkpoint-v1\n\(sequence)\n\(hash)\n\(signedAtMillis)"
    }

    /// Signs the head with the co-op's private key (32 bytes, hex).
    public static func sign(sequence: Int64, hash: String, at millis: Int64, privateKey: String) throws -> AuditCheckpoint {
        guard let raw = Hex.decode(privateKey) else { throw CheckpointError.badKey }
        let key = try Curve25519.Signing.PrivateKey(rawRepresentation: raw)
        let signature = try key.signature(for: Array(message(sequence: sequence, hash: hash, signedAtMillis: millis).utf8))
        return AuditCheckpoint(
            sequence: sequence, hash: hash, signedAtMillis: millis, publicKey: Hex.encode(Array(key.publicKey.rawRepresentation)),
            signature: Hex.encode(Array(signature)))
    }

    /// Whether the signature is the given public key's over this checkpoint.
    public func isSigned(by publicKey: String) -> Bool {
        guard publicKey == self.publicKey, let raw = Hex.decode(publicKey), let sig = Hex.decode(signature),
            let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw)
        else { return false }
        return key.isValidSignature(sig, for: Array(Self.message(sequence: sequence, hash: hash, signedAtMillis: signedAtMillis).utf8))
    }

    /// A new Ed25519 key pair: (public, private), hex.
    public static func newKeyPair() -> (publicKey: String, privateKey: String) {
        let key = Curve25519.Signing.PrivateKey()
        return (Hex.encode(Array(key.publicKey.rawRepresentation)), Hex.encode(Array(key.rawRepresentation)))
    }
}

/// A key that cannot be read.
public enum CheckpointError: Error, Sendable {
    /// The private key given to `sign` is not hex digits of whole bytes.
    case badKey
}

/// Lowercase hexadecimal.
public enum Hex {
    /// Bytes as lowercase hex digits.
    public static func encode(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Hex digits (either case) as bytes; nil when the text is not hex of whole bytes.
    public static func decode(_ text: String) -> [UInt8]? {
        let chars = Array(text.utf8)
        guard chars.count % 2 == 0 else { return nil }
        func value(_ c: UInt8) -> UInt8? {
            switch c {
            case 0x30...0x39: c - 0x30
            case 0x61...0x66: c - 0x61 + 10
            case 0x41...0x46: c - 0x41 + 10
            default: nil
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(chars.count / 2)
        var i = 0
        while i < chars.count {
            guard let hi = value(chars[i]), let lo = value(chars[i + 1]) else { return nil }
            out.append(hi << 4 | lo)
            i += 2
        }
        return out
    }
}
