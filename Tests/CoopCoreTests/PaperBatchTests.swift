import CoopCore
import Testing

@Suite struct PaperBatchTests {
    let yesNo = ["yes", "no", "abstain"]

    @Test func aTellersLinesBecomeTheBallotsAnOnlineVoterWouldCast() throws {
        let b = try PaperBatch.parse(
            "YES\n\n 3 x no \n2× abstain\n1* yes\nspoilt\n2 x spoiled", method: .majority, options: yesNo, maxScore: 5)
        #expect(b.ballots.count == 7 && b.spoilt == 3 && b.slips == 10)
        #expect(b.ballots.filter { $0 == .choice("yes") }.count == 2)
        let ranked = try PaperBatch.parse("ana > bo\nBo, Cy, Ana", method: .stv, options: ["Ana", "Bo", "Cy"], maxScore: 5)
        #expect(ranked.ballots == [.ranking(["Ana", "Bo"]), .ranking(["Bo", "Cy", "Ana"])])
        let approved = try PaperBatch.parse("Green, Blue\n-", method: .approval, options: ["Green", "Blue"], maxScore: 5)
        #expect(approved.ballots == [.approvals(["Green", "Blue"]), .approvals([])])
        let scored = try PaperBatch.parse("Green=5, blue = 2", method: .score, options: ["Green", "Blue"], maxScore: 5)
        #expect(scored.ballots == [.scores(["Green": 5, "Blue": 2])])
    }

    @Test func everyMalformedLineIsRefusedByNumber() {
        let cases: [(String, VotingMethod, String)] = [
            ("yes\nmaybe", .majority, "Line 2"),
            ("Ana > Zed", .irv, "Zed"),
            ("Ana > Ana", .irv, "ranked twice"),
            ("Green=9", .score, "outside"),
            ("Green=x", .score, "option=number"),
            ("Green=1, green=2", .score, "scored twice"),
            ("0 x yes", .majority, "1 to"),
            ("9999999 x yes", .majority, "not a valid ballot"),
            ("2001 x yes", .majority, "1 to 2,000"),
            ("   \n\n", .majority, "Type the batch"),
            (String(repeating: "y", count: 2_001), .majority, "too long"),
            (String(repeating: "yes\n", count: 2_001), .majority, "at most 2,000"),
        ]
        for (text, method, words) in cases {
            do {
                _ = try PaperBatch.parse(text, method: method, options: ["Ana", "Bo", "Green", "Blue"], maxScore: 5)
                Issue.record("accepted \(text.prefix(30))")
            } catch {
                #expect("\(error)".contains(words), "\(text.prefix(30)): \(error)")
            }
        }
    }

    @Test func twoEntriesAgreeWhateverTheOrderAndNeverOtherwise() throws {
        let a = try PaperBatch.parse("2 x yes\nno\nspoilt", method: .majority, options: yesNo, maxScore: 5)
        let b = try PaperBatch.parse("no\nspoilt\nyes\nyes", method: .majority, options: yesNo, maxScore: 5)
        let c = try PaperBatch.parse("yes\n2 x no\nspoilt", method: .majority, options: yesNo, maxScore: 5)
        let d = try PaperBatch.parse("2 x yes\nno\nno", method: .majority, options: yesNo, maxScore: 5)
        #expect(a.agrees(with: b) && b.agrees(with: a))
        #expect(!a.agrees(with: c) && !a.agrees(with: d))
        #expect(a.summary == "no 1, yes 2, spoilt 1")
        // Approvals in another order are the same ballot; rankings in another order are not.
        let g = ["Green", "Blue"]
        #expect(
            try PaperBatch.parse("Green, Blue", method: .approval, options: g, maxScore: 5).agrees(
                with: try PaperBatch.parse("Blue, Green", method: .approval, options: g, maxScore: 5)))
        #expect(
            !(try PaperBatch.parse("Green > Blue", method: .irv, options: g, maxScore: 5).agrees(
                with: try PaperBatch.parse("Blue > Green", method: .irv, options: g, maxScore: 5))))
    }

    @Test func aSecretSlipCarriesItsReceiptCodeAndAnOpenSlipItsMember() throws {
        let b = try PaperBatch.parse(
            "abcde-fghjk: yes\nLMNPQRSTUV : no\nspoilt\nwxyz2-34567: spoilt\n2 x yes", method: .majority, options: yesNo, maxScore: 5)
        #expect(b.receipts == ["ABCDE-FGHJK", "LMNPQ-RSTUV", "WXYZ2-34567"])
        #expect(b.ballots == [.choice("yes"), .choice("no"), .choice("yes"), .choice("yes")] && b.spoilt == 2 && b.slips == 6)
        #expect(b.entries[0] == PaperBatch.Slip(ballot: .choice("yes"), receipt: "ABCDE-FGHJK"))
        #expect(b.summary == "no 1, yes 3, spoilt 2, 3 receipt codes")
        // An option with a colon that is not a code's shape stays an option.
        let colon = try PaperBatch.parse("Plan: A", method: .approval, options: ["Plan: A", "Plan: B"], maxScore: 5)
        #expect(colon.ballots == [.approvals(["Plan: A"])] && colon.receipts.isEmpty)
        let named = try PaperBatch.parse(
            "#12: Green, Blue\n#7 blue\n#3: spoilt\nspoilt", method: .approval, options: ["Green", "Blue"], maxScore: 5, secret: false)
        #expect(named.members == [12, 7, 3] && named.ballots == [.approvals(["Green", "Blue"]), .approvals(["Blue"])])
        #expect(named.summary.contains("#12 Blue, Green") && named.summary.contains("#3 spoilt"))
    }

    @Test func codesAndNumbersAreRefusedWhereTheyDoNotBelong() {
        let cases: [(String, Bool, String)] = [
            ("#12: yes", true, "names no member"),
            ("ABCDE-FGHJK: yes", false, "not a receipt code"),
            ("yes", false, "names its member"),
            ("ABCDE-FGHJ1: yes", true, "not a receipt code printed"),
            ("ABCDE-FGHJK: yes\nabcdefghjk: no", true, "earlier line"),
            ("#4: yes\n#4: no", false, "earlier line"),
            ("ABCDE-FGHJK: 3 x yes", true, "one ballot"),
            ("#4 2 x yes", false, "one ballot"),
            ("#: yes", false, "#12"),
            ("#0: yes", false, "#12"),
            ("#1234567890: yes", false, "#12"),
            ("ABCDE-FGHJK: maybe", true, "not a valid ballot"),
        ]
        for (text, secret, words) in cases {
            do {
                _ = try PaperBatch.parse(text, method: .majority, options: yesNo, maxScore: 5, secret: secret)
                Issue.record("accepted \(text)")
            } catch {
                #expect("\(error)".contains(words), "\(text): \(error)")
            }
        }
    }

    @Test func entriesWithCodesOrNumbersAgreeOnlyWhenEverySlipMatches() throws {
        func p(_ t: String, secret: Bool = true) throws -> PaperBatch {
            try PaperBatch.parse(t, method: .majority, options: yesNo, maxScore: 5, secret: secret)
        }
        #expect(try p("ABCDE-FGHJK: yes\nLMNPQ-RSTUV: no").agrees(with: try p("lmnpqrstuv: no\nabcde-fghjk: YES")))
        // The same ballots under swapped codes, or a code left out, are not the same slips.
        #expect(!(try p("ABCDE-FGHJK: yes\nLMNPQ-RSTUV: no").agrees(with: try p("ABCDE-FGHJK: no\nLMNPQ-RSTUV: yes"))))
        #expect(!(try p("ABCDE-FGHJK: yes").agrees(with: try p("yes"))))
        #expect(try p("#4: yes\n#9: no", secret: false).agrees(with: try p("#9 no\n#4 yes", secret: false)))
        #expect(!(try p("#4: yes\n#9: no", secret: false).agrees(with: try p("#4: no\n#9: yes", secret: false))))
    }

    @Test func paperCodesAreTenCharactersOfTheReceiptAlphabet() {
        var g = SplitMix(seed: 7)
        var seen = Set<String>()
        for _ in 0..<2_000 {
            let c = PaperCode.new(using: &g)
            #expect(c.count == 11 && PaperCode.canonical(c) == c)
            #expect(PaperCode.canonical(c.lowercased().replacingOccurrences(of: "-", with: " ")) == c)
            seen.insert(c)
        }
        #expect(seen.count == 2_000)
        for bad in ["", "ABCDE", "ABCDE-FGHJKL", "ABCDE-FGHJ0", "ABCDE-FGHJI", "ÅBCDE-FGHJK", String(repeating: "A", count: 5_000)] {
            #expect(PaperCode.canonical(bad) == nil, "\(bad.prefix(12))")
        }
        // The same hash as an online receipt's, whatever the typing.
        #expect(ReceiptCode.hash("abcde fghjk") == ReceiptCode.hash("ABCDE-FGHJK"))
    }
}
