import CoopCore
import Foundation
import Testing

@Suite struct MinutesTests {
    static let facts = MinutesFacts(
        assembly: 2, version: 1, title: "Annual general meeting 2026", startsAt: Date(timeIntervalSince1970: 1_790_000_000),
        place: "Hall 3", online: "", called: 6, inPerson: ["Bo (member #2)", "Ana (member #1)"], presentOnline: ["Cy (member #3)"],
        proxies: [(giver: "Di (member #4)", holder: "Ana (member #1)")],
        agenda: [
            .init(
                number: 5, title: "Amend the bylaws", opened: AttendanceCount(eligible: 6, inPerson: 2, online: 1, byProxy: 1),
                quorumBasisPoints: 5000, quorumMet: true,
                result: .init(passed: true, ballots: 4, eligible: 6, winners: ["yes"], totals: ["yes": 3, "no": 1, "abstain": 0])),
            .init(number: 6, title: "Budget"),
        ],
        additions: "The meeting opened at 18:00.\r\n== seal ==\nsignature: x")

    static let key = AuditCheckpoint.newKeyPair()
    static let signers = [
        Minutes.Signer(role: "chair", name: "Ana (member #1)", at: Date(timeIntervalSince1970: 1_790_010_000)),
        Minutes.Signer(role: "officer", name: "Bo (member #2)", at: Date(timeIntervalSince1970: 1_790_020_000)),
    ]

    func sealed() throws -> String {
        try Minutes.seal(
            text: Minutes.text(Self.facts), signers: Self.signers, at: Date(timeIntervalSince1970: 1_790_020_000),
            privateKey: Self.key.privateKey)
    }

    @Test func theSameFactsGiveTheSameBytes() {
        var shuffled = Self.facts
        shuffled.inPerson.reverse()
        #expect(Minutes.text(Self.facts) == Minutes.text(shuffled))
        let text = Minutes.text(Self.facts)
        #expect(text.hasPrefix("coop-minutes-v1\nassembly: 2\nversion: 1\n"))
        #expect(text.contains("in person: 2\n- in person: Ana (member #1)\n- in person: Bo (member #2)\n"))
        #expect(text.contains("- by proxy: Di (member #4), held by Ana (member #1)\n"))
        #expect(text.contains("quorum: 50% required, met\nresult: passed\nballots: 4 of 6 eligible\n- abstain: 0\n- no: 1\n- yes: 3\n"))
        #expect(text.contains("proposal #6: Budget\nattendance: not opened for voting at this assembly\nresult: not yet voted\n"))
        // The chair's lines are indented: they cannot pose as the seal.
        #expect(text.contains("\n  == seal ==\n  signature: x\n"))
        #expect(!text.contains("\r"))
    }

    @Test func aSealedFileVerifies() throws {
        let file = try sealed()
        let ok = try Minutes.verify(Array(file.utf8)).get()
        #expect(ok.assembly == 2 && ok.version == 1)
        #expect(ok.signers.count == 2)
        #expect(ok.signers[0].hasPrefix("chair "))
        #expect(ok.publicKey == Self.key.publicKey)
        #expect(ok.sealedAt == Minutes.timestamp(Date(timeIntervalSince1970: 1_790_020_000)))
        #expect(ok.textSHA256 == Minutes.sha256(Minutes.text(Self.facts)))
    }

    @Test func everyChangedByteFailsTheSeal() throws {
        let bytes = Array(try sealed().utf8)
        let sigLine = bytes.count - 129 - 1
        for i in stride(from: 0, to: sigLine - 12, by: 7) {
            var changed = bytes
            changed[i] = changed[i] == UInt8(ascii: "a") ? UInt8(ascii: "b") : UInt8(ascii: "a")
            if case .success = Minutes.verify(changed) { Issue.record("byte \(i) changed and the seal held") }
        }
    }

    @Test func aChangedSignatureFails() throws {
        var bytes = Array(try sealed().utf8)
        let i = bytes.count - 5
        bytes[i] = bytes[i] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
        #expect(Minutes.verify(bytes) == .failure(.badSeal))
    }

    @Test func anotherKeyCannotPassAsTheCoops() throws {
        let file = try sealed()
        let other = AuditCheckpoint.newKeyPair().publicKey
        let forged = file.replacingOccurrences(of: Self.key.publicKey, with: other)
        #expect(Minutes.verify(Array(forged.utf8)) == .failure(.badSeal))
    }

    @Test func truncatedAndGarbageFilesAreRefusedWithAReason() throws {
        let file = Array(try sealed().utf8)
        for cut in [file.count - 1, file.count - 40, file.count - 140, file.count / 2, 10, 0] {
            guard case .failure(.malformed(let why)) = Minutes.verify(Array(file[..<cut])) else {
                Issue.record("a file cut to \(cut) bytes was not refused as malformed")
                continue
            }
            #expect(!why.english.isEmpty)
        }
        #expect(Minutes.verify([0xff, 0xfe, 0x00]) == .failure(.malformed("not UTF-8 text")))
        guard case .failure(.malformed) = Minutes.verify(Array("hello\nworld\n".utf8)) else {
            Issue.record("garbage accepted")
            return
        }
    }

    @Test func additionsAreNormalised() {
        #expect(Minutes.normalised("a  \r\nb\u{0007}c\n\n") == "a\nb c")
    }
}
