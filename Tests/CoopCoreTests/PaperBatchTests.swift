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
}
