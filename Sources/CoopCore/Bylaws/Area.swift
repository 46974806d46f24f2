/// One of the co-op's own areas: a named place with a centre point. Listings are placed in an
/// area picked by name, and search looks around an area's centre, so nobody types a latitude
/// or a longitude.
public struct Area: Hashable, Sendable, Codable {
    /// A short id (`centre`, `north_bank`): lower-case letters, digits, `-` or `_`, unique.
    public let id: String
    /// The name members know it by (`Centre`), unique.
    public let name: String
    /// The centre's latitude in millionths of a degree, -90,000,000 to 90,000,000.
    public let latitudeE6: Int64
    /// The centre's longitude in millionths of a degree, -180,000,000 to 180,000,000.
    public let longitudeE6: Int64

    /// Creates an area; ``Bylaws/validate(_:)`` checks the bylaws' own.
    public init(id: String, name: String, latitudeE6: Int64, longitudeE6: Int64) {
        self.id = id
        self.name = name
        self.latitudeE6 = latitudeE6
        self.longitudeE6 = longitudeE6
    }

    /// The most areas a co-op names.
    public static let maximum = 200
}

extension Bylaws {
    /// The area with this id, if the bylaws name it.
    public func area(_ id: String) -> Area? { areas.first { $0.id == id } }
}

extension BylawsDocument {
    /// An area as written in the file: `{ id: centre, name: Centre, latitude: 52.372, longitude: 4.893 }`.
    public struct AreaEntry: Codable, Sendable, Equatable {
        /// The area's id.
        public var id: String?
        /// The area's name.
        public var name: String?
        /// The centre's latitude in decimal degrees, as text (`52.372`).
        public var latitude: String?
        /// The centre's longitude in decimal degrees, as text (`4.893`).
        public var longitude: String?

        /// Creates an entry; every field may be left out.
        public init(id: String? = nil, name: String? = nil, latitude: String? = nil, longitude: String? = nil) {
            self.id = id
            self.name = name
            self.latitude = latitude
            self.longitude = longitude
        }
    }
}

/// Checks the areas of a bylaws file; the fallback for bylaws written before areas existed is none.
func validateAreas(_ raw: [BylawsDocument.AreaEntry]?, fail: (String, Words) -> Void) -> [Area] {
    guard let raw else { return [] }
    if raw.count > Area.maximum { fail("areas", Words("give at most %s areas", .text("\(Area.maximum)"))) }
    var out: [Area] = []
    var ids = Set<String>()
    var names = Set<String>()
    for (i, a) in raw.enumerated() {
        let f = "areas[\(i)]"
        let id = a.id?.trimmed ?? ""
        let name = a.name?.trimmed ?? ""
        if id.isEmpty {
            fail("\(f).id", Words("missing"))
        } else if !(id.isIdentifier && id.count <= 40) {
            fail("\(f).id", Words("'%s' is not an id of 1 to 40 lower-case letters, digits, - or _", .text(id)))
        } else if !ids.insert(id).inserted {
            fail("\(f).id", Words("'%s' appears twice", .text(id)))
        }
        if name.isEmpty {
            fail("\(f).name", Words("missing"))
        } else if name.count > 80 {
            fail("\(f).name", Words("at most 80 characters"))
        } else if !names.insert(name.lowercased()).inserted {
            fail("\(f).name", Words("'%s' appears twice", .text(name)))
        }
        func degrees(_ text: String?, _ field: String, _ limit: Int64) -> Int64? {
            guard let text = text?.trimmed, !text.isEmpty else {
                fail(
                    "\(f).\(field)",
                    field == "latitude"
                        ? Words("missing: the centre's latitude in decimal degrees")
                        : Words("missing: the centre's longitude in decimal degrees"))
                return nil
            }
            guard let v = try? Money.parseFixed(text, digits: 6), (-limit...limit).contains(v) else {
                fail(
                    "\(f).\(field)",
                    field == "latitude"
                        ? Words("'%1$s' is not a latitude in decimal degrees within ±%2$s", .text(text), .text("\(limit / 1_000_000)"))
                        : Words("'%1$s' is not a longitude in decimal degrees within ±%2$s", .text(text), .text("\(limit / 1_000_000)")))
                return nil
            }
            return v
        }
        let lat = degrees(a.latitude, "latitude", 90_000_000)
        let lon = degrees(a.longitude, "longitude", 180_000_000)
        if !id.isEmpty, !name.isEmpty, let lat, let lon {
            out.append(Area(id: id, name: name, latitudeE6: lat, longitudeE6: lon))
        }
    }
    return out
}
