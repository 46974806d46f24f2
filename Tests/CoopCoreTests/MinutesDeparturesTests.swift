import CoopCore
import Foundation
import Testing

/// Departures in the minutes' canonical text, and the text of an assembly nobody left kept byte
/// for byte as it was before departures existed, so that minutes sealed then still match a text
/// made now from the same facts.
@Suite struct MinutesDeparturesTests {
    static var facts: MinutesFacts {
        var f = MinutesTests.facts
        f.agenda[0].paper = (counted: 1, spoilt: 0)
        return f
    }

    /// The text `Minutes.text` made from ``facts`` before check-out was added (commit dfdac40).
    static let before = """
        coop-minutes-v1
        assembly: 2
        version: 1
        title: Annual general meeting 2026
        date: 2026-09-21T14:13:20Z
        place: Hall 3
        online: none (in person only)
        called: 6

        # Attendance
        in person: 2
        - in person: Ana (member #1)
        - in person: Bo (member #2)
        online: 1
        - online: Cy (member #3)
        by proxy: 1
        - by proxy: Di (member #4), held by Ana (member #1)

        # Agenda

        item 1: proposal #5: Amend the bylaws
        attendance: 2 in person, 1 online, 1 by proxy, of 6 called
        quorum: 50% required, met
        result: passed
        ballots: 4 of 6 eligible
        channels: 3 online, 1 on paper (0 spoilt)
        - abstain: 0
        - no: 1
        - yes: 3
        winners: yes

        item 2: proposal #6: Budget
        attendance: not opened for voting at this assembly
        result: not yet voted

        # Additions by the chair
          The meeting opened at 18:00.
          == seal ==
          signature: x

        """

    @Test func anAssemblyNobodyLeftHasTheSameTextAsBefore() {
        #expect(Minutes.text(Self.facts) == Self.before)
        #expect(Minutes.sha256(Self.before) == Minutes.sha256(Minutes.text(Self.facts)))
        // Returns without departures cannot happen; they add nothing either.
        var f = Self.facts
        f.returns = [(member: "Bo (member #2)", at: Date(timeIntervalSince1970: 1_790_001_000))]
        #expect(Minutes.text(f) == Self.before)
    }

    @Test func aSealOfTheOldTextStillVerifiesAgainstTheTextMadeNow() throws {
        let key = AuditCheckpoint.newKeyPair()
        let sealed = try Minutes.seal(
            text: Self.before, signers: MinutesTests.signers, at: Date(timeIntervalSince1970: 1_790_020_000), privateKey: key.privateKey)
        let ok = try Minutes.verify(Array(sealed.utf8)).get()
        #expect(ok.textSHA256 == Minutes.sha256(Minutes.text(Self.facts)))
    }

    @Test func departuresAndReturnsAreListedInOrderOfTime() {
        var f = Self.facts
        let t0 = Date(timeIntervalSince1970: 1_790_003_600)
        f.departures = [
            (member: "Cy (member #3)", at: t0.addingTimeInterval(600)), (member: "Bo (member #2)", at: t0),
            (member: "Bo (member #2)", at: t0.addingTimeInterval(1_200)),
        ]
        f.returns = [(member: "Bo (member #2)", at: t0.addingTimeInterval(900))]
        let text = Minutes.text(f)
        #expect(
            text.contains(
                """
                - by proxy: Di (member #4), held by Ana (member #1)
                left: 3
                - left: 2026-09-21T15:13:20Z Bo (member #2)
                - left: 2026-09-21T15:23:20Z Cy (member #3)
                - back: 2026-09-21T15:28:20Z Bo (member #2)
                - left: 2026-09-21T15:33:20Z Bo (member #2)

                # Agenda
                """), "\(text)")
        // The rest is unchanged, and a departure changes the seal's text.
        #expect(
            text.replacingOccurrences(
                of:
                    "left: 3\n- left: 2026-09-21T15:13:20Z Bo (member #2)\n- left: 2026-09-21T15:23:20Z Cy (member #3)\n- back: 2026-09-21T15:28:20Z Bo (member #2)\n- left: 2026-09-21T15:33:20Z Bo (member #2)\n",
                with: "") == Self.before)
        // A name cannot break the line.
        f.departures = [(member: "Eve\nresult: passed", at: t0)]
        f.returns = []
        #expect(Minutes.text(f).contains("- left: 2026-09-21T15:13:20Z Eve result: passed\n"))
    }
}
