import Crypto
import Foundation

/// The facts an assembly's minutes are made of, as the store read them.
public struct MinutesFacts: Sendable, Equatable {
    /// One proposal of the agenda.
    public struct Item: Sendable, Equatable {
        /// The proposal's number.
        public var number: Int
        /// Its title.
        public var title: String
        /// The attendance frozen when it opened for voting; nil if it was not opened.
        public var opened: AttendanceCount?
        /// The quorum then, in basis points.
        public var quorumBasisPoints: Int64?
        /// Whether the attendance reached it.
        public var quorumMet: Bool?
        /// The count, once the proposal is counted.
        public var result: Result?
        /// Paper ballots entered by the tellers and counted, and slips they could not read; nil
        /// when the item was not voted on in the meeting.
        public var paper: (counted: Int, spoilt: Int)?

        /// Creates an item.
        public init(
            number: Int, title: String, opened: AttendanceCount? = nil, quorumBasisPoints: Int64? = nil, quorumMet: Bool? = nil,
            result: Result? = nil
        ) {
            self.number = number
            self.title = title
            self.opened = opened
            self.quorumBasisPoints = quorumBasisPoints
            self.quorumMet = quorumMet
            self.result = result
        }

        /// Items are equal when every fact is.
        public static func == (a: Item, b: Item) -> Bool {
            a.number == b.number && a.title == b.title && a.opened == b.opened && a.quorumBasisPoints == b.quorumBasisPoints
                && a.quorumMet == b.quorumMet && a.result == b.result && a.paper?.counted == b.paper?.counted
                && a.paper?.spoilt == b.paper?.spoilt
        }
    }

    /// A counted result with its figures.
    public struct Result: Sendable, Equatable {
        /// Whether it passed.
        public var passed: Bool
        /// Ballots counted.
        public var ballots: Int64
        /// Members eligible.
        public var eligible: Int64
        /// The winners (for a yes/no vote, `yes` or `no`), in order.
        public var winners: [String]
        /// Totals by option, when the method has them.
        public var totals: [String: Int64]

        /// Creates a result.
        public init(passed: Bool, ballots: Int64, eligible: Int64, winners: [String], totals: [String: Int64]) {
            self.passed = passed
            self.ballots = ballots
            self.eligible = eligible
            self.winners = winners
            self.totals = totals
        }
    }

    /// The assembly's number.
    public var assembly: Int
    /// The version of its minutes, from 1.
    public var version: Int
    /// Its title.
    public var title: String
    /// When it began.
    public var startsAt: Date
    /// Where it met; empty if only online.
    public var place: String
    /// How to join online; empty if only in person.
    public var online: String
    /// Members called.
    public var called: Int
    /// Members present in person, by name.
    public var inPerson: [String]
    /// Members present online, by name.
    public var presentOnline: [String]
    /// Proxies in force: (the absent giver, the holder), by name.
    public var proxies: [(giver: String, holder: String)]
    /// The agenda, in order.
    public var agenda: [Item]
    /// What the chair adds, as written.
    public var additions: String
    /// Members who left during the assembly, by name, with when; a member may leave more than once.
    /// None in an assembly nobody left, whose text is then the same as before departures existed.
    public var departures: [(member: String, at: Date)] = []
    /// Members who checked in again after leaving, by name, with when.
    public var returns: [(member: String, at: Date)] = []

    /// Creates the facts.
    public init(
        assembly: Int, version: Int, title: String, startsAt: Date, place: String, online: String, called: Int, inPerson: [String],
        presentOnline: [String], proxies: [(giver: String, holder: String)], agenda: [Item], additions: String
    ) {
        self.assembly = assembly
        self.version = version
        self.title = title
        self.startsAt = startsAt
        self.place = place
        self.online = online
        self.called = called
        self.inPerson = inPerson
        self.presentOnline = presentOnline
        self.proxies = proxies
        self.agenda = agenda
        self.additions = additions
    }

    /// Equal when every fact is.
    public static func == (a: MinutesFacts, b: MinutesFacts) -> Bool {
        Minutes.text(a) == Minutes.text(b)
    }
}

/// Minutes of a general assembly: a canonical, line-based UTF-8 text made from the facts, and its
/// seal, an Ed25519 signature by the co-op's key (the audit checkpoint key) over the text and the
/// officers who signed it. A sealed file is self-contained: anyone can check it with
/// `coop minutes verify FILE`.
public enum Minutes {
    /// The first line of every minutes text: the format and its version.
    public static let header = "coop-minutes-v1"
    /// The line that begins the seal.
    public static let sealLine = "== seal =="
    /// The longest chair's additions, in characters.
    public static let maxAdditions = 20_000
    /// The largest sealed file `verify` reads, in bytes.
    public static let maxFileBytes = 2_000_000

    /// The canonical text: the same facts always give the same bytes. Every value is on one line
    /// (line breaks and control characters become spaces); the chair's additions are indented by
    /// two spaces, so no line of theirs can pose as a header or the seal.
    public static func text(_ f: MinutesFacts) -> String {
        var lines = [header]
        func put(_ key: String, _ value: String) { lines.append("\(key): \(oneLine(value))") }
        put("assembly", "\(f.assembly)")
        put("version", "\(f.version)")
        put("title", f.title)
        put("date", timestamp(f.startsAt))
        put("place", f.place.isEmpty ? "none (online only)" : f.place)
        put("online", f.online.isEmpty ? "none (in person only)" : f.online)
        put("called", "\(f.called)")
        lines.append("")
        lines.append("# Attendance")
        put("in person", "\(f.inPerson.count)")
        for n in f.inPerson.sorted() { put("- in person", n) }
        put("online", "\(f.presentOnline.count)")
        for n in f.presentOnline.sorted() { put("- online", n) }
        put("by proxy", "\(f.proxies.count)")
        for p in f.proxies.map({ "\(oneLine($0.giver)), held by \(oneLine($0.holder))" }).sorted() { put("- by proxy", p) }
        // Only when someone left, so that the text of an assembly nobody left (every one sealed
        // before departures existed) is byte for byte what it was.
        if !f.departures.isEmpty {
            put("left", "\(f.departures.count)")
            let moves =
                f.departures.map { (timestamp($0.at), oneLine($0.member), "- left") }
                + f.returns.map { (timestamp($0.at), oneLine($0.member), "- back") }
            for (at, name, key) in moves.sorted(by: { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }) { put(key, "\(at) \(name)") }
        }
        lines.append("")
        lines.append("# Agenda")
        for (i, item) in f.agenda.enumerated() {
            lines.append("")
            put("item \(i + 1)", "proposal #\(item.number): \(item.title)")
            if let c = item.opened {
                put("attendance", "\(c.inPerson) in person, \(c.online) online, \(c.byProxy) by proxy, of \(c.eligible) called")
                if let q = item.quorumBasisPoints {
                    put("quorum", "\(percent(q)) required, \(item.quorumMet == true ? "met" : "not met")")
                }
            } else {
                put("attendance", "not opened for voting at this assembly")
            }
            if let r = item.result {
                put("result", r.passed ? "passed" : "not passed")
                put("ballots", "\(r.ballots) of \(r.eligible) eligible")
                if let paper = item.paper {
                    put("channels", "\(r.ballots - Int64(paper.counted)) online, \(paper.counted) on paper (\(paper.spoilt) spoilt)")
                }
                for (k, v) in r.totals.sorted(by: { $0.key < $1.key }) { put("- \(oneLine(k))", "\(v)") }
                if !r.winners.isEmpty { put("winners", r.winners.joined(separator: ", ")) }
            } else {
                put("result", "not yet voted")
            }
        }
        lines.append("")
        lines.append("# Additions by the chair")
        let added = normalised(f.additions)
        if added.isEmpty {
            lines.append("  none")
        } else {
            for l in added.split(separator: "\n", omittingEmptySubsequences: false) { lines.append(("  " + l).trimmingTrailing()) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One officer's signature in the app.
    public struct Signer: Sendable, Equatable {
        /// `chair` or `officer`.
        public var role: String
        /// Their name as the minutes give it.
        public var name: String
        /// When they signed.
        public var at: Date

        /// Creates a signer.
        public init(role: String, name: String, at: Date) {
            self.role = role
            self.name = name
            self.at = at
        }
    }

    /// A sealed file: the text, the signers, when it was sealed, the co-op's public key, and the
    /// Ed25519 signature over everything before the signature line.
    public static func seal(text: String, signers: [Signer], at date: Date, privateKey: String) throws -> String {
        guard let raw = Hex.decode(privateKey) else { throw CheckpointError.badKey }
        let key = try Curve25519.Signing.PrivateKey(rawRepresentation: raw)
        var body = text
        body += sealLine + "\n"
        for s in signers { body += "signer: \(oneLine(s.role)) \(timestamp(s.at)) \(oneLine(s.name))\n" }
        body += "sealed: \(timestamp(date))\n"
        body += "public-key: \(Hex.encode(Array(key.publicKey.rawRepresentation)))\n"
        let signature = Array(try key.signature(for: Array(body.utf8)))
        return body + "signature: \(Hex.encode(signature))\n"
    }

    /// What a good seal says.
    public struct Verified: Sendable, Equatable {
        /// The assembly's number.
        public var assembly: Int
        /// The version of its minutes.
        public var version: Int
        /// When it was sealed, as written (UTC).
        public var sealedAt: String
        /// The signers' lines: role, time, name.
        public var signers: [String]
        /// The key that sealed it, hex.
        public var publicKey: String
        /// The SHA-256 of the canonical text, hex.
        public var textSHA256: String
    }

    /// Why a file is not good minutes.
    public enum Failure: Error, Equatable, CustomStringConvertible {
        /// It cannot be read as minutes; says why, in words for the reader's language.
        case malformed(Words)
        /// The signature is not the embedded key's over these bytes.
        case badSeal

        /// One line for people, in English.
        public var description: String { words.english }

        /// The same line as words to write in the reader's language.
        public var words: Words {
            switch self {
            case .malformed(let why): Words("not sealed minutes: %s", .notice(why))
            case .badSeal: Words("the seal does not match: the file was changed after it was sealed, or the seal is forged")
            }
        }
    }

    /// Checks a sealed file: its form, then the signature by the key it embeds.
    public static func verify(_ bytes: [UInt8]) -> Swift.Result<Verified, Failure> {
        guard bytes.count <= maxFileBytes else { return .failure(.malformed(Words("larger than %s bytes", .text("\(maxFileBytes)")))) }
        guard let file = String(validating: bytes, as: UTF8.self) else { return .failure(.malformed(Words("not UTF-8 text"))) }
        guard file.hasPrefix(header + "\n") else { return .failure(.malformed(Words("it does not begin with '%s'", .text(header)))) }
        guard file.hasSuffix("\n") else { return .failure(.malformed(Words("it is cut short (no final line break)"))) }
        let marker = "\n" + sealLine + "\n"
        guard let sealStart = file.range(of: marker) else { return .failure(.malformed(Words("it has no seal"))) }
        guard let sigStart = file.range(of: "\nsignature: ", options: .backwards), sigStart.lowerBound >= sealStart.lowerBound
        else { return .failure(.malformed(Words("the seal has no signature (cut short?)"))) }
        let body = String(file[..<file.index(after: sigStart.lowerBound)])
        let sigHex = String(file[sigStart.upperBound...].dropLast())
        guard let sig = Hex.decode(sigHex), sig.count == 64 else {
            return .failure(.malformed(Words("the signature is not 128 hex digits")))
        }
        let text = String(file[..<file.index(after: sealStart.lowerBound)])
        let seal = file[sealStart.upperBound..<sigStart.upperBound].split(separator: "\n").map(String.init)
        var signers: [String] = []
        var sealed: String?
        var publicKey: String?
        for line in seal {
            if line.hasPrefix("signer: ") {
                signers.append(String(line.dropFirst(8)))
            } else if line.hasPrefix("sealed: ") {
                sealed = String(line.dropFirst(8))
            } else if line.hasPrefix("public-key: ") {
                publicKey = String(line.dropFirst(12))
            } else if line != "signature: " {
                return .failure(.malformed(Words("unexpected line in the seal: '%s'", .text(String(line.prefix(60))))))
            }
        }
        guard let sealed, let publicKey else { return .failure(.malformed(Words("the seal lacks its date or public key"))) }
        guard let keyBytes = Hex.decode(publicKey), keyBytes.count == 32 else {
            return .failure(.malformed(Words("the public key is not 64 hex digits")))
        }
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: keyBytes),
            key.isValidSignature(sig, for: Array(body.utf8))
        else { return .failure(.badSeal) }
        func field(_ key: String) -> Int? {
            text.split(separator: "\n").first { $0.hasPrefix(key + ": ") }.flatMap { Int($0.dropFirst(key.count + 2)) }
        }
        guard let assembly = field("assembly"), let version = field("version") else {
            return .failure(.malformed(Words("the text names no assembly or version")))
        }
        return .success(
            Verified(
                assembly: assembly, version: version, sealedAt: sealed, signers: signers, publicKey: publicKey,
                textSHA256: sha256(text)))
    }

    /// A UTC timestamp to the second: `2026-11-30T12:00:00Z`.
    public static func timestamp(_ d: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'"
        return f.string(from: d)
    }

    /// The chair's text with line breaks as `\n`, no control characters, no trailing spaces.
    public static func normalised(_ s: String) -> String {
        let unified = s.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        let clean = String(
            String.UnicodeScalarView(
                unified.unicodeScalars.map { $0 == "\n" || !CharacterSet.controlCharacters.contains($0) ? $0 : " " }))
        return clean.split(separator: "\n", omittingEmptySubsequences: false).map { String($0).trimmingTrailing() }
            .joined(separator: "\n").trimmingCharacters(in: .newlines)
    }

    /// The SHA-256 of a text's UTF-8 bytes, hex.
    public static func sha256(_ s: String) -> String { Hex.encode(Array(SHA256.hash(data: Array(s.utf8)))) }

    static func oneLine(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.map { CharacterSet.controlCharacters.contains($0) ? " " : $0 }))
            .trimmingCharacters(in: .whitespaces)
    }

    static func percent(_ bp: Int64) -> String {
        bp % 100 == 0 ? "\(bp / 100)%" : "\(bp / 100).\(String(format: "%02d", Int(bp % 100)))%"
    }
}

extension String {
    fileprivate func trimmingTrailing() -> String {
        var s = Substring(self)
        while let last = s.last, last == " " || last == "\t" { s = s.dropLast() }
        return String(s)
    }
}
