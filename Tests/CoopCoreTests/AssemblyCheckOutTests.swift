import CoopCore
import Foundation
import PropertyBased
import Testing

/// Leaving an assembly: ``AssemblyRoll/checkOut(_:through:proxyTo:)``.
@Suite struct AssemblyCheckOutTests {
    typealias R = AssemblyRollTests

    /// One step of a meeting with departures, decoded from three random integers.
    enum Step {
        case checkIn(Int, Presence)
        case give(Int, Int)
        case revoke(Int)
        case leave(Int, Presence)
        case leaveGiving(Int, Int)

        init(_ code: Int, _ a: Int, _ b: Int) {
            switch code % 7 {
            case 0: self = .checkIn(a, .inPerson)
            case 1: self = .checkIn(a, .online)
            case 2: self = .give(a, b)
            case 3: self = .revoke(a)
            case 4: self = .leave(a, .inPerson)
            case 5: self = .leave(a, .online)
            default: self = .leaveGiving(a, b)
            }
        }
    }

    static func checkInvariants(_ r: AssemblyRoll<Int>) {
        R.checkInvariants(r)
        // Who left is not present, and was a member.
        #expect(r.left.isDisjoint(with: r.present.keys))
        #expect(r.left.isSubset(of: r.eligible))
        // Nobody away casts or is counted in their own name.
        for m in r.left { #expect(r.votes(castBy: m).isEmpty) }
        #expect(r.voters.count == r.count.counted)
    }

    @Test func everySequenceWithDeparturesKeepsTheRules() async {
        await propertyCheck(
            input: Gen.int(in: 0...3), Gen.int(in: 0...20).array(of: 0...90)
        ) { cap, codes in
            var r = R.roll(cap: cap)
            var i = 0
            while i + 2 < codes.count {
                let step = Step(codes[i], codes[i + 1] % 10, codes[i + 2] % 10)
                i += 3
                let before = r
                do {
                    switch step {
                    case .checkIn(let m, let p):
                        try r.checkIn(m, as: p)
                        #expect(!r.left.contains(m))
                    case .give(let g, let h):
                        try r.giveProxy(from: g, to: h)
                    case .revoke(let g):
                        try r.revokeProxy(of: g)
                    case .leave(let m, let channel):
                        let d = try r.checkOut(m, through: channel)
                        #expect(before.present[m] == channel && d.presence == channel)
                        #expect(r.present[m] == nil && r.left.contains(m))
                        // The proxies they held go with them: counted drops by them and their givers.
                        #expect(d.carried == Set(before.givers(heldBy: m)))
                        #expect(r.proxies == before.proxies)
                        #expect(r.count.counted == before.count.counted - 1 - d.carried.count)
                        #expect(!r.voters.contains(m) && r.voters.isDisjoint(with: d.carried))
                    case .leaveGiving(let m, let h):
                        let channel = before.present[m] ?? .online
                        let d = try r.checkOut(m, through: channel, proxyTo: h)
                        #expect(before.present[h] != nil && r.present[h] != nil && r.proxies[m] == h && d.proxyTo == h)
                        // They leave, and are represented instead: counted as before, less what they held.
                        #expect(d.carried.isEmpty)
                        #expect(r.count.counted == before.count.counted)
                        #expect(r.voters.contains(m))
                    }
                } catch {
                    // A refused step changes nothing.
                    #expect(r == before)
                }
                Self.checkInvariants(r)
            }
        }
    }

    /// An item's voters are a value frozen when it opens: a member who leaves after is still
    /// among them; one who left before is not, nor are the members whose proxies they hold.
    @Test func itemsOpenedAfterADepartureDoNotCountTheMemberWhoLeft() throws {
        var r = R.roll(cap: 2)
        try r.giveProxy(from: 5, to: 1)
        try r.checkIn(0, as: .inPerson)
        try r.checkIn(1, as: .inPerson)
        try r.checkIn(2, as: .online)
        let first = (count: r.count, voters: r.voters)
        #expect(first.count.counted == 4 && first.voters == [0, 1, 2, 5])
        let d = try r.checkOut(1, through: .inPerson)
        #expect(d == .init(presence: .inPerson, carried: [5], proxyTo: nil))
        #expect(first.voters == [0, 1, 2, 5])  // frozen
        #expect(r.count == AttendanceCount(eligible: 8, inPerson: 1, online: 1, byProxy: 0))
        #expect(r.voters == [0, 2])
        #expect(r.proxies == [5: 1])  // still in force: it counts again if its holder comes back
        try r.checkIn(1, as: .online)
        #expect(r.voters == [0, 1, 2, 5] && r.left.isEmpty)
    }

    @Test func aMemberLeavingMayLeaveAProxyWithAPresentMember() throws {
        var r = R.roll(cap: 1)
        for m in [0, 1, 2, 3] { try r.checkIn(m, as: m < 2 ? .inPerson : .online) }
        try r.checkOut(0, through: .inPerson, proxyTo: 1)
        #expect(r.proxies == [0: 1] && r.count.counted == 4 && r.voters.contains(0))
        // The cap: 1 already holds one.
        #expect(throws: CoopError.self) { try r.checkOut(2, through: .online, proxyTo: 1) }
        // Not to a member away, not to oneself, not to a stranger.
        #expect(throws: CoopError.self) { try r.checkOut(2, through: .online, proxyTo: 0) }
        #expect(throws: CoopError.self) { try r.checkOut(2, through: .online, proxyTo: 6) }
        #expect(throws: CoopError.self) { try r.checkOut(2, through: .online, proxyTo: 2) }
        #expect(throws: CoopError.self) { try r.checkOut(2, through: .online, proxyTo: 9) }
        // No chains: 1 holds 0's proxy, so 1 leaves without giving theirs, and takes 0's along.
        #expect(throws: CoopError.self) { try r.checkOut(1, through: .inPerson, proxyTo: 3) }
        #expect(r.present.count == 3)
        let d = try r.checkOut(1, through: .inPerson)
        #expect(d.carried == [0] && r.count.counted == 2)
        // Coming back cancels the proxy given on leaving.
        try r.checkIn(0, as: .online)
        #expect(r.proxies.isEmpty && r.count.counted == 3)
    }

    @Test func refusalsSayWhy() throws {
        var r = R.roll(cap: 2)
        try r.checkIn(0, as: .inPerson)
        try r.checkIn(1, as: .online)
        func refusal(_ body: (inout AssemblyRoll<Int>) throws -> Void) -> String {
            var copy = r
            do {
                try body(&copy)
                return "accepted"
            } catch {
                return (error as? CoopError)?.words.english ?? "\(error)"
            }
        }
        #expect(refusal { try $0.checkOut(3, through: .online) }.contains("not checked in"))
        #expect(refusal { try $0.checkOut(9, through: .online) }.contains("Only members"))
        #expect(refusal { try $0.checkOut(0, through: .online) }.contains("at the desk"))
        #expect(refusal { try $0.checkOut(1, through: .inPerson) }.contains("from the assembly's page"))
        try r.checkOut(0, through: .inPerson)
        #expect(refusal { try $0.checkOut(0, through: .inPerson) }.contains("already left"))
        // A teller acts only in the room.
        #expect(throws: CoopError.self) { try r.checkInRoom(0) }
        #expect(throws: CoopError.self) { try r.checkInRoom(1) }
        try r.checkIn(0, as: .inPerson)
        try r.checkInRoom(0)
    }
}
