import CoopCore
import Foundation
import PropertyBased
import Testing

@Suite struct AssemblyRollTests {
    /// One step of a meeting, decoded from four random integers.
    enum Step {
        case checkIn(Int, Presence)
        case give(Int, Int)
        case revoke(Int)

        init(_ code: Int, _ a: Int, _ b: Int) {
            switch code % 4 {
            case 0: self = .checkIn(a, .inPerson)
            case 1: self = .checkIn(a, .online)
            case 2: self = .give(a, b)
            default: self = .revoke(a)
            }
        }
    }

    /// Members 0..<8 may vote; 8 and 9 are not members.
    static func roll(cap: Int) -> AssemblyRoll<Int> { AssemblyRoll(eligible: Set(0..<8), proxyCap: cap) }

    static func checkInvariants(_ r: AssemblyRoll<Int>) {
        for (giver, holder) in r.proxies {
            #expect(giver != holder)
            #expect(r.eligible.contains(giver) && r.eligible.contains(holder))
            // No chains: a holder never gave one, a giver never holds one.
            #expect(r.proxies[holder] == nil)
            #expect(r.proxyCount(heldBy: giver) == 0)
            // Arrival cancels: a giver is never present.
            #expect(r.present[giver] == nil)
        }
        for holder in Set(r.proxies.values) { #expect(r.proxyCount(heldBy: holder) <= r.proxyCap) }
        let c = r.count
        let represented = Set(r.proxies.keys.filter { r.present[r.proxies[$0]!] != nil && r.present[$0] == nil })
        #expect(c.counted == r.present.count + represented.count)
        #expect(c.counted <= c.eligible)
        // Every vote a present member casts is a distinct member, and the total is the count.
        let cast = r.present.keys.flatMap { r.votes(castBy: $0) }
        #expect(Set(cast).count == cast.count)
        #expect(cast.count == c.counted)
    }

    @Test func everySequenceOfStepsKeepsTheRules() async {
        await propertyCheck(
            input: Gen.int(in: 0...3), Gen.int(in: 0...15).array(of: 0...60)
        ) { cap, codes in
            var r = Self.roll(cap: cap)
            var i = 0
            while i + 2 < codes.count {
                let step = Step(codes[i], codes[i + 1] % 10, codes[i + 2] % 10)
                i += 3
                let before = r
                do {
                    switch step {
                    case .checkIn(let m, let p):
                        let cancelled = try r.checkIn(m, as: p)
                        #expect(cancelled == before.proxies[m])
                        #expect(r.proxies[m] == nil)
                    case .give(let g, let h):
                        try r.giveProxy(from: g, to: h)
                        #expect(r.proxies[g] == h)
                    case .revoke(let g):
                        let h = try r.revokeProxy(of: g)
                        #expect(before.proxies[g] == h && r.proxies[g] == nil)
                    }
                } catch {
                    // A refused step changes nothing.
                    #expect(r == before)
                }
                Self.checkInvariants(r)
            }
        }
    }

    @Test func aThirdProxyOverACapOfTwoIsRefused() throws {
        var r = Self.roll(cap: 2)
        try r.giveProxy(from: 1, to: 0)
        try r.giveProxy(from: 2, to: 0)
        #expect(throws: CoopError.self) { try r.giveProxy(from: 3, to: 0) }
        #expect(r.proxyCount(heldBy: 0) == 2)
    }

    @Test func chainsSelfProxiesAndOutsidersAreRefused() throws {
        var r = Self.roll(cap: 2)
        try r.giveProxy(from: 1, to: 0)
        #expect(throws: CoopError.self) { try r.giveProxy(from: 0, to: 2) }  // a holder gives
        #expect(throws: CoopError.self) { try r.giveProxy(from: 3, to: 1) }  // to a giver
        #expect(throws: CoopError.self) { try r.giveProxy(from: 4, to: 4) }
        #expect(throws: CoopError.self) { try r.giveProxy(from: 4, to: 9) }
        #expect(throws: CoopError.self) { try r.giveProxy(from: 9, to: 4) }
        #expect(throws: CoopError.self) { try r.giveProxy(from: 1, to: 5) }  // already gave
        #expect(r.proxies == [1: 0])
    }

    @Test func arrivalAndRevocationCancelAProxy() throws {
        var r = Self.roll(cap: 2)
        try r.giveProxy(from: 1, to: 0)
        try r.giveProxy(from: 2, to: 0)
        try r.checkIn(0, as: .inPerson)
        #expect(r.count.counted == 3)
        #expect(try r.checkIn(1, as: .online) == 0)
        #expect(r.count == AttendanceCount(eligible: 8, inPerson: 1, online: 1, byProxy: 1))
        #expect(try r.revokeProxy(of: 2) == 0)
        #expect(r.count.counted == 2)
        #expect(throws: CoopError.self) { try r.revokeProxy(of: 2) }
        #expect(throws: CoopError.self) { try r.checkIn(0, as: .online) }
        #expect(throws: CoopError.self) { try r.giveProxy(from: 0, to: 3) }  // present
    }

    @Test func aProxyCountsOnlyWhenItsHolderIsPresent() throws {
        var r = Self.roll(cap: 2)
        try r.giveProxy(from: 1, to: 0)
        #expect(r.count.counted == 0)
        #expect(r.votes(castBy: 0).isEmpty)
        try r.checkIn(0, as: .online)
        #expect(r.count.byProxy == 1)
        #expect(Set(r.votes(castBy: 0)) == [0, 1])
    }

    @Test func quorumIsTheSameProductAsOnlineVotes() {
        let c = AttendanceCount(eligible: 10, inPerson: 3, online: 1, byProxy: 1)
        #expect(c.meets(Fraction(basisPoints: 5_000)))
        #expect(!c.meets(Fraction(basisPoints: 5_001)))
        #expect(AttendanceCount(eligible: 0, inPerson: 0, online: 0, byProxy: 0).meets(.one))
    }

    @Test func policiesAreReadWithinBounds() {
        #expect(AssemblyRules.proxyCap(-5) == 0)
        #expect(AssemblyRules.proxyCap(1_000_000) == 10)
        #expect(AssemblyRules.noticeDays(Int64.max) == 365)
        #expect(PolicyKey.assemblyProxyCap.fallback == .number(2))
        #expect(PolicyKey.assemblyNoticeDays.fallback == .number(14))
    }

    @Test func aDateInsideTheNoticePeriodIsRefused() throws {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(throws: CoopError.self) { try AssemblyRules.checkDate(now.addingTimeInterval(13 * 86_400), now: now, noticeDays: 14) }
        try AssemblyRules.checkDate(now.addingTimeInterval(14 * 86_400), now: now, noticeDays: 14)
        #expect(throws: CoopError.self) { try AssemblyRules.checkDate(now.addingTimeInterval(800 * 86_400), now: now, noticeDays: 14) }
    }

    @Test func convocationsAreChecked() throws {
        try AssemblyRules.checkConvocation(title: "AGM 2026", place: "Hall", online: "", agenda: [1, 2])
        #expect(throws: CoopError.self) { try AssemblyRules.checkConvocation(title: " ", place: "Hall", online: "", agenda: [1]) }
        #expect(throws: CoopError.self) { try AssemblyRules.checkConvocation(title: "A", place: "", online: " ", agenda: [1]) }
        #expect(throws: CoopError.self) { try AssemblyRules.checkConvocation(title: "A", place: "H", online: "", agenda: []) }
        #expect(throws: CoopError.self) { try AssemblyRules.checkConvocation(title: "A", place: "H", online: "", agenda: [1, 1]) }
        #expect(throws: CoopError.self) {
            try AssemblyRules.checkConvocation(title: String(repeating: "x", count: 201), place: "H", online: "", agenda: [1])
        }
    }

    @Test func checkInCodesAreShortAndTypable() {
        var g = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let code = CheckInCode.new(using: &g)
            #expect(code.count == 6)
            #expect(CheckInCode.normalise(code.lowercased()) == code)
        }
        #expect(CheckInCode.normalise("ABC") == nil)
        #expect(CheckInCode.normalise("ABCDE0") == nil)
        #expect(CheckInCode.normalise("abc-def") == "ABCDEF")
    }
}
