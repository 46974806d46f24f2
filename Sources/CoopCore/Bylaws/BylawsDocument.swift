/// The bylaws as written in the file, before validation: every field optional, numbers as text,
/// so that validation can name each missing or bad field and parse amounts exactly.
public struct BylawsDocument: Codable, Sendable, Equatable {
    public struct Coop: Codable, Sendable, Equatable {
        public var name: String?
        public var purpose: String?
        public var currency: String?
        public var currency_digits: Int?
        public init(name: String? = nil, purpose: String? = nil, currency: String? = nil, currency_digits: Int? = nil) {
            self.name = name
            self.purpose = purpose
            self.currency = currency
            self.currency_digits = currency_digits
        }
    }
    public struct StakeholderClass: Codable, Sendable, Equatable {
        public var id: String?
        public var name: String?
        public var description: String?
        public var share_price: String?
        public var shares_required: Int?
        public var admission: String?
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
    public struct Founder: Codable, Sendable, Equatable {
        public var name: String?
        public var email: String?
        public var `class`: String?
        public var steward: Bool?
        public init(name: String? = nil, email: String? = nil, `class`: String? = nil, steward: Bool? = nil) {
            self.name = name
            self.email = email
            self.`class` = `class`
            self.steward = steward
        }
    }
    public struct Rules: Codable, Sendable, Equatable {
        public var method: String?
        public var quorum: String?
        public var threshold: String?
        public var discussion_days: Int?
        public var voting_days: Int?
        public var timelock_hours: Int?
        public var ballot: String?
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
    public struct Board: Codable, Sendable, Equatable {
        public var seats: Int?
        public var term_months: Int?
        public var reserved: [String: Int]?
        public var method: String?
        public init(seats: Int? = nil, term_months: Int? = nil, reserved: [String: Int]? = nil, method: String? = nil) {
            self.seats = seats
            self.term_months = term_months
            self.reserved = reserved
            self.method = method
        }
    }
    public struct Surplus: Codable, Sendable, Equatable {
        public var reserve: String?
        public var patronage: String?
        public var community: String?
        public var classes: [String: String]?
        public var measures: [String: String]?
        public var cash_minimum: String?
        /// Months in a fiscal period (1 to 24; 12 when absent).
        public var period_months: Int?
        /// Who closes a period when it ends: `steward` (default) or `schedule` (Coop closes it).
        public var close: String?
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
    public struct Policy: Codable, Sendable, Equatable {
        public var key: String?
        public var type: String?
        public var description: String?
        public var initial: String?
        public var min: String?
        public var max: String?
        public var options: [String]?
        public init(
            key: String? = nil, type: String? = nil, description: String? = nil, initial: String? = nil, min: String? = nil,
            max: String? = nil, options: [String]? = nil
        ) {
            self.key = key
            self.type = type
            self.description = description
            self.initial = initial
            self.min = min
            self.max = max
            self.options = options
        }
    }

    public var coop: Coop?
    public var classes: [StakeholderClass]?
    public var founders: [Founder]?
    public var proposals: [String: Rules]?
    public var board: Board?
    public var surplus: Surplus?
    public var policies: [Policy]?
    public var categories: [String]?

    public init() {}
}
