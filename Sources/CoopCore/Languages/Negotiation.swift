/// Which language a request is answered in.
public enum LanguageNegotiation {
    /// How much of an `Accept-Language` header is read. Browsers send well under 200 bytes; a
    /// 100 KB header costs no more than this.
    public static let headerLimit = 1024
    /// How many of its items are considered.
    public static let itemLimit = 32

    /// The language, in this order: the member's saved setting, then `?lang=`, then the cookie the
    /// switch left, then the best of `Accept-Language` that Coop has, then the co-op's default
    /// (the bylaws' `language:`), then English. Anything unknown or malformed is skipped.
    public static func choose(
        saved: String?, query: String?, cookie: String?, acceptLanguage: String?, coopDefault: Language?
    ) -> Language {
        requested(saved: saved, query: query, cookie: cookie, acceptLanguage: acceptLanguage) ?? coopDefault ?? .en
    }

    /// The language the person asked for, by ``choose``'s order without the co-op's default; nil
    /// when nothing in the request decides. Each source is read only if those before it did not
    /// decide (a page reads the header only when no setting, query or cookie names a language).
    public static func requested(
        saved: @autoclosure () -> String?, query: @autoclosure () -> String?, cookie: @autoclosure () -> String?,
        acceptLanguage: @autoclosure () -> String?
    ) -> Language? {
        if let saved = saved(), let l = Language(tag: saved) { return l }
        if let query = query(), let l = Language(tag: query) { return l }
        if let cookie = cookie(), let l = Language(tag: cookie) { return l }
        if let header = acceptLanguage(), let l = best(acceptLanguage: header) { return l }
        return nil
    }

    /// The language of highest quality in an `Accept-Language` header that Coop offers (ties go
    /// to the first listed); `*` and region variants (`es-MX`) are understood, `q=0` refuses.
    /// The pseudo-language is never chosen from a header.
    public static func best(acceptLanguage header: String) -> Language? {
        var best: (language: Language, q: Int)?
        for item in header.utf8.prefix(headerLimit).split(separator: UInt8(ascii: ",")).prefix(itemLimit) {
            guard let text = String(item) else { continue }
            let parts = text.split(separator: ";")
            guard let tag = parts.first?.trimmedOfSpaces, let q = quality(parts.dropFirst()), q > 0 else { continue }
            let language: Language?
            if tag == "*" {
                language = nil  // any: the co-op's default decides
            } else {
                language = Language(tag: tag).flatMap { $0 == .qps ? nil : $0 }
            }
            guard let language, q > (best?.q ?? 0) else { continue }
            best = (language, q)
        }
        return best?.language
    }

    /// `q=0.8` as thousandths (800); 1000 when absent; nil when malformed.
    static func quality(_ parameters: ArraySlice<Substring>) -> Int? {
        var q = 1000
        for p in parameters {
            let pair = p.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmedOfSpaces.lowercased() == "q" else { continue }
            let v = pair[1].trimmedOfSpaces
            guard v.count <= 5, let first = v.first, first == "0" || first == "1" else { return nil }
            let fraction = v.dropFirst(2)
            guard v.count == 1 || v.dropFirst().first == ".", fraction.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                return nil
            }
            let thousandths = Int(fraction + String(repeating: "0", count: 3 - fraction.count)) ?? 0
            q = first == "1" ? (thousandths == 0 ? 1000 : -1) : thousandths
            guard q >= 0 else { return nil }
        }
        return q
    }
}

extension StringProtocol {
    fileprivate var trimmedOfSpaces: String {
        var s = Substring(self)
        while s.first == " " || s.first == "\t" { s = s.dropFirst() }
        while s.last == " " || s.last == "\t" { s = s.dropLast() }
        return String(s)
    }
}
