/// The type of a governed policy's value.
public enum PolicyType: String, Sendable, Codable, CaseIterable {
    /// A share, stored in basis points, written `10%`.
    case rate
    /// An amount of money in the co-op's currency, stored in minor units, written `15.00`.
    case money
    /// A whole number (hours, days, people, weights).
    case integer
    /// One of a fixed list of options.
    case choice
}

/// A governed policy's value: an integer (basis points, minor units or a count) or a chosen option.
public enum PolicyValue: Hashable, Sendable, Codable {
    /// A rate in basis points, money in minor units, or an integer, by the policy's type.
    case number(Int64)
    /// The chosen option of a `choice` policy.
    case option(String)

    /// The integer, if it is a number.
    public var number: Int64? {
        if case .number(let n) = self { return n }
        return nil
    }
}

/// A typed, bounded parameter that shapes members' work and pay. Changed only by a passed proposal.
public struct PolicyDefinition: Hashable, Sendable, Codable {
    /// Stable key, such as `platform_fee`.
    public let key: String
    /// The type of the policy's value, which decides how it is written, stored and bounded.
    public let type: PolicyType
    /// What the policy does, for members reading the home page.
    public let description: String
    /// The value in force at founding.
    public let initial: PolicyValue
    /// Least allowed value (numbers).
    public let min: Int64?
    /// Greatest allowed value (numbers).
    public let max: Int64?
    /// Allowed options (choice).
    public let options: [String]
    /// The policy's name for people ("Platform fee"), as the bylaws give it; see ``displayName``.
    public let name: String?
    /// What its number counts ("hours", "km"), as the bylaws give it; see ``displayUnit(currency:)``.
    public let unit: String?

    /// Creates a definition (not validated: see ``Bylaws/validate(_:)``).
    public init(
        key: String, type: PolicyType, description: String, initial: PolicyValue, min: Int64?, max: Int64?,
        options: [String], name: String? = nil, unit: String? = nil
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

    /// The name members read: the bylaws' own, else the platform's for a policy it knows, else the
    /// key in words (`search_ranking` is "Search ranking").
    public var displayName: String { name ?? PolicyKey(rawValue: key)?.name ?? PolicyWords.words(key) }

    /// What a value counts, in words: the bylaws' unit, else the platform's, else by type ("a share
    /// of the price" for a rate, the currency for money); nil for a choice.
    public func displayUnit(currency: Currency) -> String? {
        if let unit { return unit }
        if let known = PolicyKey(rawValue: key)?.unit { return known }
        switch type {
        case .rate: return "percent"
        case .money: return currency.code
        case .integer, .choice: return nil
        }
    }

    /// Whether a value is of the right type and within the bounds; the reason when not.
    public func check(_ value: PolicyValue) -> String? { checkWords(value)?.english }

    /// The same reason as words to write in the reader's language.
    public func checkWords(_ value: PolicyValue) -> Words? {
        switch (type, value) {
        case (.choice, .option(let o)):
            return options.contains(o) ? nil : Words("'%1$s' is not one of %2$s", .text(o), .text(options.joined(separator: ", ")))
        case (.choice, .number):
            return Words("expected one of %s", .text(options.joined(separator: ", ")))
        case (_, .option(let o)):
            return Words("'%1$s' is not a %2$s", .text(o), .notice(type.words))
        case (_, .number(let n)):
            if let min, n < min { return Words("below the least allowed value") }
            if let max, n > max { return Words("above the greatest allowed value") }
            return nil
        }
    }

    /// A value written for people: `10%`, `15.00 EUR`, `3`, `fair_rotation`.
    public func format(_ value: PolicyValue, currency: Currency) -> String {
        switch (type, value) {
        case (_, .option(let o)): return o
        case (.rate, .number(let n)): return Fraction(basisPoints: n).description
        case (.money, .number(let n)): return Money(minorUnits: n, currency: currency).description
        case (_, .number(let n)): return String(n)
        }
    }

    /// Parses a value written as in the bylaws (`10%`, `15.00`, `3`, an option).
    public func parse(_ text: String, currency: Currency) throws(MoneyError) -> PolicyValue {
        switch type {
        case .choice: return .option(text)
        case .rate: return .number(try Fraction.parse(text).basisPoints)
        case .money: return .number(try Money.parseFixed(text, digits: currency.minorDigits))
        case .integer:
            guard let n = Int64(text.filter { $0 != " " }) else { throw .malformed(text) }
            return .number(n)
        }
    }
}

/// The policies the platform itself reads, each with the value it acts on when a co-op's bylaws
/// do not define it (only the ``PolicyCatalog/required`` ones must be defined). The one place
/// these keys are spelled and their fallbacks kept.
public enum PolicyKey: String, Sendable, CaseIterable {
    /// The share of each order's price the co-op keeps (a rate).
    case platformFee = "platform_fee"
    /// The most the platform fee takes from any one order, whatever its price (money; 0 for no
    /// cap): a large job pays the fee on its price only up to this amount.
    case platformFeeCap = "platform_fee_cap"
    /// The least a worker's pay for an hour of work may be (money).
    case minimumPayPerHour = "minimum_pay_per_hour"
    /// How search orders listings (a choice).
    case searchRanking = "search_ranking"
    /// The least number of people an open-data figure may describe (an integer).
    case openDataPrivacyThreshold = "open_data_privacy_threshold"
    /// Whether ratings move a listing or a worker up (a choice, `on` or `off`).
    case ratingsAffectRanking = "ratings_affect_ranking"
    /// Days after delivery before an order completes by itself (an integer).
    case autoCompleteDays = "auto_complete_days"
    /// Hours before a booking within which cancelling pays the worker (an integer).
    case cancellationWindowHours = "cancellation_window_hours"
    /// The share of the price a worker is paid for a late cancellation (a rate).
    case lateCancellationPay = "late_cancellation_pay"
    /// Dispatch's weight for sharing work fairly (an integer).
    case dispatchWeightFairShare = "dispatch_weight_fair_share"
    /// Dispatch's weight for nearness (an integer).
    case dispatchWeightDistance = "dispatch_weight_distance"
    /// Dispatch's weight for matching skills (an integer).
    case dispatchWeightSkills = "dispatch_weight_skills"
    /// Dispatch's weight for ratings (an integer).
    case dispatchWeightRating = "dispatch_weight_rating"
    /// Minutes each worker has to answer a job offer (an integer, at least 1).
    case dispatchOfferMinutes = "dispatch_offer_minutes"
    /// The farthest a job is offered, in km (an integer, at least 1).
    case dispatchMaxDistanceKm = "dispatch_max_distance_km"
    /// The shortest booking of an hourly service, in minutes (an integer).
    case bookingMinimumMinutes = "booking_minimum_minutes"
    /// The step a booking's length and start time move in, in minutes (an integer).
    case bookingStepMinutes = "booking_step_minutes"
    /// The most written proxies one member may hold at a general assembly (an integer, 0 to 10).
    case assemblyProxyCap = "assembly_proxy_cap"
    /// The least number of days between convening a general assembly and its date (an integer).
    case assemblyNoticeDays = "assembly_notice_days"
    /// The months after a fiscal period's close within which its annual general meeting must be
    /// held (an integer, 0 to 24; 0: the bylaws set no schedule). See ``AnnualMeeting``.
    case annualMeetingMonths = "annual_meeting_months"
    /// The most skill endorsements one member may have given at a time, all workers and skills
    /// together (an integer, 0 to 100; 0: nobody endorses). Withdrawing one frees its place.
    case endorsementQuota = "endorsement_quota"
    /// Dispatch's weight for the endorsements peers gave a worker's skills that the job needs (an
    /// integer, 0 to 100; 0 by default, so endorsements move nothing until the members decide).
    case dispatchWeightEndorsements = "dispatch_weight_endorsements"

    /// The number acted on for this policy given its stored number: the fallback's number (or 0)
    /// when nothing is stored or what is stored is not a number.
    public func number(stored: Int64?) -> Int64 { stored ?? fallback.number ?? 0 }

    /// The value acted on when the bylaws do not define this policy.
    public var fallback: PolicyValue {
        switch self {
        case .platformFee, .platformFeeCap, .minimumPayPerHour, .lateCancellationPay, .dispatchWeightRating, .dispatchWeightEndorsements:
            .number(0)
        case .searchRanking: .option("fair_rotation")
        case .openDataPrivacyThreshold: .number(5)
        case .ratingsAffectRanking: .option("off")
        case .autoCompleteDays: .number(3)
        case .cancellationWindowHours: .number(24)
        case .dispatchWeightFairShare: .number(50)
        case .dispatchWeightDistance: .number(30)
        case .dispatchWeightSkills: .number(20)
        case .dispatchOfferMinutes: .number(30)
        case .dispatchMaxDistanceKm: .number(25)
        case .bookingMinimumMinutes: .number(30)
        case .bookingStepMinutes: .number(15)
        case .assemblyProxyCap: .number(2)
        case .assemblyNoticeDays: .number(14)
        case .annualMeetingMonths: .number(0)
        case .endorsementQuota: .number(10)
        }
    }
}

/// The policies every co-op's bylaws must define, because the platform reads them.
public enum PolicyCatalog {
    /// Required keys and their types.
    public static let required: [(key: String, type: PolicyType)] = [
        (PolicyKey.platformFee.rawValue, .rate),
        (PolicyKey.minimumPayPerHour.rawValue, .money),
        (PolicyKey.searchRanking.rawValue, .choice),
        (PolicyKey.openDataPrivacyThreshold.rawValue, .integer),
    ]
}

extension PolicyKey {
    /// The policy's name for people, when a co-op's bylaws give none.
    public var name: String {
        switch self {
        case .platformFee: "Platform fee"
        case .platformFeeCap: "Cap on the platform fee"
        case .minimumPayPerHour: "Minimum pay per hour"
        case .searchRanking: "Search ranking"
        case .openDataPrivacyThreshold: "Open-data privacy threshold"
        case .ratingsAffectRanking: "Ratings count in ranking"
        case .autoCompleteDays: "Days before a delivered order completes"
        case .cancellationWindowHours: "Free cancellation window"
        case .lateCancellationPay: "Pay for a late cancellation"
        case .dispatchWeightFairShare: "Dispatch weight: fair share of work"
        case .dispatchWeightDistance: "Dispatch weight: distance"
        case .dispatchWeightSkills: "Dispatch weight: skills"
        case .dispatchWeightRating: "Dispatch weight: rating"
        case .dispatchOfferMinutes: "Time to answer a job offer"
        case .dispatchMaxDistanceKm: "Furthest a job is offered"
        case .bookingMinimumMinutes: "Shortest booking"
        case .bookingStepMinutes: "Booking step"
        case .assemblyProxyCap: "Proxies one member may hold at an assembly"
        case .assemblyNoticeDays: "Notice before a general assembly"
        case .annualMeetingMonths: "Annual general meeting within"
        case .endorsementQuota: "Skill endorsements one member may give"
        case .dispatchWeightEndorsements: "Dispatch weight: endorsements by peers"
        }
    }

    /// What the policy's number counts, when a co-op's bylaws do not say; nil where its type says it.
    public var unit: String? {
        switch self {
        case .openDataPrivacyThreshold: "people"
        case .autoCompleteDays: "days"
        case .cancellationWindowHours: "hours"
        case .dispatchWeightFairShare, .dispatchWeightDistance, .dispatchWeightSkills, .dispatchWeightRating, .dispatchWeightEndorsements:
            "out of 100"
        case .endorsementQuota: "endorsements"
        case .dispatchOfferMinutes, .bookingMinimumMinutes, .bookingStepMinutes: "minutes"
        case .dispatchMaxDistanceKm: "km"
        case .assemblyProxyCap: "proxies"
        case .assemblyNoticeDays: "days"
        case .annualMeetingMonths: "months after a period's close"
        case .platformFee, .platformFeeCap, .minimumPayPerHour, .searchRanking, .ratingsAffectRanking, .lateCancellationPay: nil
        }
    }
}

/// Keys and codes written as words.
public enum PolicyWords {
    /// `search_ranking` as "Search ranking".
    public static func words(_ key: String) -> String {
        let spaced = key.replacingOccurrences(of: "_", with: " ").replacingOccurrences(of: "-", with: " ")
        return spaced.prefix(1).uppercased() + spaced.dropFirst()
    }
}
