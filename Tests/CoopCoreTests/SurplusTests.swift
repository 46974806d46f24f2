import Foundation
import PropertyBased
import Testing

// SurplusFormula's memberwise initializer is internal: Swift refuses a public one with the same signature outside the
// struct's own declaration in Bylaws.swift.
@testable import CoopCore

private func bp(_ value: Int64) -> Fraction { Fraction(basisPoints: value) }

/// A formula with workers (70%, by earnings) and users (30%, by spending).
private let twoClasses = SurplusFormula(
    reserve: bp(3_000), patronage: bp(6_500), community: bp(500), classShares: ["worker": bp(7_000), "user": bp(3_000)],
    measures: ["worker": .earnings, "user": .spending], cashMinimum: bp(2_000))

/// Checks every invariant of an allocation against its inputs.
private func checkInvariants(
    _ allocation: SurplusAllocation, formula: SurplusFormula, surplus: Int64, patronage: [Patronage],
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let dividends = allocation.lines.reduce(Int128(0)) { $0 + Int128($1.dividend) }
    #expect(allocation.surplus == surplus, sourceLocation: sourceLocation)
    #expect(Int128(allocation.reserve) + Int128(allocation.community) + dividends == Int128(surplus), sourceLocation: sourceLocation)
    #expect(Int128(allocation.patronage) == dividends, sourceLocation: sourceLocation)
    #expect(allocation.classes.reduce(Int128(0)) { $0 + Int128($1.paid) } == Int128(allocation.patronage), sourceLocation: sourceLocation)
    #expect(allocation.reserve >= 0 && allocation.community >= 0 && allocation.patronage >= 0, sourceLocation: sourceLocation)
    #expect(allocation.classes.map(\.classID) == formula.classShares.keys.sorted(), sourceLocation: sourceLocation)
    #expect(allocation.lines.count == patronage.count, sourceLocation: sourceLocation)
    for (line, input) in zip(allocation.lines, patronage) {
        #expect(line.member == input.member && line.classID == input.classID, sourceLocation: sourceLocation)
        #expect(line.patronage == input.amount, sourceLocation: sourceLocation)
        #expect(line.cash + line.capital == line.dividend, sourceLocation: sourceLocation)
        #expect(line.dividend >= 0 && line.cash >= 0 && line.capital >= 0, sourceLocation: sourceLocation)
        #expect(
            Int128(line.cash) * 10_000 >= Int128(line.dividend) * Int128(formula.cashMinimum.basisPoints),
            sourceLocation: sourceLocation)
        if formula.classShares[line.classID] == nil { #expect(line.dividend == 0, sourceLocation: sourceLocation) }
    }
    for pool in allocation.classes {
        let members = allocation.lines.filter { $0.classID == pool.classID }
        #expect(members.reduce(Int128(0)) { $0 + Int128($1.dividend) } == Int128(pool.paid), sourceLocation: sourceLocation)
        #expect(members.reduce(Int128(0)) { $0 + Int128($1.patronage) } == Int128(pool.patronage), sourceLocation: sourceLocation)
        #expect(pool.paid == (pool.patronage > 0 ? pool.pool : 0), sourceLocation: sourceLocation)
        for a in members {
            // No dividend misses its exact share of the pool by a unit: |dividend × total − pool × patronage| < total.
            if pool.patronage > 0 {
                let diff = Int128(a.dividend) * Int128(pool.patronage) - Int128(pool.pool) * Int128(a.patronage)
                #expect(diff.magnitude < UInt128(pool.patronage), sourceLocation: sourceLocation)
            }
            for b in members where a.patronage == b.patronage {
                #expect(abs(a.dividend - b.dividend) <= 1, sourceLocation: sourceLocation)
            }
        }
    }
}

/// Random basis points summing to 10,000 in `count` parts, from `count - 1` cut points.
private func parts(_ cuts: [Int64], count: Int) -> [Int64] {
    let points = [0] + cuts.prefix(count - 1).sorted() + [10_000]
    return zip(points.dropFirst(), points).map { $0 - $1 }
}

@Suite struct SurplusTests {
    // MARK: - Properties

    @Test func everyAllocationKeepsItsInvariants() async {
        let amount = Gen.oneOf(Gen.int64(in: 0...0), Gen.int64(in: 0...100), Gen.int64(in: 0...1_000_000_000_000_000))
        let entry = zip(Gen.int(in: 0...3), amount)
        await propertyCheck(
            input: Gen.int64(in: 0...10_000).array(of: 2), Gen.int64(in: 0...10_000).array(of: 2), Gen.int(in: 1...3),
            Gen.int64(in: 0...10_000), amount, entry.array(of: 0...30)
        ) { topCuts, classCuts, classCount, cash, surplus, entries in
            let top = parts(topCuts, count: 3)
            let shares = parts(classCuts, count: classCount)
            let ids = ["a", "b", "c"].prefix(classCount)
            let formula = SurplusFormula(
                reserve: bp(top[0]), patronage: bp(top[1]), community: bp(top[2]),
                classShares: Dictionary(uniqueKeysWithValues: zip(ids, shares.map(bp))),
                measures: Dictionary(uniqueKeysWithValues: ids.map { ($0, PatronageMeasure.hours) }), cashMinimum: bp(cash))
            // Class "z" (index 3) has no share in the formula; classes beyond classCount have none either.
            let patronage = entries.enumerated().map { i, e in
                Patronage(member: "m\(i)", classID: ["a", "b", "c", "z"][e.0], amount: e.1)
            }
            do {
                let allocation = try Surplus.allocate(formula, surplus: surplus, patronage: patronage)
                checkInvariants(allocation, formula: formula, surplus: surplus, patronage: patronage)
            } catch {
                Issue.record("allocation failed: \(error)")
            }
        }
    }

    @Test func poolsMissTheirExactSharesByLessThanAUnit() async {
        await propertyCheck(
            input: Gen.int64(in: 0...10_000).array(of: 2), Gen.int64(in: 0...10_000).array(of: 2),
            Gen.int64(in: 0...1_000_000_000_000_000)
        ) { topCuts, classCuts, surplus in
            let top = parts(topCuts, count: 3)
            let shares = parts(classCuts, count: 3)
            let formula = SurplusFormula(
                reserve: bp(top[0]), patronage: bp(top[1]), community: bp(top[2]),
                classShares: ["a": bp(shares[0]), "b": bp(shares[1]), "c": bp(shares[2])],
                measures: ["a": .earnings, "b": .orders, "c": .spending], cashMinimum: bp(0))
            let patronage = ["a", "b", "c"].map { Patronage(member: $0, classID: $0, amount: 1) }
            guard let allocation = try? Surplus.allocate(formula, surplus: surplus, patronage: patronage) else {
                Issue.record("allocation failed")
                return
            }
            // |part × 10,000 − whole × bp| < 10,000 for the community fund and each class pool.
            let community = Int128(allocation.community) * 10_000 - Int128(surplus) * Int128(top[2])
            #expect(community.magnitude < 10_000)
            let pool = allocation.patronage
            for (cls, share) in zip(allocation.classes, shares) {
                #expect((Int128(cls.pool) * 10_000 - Int128(pool) * Int128(share)).magnitude < 10_000)
            }
        }
    }

    @Test func everyResultCarriesALossAndAllocatesOnlyASurplus() async {
        let amount = Gen.int64(in: 0...1_000_000_000_000_000)
        await propertyCheck(input: amount, amount, amount) { revenue, expenses, carried in
            let r = Surplus.result(revenue: revenue, expenses: expenses, carriedLoss: carried)
            #expect(r.net == revenue - expenses)
            #expect(r.carriedIn == carried)
            #expect(r.allocatable >= 0 && r.carriedOut >= 0)
            #expect(r.allocatable == 0 || r.carriedOut == 0)
            #expect(r.allocatable - r.carriedOut == r.net - carried)
        }
    }

    // MARK: - Examples

    @Test func aLossIsCarriedNeverAllocated() {
        let loss = Surplus.result(revenue: 50_000, expenses: 80_000, carriedLoss: 10_000)
        #expect(loss.net == -30_000 && loss.carriedIn == 10_000 && loss.allocatable == 0 && loss.carriedOut == 40_000)
        let partly = Surplus.result(revenue: 100_000, expenses: 70_000, carriedLoss: 40_000)
        #expect(partly.allocatable == 0 && partly.carriedOut == 10_000)
        let made = Surplus.result(revenue: 100_000, expenses: 70_000, carriedLoss: 10_000)
        #expect(made.allocatable == 20_000 && made.carriedOut == 0)
        #expect(throws: SurplusError.negativeSurplus(-1)) { try Surplus.allocate(twoClasses, surplus: -1, patronage: []) }
    }

    @Test func aClassWithNoPatronageLeavesItsPoolInTheReserve() throws {
        let patronage = [
            Patronage(member: "ana", classID: "worker", amount: 0), Patronage(member: "ben", classID: "worker", amount: 0),
        ]
        let a = try Surplus.allocate(twoClasses, surplus: 100_000, patronage: patronage)
        // 30,000 reserve, 65,000 patronage (45,500 workers, 19,500 users), 5,000 community; neither class had patronage.
        #expect(a.reserve == 95_000 && a.community == 5_000 && a.patronage == 0)
        #expect(a.classes.map(\.pool) == [19_500, 45_500])
        #expect(a.classes.map(\.paid) == [0, 0])
        #expect(a.lines.map(\.dividend) == [0, 0])
        let some = try Surplus.allocate(
            twoClasses, surplus: 100_000, patronage: [Patronage(member: "cy", classID: "user", amount: 1)])
        #expect(some.reserve == 75_500 && some.patronage == 19_500 && some.lines.map(\.dividend) == [19_500])
    }

    @Test func aMemberOfAClassWithoutAShareGetsNoDividend() throws {
        let patronage = [
            Patronage(member: "ana", classID: "supporter", amount: 500), Patronage(member: "ben", classID: "worker", amount: 3),
        ]
        let a = try Surplus.allocate(twoClasses, surplus: 1_000, patronage: patronage)
        #expect(a.lines.map(\.dividend) == [0, 455])
        #expect(a.classes.map(\.classID) == ["user", "worker"])
    }

    @Test func aZeroSurplusGivesZerosOnEveryLine() throws {
        let patronage = [Patronage(member: "ana", classID: "worker", amount: 10)]
        let a = try Surplus.allocate(twoClasses, surplus: 0, patronage: patronage)
        #expect(a.reserve == 0 && a.community == 0 && a.patronage == 0)
        #expect(a.lines.map(\.member) == ["ana"] && a.lines.map(\.patronage) == [10])
        #expect(a.lines.map(\.dividend) == [0] && a.lines.map(\.cash) == [0] && a.lines.map(\.capital) == [0])
        #expect(a.classes.map(\.pool) == [0, 0])
    }

    @Test func duplicatesAndNegativePatronageAreRefused() {
        let twice = [
            Patronage(member: "ana", classID: "worker", amount: 1), Patronage(member: "ana", classID: "user", amount: 2),
        ]
        #expect(throws: SurplusError.duplicateMember("ana")) { try Surplus.allocate(twoClasses, surplus: 100, patronage: twice) }
        let negative = [Patronage(member: "ben", classID: "user", amount: -1)]
        #expect(throws: SurplusError.negativePatronage(member: "ben")) {
            try Surplus.allocate(twoClasses, surplus: 100, patronage: negative)
        }
        #expect("\(SurplusError.duplicateMember("ana"))".contains("ana"))
    }

    @Test func aMillionMembersAndTheLargestAmountsAllocateExactly() throws {
        let patronage = (0..<1_000_000).map { i in
            Patronage(member: "m\(i)", classID: i % 3 == 0 ? "user" : "worker", amount: Int64(i % 1_000) * 1_000_000_000)
        }
        let a = try Surplus.allocate(twoClasses, surplus: 1_000_000_000_000_000, patronage: patronage)
        #expect(a.reserve + a.community + a.patronage == 1_000_000_000_000_000)
        #expect(a.lines.reduce(0) { $0 + $1.dividend } == a.patronage)
        let top = try Surplus.allocate(twoClasses, surplus: .max, patronage: [Patronage(member: "ana", classID: "worker", amount: .max)])
        #expect(top.reserve + top.community == .max - top.patronage)
        // A class total beyond 64 bits is refused rather than wrapped.
        let huge = (0..<3).map { Patronage(member: "m\($0)", classID: "worker", amount: .max / 2) }
        #expect(throws: SurplusError.tooLarge) { try Surplus.allocate(twoClasses, surplus: 100, patronage: huge) }
    }

    // MARK: - The docs

    @Test func theLossTableInTheDocsHolds() throws {
        let doc = try Markdown(surplusDoc())
        let rows = try doc.table(after: "## The year's result")
        #expect(rows.count == 4)
        for row in rows {
            let r = Surplus.result(revenue: try row.amount("net"), expenses: 0, carriedLoss: try row.amount("loss carried in"))
            #expect(r.allocatable == (try row.amount("allocatable")))
            #expect(r.carriedOut == (try row.amount("loss carried out")))
        }
    }

    @Test func theWorkedExampleInTheDocsHolds() throws {
        let doc = try Markdown(surplusDoc())
        let formulaRows = try doc.keyed(after: "### The formula", key: "part")
        let classRows = try doc.table(after: "### The classes")
        let resultRows = try doc.keyed(after: "### The year's result", key: "line")
        let splitRows = try doc.keyed(after: "### The split", key: "part")
        let poolRows = try doc.table(after: "### The class pools")
        let lineRows = try doc.table(after: "### Member lines")

        let formula = SurplusFormula(
            reserve: try Fraction.parse(formulaRows["reserve"]?["share"] ?? ""),
            patronage: try Fraction.parse(formulaRows["patronage"]?["share"] ?? ""),
            community: try Fraction.parse(formulaRows["community"]?["share"] ?? ""),
            classShares: Dictionary(
                uniqueKeysWithValues: try classRows.map { ($0["class"] ?? "", try Fraction.parse($0["share of the patronage pool"] ?? "")) }
            ),
            measures: Dictionary(
                uniqueKeysWithValues: classRows.map { ($0["class"] ?? "", PatronageMeasure(rawValue: $0["measure"] ?? "")) }
            )
            .compactMapValues { $0 },
            cashMinimum: try Fraction.parse(formulaRows["cash minimum"]?["share"] ?? ""))
        #expect(formula.measures.count == 2 && formula.classShares.count == 2)

        let result = Surplus.result(
            revenue: try resultRows.amount("revenue"), expenses: try resultRows.amount("expenses"),
            carriedLoss: try resultRows.amount("loss carried in"))
        #expect(result.net == (try resultRows.amount("net")))
        #expect(result.allocatable == (try resultRows.amount("allocatable")))
        #expect(result.carriedOut == (try resultRows.amount("loss carried out")))

        let patronage = try lineRows.map { row in
            Patronage(member: row["member"] ?? "", classID: row["class"] ?? "", amount: try row.amount("patronage"))
        }
        let allocation = try Surplus.allocate(formula, surplus: result.allocatable, patronage: patronage)
        #expect(allocation.reserve == (try splitRows.amount("reserve")))
        #expect(allocation.patronage == (try splitRows.amount("patronage")))
        #expect(allocation.community == (try splitRows.amount("community")))

        #expect(allocation.classes.count == poolRows.count)
        for pool in allocation.classes {
            let row = try #require(poolRows.first { $0["class"] == pool.classID })
            #expect(pool.share == (try Fraction.parse(row["share"] ?? "")))
            #expect(pool.pool == (try row.amount("pool")))
            #expect(pool.patronage == (try row.amount("patronage")))
            #expect(pool.paid == (try row.amount("paid")))
        }
        #expect(lineRows.count == 7)
        for (line, row) in zip(allocation.lines, lineRows) {
            #expect(line.dividend == (try row.amount("dividend")), "dividend of \(line.member)")
            #expect(line.cash == (try row.amount("cash")), "cash of \(line.member)")
            #expect(line.capital == (try row.amount("capital")), "capital of \(line.member)")
        }
        checkInvariants(allocation, formula: formula, surplus: result.allocatable, patronage: patronage)
    }
}

// MARK: - Reading the docs

/// `docs/surplus.md`, found from this file: Tests/CoopCoreTests/SurplusTests.swift → ../../docs/surplus.md.
private func surplusDoc() throws -> String {
    let root = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    return try String(contentsOf: root.appending(path: "docs/surplus.md"), encoding: .utf8)
}

private struct DocError: Error, CustomStringConvertible {
    let description: String
}

/// Just enough Markdown: the first table after a heading line, as rows keyed by the header cells.
private struct Markdown {
    let lines: [String]

    init(_ text: String) throws {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard !lines.isEmpty else { throw DocError(description: "empty document") }
    }

    func table(after heading: String) throws -> [[String: String]] {
        guard let start = lines.firstIndex(of: heading) else { throw DocError(description: "no heading '\(heading)'") }
        let rest = lines[(start + 1)...]
        guard let first = rest.firstIndex(where: { $0.hasPrefix("|") }) else { throw DocError(description: "no table after '\(heading)'") }
        let rows = rest[first...].prefix { $0.hasPrefix("|") }.map(Self.cells)
        guard rows.count >= 2 else { throw DocError(description: "empty table after '\(heading)'") }
        let header = rows[0]
        return rows.dropFirst(2).map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    func keyed(after heading: String, key: String) throws -> [String: [String: String]] {
        Dictionary(uniqueKeysWithValues: try table(after: heading).map { ($0[key] ?? "", $0) })
    }

    private static func cells(_ line: String) -> [String] {
        line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast()
            .map { $0.trimmingCharacters(in: .whitespaces) }
    }
}

extension [String: String] {
    /// A cell written like `1,234.56` or `-200.00`, in minor units.
    fileprivate func amount(_ column: String) throws -> Int64 {
        guard let text = self[column] else { throw DocError(description: "no column '\(column)'") }
        let digits = text.filter { $0 != "," }
        let negative = digits.hasPrefix("-")
        let parts = digits.drop { $0 == "-" }.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].count == 2, let whole = Int64(parts[0]), let cents = Int64(parts[1]) else {
            throw DocError(description: "'\(text)' is not an amount like 1,234.56")
        }
        return (negative ? -1 : 1) * (whole * 100 + cents)
    }
}

extension [String: [String: String]] {
    /// The amount in a keyed table's `amount` column.
    fileprivate func amount(_ key: String) throws -> Int64 {
        guard let row = self[key] else { throw DocError(description: "no row '\(key)'") }
        return try row.amount("amount")
    }
}
