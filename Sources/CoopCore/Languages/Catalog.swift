/// The translations of one language, in dictionaries built once when the server starts. A class:
/// every translated text reads the request's catalog, and a reference is one retain, where a copy
/// of the dictionaries would be several.
public final class Catalog: Sendable {
    /// The language translated into.
    public let language: Language
    /// The language's plural rule.
    public let plurals: PluralForms
    private let singular: [String: String]
    private let plural: [String: [String]]

    /// English: no lookup, the source strings are the text.
    public static let source = Catalog(language: .en, plurals: .germanic, singular: [:], plural: [:])

    init(language: Language, plurals: PluralForms, singular: [String: String], plural: [String: [String]]) {
        self.language = language
        self.plurals = plurals
        self.singular = singular
        self.plural = plural
    }

    /// A catalog from a language's PO file. Fuzzy and empty translations are left out (the English
    /// is shown instead); the `Plural-Forms` header must be the language's own rule; a translation
    /// whose placeholders differ from its source's is refused, with its line.
    public convenience init(language: Language, po: POFile) throws(CatalogError) {
        let plurals: PluralForms
        do {
            plurals = try PluralForms(header: po.headers["Plural-Forms"] ?? "")
        } catch {
            throw .pluralForms(error.description)
        }
        guard plurals == language.pluralForms else { throw .pluralForms("not the rule of \(language.rawValue)") }
        var singular: [String: String] = [:]
        var plural: [String: [String]] = [:]
        for e in po.entries where !e.flags.contains("fuzzy") && !e.strings.allSatisfy(\.isEmpty) {
            if let problem = Placeholders.mismatch(entry: e) { throw .placeholders(line: e.line, problem) }
            if e.idPlural != nil {
                guard e.strings.count == plurals.count, !e.strings.contains(where: \.isEmpty) else {
                    throw .placeholders(line: e.line, "needs \(plurals.count) plural forms")
                }
                plural[e.key] = e.strings
            } else {
                singular[e.key] = e.strings[0]
            }
        }
        self.init(language: language, plurals: plurals, singular: singular, plural: plural)
    }

    /// The pseudo-language: every entry of the template, visibly altered.
    public convenience init(pseudoFrom template: POFile) {
        var singular: [String: String] = [:]
        var plural: [String: [String]] = [:]
        for e in template.entries {
            if let p = e.idPlural {
                plural[e.key] = [Pseudo.alter(e.id), Pseudo.alter(p)]
            } else {
                singular[e.key] = Pseudo.alter(e.id)
            }
        }
        self.init(language: .qps, plurals: .germanic, singular: singular, plural: plural)
    }

    /// How many translations it holds.
    public var count: Int { singular.count + plural.count }

    /// Whether the catalog translates a text (in a context).
    public func has(_ id: String, context: String? = nil) -> Bool {
        let key = POEntry.key(context, id)
        return singular[key] != nil || plural[key] != nil
    }

    /// The translation of a text, or the text itself when there is none.
    public func text(_ id: String, context: String? = nil) -> String {
        if singular.isEmpty { return id }
        return singular[context == nil ? id : POEntry.key(context, id)] ?? id
    }

    /// The form of a countable phrase for `n`, or the English form when there is none.
    public func text(_ id: String, plural idPlural: String, count n: Int, context: String? = nil) -> String {
        if let forms = plural[POEntry.key(context, id)] { return forms[plurals.index(n)] }
        return n == 1 ? id : idPlural
    }
}

/// A PO file a catalog cannot be built from.
public enum CatalogError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The `Plural-Forms` header is missing, malformed or not the language's rule.
    case pluralForms(String)
    /// A translation's placeholders differ from its source's; the entry's line and what differs.
    case placeholders(line: Int, String)

    /// One line for the translator.
    public var description: String {
        switch self {
        case .pluralForms(let why): "Plural-Forms: \(why)"
        case .placeholders(let line, let why): "line \(line): \(why)"
        }
    }
}
