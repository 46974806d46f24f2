import CoopCore
import Testing

/// A valid document to break one field at a time.
func validDocument() -> BylawsDocument {
    var d = BylawsDocument()
    d.coop = .init(name: "Test Co-op", purpose: "Testing", currency: "EUR", currency_digits: 2)
    d.classes = [
        .init(id: "worker", name: "Workers", description: "", share_price: "50.00", shares_required: 2, admission: "steward"),
        .init(id: "user", name: "Users", description: "", share_price: "10", shares_required: 1, admission: "automatic"),
    ]
    d.founders = [.init(name: "Ana", email: "ana@example.coop", class: "worker", steward: true)]
    var proposals: [String: BylawsDocument.Rules] = [:]
    for kind in ProposalKind.allCases {
        proposals[kind.rawValue] = .init(
            method: "majority", quorum: "0.25", threshold: "0.5", discussion_days: 7, voting_days: 7, timelock_hours: 48,
            ballot: nil)
    }
    d.proposals = proposals
    d.board = .init(seats: 5, term_months: 24, reserved: ["worker": 3], method: "stv")
    d.surplus = .init(
        reserve: "30%", patronage: "70%", community: nil, classes: ["worker": "80%", "user": "20%"],
        measures: ["worker": "earnings", "user": "spending"], cash_minimum: "20%")
    d.policies = [
        .init(key: "platform_fee", type: "rate", description: "fee", initial: "10%", min: "0%", max: "25%", options: nil),
        .init(key: "minimum_pay_per_hour", type: "money", description: "", initial: "15.00", min: "12.00", max: "100", options: nil),
        .init(
            key: "search_ranking", type: "choice", description: "", initial: "fair_rotation", min: nil, max: nil,
            options: ["fair_rotation", "newest"]),
        .init(key: "open_data_privacy_threshold", type: "integer", description: "", initial: "5", min: "3", max: "100", options: nil),
    ]
    return d
}

struct Mistake: Sendable, CustomStringConvertible {
    let name: String
    let field: String
    let change: @Sendable (inout BylawsDocument) -> Void
    init(_ name: String, _ field: String, _ change: @escaping @Sendable (inout BylawsDocument) -> Void) {
        self.name = name
        self.field = field
        self.change = change
    }
    var description: String { name }
}

@Suite struct BylawsValidationTests {
    func issues(_ change: (inout BylawsDocument) -> Void) -> [BylawsIssue] {
        var d = validDocument()
        change(&d)
        do {
            _ = try Bylaws.validate(d)
            return []
        } catch {
            return error.issues
        }
    }

    @Test func aValidDocumentBecomesBylaws() throws {
        let b = try Bylaws.validate(validDocument())
        #expect(b.currency == Currency(code: "EUR"))
        #expect(b.stakeholderClass("worker")?.requiredPayment.minorUnits == 10_000)
        #expect(b.policy("platform_fee")?.initial == .number(1000))
        #expect(b.policy("minimum_pay_per_hour")?.initial == .number(1500))
        #expect(b.proposals[.bylawAmendment]?.quorum == Fraction(basisPoints: 2500))
        #expect(b.proposals[.general]?.secret == true)
        #expect(b.fiscal == FiscalRules(periodMonths: 12, closesOnSchedule: false), "a year, closed by a steward, unless said")
        var quarterly = validDocument()
        quarterly.surplus!.period_months = 3
        quarterly.surplus!.close = "schedule"
        #expect(try Bylaws.validate(quarterly).fiscal == FiscalRules(periodMonths: 3, closesOnSchedule: true))
    }

    static let mistakes: [Mistake] = [
        Mistake("unknown class", "founders[0].class", { d in d.founders![0].class = "ghost" }),
        Mistake("unknown class in board", "board.reserved.ghost", { d in d.board!.reserved = ["ghost": 1] }),
        Mistake("threshold above 1", "proposals.policy_change.threshold", { d in d.proposals!["policy_change"]!.threshold = "1.5" }),
        Mistake("negative quorum", "proposals.general.quorum", { d in d.proposals!["general"]!.quorum = "-0.1" }),
        Mistake("bound below initial", "policies.platform_fee.max", { d in d.policies![0].max = "5%" }),
        Mistake("initial below min", "policies.minimum_pay_per_hour.initial", { d in d.policies![1].initial = "10.00" }),
        Mistake("missing currency", "coop.currency", { d in d.coop!.currency = nil }),
        Mistake("bad currency", "coop.currency", { d in d.coop!.currency = "EURO" }),
        Mistake("bad admission rule", "classes[1].admission", { d in d.classes![1].admission = "lottery" }),
        Mistake("bad share price", "classes[0].share_price", { d in d.classes![0].share_price = "50.001" }),
        Mistake("duplicate class", "classes[1].id", { d in d.classes![1].id = "worker" }),
        Mistake("unknown method", "proposals.election.method", { d in d.proposals!["election"]!.method = "borda" }),
        Mistake("missing kind", "proposals.budget", { d in d.proposals!["budget"] = nil }),
        Mistake("unknown kind", "proposals.coup", { d in d.proposals!["coup"] = d.proposals!["general"] }),
        Mistake("surplus not whole", "surplus", { d in d.surplus!.reserve = "40%" }),
        Mistake("class shares not whole", "surplus.classes", { d in d.surplus!.classes = ["worker": "50%", "user": "20%"] }),
        Mistake("missing required policy", "policies.platform_fee", { d in d.policies!.removeFirst() }),
        Mistake("choice outside options", "policies.search_ranking.initial", { d in d.policies![2].initial = "highest_bidder" }),
        Mistake("no steward founder", "founders", { d in d.founders![0].steward = false }),
        Mistake("bad founder email", "founders[0].email", { d in d.founders![0].email = "not-an-email" }),
        Mistake("board too small for reserve", "board.reserved", { d in d.board!.reserved = ["worker": 6] }),
        Mistake("too many seats", "board.seats", { d in d.board!.seats = 1000 }),
        Mistake("a period of no months", "surplus.period_months", { d in d.surplus!.period_months = 0 }),
        Mistake("a period of three years", "surplus.period_months", { d in d.surplus!.period_months = 36 }),
        Mistake("an unknown closing rule", "surplus.close", { d in d.surplus!.close = "weekly" }),
    ]

    @Test(arguments: mistakes)
    func eachMistakeIsNamedByItsField(mistake: Mistake) {
        let found = issues(mistake.change)
        #expect(found.contains { $0.field == mistake.field }, "\(mistake.name): got \(found)")
    }

    @Test func everyProblemIsReportedAtOnce() {
        let found = issues { d in
            d.coop!.currency = nil
            d.classes![0].admission = "lottery"
            d.policies![0].max = "5%"
        }
        #expect(Set(found.map(\.field)).isSuperset(of: ["coop.currency", "classes[0].admission", "policies.platform_fee.max"]))
    }

    @Test func fractionsParseExactly() throws {
        #expect(try Fraction.parse("0.6667").basisPoints == 6667)
        #expect(try Fraction.parse("66.67%").basisPoints == 6667)
        #expect(Fraction(basisPoints: 1050).description == "10.5%")
    }

    @Test func policyValuesAreCheckedAgainstBounds() throws {
        let b = try Bylaws.validate(validDocument())
        let fee = b.policy("platform_fee")!
        #expect(fee.check(.number(2600)) != nil)
        #expect(fee.check(.number(500)) == nil)
        #expect(fee.check(.option("x")) != nil)
        #expect(fee.format(.number(1000), currency: b.currency) == "10%")
    }

    @Test func admissionFollowsTheClassRule() {
        #expect(statusAfterPayment(rule: .automatic) == .admitted)
        #expect(statusAfterPayment(rule: .steward) == .awaitingSteward)
        #expect(statusAfterPayment(rule: .memberVote) == .awaitingVote)
    }
}
