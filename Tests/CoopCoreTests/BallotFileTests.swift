import CoopCore
import Foundation
import Testing

@Suite struct BallotFileTests {
    /// A reason is words (a message and its arguments) only once a parser throws: the error the
    /// readers' hot loops may return stays no wider than a line number and a string.
    @Test func aTallyErrorStaysSmall() {
        #expect(MemoryLayout<TallyError>.size <= MemoryLayout<(Int, String)>.size)
        let error = TallyError.malformed(line: 3, reason: Words("'%s' is scored twice", .text("Ana")))
        #expect(error.description == "line 3: 'Ana' is scored twice" && error.words.english == error.description)
        #expect(error == .malformed(line: 3, reason: "'Ana' is scored twice"), "the same English is the same error")
        #expect(error != .malformed(line: 4, reason: "'Ana' is scored twice"))
    }

    @Test func readsCSVWithQuotesCommentsAndBlankBallots() throws {
        let text = "# a comment\nAna,Bo\n\"Smith, J\",Ana\n\nBo\n"
        let set = try BallotFile.parse(text, format: .csv)
        #expect(set.candidates == ["Ana", "Bo", "Smith, J"])
        #expect(set.count == 4)
        #expect(set.ranking(2).isEmpty, "a blank line is an empty ballot")
        #expect(Array(set.ranking(1)) == [2, 0])
    }

    @Test func readsWeightedCSV() throws {
        let set = try BallotFile.parse("3,Ana,Bo\n2,Bo\n", format: .csv, weighted: true)
        #expect(set.totalWeight == 5)
        #expect(set.weights == [3, 2])
    }

    @Test(arguments: [
        ("Ana,Bo\nAna,Ana\n", false, 2, "appears twice"),
        ("Ana,\n", false, 1, "empty name"),
        ("\"Ana,Bo\n", false, 1, "unclosed quote"),
        ("x,Ana\n", true, 1, "positive whole count"),
        ("0,Ana\n", true, 1, "positive whole count"),
        ("Ana,B\"o\n", false, 1, "quote inside"),
    ])
    func refusesAMalformedCSVLineByNumber(text: String, weighted: Bool, line: Int, reason: String) {
        do {
            _ = try BallotFile.parse(text, format: .csv, weighted: weighted)
            Issue.record("accepted \(text)")
        } catch {
            guard case .malformed(let l, let r) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(l == line)
            #expect(r.english.contains(reason), "\(r)")
        }
    }

    @Test func readsBLT() throws {
        let text = """
            4 2
            -4
            3 1 2 0
            2 2 4 3 0
            1 3 0
            0
            "Ana"
            "Bo"
            "Cy"
            "Di"
            "Test election"
            """
        let set = try BallotFile.parse(text, format: .blt)
        #expect(set.candidates == ["Ana", "Bo", "Cy", "Di"])
        #expect(Array(set.ranking(1)) == [1, 2], "withdrawn Di is skipped")
        #expect(set.totalWeight == 6)
        #expect(throws: TallyError.self) { try BallotFile.parse("2 1\n1 3 0\n0\n\"A\"\n\"B\"\n", format: .blt) }
    }

    @Test func readsPrefLibInBothFormats() throws {
        let modern = """
            # FILE NAME: x.soi
            # NUMBER ALTERNATIVES: 3
            # ALTERNATIVE NAME 1: Ana
            # ALTERNATIVE NAME 2: Bo
            # ALTERNATIVE NAME 3: Cy
            5: 1,2,3
            2: 3
            """
        let a = try BallotFile.parse(modern, format: .soi)
        #expect(a.candidates == ["Ana", "Bo", "Cy"])
        #expect(a.totalWeight == 7)
        let old = "3\n1,Ana\n2,Bo\n3,Cy\n7,7,2\n5,1,2,3\n2,3\n"
        let b = try BallotFile.parse(old, format: .soi)
        #expect(b == a)
        #expect(throws: TallyError.self) { try BallotFile.parse("# NUMBER ALTERNATIVES: 2\n1: 1,{2,3}\n", format: .soi) }
    }
}

/// The real elections in ../shared/elections, counted against their published results.
@Suite struct RealElectionTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/elections")

    func load(_ name: String) throws -> (BallotSet, [String: Any]) {
        let dir = Self.root.appendingPathComponent(name)
        let text = try String(contentsOf: dir.appendingPathComponent("ballots.csv"), encoding: .utf8)
        let data = try Data(contentsOf: dir.appendingPathComponent("case.json"))
        let json = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        return (try BallotFile.parse(text, format: .csv, weighted: true), json)
    }

    func expected(_ json: [String: Any], _ key: String) -> [String: Any] {
        (json["expected"] as! [String: Any])[key] as! [String: Any]
    }

    @Test func edinburgh2022Ward9MatchesTheScottishCountStageByStage() throws {
        let (set, json) = try load("edinburgh_2022_ward09")
        let e = expected(json, "stv_scottish_wigm_5dp")
        let r = try singleTransferableVote(set, options: STVOptions(seats: 3), tieBreaker: lot)
        #expect(r.winners == e["winners"] as! [String])
        let rounds = e["round_detail"] as! [[String: Any]]
        #expect(r.rounds.count == rounds.count)
        for (mine, theirs) in zip(r.rounds, rounds) {
            let tally = (theirs["tally"] as! [String: String]).mapValues { $0.contains(".") ? $0 : $0 + ".00000" }
            #expect(mine.tally == tally)
            #expect(mine.elected == (theirs["elected"] as? [String] ?? []))
            #expect(mine.eliminated == (theirs["eliminated"] as? [String] ?? []))
        }
    }

    @Test func burlington2009ElectsKissByIRVAndMontrollBySchulze() throws {
        let (set, json) = try load("burlington_2009_mayor")
        let irv = try instantRunoff(set, tieBreaker: lot)
        #expect(irv.winners == ["Bob Kiss"])
        let e = expected(json, "irv")
        #expect(irv.rounds.count == e["rounds"] as! Int)
        #expect(irv.rounds.map(\.eliminated).dropLast() == (e["elimination_order"] as! [[String]])[...])
        #expect(irv.rounds.last?.tally == (e["final_round"] as! [String: Int]).mapValues(String.init))
        #expect(try schulze(set, tieBreaker: lot).winners == ["Andy Montroll"])
    }

    @Test func minneapolis2013ElectsHodgesIn35Rounds() throws {
        let (set, json) = try load("mpls_2013_mayor")
        let r = try instantRunoff(set, tieBreaker: lot)
        let e = expected(json, "irv_plain")
        #expect(r.winners == e["winners"] as! [String])
        #expect(r.rounds.count == e["rounds"] as! Int)
    }

    @Test func debian2007ElectsHocevarBySchulze() throws {
        let (set, json) = try load("debian_2007_dpl")
        let r = try schulze(set, tieBreaker: lot)
        let e = expected(json, "schulze")
        #expect(r.winners == ["Sam Hocevar"])
        #expect(r.ranking == e["ranking_by_beatpath_wins"] as? [String])
    }

    @Test func rctabMultiSeatElectsTheSameThree() throws {
        let (set, json) = try load("rctab_multi_seat_threshold")
        let r = try singleTransferableVote(set, options: STVOptions(seats: 3, decimals: 4), tieBreaker: lot)
        #expect(Set(r.winners) == Set(expected(json, "stv_wigm_4dp")["winners"] as! [String]))
    }
}
