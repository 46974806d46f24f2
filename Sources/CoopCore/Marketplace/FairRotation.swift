/// Fair rotation, the search's default order: listings ordered by `(rotation key + the hour's
/// seed) mod` ``modulus``, so every listing takes its turn at the top.
public enum FairRotation {
    /// A prime; each listing's rotation key is drawn below it.
    public static let modulus: Int64 = 1_000_003

    /// The hour's shift of the rotation, for a time in seconds since 1970.
    public static func seed(secondsSince1970: Double) -> Int64 {
        Int64(secondsSince1970 / 3600) * 7_919 % modulus
    }
}
