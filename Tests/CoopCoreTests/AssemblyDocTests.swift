import CoopCore
import Foundation
import Testing

/// `docs/assemblies.md`'s worked example, replayed step by step through ``AssemblyRoll``.
@Suite struct AssemblyDocTests {
    static func doc() throws -> String {
        let root = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return try String(contentsOf: root.appending(path: "docs/assemblies.md"), encoding: .utf8)
    }

    /// The rows of the first table after `heading`, as cells.
    static func table(after heading: String, in text: String) throws -> [[String]] {
        let lines = text.components(separatedBy: "\n")
        let start = try #require(lines.firstIndex { $0.hasPrefix(heading) }, "no line \(heading)")
        let rows = lines[(start + 1)...].drop { !$0.hasPrefix("|") }.prefix { $0.hasPrefix("|") }
        return rows.dropFirst(2).map { row in
            row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        }
    }

    @Test func theWorkedExampleIsWhatTheRulesDo() throws {
        let text = try Self.doc()
        let names = ["Ana", "Bo", "Cy", "Di", "Ed", "Fay", "Gus", "Hal", "Ivy", "Jo"]
        var roll = AssemblyRoll(eligible: Set(names), proxyCap: Int(PolicyKey.assemblyProxyCap.fallback.number ?? -1))
        let steps = try Self.table(after: "## Worked example", in: text)
        #expect(steps.count == 15)
        for row in steps {
            let (member, does, outcome) = (row[1], row[2], row[3])
            let accepted: Bool
            do {
                if does.hasPrefix("gives a proxy to ") {
                    try roll.giveProxy(from: member, to: String(does.dropFirst("gives a proxy to ".count)))
                } else if does == "checks in in person" {
                    try roll.checkIn(member, as: .inPerson)
                } else if does == "checks in online" {
                    try roll.checkIn(member, as: .online)
                } else if does == "revokes their proxy" {
                    try roll.revokeProxy(of: member)
                } else {
                    Issue.record("step \(row[0]): unknown action '\(does)'")
                }
                accepted = true
            } catch {
                accepted = false
            }
            #expect(accepted == outcome.hasPrefix("accepted"), "step \(row[0]): \(member) \(does) → \(outcome)")
        }
        let counts = try Self.table(after: "Jo never comes", in: text)
        let c = try #require(counts.first).compactMap { Int($0) }
        #expect(c == [roll.count.inPerson, roll.count.online, roll.count.byProxy, roll.count.counted, roll.count.eligible])
        #expect(roll.count.meets(Fraction(basisPoints: 5_000)))
        #expect(!roll.count.meets(Fraction(basisPoints: 8_500)))
    }

    /// One step of the tables: what the member does, to the roll; whether it was accepted.
    static func apply(_ row: [String], to roll: inout AssemblyRoll<String>) -> Bool {
        let (member, does) = (row[1], row[2])
        do {
            if does.hasPrefix("gives a proxy to ") {
                try roll.giveProxy(from: member, to: String(does.dropFirst("gives a proxy to ".count)))
            } else if does == "checks in in person" {
                try roll.checkIn(member, as: .inPerson)
            } else if does == "checks in online" {
                try roll.checkIn(member, as: .online)
            } else if does == "revokes their proxy" {
                try roll.revokeProxy(of: member)
            } else if does.hasPrefix("leaves ") {
                let parts = does.components(separatedBy: ", proxy to ")
                let channel: Presence = parts[0] == "leaves at the desk" ? .inPerson : .online
                #expect(["leaves at the desk", "leaves online"].contains(parts[0]), "step \(row[0]): '\(does)'")
                try roll.checkOut(member, through: channel, proxyTo: parts.count == 2 ? parts[1] : nil)
            } else {
                Issue.record("step \(row[0]): unknown action '\(does)'")
            }
            return true
        } catch {
            return false
        }
    }

    @Test func theLeavingExampleIsWhatTheRulesDo() throws {
        let text = try Self.doc()
        let names = ["Ana", "Bo", "Cy", "Di", "Ed", "Fay", "Gus", "Hal", "Ivy", "Jo"]
        var roll = AssemblyRoll(eligible: Set(names), proxyCap: Int(PolicyKey.assemblyProxyCap.fallback.number ?? -1))
        for row in try Self.table(after: "## Worked example", in: text) { _ = Self.apply(row, to: &roll) }
        let firstItem = roll.voters
        let steps = try Self.table(after: "### Leaving: worked example", in: text)
        #expect(steps.count == 9 && steps.first?[0] == "16")
        for row in steps {
            let accepted = Self.apply(row, to: &roll)
            #expect(accepted == row[3].hasPrefix("accepted"), "step \(row[0]): \(row[1]) \(row[2]) → \(row[3])")
        }
        let counts = try Self.table(after: "When the chair opens the next item", in: text)
        let c = try #require(counts.first).compactMap { Int($0) }
        #expect(
            c == [roll.count.inPerson, roll.count.online, roll.count.byProxy, roll.count.counted, roll.count.eligible, roll.left.count])
        #expect(roll.voters == ["Ana", "Fay", "Bo", "Ed", "Hal", "Cy"])
        #expect(firstItem.count == 8)
    }
}
