/// One field of CSV text that Coop writes, made safe to open in a spreadsheet.
///
/// A spreadsheet runs a cell that begins with `=`, `+`, `-` or `@` (or a tab or carriage return
/// before one) as a formula, so a proposal titled `=HYPERLINK(...)` could act on whoever opens an
/// export. Such a field is written quoted, with an apostrophe in front (`"'=HYPERLINK(...)"`),
/// which spreadsheets show as text; a field that itself begins with an apostrophe gets a second
/// one. Plain numbers (`-12.50`) are left as they are: they are values, not formulas.
///
/// Coop's ballot readers take the apostrophe off again (``unescape(quoted:)``), so `coop tally`
/// reads the exact names back from a bulletin board it wrote.
public enum CSVCell {
    /// The first characters that make a cell a formula, and the apostrophe that escapes them.
    static func isTrigger(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D, UInt8(ascii: "'"): true
        default: false
        }
    }

    /// The field as RFC 4180 text: quoted where it holds a comma, a quote or a line break, and
    /// escaped as above where it could be a formula.
    public static func field(_ s: String) -> String {
        let defuse = s.utf8.first.map(isTrigger) == true && !isPlainNumber(s)
        guard defuse || s.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D })
        else { return s }
        var out = "\"" + (defuse ? "'" : "")
        for ch in s { out += ch == "\"" ? "\"\"" : String(ch) }
        return out + "\""
    }

    /// A quoted field's content as read: the apostrophe that ``field(_:)`` put in front of a
    /// formula's first character (or of an apostrophe) taken off.
    public static func unescape(quoted content: [UInt8]) -> ArraySlice<UInt8> {
        if content.count >= 2 && content[0] == UInt8(ascii: "'") && isTrigger(content[1]) { return content.dropFirst() }
        return content[...]
    }

    /// `-12`, `+3.50`, `0.25`: a number a spreadsheet shows as itself.
    static func isPlainNumber(_ s: String) -> Bool {
        var bytes = s.utf8[...]
        if let f = bytes.first, f == UInt8(ascii: "-") || f == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        var digits = 0
        var dot = false
        for b in bytes {
            if b >= 0x30 && b <= 0x39 {
                digits += 1
            } else if b == UInt8(ascii: "."), !dot {
                dot = true
            } else {
                return false
            }
        }
        return digits > 0
    }
}
