/// The pseudo-language: each letter swapped for an accented look-alike and the whole wrapped in
/// `[` and `~~]`, so a page shows at a glance which text went through translation and which did not
/// (and whether a longer text still fits). Placeholders are kept as they are.
public enum Pseudo {
    private static let map: [Character: Character] = [
        "a": "á", "c": "ç", "e": "é", "g": "ğ", "i": "î", "n": "ñ", "o": "ô", "s": "š", "u": "û", "y": "ý", "z": "ž",
        "A": "Å", "C": "Ç", "E": "É", "G": "Ğ", "I": "Î", "N": "Ñ", "O": "Ö", "S": "Ŝ", "U": "Û", "Y": "Ý", "Z": "Ž",
        "d": "ð", "h": "ĥ", "l": "ľ", "r": "ř", "t": "ţ", "D": "Đ", "H": "Ĥ", "L": "Ľ", "R": "Ř", "T": "Ţ",
    ]

    /// `Sign in` → `[Ŝîğñ îñ~~]`; `%d members` → `[%d ḿéḿƀéřš~~]`.
    public static func alter(_ text: String) -> String {
        var out = "["
        var inPlaceholder = false
        for c in text {
            if inPlaceholder {
                out.append(c)
                if c == "s" || c == "d" || c == "%" { inPlaceholder = false }
            } else if c == "%" {
                out.append(c)
                inPlaceholder = true
            } else {
                out.append(map[c] ?? c)
            }
        }
        return out + "~~]"
    }

    /// Whether a text is pseudo-language text (or made only of it and of what is never translated).
    public static func isAltered(_ text: String) -> Bool { text.hasPrefix("[") && text.hasSuffix("~~]") }
}
