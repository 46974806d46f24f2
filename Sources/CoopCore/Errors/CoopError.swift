/// Words Coop writes to a person, kept as their English text (the message id of the PO files) and
/// arguments, so that they are written in the reader's language where they are shown: a refusal's
/// reason is rendered by the server in the request's language. The first argument of `Words(` must
/// be a plain string literal, `scripts/i18n.py extract` reads it into the template; a refusal that
/// takes no argument is a literal alone: `.conflict("You have already voted.")`.
public typealias Words = NoticeText

extension NoticeText: ExpressibleByStringLiteral, CustomStringConvertible {
    /// Words without arguments: the literal is the message id.
    public init(stringLiteral value: String) {
        self.init(id: value, args: [])
    }

    /// The words in English, as they are written in the source: what `reason` and the logs show.
    public var english: String { render(.source) }

    /// The words in English (a refusal printed in a log or a test reads as it always did).
    public var description: String { english }

    /// Several sentences, one after the other, each in the reader's language.
    public static func sentences(_ parts: [Words]) -> Words {
        Words(id: Array(repeating: "%s", count: parts.count).joined(separator: " "), args: parts.map { .notice($0) })
    }
}

/// Why a state change or a lookup was refused, in words for the person who asked. The core and the
/// store throw these; only the server maps each case to an HTTP status, and writes the words in the
/// language of the request (``words``). Two errors are equal when they are the same case and read
/// the same in English.
public enum CoopError: Error, Sendable, Equatable {
    /// A membership rule refused it.
    case membership(MembershipError)
    /// The ledger refused it (an unbalanced or malformed transaction).
    case ledger(LedgerError)
    /// An amount was malformed or overflowed.
    case money(MoneyError)
    /// It contradicts the current state (already voted, out of stock, not open).
    case conflict(Words)
    /// The input itself is malformed.
    case invalid(Words)
    /// The person may not do this.
    case forbidden(Words)
    /// What it names does not exist.
    case notFound(Words)
    /// The person must identify themselves first.
    case unauthorized(Words)
    /// The store itself could not do its work (a database that does not speak SQL, a row that
    /// vanished under the write lock); nothing was changed.
    case storage(Words)

    /// The reason as words to write in any language.
    public var words: Words {
        switch self {
        case .membership(let e): e.words
        case .ledger(let e): e.words
        case .money(let e): e.words
        case .conflict(let w), .invalid(let w), .forbidden(let w), .notFound(let w), .unauthorized(let w), .storage(let w): w
        }
    }

    /// The reason in plain words, in English.
    public var reason: String { words.english }

    /// The reason in the catalog's language, its numbers and amounts by that language's rules.
    public func reason(in catalog: Catalog) -> String { words.render(catalog) }

    /// The same refusal: the same case, and the same words in English (whether they were written
    /// with arguments or as a whole sentence).
    public static func == (a: CoopError, b: CoopError) -> Bool {
        switch (a, b) {
        case (.membership(let x), .membership(let y)): x == y
        case (.ledger(let x), .ledger(let y)): x == y
        case (.money(let x), .money(let y)): x == y
        case (.conflict(let x), .conflict(let y)), (.invalid(let x), .invalid(let y)), (.forbidden(let x), .forbidden(let y)),
            (.notFound(let x), .notFound(let y)), (.unauthorized(let x), .unauthorized(let y)), (.storage(let x), .storage(let y)):
            x == y || x.english == y.english
        default: false
        }
    }
}
