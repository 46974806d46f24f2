/// A language Coop's pages, mails and messages are written in.
///
/// `qps` is a pseudo-language (the "pseudo-localisation" tag of BCP 47's private range): every
/// string is visibly altered, so a crawl can find text left out of translation. It is never offered
/// in the language switch, but `?lang=qps` selects it.
public enum Language: String, CaseIterable, Sendable, Hashable, Codable {
    /// English, the language of the source strings.
    case en
    /// Spanish.
    case es
    /// French.
    case fr
    /// The pseudo-language generated from the template.
    case qps

    /// The languages a person can choose in the switch, in the order shown.
    public static let offered: [Language] = [.en, .es, .fr]

    /// The language's name in itself: `Español`.
    public var nativeName: String {
        switch self {
        case .en: "English"
        case .es: "Español"
        case .fr: "Français"
        case .qps: "[Ƥšéûðô]"
        }
    }

    /// The tag for `<html lang>` and `lang` attributes. The pseudo-language is English underneath.
    public var htmlTag: String { self == .qps ? "en-x-qps" : rawValue }

    /// The language's plural rule, as the `Plural-Forms` header of its PO file must give it.
    public var pluralForms: PluralForms {
        switch self {
        case .en, .es, .qps: .germanic
        case .fr: .french
        }
    }

    /// The language a BCP 47 tag names, if Coop has it: `es-MX` and `ES_es` are Spanish. Anything
    /// that is not a plain tag (letters, digits, `-` or `_`, at most 35 characters) is refused, so
    /// a path or a script can never become a language.
    public init?(tag: some StringProtocol) {
        guard !tag.isEmpty, tag.utf8.count <= 35,
            tag.utf8.allSatisfy({ ($0 >= 97 && $0 <= 122) || ($0 >= 65 && $0 <= 90) || ($0 >= 48 && $0 <= 57) || $0 == 45 || $0 == 95 })
        else { return nil }
        let primary = tag.split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map { $0.lowercased() } ?? ""
        if primary == "qps" || tag.lowercased() == "en-x-qps" {
            self = .qps
            return
        }
        guard let language = Language(rawValue: primary), language != .qps else { return nil }
        self = language
    }
}
