/// The bylaws as written in the file, before validation: every field optional, numbers as text,
/// so that validation can name each missing or bad field and parse amounts exactly.
public struct BylawsDocument: Codable, Sendable, Equatable {
    /// The `coop` section: who the co-op is and what currency it uses.
    public struct Coop: Codable, Sendable, Equatable {
        /// The co-op's name; required, not blank.
        public var name: String?
        /// What the co-op is for; required, not blank.
        public var purpose: String?
        /// The three-letter currency code, such as `EUR`; required.
        public var currency: String?
        /// Digits after the currency's decimal point, 0 to 4; 2 when absent.
        public var currency_digits: Int?
        /// The co-op's IANA time zone (`Europe/Madrid`); UTC when absent.
        public var timezone: String?
        /// The co-op's default language (`en`, `es`, `fr`): pages for a visitor whose browser
        /// names none Coop has; English when absent.
        public var language: String?
        /// Creates the section; every field may be left out.
        public init(name: String? = nil, purpose: String? = nil, currency: String? = nil, currency_digits: Int? = nil) {
            self.name = name
            self.purpose = purpose
            self.currency = currency
            self.currency_digits = currency_digits
        }
    }
    /// One entry of `classes`: a stakeholder class as written.
    public struct StakeholderClass: Codable, Sendable, Equatable {
        /// The class id: lower-case letters, digits, `-` or `_`, unique.
        public var id: String?
        /// The display name; required, not blank.
        public var name: String?
        /// What membership of the class means; optional.
        public var description: String?
        /// The price of one share as a decimal in the co-op's currency (`25.00`), 0 up to 1,000,000,000,000 minor units.
        public var share_price: String?
        /// Shares a member must hold, 0 to 1,000,000.
        public var shares_required: Int?
        /// How applicants are admitted: `automatic`, `steward` or `member_vote`.
        public var admission: String?
        /// Creates a class entry; every field may be left out.
        public init(
            id: String? = nil, name: String? = nil, description: String? = nil, share_price: String? = nil, shares_required: Int? = nil,
            admission: String? = nil
        ) {
            self.id = id
            self.name = name
            self.description = description
            self.share_price = share_price
            self.shares_required = shares_required
            self.admission = admission
        }
    }
    /// One entry of `founders`: a founder as written.
    public struct Founder: Codable, Sendable, Equatable {
        /// The founder's name; required, not blank.
        public var name: String?
        /// The founder's email; required, unique among founders (compared lower-cased).
        public var email: String?
        /// The id of the class the founder joins; required.
        public var `class`: String?
        /// Whether the founder is a steward from founding; `false` when absent.
        public var steward: Bool?
        /// Creates a founder entry; every field may be left out.
        public init(name: String? = nil, email: String? = nil, `class`: String? = nil, steward: Bool? = nil) {
            self.name = name
            self.email = email
            self.`class` = `class`
            self.steward = steward
        }
    }
    /// One entry of `proposals`: the rules of a kind of proposal as written.
    public struct Rules: Codable, Sendable, Equatable {
        /// The voting method: `majority`, `approval`, `score`, `irv`, `stv` or `schulze`.
        public var method: String?
        /// Share of eligible members who must vote, `0.25` or `25%`, within 0 to 1.
        public var quorum: String?
        /// Share of yes among yes + no needed to pass, `0.5` or `66.67%`, within 0 to 1.
        public var threshold: String?
        /// Days of discussion before voting opens, 0 to 365.
        public var discussion_days: Int?
        /// Days voting stays open, 1 to 365.
        public var voting_days: Int?
        /// Hours a passed proposal waits before it is enacted, 0 to 8760.
        public var timelock_hours: Int?
        /// `secret` (the default when absent) or `open`.
        public var ballot: String?
        /// Creates a rules entry; every field may be left out.
        public init(
            method: String? = nil, quorum: String? = nil, threshold: String? = nil, discussion_days: Int? = nil, voting_days: Int? = nil,
            timelock_hours: Int? = nil, ballot: String? = nil
        ) {
            self.method = method
            self.quorum = quorum
            self.threshold = threshold
            self.discussion_days = discussion_days
            self.voting_days = voting_days
            self.timelock_hours = timelock_hours
            self.ballot = ballot
        }
    }
    /// The `board` section as written.
    public struct Board: Codable, Sendable, Equatable {
        /// Seats on the board, 1 to 99.
        public var seats: Int?
        /// Months a board member serves, 1 to 120.
        public var term_months: Int?
        /// Seats reserved per class id, none negative, together at most `seats`; none when absent.
        public var reserved: [String: Int]?
        /// The election's voting method, as in ``Rules/method``.
        public var method: String?
        /// Creates the section; every field may be left out.
        public init(seats: Int? = nil, term_months: Int? = nil, reserved: [String: Int]? = nil, method: String? = nil) {
            self.seats = seats
            self.term_months = term_months
            self.reserved = reserved
            self.method = method
        }
    }
    /// The `surplus` section: the surplus formula and how fiscal periods run.
    public struct Surplus: Codable, Sendable, Equatable {
        /// Share kept in the indivisible reserve (`30%`); reserve + patronage + community must be 100%.
        public var reserve: String?
        /// Share returned as patronage dividends (`65%`).
        public var patronage: String?
        /// Share given to a community fund (`5%`); 0 when absent.
        public var community: String?
        /// Each class's share of the patronage pool, by class id; the shares must sum to 100%.
        public var classes: [String: String]?
        /// Each class's patronage measure by class id: `earnings`, `hours`, `spending` or `orders`.
        public var measures: [String: String]?
        /// Least share of a dividend paid in cash (`20%`); the rest goes to capital accounts.
        public var cash_minimum: String?
        /// Months in a fiscal period (1 to 24; 12 when absent).
        public var period_months: Int?
        /// Who closes a period when it ends: `steward` (default) or `schedule` (Coop closes it).
        public var close: String?
        /// Creates the section; every field may be left out.
        public init(
            reserve: String? = nil, patronage: String? = nil, community: String? = nil, classes: [String: String]? = nil,
            measures: [String: String]? = nil, cash_minimum: String? = nil, period_months: Int? = nil, close: String? = nil
        ) {
            self.period_months = period_months
            self.close = close
            self.reserve = reserve
            self.patronage = patronage
            self.community = community
            self.classes = classes
            self.measures = measures
            self.cash_minimum = cash_minimum
        }
    }
    /// One entry of `policies`: a governed policy as written.
    public struct Policy: Codable, Sendable, Equatable {
        /// The policy's key (`platform_fee`): lower-case letters, digits, `-` or `_`, unique.
        public var key: String?
        /// `rate`, `money`, `integer` or `choice`.
        public var type: String?
        /// What the policy governs, for members; empty when absent.
        public var description: String?
        /// The value at founding, written as its type is (`10%`, `15.00`, `24`, an option).
        public var initial: String?
        /// The lowest value a proposal may set; required for every type but `choice`.
        public var min: String?
        /// The highest value a proposal may set; required for every type but `choice`.
        public var max: String?
        /// The allowed values of a `choice`; only a choice has them.
        public var options: [String]?
        /// The policy's name for members ("Platform fee"); the platform's own when absent.
        public var name: String?
        /// What its number counts ("hours"); from its type or the platform when absent.
        public var unit: String?
        /// Creates a policy entry; every field may be left out.
        public init(
            key: String? = nil, type: String? = nil, description: String? = nil, initial: String? = nil, min: String? = nil,
            max: String? = nil, options: [String]? = nil, name: String? = nil, unit: String? = nil
        ) {
            self.name = name
            self.unit = unit
            self.key = key
            self.type = type
            self.description = description
            self.initial = initial
            self.min = min
            self.max = max
            self.options = options
        }
    }

    /// Name, purpose and currency; required.
    public var coop: Coop?
    /// The stakeholder classes; at least one.
    public var classes: [StakeholderClass]?
    /// The founders; at least one, and at least one of them a steward.
    public var founders: [Founder]?
    /// Rules by kind of proposal (`policy_change`, `bylaw_amendment`, `admission`, `election`, `budget`, `general`); all required.
    public var proposals: [String: Rules]?
    /// The board; required.
    public var board: Board?
    /// The surplus formula and fiscal periods; required.
    public var surplus: Surplus?
    /// The governed policies; required, with every policy the platform needs.
    public var policies: [Policy]?
    /// Marketplace category ids, 1 to 100 of 1 to 40 lower-case letters, digits or `_`; ``Bylaws/defaultCategories`` when absent.
    public var categories: [String]?
    /// The co-op's areas, at most 200, each with a unique id and name and a centre; none when absent.
    public var areas: [AreaEntry]?

    /// An empty document, to fill in field by field.
    public init() {}
}
