/// How the audit chain commits to ballots without linking them to when, or in what order, they
/// were cast (DESIGN §3; the argument is in `docs/governance.md`).
///
/// - **While the vote is open**, each cast (or change) puts on the chain a *hiding* commitment:
///   the SHA-256 of the ballot's content, its receipt hash and a random 256-bit nonce kept only
///   in the ballot's row. Without the nonce nobody can test a commitment against a ballot, so the
///   public chain says only "a ballot was cast at this time". With the rows, `coop audit verify`
///   recomputes every commitment: a ballot edited in the database no longer matches.
/// - **At close**, the count first checks the box against those commitments, then puts on the
///   chain the box's *digest*: SHA-256 over the sorted leaf hashes of the counted ballots (receipt
///   hash and content), which anyone can recompute from the public bulletin board. The nonces are
///   then erased and the rows rewritten in random order, so that after close nothing in the
///   database ties a bulletin ballot to its cast entry, its time or its voter's row.
public enum BallotCommitment {
    /// The commitment a cast entry carries.
    public static func commit(proposal: String, nonce: String, receiptHash: String?, content: String) -> String {
        sha256Hex("coop-ballot-v1\n\(proposal)\n\(nonce)\n\(receiptHash ?? "")\n\(content)")
    }

    /// One counted ballot as the bulletin board shows it (its receipt hash, or none for an open
    /// ballot, and its content).
    public static func leaf(receiptHash: String?, content: String) -> String {
        sha256Hex("coop-bulletin-v1\n\(receiptHash ?? "")\n\(content)")
    }

    /// The digest of a box of counted ballots: independent of the order they are given in.
    public static func boxDigest(leaves: [String]) -> String {
        var text = "coop-box-v1\n\(leaves.count)\n"
        for leaf in leaves.sorted() { text += leaf + "\n" }
        return sha256Hex(text)
    }

    /// A fresh 256-bit nonce, as 64 hex digits.
    public static func newNonce() -> String {
        var g = SystemRandomNumberGenerator()
        let words = (g.next(), g.next(), g.next(), g.next())
        return withUnsafeBytes(of: words) { Hex.encode(Array($0)) }
    }

    /// Compares what the chain committed to with what the box holds; nil when they agree, or the
    /// reason. `committed` are the commitments of every cast and change, `replaced` those a
    /// change superseded; `stored` are the commitments recomputed from every row of the box.
    public static func compare(committed: [String], replaced: [String], stored: [String]) -> Words? {
        var expected: [String: Int] = [:]
        for c in committed { expected[c, default: 0] += 1 }
        var found: [String: Int] = [:]
        for c in stored { found[c, default: 0] += 1 }
        let missing = expected.reduce(0) { $0 + max($1.value - (found[$1.key] ?? 0), 0) }
        let unknown = found.reduce(0) { $0 + max($1.value - (expected[$1.key] ?? 0), 0) }
        guard missing == 0 && unknown == 0 else {
            return Words(
                "%1$s stored ballot(s) match no commitment on the audit chain and %2$s committed ballot(s) are not stored as committed",
                .text(String(unknown)), .text(String(missing)))
        }
        for r in replaced where expected[r] == nil { return Words("a change replaces a ballot the chain never committed to") }
        return nil
    }
}
