/// One thing wrong with a bylaws file: the field (a path such as `classes[1].admission`) and why.
public struct BylawsIssue: Hashable, Sendable, CustomStringConvertible {
    /// Where the problem is, as a path into the document: `coop.currency`, `classes[1].admission`.
    /// A path of the file's own keys, the same in every language.
    public let field: String
    /// What is wrong, as words written in the reader's language where they are shown (the
    /// bylaws pages, `coop serve --bylaws`): `missing`, `must not be empty`.
    public let words: Words

    /// Creates an issue for a field path and its words.
    public init(field: String, words: Words) {
        self.field = field
        self.words = words
    }

    /// What is wrong, in English.
    public var reason: String { words.english }

    /// The field and reason as words: `coop.name: must not be empty`.
    public var line: Words { Words.tc("bylaws issue", "%1$s: %2$s", .text(field), .notice(words)) }

    /// The field and reason in English, `coop.name: must not be empty`.
    public var description: String { line.english }

    /// The field and the reason in English: two issues are the same when they read the same.
    public static func == (a: BylawsIssue, b: BylawsIssue) -> Bool { a.field == b.field && a.reason == b.reason }

    /// Hashes the field and the English reason.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(field)
        hasher.combine(reason)
    }
}

/// A bylaws file that cannot be used, with every problem found.
public struct BylawsError: Error, Sendable, CustomStringConvertible {
    /// Every problem found, in the order the validation checked them.
    public let issues: [BylawsIssue]

    /// Creates an error listing the given issues.
    public init(issues: [BylawsIssue]) { self.issues = issues }

    /// The issues' descriptions joined by `; `, `coop.name: missing; board.seats: 0 is outside 1..99`.
    public var description: String { issues.map(\.description).joined(separator: "; ") }

    /// The issues as words, joined by `; `, each in the reader's language.
    public var words: Words {
        Words(id: Array(repeating: "%s", count: issues.count).joined(separator: "; "), args: issues.map { .notice($0.line) })
    }

    /// The issues in the catalog's language, joined by `; `.
    public func text(in catalog: Catalog) -> String { words.render(catalog) }
}

extension Bylaws {
    /// The longest share price or policy amount accepted, to keep every product in range.
    static let maxAmount: Int64 = 1_000_000_000_000

    /// Validates a document into bylaws, reporting every problem at once.
    public static func validate(_ doc: BylawsDocument) throws(BylawsError) -> Bylaws {
        var v = Validation()
        let result = v.run(doc)
        guard v.issues.isEmpty, let result else { throw BylawsError(issues: v.issues) }
        return result
    }
}

private struct Validation {
    var issues: [BylawsIssue] = []

    mutating func fail(_ field: String, _ reason: Words) { issues.append(BylawsIssue(field: field, words: reason)) }

    mutating func require<T>(_ value: T?, _ field: String) -> T? {
        if value == nil { fail(field, Words("missing")) }
        return value
    }

    mutating func text(_ value: String?, _ field: String) -> String? {
        guard let value = require(value, field) else { return nil }
        let trimmed = value.trimmed
        if trimmed.isEmpty { fail(field, Words("must not be empty")) }
        return trimmed
    }

    mutating func count(_ value: Int?, _ field: String, _ range: ClosedRange<Int>) -> Int? {
        guard let value = require(value, field) else { return nil }
        guard range.contains(value) else {
            fail(field, Words("%1$s is outside %2$s..%3$s", .text("\(value)"), .text("\(range.lowerBound)"), .text("\(range.upperBound)")))
            return nil
        }
        return value
    }

    mutating func fraction(_ value: String?, _ field: String, name: String = "value") -> Fraction? {
        guard let value = require(value, field) else { return nil }
        do {
            let f = try Fraction.parse(value)
            guard f.basisPoints >= 0 && f.basisPoints <= 10_000 else {
                switch name {
                case "quorum": fail(field, Words("quorum %s is outside 0..1", .text(value)))
                case "threshold": fail(field, Words("threshold %s is outside 0..1", .text(value)))
                default: fail(field, Words("value %s is outside 0..1", .text(value)))
                }
                return nil
            }
            return f
        } catch {
            fail(field, error.words)
            return nil
        }
    }

    mutating func run(_ doc: BylawsDocument) -> Bylaws? {
        let coop = doc.coop
        if coop == nil { fail("coop", Words("missing")) }
        let name = coop.flatMap { text($0.name, "coop.name") }
        let purpose = coop.flatMap { text($0.purpose, "coop.purpose") }
        var currency: Currency?
        if let coop, let code = require(coop.currency, "coop.currency") {
            let c = Currency(code: code.trimmed, minorDigits: coop.currency_digits ?? 2)
            if c.isValid { currency = c } else { fail("coop.currency", Words("'%s' is not a currency code with 0..4 digits", .text(code))) }
        }

        var timezone: String?
        if let zone = coop?.timezone?.trimmed {
            if BookingZone.isKnown(zone) {
                timezone = zone
            } else {
                fail("coop.timezone", Words("'%s' is not an IANA time zone such as Europe/Madrid", .text(zone)))
            }
        }
        var language: Language?
        if let tag = coop?.language?.trimmed {
            if let l = Language(tag: tag), Language.offered.contains(l) {
                language = l
            } else {
                fail(
                    "coop.language",
                    Words(
                        "'%1$s' is not a language Coop has (%2$s)", .text(tag),
                        .text(Language.offered.map(\.rawValue).joined(separator: ", "))))
            }
        }
        let classes = validateClasses(doc.classes, currency: currency)
        // Classes named in the file count as known even when another of their fields is wrong,
        // so that one mistake is not reported again at every place the class is used.
        let classIDs = Set(classes.map(\.id) + (doc.classes ?? []).compactMap { $0.id?.trimmed })
        let founders = validateFounders(doc.founders, classIDs: classIDs)
        let proposals = validateProposals(doc.proposals)
        let board = validateBoard(doc.board, classIDs: classIDs)
        let surplus = validateSurplus(doc.surplus, classIDs: classIDs)
        let fiscal = validateFiscal(doc.surplus)
        // Without a valid currency, amounts are still checked as if in a two-digit one.
        let policies = validatePolicies(doc.policies, currency: currency ?? Currency(code: "XXX"))
        let categories = validateCategories(doc.categories)
        let areas = validateAreas(doc.areas) { fail($0, $1) }

        guard let name, let purpose, let currency, let board, let surplus, let proposals else { return nil }
        var bylaws = Bylaws(
            name: name, purpose: purpose, currency: currency, classes: classes, founders: founders,
            proposals: proposals, board: board, surplus: surplus, fiscal: fiscal, policies: policies, categories: categories,
            areas: areas)
        bylaws.timezone = timezone
        bylaws.language = language
        return bylaws
    }

    mutating func validateCategories(_ raw: [String]?) -> [String] {
        guard let raw else { return Bylaws.defaultCategories }
        if raw.isEmpty || raw.count > 100 { fail("categories", Words("give 1 to 100 categories")) }
        var seen = Set<String>()
        for (i, c) in raw.enumerated() {
            let ok =
                (1...40).contains(c.count) && c.allSatisfy { ($0.isLetter && $0.isLowercase && $0.isASCII) || $0.isNumber || $0 == "_" }
            if !ok { fail("categories[\(i)]", Words("'%s' is not an id of 1 to 40 lowercase letters, digits or _", .text(c))) }
            if !seen.insert(c).inserted { fail("categories[\(i)]", Words("'%s' appears twice", .text(c))) }
        }
        return raw
    }

    mutating func validateClasses(_ raw: [BylawsDocument.StakeholderClass]?, currency: Currency?) -> [StakeholderClass] {
        guard let raw = require(raw, "classes") else { return [] }
        if raw.isEmpty { fail("classes", Words("at least one stakeholder class is needed")) }
        var result: [StakeholderClass] = []
        var seen: Set<String> = []
        for (i, c) in raw.enumerated() {
            let f = "classes[\(i)]"
            let id = text(c.id, "\(f).id")
            if let id {
                if !id.isIdentifier { fail("\(f).id", Words("'%s' must be lower-case letters, digits, - or _", .text(id))) }
                if !seen.insert(id).inserted { fail("\(f).id", Words("duplicate class '%s'", .text(id))) }
            }
            let name = text(c.name, "\(f).name")
            let shares = count(c.shares_required, "\(f).shares_required", 0...1_000_000)
            var price: Money?
            if let currency, let p = require(c.share_price, "\(f).share_price") {
                do {
                    let m = try Money.parse(p, currency: currency)
                    if m.minorUnits < 0 || m.minorUnits > Bylaws.maxAmount {
                        fail(
                            "\(f).share_price",
                            Words(
                                "%1$s is outside 0..%2$s", .text(p),
                                .text(Money(minorUnits: Bylaws.maxAmount, currency: currency).decimalString)))
                    } else {
                        price = m
                    }
                } catch { fail("\(f).share_price", error.words) }
            }
            var rule: AdmissionRule?
            if let a = require(c.admission, "\(f).admission") {
                rule = AdmissionRule(rawValue: a.trimmed)
                if rule == nil {
                    fail(
                        "\(f).admission",
                        Words("'%1$s' is not one of %2$s", .text(a), .text(AdmissionRule.allCases.map(\.rawValue).joined(separator: ", "))))
                }
            }
            if let id, let name, let shares, let price, let rule {
                result.append(
                    StakeholderClass(
                        id: id, name: name, description: c.description?.trimmed ?? "", sharePrice: price,
                        sharesRequired: shares, admission: rule))
            }
        }
        return result
    }

    mutating func validateFounders(_ raw: [BylawsDocument.Founder]?, classIDs: Set<String>) -> [Founder] {
        var result: [Founder] = []
        var emails: Set<String> = []
        for (i, r) in (raw ?? []).enumerated() {
            let f = "founders[\(i)]"
            let name = text(r.name, "\(f).name")
            let email = text(r.email, "\(f).email")?.lowercased()
            if let email {
                if !email.looksLikeEmail { fail("\(f).email", Words("'%s' is not an email address", .text(email))) }
                if !emails.insert(email).inserted { fail("\(f).email", Words("duplicate founder '%s'", .text(email))) }
            }
            let cls = text(r.class, "\(f).class")
            if let cls, !classIDs.isEmpty, !classIDs.contains(cls) { fail("\(f).class", Words("unknown class '%s'", .text(cls))) }
            if let name, let email, let cls {
                result.append(Founder(name: name, email: email, classID: cls, steward: r.steward ?? false))
            }
        }
        if raw == nil || raw?.isEmpty == true {
            fail("founders", Words("missing: name at least one founder"))
        } else if !(raw ?? []).contains(where: { $0.steward == true }) {
            fail("founders", Words("at least one founder must be a steward, to confirm payments and admissions"))
        }
        return result
    }

    mutating func method(_ raw: String?, _ field: String) -> VotingMethod? {
        guard let raw = require(raw, field) else { return nil }
        guard let m = VotingMethod(rawValue: raw.trimmed) else {
            fail(
                field, Words("'%1$s' is not one of %2$s", .text(raw), .text(VotingMethod.allCases.map(\.rawValue).joined(separator: ", "))))
            return nil
        }
        return m
    }

    mutating func validateProposals(_ raw: [String: BylawsDocument.Rules]?) -> [ProposalKind: ProposalRules]? {
        guard let raw = require(raw, "proposals") else { return nil }
        var result: [ProposalKind: ProposalRules] = [:]
        for key in raw.keys.sorted() where ProposalKind(rawValue: key) == nil {
            fail(
                "proposals.\(key)",
                Words("unknown kind of proposal; kinds are %s", .text(ProposalKind.allCases.map(\.rawValue).joined(separator: ", "))))
        }
        for kind in ProposalKind.allCases {
            let f = "proposals.\(kind.rawValue)"
            guard let r = require(raw[kind.rawValue], f) else { continue }
            let m = method(r.method, "\(f).method")
            let quorum = fraction(r.quorum, "\(f).quorum", name: "quorum")
            let threshold = fraction(r.threshold, "\(f).threshold", name: "threshold")
            let discussion = count(r.discussion_days, "\(f).discussion_days", 0...365)
            let voting = count(r.voting_days, "\(f).voting_days", 1...365)
            let timelock = count(r.timelock_hours, "\(f).timelock_hours", 0...8760)
            var secret: Bool?
            switch r.ballot?.trimmed {
            case nil: secret = true
            case "secret": secret = true
            case "open": secret = false
            case let other?: fail("\(f).ballot", Words("'%1$s' is not one of %2$s", .text(other), .text("secret, open")))
            }
            if let m, let quorum, let threshold, let discussion, let voting, let timelock, let secret {
                result[kind] = ProposalRules(
                    method: m, quorum: quorum, threshold: threshold, discussionDays: discussion, votingDays: voting,
                    timelockHours: timelock, secret: secret)
            }
        }
        return result
    }

    mutating func validateBoard(_ raw: BylawsDocument.Board?, classIDs: Set<String>) -> BoardRules? {
        guard let raw = require(raw, "board") else { return nil }
        let seats = count(raw.seats, "board.seats", 1...99)
        let term = count(raw.term_months, "board.term_months", 1...120)
        let m = method(raw.method, "board.method")
        let reserved = raw.reserved ?? [:]
        for (cls, n) in reserved.sorted(by: { $0.key < $1.key }) {
            if !classIDs.contains(cls) { fail("board.reserved.\(cls)", Words("unknown class '%s'", .text(cls))) }
            if n < 0 { fail("board.reserved.\(cls)", Words("%s is negative", .text("\(n)"))) }
        }
        if let seats, reserved.values.reduce(0, +) > seats {
            fail("board.reserved", Words("reserves %1$s seats of %2$s", .text("\(reserved.values.reduce(0, +))"), .text("\(seats)")))
        }
        guard let seats, let term, let m else { return nil }
        return BoardRules(seats: seats, termMonths: term, reserved: reserved, method: m)
    }

    mutating func validateSurplus(_ raw: BylawsDocument.Surplus?, classIDs: Set<String>) -> SurplusFormula? {
        guard let raw = require(raw, "surplus") else { return nil }
        let reserve = fraction(raw.reserve, "surplus.reserve")
        let patronage = fraction(raw.patronage, "surplus.patronage")
        let community = raw.community == nil ? Fraction(basisPoints: 0) : fraction(raw.community, "surplus.community")
        let cash = fraction(raw.cash_minimum, "surplus.cash_minimum")
        if let reserve, let patronage, let community,
            reserve.basisPoints + patronage.basisPoints + community.basisPoints != 10_000
        {
            fail(
                "surplus",
                Words(
                    "reserve, patronage and community must sum to 100%%, not %s",
                    .percent(reserve.basisPoints + patronage.basisPoints + community.basisPoints)))
        }
        var shares: [String: Fraction] = [:]
        for (cls, text) in (raw.classes ?? [:]).sorted(by: { $0.key < $1.key }) {
            if !classIDs.contains(cls) { fail("surplus.classes.\(cls)", Words("unknown class '%s'", .text(cls))) }
            if let f = fraction(text, "surplus.classes.\(cls)") { shares[cls] = f }
        }
        if raw.classes == nil || shares.isEmpty {
            fail("surplus.classes", Words("missing: give each class's share of the patronage pool"))
        } else if shares.values.map(\.basisPoints).reduce(0, +) != 10_000 {
            fail("surplus.classes", Words("class shares must sum to 100%%"))
        }
        var measures: [String: PatronageMeasure] = [:]
        for (cls, text) in (raw.measures ?? [:]).sorted(by: { $0.key < $1.key }) {
            if !classIDs.contains(cls) { fail("surplus.measures.\(cls)", Words("unknown class '%s'", .text(cls))) }
            if let m = PatronageMeasure(rawValue: text.trimmed) {
                measures[cls] = m
            } else {
                fail(
                    "surplus.measures.\(cls)",
                    Words(
                        "'%1$s' is not one of %2$s", .text(text), .text(PatronageMeasure.allCases.map(\.rawValue).joined(separator: ", "))))
            }
        }
        for cls in shares.keys.sorted() where measures[cls] == nil && classIDs.contains(cls) {
            fail("surplus.measures.\(cls)", Words("missing: a class with a patronage share needs a measure"))
        }
        guard let reserve, let patronage, let community, let cash else { return nil }
        return SurplusFormula(
            reserve: reserve, patronage: patronage, community: community, classShares: shares, measures: measures,
            cashMinimum: cash)
    }

    mutating func validateFiscal(_ raw: BylawsDocument.Surplus?) -> FiscalRules {
        let months = raw?.period_months == nil ? 12 : count(raw?.period_months, "surplus.period_months", 1...24) ?? 12
        let close = raw?.close?.trimmed ?? "steward"
        if !["steward", "schedule"].contains(close) { fail("surplus.close", Words("'%s' is not steward or schedule", .text(close))) }
        return FiscalRules(periodMonths: months, closesOnSchedule: close == "schedule")
    }

    mutating func validatePolicies(_ raw: [BylawsDocument.Policy]?, currency: Currency) -> [PolicyDefinition] {
        guard let raw = require(raw, "policies") else { return [] }
        var result: [PolicyDefinition] = []
        var seen: Set<String> = []
        for (i, p) in raw.enumerated() {
            let f = "policies[\(i)]"
            let key = text(p.key, "\(f).key")
            if let key {
                if !key.isIdentifier { fail("\(f).key", Words("'%s' must be lower-case letters, digits, - or _", .text(key))) }
                if !seen.insert(key).inserted { fail("\(f).key", Words("duplicate policy '%s'", .text(key))) }
            }
            let name = key.map { "policies.\($0)" } ?? f
            var type: PolicyType?
            if let t = require(p.type, "\(name).type") {
                type = PolicyType(rawValue: t.trimmed)
                if type == nil {
                    fail(
                        "\(name).type",
                        Words("'%1$s' is not one of %2$s", .text(t), .text(PolicyType.allCases.map(\.rawValue).joined(separator: ", "))))
                }
            }
            guard let key, let type else { continue }
            let options = (p.options ?? []).map(\.trimmed)
            if type == .choice && options.isEmpty { fail("\(name).options", Words("a choice needs options")) }
            if type != .choice && p.options != nil { fail("\(name).options", Words("only a choice has options")) }
            let probe = PolicyDefinition(key: key, type: type, description: "", initial: .number(0), min: nil, max: nil, options: options)
            func parse(_ text: String?, _ field: String) -> PolicyValue? {
                guard let text else { return nil }
                do { return try probe.parse(text, currency: currency) } catch {
                    issues.append(BylawsIssue(field: field, words: error.words))
                    return nil
                }
            }
            guard let initialText = require(p.initial, "\(name).initial"), let initial = parse(initialText, "\(name).initial")
            else { continue }
            let minValue = type == .choice ? nil : parse(p.min, "\(name).min")?.number
            let maxValue = type == .choice ? nil : parse(p.max, "\(name).max")?.number
            if type != .choice {
                if p.min == nil { fail("\(name).min", Words("missing: a number policy needs bounds")) }
                if p.max == nil { fail("\(name).max", Words("missing: a number policy needs bounds")) }
            }
            let def = PolicyDefinition(
                key: key, type: type, description: p.description?.trimmed ?? "", initial: initial, min: minValue,
                max: maxValue, options: options, name: p.name.map(\.trimmed).flatMap { $0.isEmpty ? nil : $0 },
                unit: p.unit.map(\.trimmed).flatMap { $0.isEmpty ? nil : $0 })
            if (p.name?.count ?? 0) > 80 { fail("\(name).name", Words("a name is at most 80 characters")) }
            if (p.unit?.count ?? 0) > 40 { fail("\(name).unit", Words("a unit is at most 40 characters")) }
            if let minValue, let maxValue, minValue > maxValue {
                fail("\(name).min", Words("bound %1$s is above max %2$s", .text(p.min!), .text(p.max!)))
            }
            if let n = initial.number {
                if let minValue, n < minValue {
                    fail("\(name).initial", Words("initial value %1$s is below its bound min %2$s", .text(initialText), .text(p.min!)))
                }
                if let maxValue, n > maxValue {
                    fail("\(name).max", Words("bound %1$s is below its initial value %2$s", .text(p.max!), .text(initialText)))
                }
                if type == .rate && (n < 0 || n > 10_000) { fail("\(name).initial", Words("a rate must be within 0%%..100%%")) }
                if abs(n) > Bylaws.maxAmount { fail("\(name).initial", Words("out of range")) }
            } else if let reason = def.checkWords(initial) {
                fail("\(name).initial", reason)
            }
            result.append(def)
        }
        for req in PolicyCatalog.required {
            if let def = result.first(where: { $0.key == req.key }) {
                if def.type != req.type { fail("policies.\(req.key).type", Words("must be %s", .notice(req.type.words))) }
            } else if !raw.contains(where: { $0.key?.trimmed == req.key }) {
                fail("policies.\(req.key)", Words("missing: the platform needs this policy"))
            }
        }
        return result
    }
}

extension String {
    var trimmed: String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s = s.dropFirst() }
        while let c = s.last, c.isWhitespace { s = s.dropLast() }
        return String(s)
    }

    var isIdentifier: Bool {
        !isEmpty && allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" || $0 == "_" }
    }

    /// A light check: something@something.something, no spaces.
    public var looksLikeEmail: Bool {
        let parts = split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."),
            !parts[1].hasSuffix(".")
        else { return false }
        return !contains(where: { $0.isWhitespace }) && count <= 254
    }
}
