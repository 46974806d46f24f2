import Foundation

/// The rules of convening a general assembly and the bounds of its governed policies.
public enum AssemblyRules {
    /// The proxy cap is read within these bounds, whatever a policy says.
    public static let proxyCapBounds: ClosedRange<Int64> = 0...10
    /// The notice period is read within these bounds, in days.
    public static let noticeDaysBounds: ClosedRange<Int64> = 0...365
    /// The longest title, in characters.
    public static let maxTitle = 200
    /// The longest place or online link, in characters.
    public static let maxPlace = 500
    /// The most proposals on one agenda.
    public static let maxAgenda = 50
    /// The farthest ahead an assembly may be convened, in days.
    public static let maxDaysAhead = 730

    /// The proxy cap in force for a policy value, within ``proxyCapBounds``.
    public static func proxyCap(_ policy: Int64) -> Int { Int(min(max(policy, proxyCapBounds.lowerBound), proxyCapBounds.upperBound)) }

    /// The notice in days for a policy value, within ``noticeDaysBounds``.
    public static func noticeDays(_ policy: Int64) -> Int {
        Int(min(max(policy, noticeDaysBounds.lowerBound), noticeDaysBounds.upperBound))
    }

    /// Checks an assembly's date against the notice period: at least `noticeDays` whole days after
    /// `now`, and not more than ``maxDaysAhead`` days ahead.
    public static func checkDate(_ date: Date, now: Date, noticeDays: Int) throws(CoopError) {
        let earliest = now.addingTimeInterval(Double(noticeDays) * 86_400)
        guard date >= earliest else {
            throw .invalid(
                Words(
                    "The bylaws require %1$d days' notice: the assembly can be held on %2$s or later.", .number(Int64(noticeDays)),
                    .date(earliest)))
        }
        guard date <= now.addingTimeInterval(Double(maxDaysAhead) * 86_400) else {
            throw .invalid(Words("An assembly can be convened at most %d days ahead.", .number(Int64(maxDaysAhead))))
        }
    }

    /// Checks the convocation's words: a title, a place or an online link, an agenda of 1 to
    /// ``maxAgenda`` distinct proposals.
    ///
    /// The annual general meeting the bylaws' schedule convenes may have an empty agenda
    /// (`emptyAgenda`): it is held for the reports and the minutes even with nothing to vote on.
    public static func checkConvocation(
        title: String, place: String, online: String, agenda: [Int], emptyAgenda: Bool = false
    ) throws(CoopError) {
        var problems: [Words] = []
        let t = title.trimmingCharacters(in: .whitespacesAndNewlines)
        if t.isEmpty { problems.append(Words("Give the assembly a title.")) }
        if t.count > maxTitle { problems.append(Words("The title is longer than %d characters.", .number(Int64(maxTitle)))) }
        if place.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty && online.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            problems.append(Words("Say where the assembly meets, online or in a place (or both)."))
        }
        if place.count > maxPlace || online.count > maxPlace {
            problems.append(Words("The place and the online link are at most %d characters.", .number(Int64(maxPlace))))
        }
        if agenda.isEmpty && !emptyAgenda { problems.append(Words("Put at least one proposal on the agenda.")) }
        if agenda.count > maxAgenda { problems.append(Words("An agenda holds at most %d proposals.", .number(Int64(maxAgenda)))) }
        if Set(agenda).count != agenda.count { problems.append(Words("A proposal is on the agenda only once.")) }
        if !problems.isEmpty { throw .invalid(.sentences(problems)) }
    }
}

/// A member's check-in code for one assembly: short enough to read out or type, shown on the
/// member's page for a steward to enter.
public enum CheckInCode {
    /// The alphabet: no 0/O, 1/I/L.
    static let alphabet = Array("ABCDEFGHJKMNPQRSTUVWXYZ23456789")

    /// A new code of 6 characters (about 30 bits), unique within an assembly by the store.
    public static func new<G: RandomNumberGenerator>(using generator: inout G) -> String {
        String((0..<6).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }

    /// A typed code as stored: upper case, without spaces or dashes; nil if it cannot be a code.
    public static func normalise(_ typed: String) -> String? {
        let s = typed.uppercased().filter { !$0.isWhitespace && $0 != "-" }
        guard s.count == 6, s.allSatisfy({ alphabet.contains($0) }) else { return nil }
        return s
    }
}
