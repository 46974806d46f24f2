import CoopCore
import Testing

@Suite struct AuditChainTests {
    func chain(_ n: Int) -> [AuditEntry] {
        var entries: [AuditEntry] = []
        for i in 0..<n {
            entries.append(
                AuditChain.append(AuditEvent(kind: "k\(i)", ["i": .int(Int64(i)), "who": "ana"]), after: entries.last, at: Int64(1000 + i)))
        }
        return entries
    }

    @Test func aChainVerifies() {
        let entries = chain(20)
        #expect(AuditChain.verify(entries) == nil)
        #expect(entries[0].previousHash == AuditChain.genesisHash)
        #expect(entries[5].previousHash == entries[4].hash)
    }

    @Test func changingAnyFieldOfAnyEntryIsFound() {
        let entries = chain(6)
        for i in entries.indices {
            let e = entries[i]
            let tampered = [
                AuditEntry(
                    sequence: e.sequence, timestampMillis: e.timestampMillis + 1, kind: e.kind, payload: e.payload,
                    previousHash: e.previousHash, hash: e.hash),
                AuditEntry(
                    sequence: e.sequence, timestampMillis: e.timestampMillis, kind: e.kind + "x", payload: e.payload,
                    previousHash: e.previousHash, hash: e.hash),
                AuditEntry(
                    sequence: e.sequence, timestampMillis: e.timestampMillis, kind: e.kind,
                    payload: e.payload.replacingOccurrences(of: "ana", with: "bob"), previousHash: e.previousHash, hash: e.hash),
            ]
            for t in tampered {
                var copy = entries
                copy[i] = t
                #expect(AuditChain.verify(copy)?.sequence == e.sequence)
            }
        }
    }

    @Test func rehashingATamperedEntryBreaksTheNextLink() {
        var entries = chain(4)
        let e = entries[1]
        let payload = #"{"i":1,"who":"mallory"}"#
        let hash = AuditChain.hash(
            sequence: e.sequence, timestampMillis: e.timestampMillis, kind: e.kind, payload: payload, previousHash: e.previousHash)
        entries[1] = AuditEntry(
            sequence: e.sequence, timestampMillis: e.timestampMillis, kind: e.kind, payload: payload, previousHash: e.previousHash,
            hash: hash)
        #expect(AuditChain.verify(entries) == AuditFailure(sequence: 3, reason: "previous hash does not match entry before"))
    }

    @Test func aMissingEntryIsFound() {
        var entries = chain(5)
        entries.remove(at: 2)
        #expect(AuditChain.verify(entries)?.sequence == 4)
    }

    @Test func canonicalTextSortsKeysAndEscapes() {
        let v: CanonicalValue = ["b": 1, "a": ["x", true, .null], "é": "line\n\"q\"\u{1}"]
        #expect(v.canonicalText == #"{"a":["x",true,null],"b":1,"é":"line\n\"q\"\u0001"}"#)
    }
}
