import Crypto

/// Something that happened and must stay on the record: its kind and a canonical payload.
public struct AuditEvent: Hashable, Sendable {
    /// The kind, such as `founded`, `member.admitted`, `ledger.posted`.
    public let kind: String
    /// The event's data.
    public let payload: CanonicalValue

    /// Creates an event with an object payload.
    public init(kind: String, _ payload: [String: CanonicalValue]) {
        self.kind = kind
        self.payload = .object(payload)
    }
}

/// One stored link of the audit chain.
public struct AuditEntry: Hashable, Sendable, Codable {
    /// Position in the chain, from 1.
    public let sequence: Int64
    /// When it was appended, in milliseconds since 1970 (UTC).
    public let timestampMillis: Int64
    /// The event kind.
    public let kind: String
    /// The canonical JSON text of the event's payload, as hashed.
    public let payload: String
    /// The hash of the entry before (64 zeros for the first).
    public let previousHash: String
    /// SHA-256 over all of the above, hex.
    public let hash: String

    /// Creates an entry as stored (for reading back).
    public init(
        sequence: Int64, timestampMillis: Int64, kind: String, payload: String, previousHash: String, hash: String
    ) {
        self.sequence = sequence
        self.timestampMillis = timestampMillis
        self.kind = kind
        self.payload = payload
        self.previousHash = previousHash
        self.hash = hash
    }
}

/// The rules of the audit chain: how an entry's hash is made and how a chain is checked.
public enum AuditChain {
    /// The previous hash of the first entry.
    public static let genesisHash = String(repeating: "0", count: 64)

    /// The hash an entry must carry.
    public static func hash(
        sequence: Int64, timestampMillis: Int64, kind: String, payload: String, previousHash: String
    ) -> String {
        let text = "coop-audit-v1\n\(sequence)\n\(timestampMillis)\n\(kind)\n\(previousHash)\n\(payload)"
        return sha256Hex(text)
    }

    /// The entry that follows `head` (nil for an empty chain) for an event at a given time.
    public static func append(_ event: AuditEvent, after head: AuditEntry?, at timestampMillis: Int64) -> AuditEntry {
        let sequence = (head?.sequence ?? 0) + 1
        let previous = head?.hash ?? genesisHash
        let payload = event.payload.canonicalText
        return AuditEntry(
            sequence: sequence, timestampMillis: timestampMillis, kind: event.kind, payload: payload,
            previousHash: previous,
            hash: hash(
                sequence: sequence, timestampMillis: timestampMillis, kind: event.kind, payload: payload,
                previousHash: previous))
    }

    /// Checks a chain read in sequence order; returns the first problem, or nil when it holds.
    public static func verify(_ entries: some Sequence<AuditEntry>) -> AuditFailure? {
        var verifier = Verifier()
        for entry in entries {
            if let failure = verifier.check(entry) { return failure }
        }
        return nil
    }

    /// Checks a chain one entry at a time, so a long chain need not be held in memory.
    public struct Verifier: Sendable {
        private var expectedSequence: Int64 = 1
        private var previousHash = AuditChain.genesisHash
        /// How many entries have been checked.
        public private(set) var count: Int64 = 0
        /// The hash of the last entry checked.
        public var head: String { previousHash }

        /// A verifier at the start of a chain.
        public init() {}

        /// Checks the next entry; returns the problem, or nil when the entry holds.
        public mutating func check(_ entry: AuditEntry) -> AuditFailure? {
            guard entry.sequence == expectedSequence else {
                return AuditFailure(sequence: entry.sequence, words: Words("expected entry %s here", .text("\(expectedSequence)")))
            }
            guard entry.previousHash == previousHash else {
                return AuditFailure(sequence: entry.sequence, words: Words("previous hash does not match entry before"))
            }
            let recomputed = AuditChain.hash(
                sequence: entry.sequence, timestampMillis: entry.timestampMillis, kind: entry.kind,
                payload: entry.payload, previousHash: entry.previousHash)
            guard recomputed == entry.hash else {
                return AuditFailure(sequence: entry.sequence, words: Words("hash does not match its contents"))
            }
            expectedSequence += 1
            previousHash = entry.hash
            count += 1
            return nil
        }
    }
}

/// The first entry of a chain that does not verify, and why.
public struct AuditFailure: Error, Equatable, Sendable, CustomStringConvertible {
    /// The sequence number of the bad entry.
    public let sequence: Int64
    /// What is wrong with it, as words for the reader's language (`coop audit verify`).
    public let words: Words

    /// Creates a failure report.
    public init(sequence: Int64, words: Words) {
        self.sequence = sequence
        self.words = words
    }

    /// A failure report whose reason is English text from elsewhere, kept as it is.
    public init(sequence: Int64, reason: String) { self.init(sequence: sequence, words: .verbatim(reason)) }

    /// What is wrong with it, in English.
    public var reason: String { words.english }

    /// The sequence and reason, as words: `audit entry 42: hash does not match its contents`.
    public var line: Words { Words("audit entry %1$s: %2$s", .text("\(sequence)"), .notice(words)) }

    /// The sequence and reason in English.
    public var description: String { line.english }

    /// The same entry and the same reason in English.
    public static func == (a: AuditFailure, b: AuditFailure) -> Bool { a.sequence == b.sequence && a.reason == b.reason }
}

/// The SHA-256 of a text's UTF-8 bytes, as 64 lowercase hex digits.
public func sha256Hex(_ text: String) -> String {
    let digest = SHA256.hash(data: Array(text.utf8))
    let digits = Array("0123456789abcdef".utf8)
    return String(unsafeUninitializedCapacity: 64) { out in
        var i = 0
        for byte in digest {
            out[i] = digits[Int(byte >> 4)]
            out[i + 1] = digits[Int(byte & 0x0f)]
            i += 2
        }
        return 64
    }
}
