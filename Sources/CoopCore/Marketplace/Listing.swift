#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What is listed: a service (by the hour or for a fixed price) or a good (by the item, from stock).
public enum ListingKind: String, Sendable, Codable, CaseIterable {
    /// Work done for the customer, by the hour or at a fixed price.
    case service
    /// A thing sold by the item, from stock.
    case good
}

/// A listing as a worker drafts it, before it is stored.
public struct ListingDraft: Sendable, Equatable {
    /// A service or a good.
    public var kind: ListingKind
    /// The listing's title, 3 to 120 characters.
    public var title: String
    /// What is offered, at most 5000 characters.
    public var description: String
    /// A category id from the bylaws' ``Bylaws/categories``.
    public var category: String
    /// How it is priced: per hour or fixed for a service, per item for a good.
    public var unit: PriceUnit
    /// The price of one unit (an hour, the whole service, an item), more than zero and at most ``Pricing/maximumMinorUnits``.
    public var price: Money
    /// Minutes a fixed-price service takes (1 to a month), for the minimum-pay check and hours worked; unused for other units.
    public var estimatedMinutes: Int64?
    /// Items in stock, required for a good, 0 to 1,000,000; unused for a service.
    public var stock: Int64?
    /// Where the listing applies, in words (a town or district), at most 120 characters; may be empty.
    public var area: String
    /// Where the work is done or the good picked up, in millionths of a degree.
    public var latitudeE6: Int64?
    /// The longitude in millionths of a degree, -180,000,000 to 180,000,000; given with the latitude or not at all.
    public var longitudeE6: Int64?
    /// The id of the bylaws' area it is placed in (its name is `area`, its centre the place), if any.
    public var areaID: String?

    /// Creates a draft; ``problems(categories:feeRate:minimumPerHour:)`` says whether it can be listed.
    public init(
        kind: ListingKind, title: String, description: String, category: String, unit: PriceUnit, price: Money,
        estimatedMinutes: Int64? = nil, stock: Int64? = nil, area: String = "", latitudeE6: Int64? = nil, longitudeE6: Int64? = nil,
        areaID: String? = nil
    ) {
        self.kind = kind
        self.title = title
        self.description = description
        self.category = category
        self.unit = unit
        self.price = price
        self.estimatedMinutes = estimatedMinutes
        self.stock = stock
        self.area = area
        self.latitudeE6 = latitudeE6
        self.longitudeE6 = longitudeE6
        self.areaID = areaID
    }

    /// The draft placed in one of the co-op's areas: its name, its centre, its id; nil: no place.
    public func placed(in area: Area?) -> ListingDraft {
        var d = self
        d.area = area?.name ?? ""
        d.latitudeE6 = area?.latitudeE6
        d.longitudeE6 = area?.longitudeE6
        d.areaID = area?.id
        return d
    }

    /// Every problem with the draft under the policies in force, as one sentence each; empty when
    /// it can be listed.
    public func problems(categories: [String], feeRate: Fraction, minimumPerHour: Money) -> [String] {
        problemWords(categories: categories, feeRate: feeRate, minimumPerHour: minimumPerHour).map(\.english)
    }

    /// The same problems as words to write in the worker's language.
    public func problemWords(categories: [String], feeRate: Fraction, minimumPerHour: Money) -> [Words] {
        var out: [Words] = []
        if !(3...120).contains(title.count) { out.append(Words("The title must be 3 to 120 characters.")) }
        if description.count > 5_000 { out.append(Words("The description must be at most %d characters.", .number(5_000))) }
        if area.count > 120 { out.append(Words("The area must be at most 120 characters.")) }
        if !categories.contains(category) {
            out.append(Words("'%1$s' is not a category; choose one of %2$s.", .text(category), .text(categories.joined(separator: ", "))))
        }
        switch (kind, unit) {
        case (.service, .perHour), (.service, .fixed), (.good, .perItem): break
        case (.service, .perItem): out.append(Words("A service is priced by the hour or at a fixed price."))
        case (.good, _): out.append(Words("A good is priced by the item."))
        }
        if kind == .good {
            if let stock, (0...1_000_000).contains(stock) {
            } else {
                out.append(Words("Give the stock of a good: 0 to %d items.", .number(1_000_000)))
            }
        }
        switch (latitudeE6, longitudeE6) {
        case (nil, nil): break
        case (let lat?, let lon?):
            if !(-90_000_000...90_000_000).contains(lat) || !(-180_000_000...180_000_000).contains(lon) {
                out.append(Words("The location is not a latitude and longitude."))
            }
        default: out.append(Words("Give both the latitude and the longitude, or neither."))
        }
        do {
            try Pricing.checkMinimumPay(
                unitPrice: price, unit: unit, estimatedMinutes: estimatedMinutes, feeRate: feeRate, minimumPerHour: minimumPerHour)
        } catch {
            out.append(error.words)
        }
        return out
    }
}

/// How search results are ordered: a governed policy. Nobody can pay to rank higher.
public enum SearchRanking: String, Sendable, Codable, CaseIterable {
    /// Every listing takes its turn at the top, the order shifting each hour.
    case fairRotation = "fair_rotation"
    /// Newest listings first.
    case newest
    /// Best-rated workers first, when members let ratings count.
    case rating
    /// Nearest first, from a place the searcher gives.
    case distance

    /// The ranking actually used: rating only when members let ratings count, distance only from a
    /// given place; otherwise fair rotation.
    public func effective(ratingsCount: Bool, hasPlace: Bool) -> SearchRanking {
        switch self {
        case .rating where !ratingsCount: .fairRotation
        case .distance where !hasPlace: .fairRotation
        default: self
        }
    }

    /// One line saying how results are ordered and why.
    public func explanation(ratingsCount: Bool, hasPlace: Bool) -> String {
        let used = effective(ratingsCount: ratingsCount, hasPlace: hasPlace)
        let why: String
        switch (self, used) {
        case (.rating, .fairRotation):
            why = "The members chose ranking by rating, but ratings do not count (their other choice), so fair rotation applies"
        case (.distance, .fairRotation):
            why = "The members chose ranking by distance; give a place to use it. Until then, fair rotation applies"
        default: why = "The members chose this ranking by vote"
        }
        let how: String
        switch used {
        case .fairRotation: how = "Fair rotation: every listing takes its turn at the top, the order shifting each hour"
        case .newest: how = "Newest first"
        case .rating: how = "Best-rated workers first"
        case .distance: how = "Nearest first"
        }
        return "\(how). \(why); nobody can pay to rank higher."
    }
}

/// The great-circle distance in metres between two points given in millionths of a degree
/// (haversine, on a sphere of the Earth's mean radius).
public func distanceMeters(latitudeE6 lat1: Int64, longitudeE6 lon1: Int64, _ lat2: Int64, _ lon2: Int64) -> Int64 {
    let rad = Double.pi / 180 / 1_000_000
    let dLat = Double(lat2 - lat1) * rad
    let dLon = Double(lon2 - lon1) * rad
    let a = sin(dLat / 2) * sin(dLat / 2) + cos(Double(lat1) * rad) * cos(Double(lat2) * rad) * sin(dLon / 2) * sin(dLon / 2)
    return Int64((2 * 6_371_000.0 * asin(min(1, a.squareRoot()))).rounded())
}
