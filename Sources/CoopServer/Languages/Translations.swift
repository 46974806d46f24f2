import CoopCore
import Foundation
import Synchronization

/// The translations, read from the PO files shipped as resources of this target. Each language's
/// file is read the first time something asks for that language: a `coop` command run in Spanish
/// parses `es.po` alone, and one run in English parses none. `configure` asks for every language
/// at start (``check()``), so a server serves them all from memory and a broken file stops the
/// start with its name and line rather than failing a page later. A request then only looks
/// strings up in dictionaries.
enum Translations {
    /// The catalogs of the shipped PO files.
    static let shipped = TranslationStore(directory: directory)

    /// The catalog for a language: English is the source text; a language whose file failed to
    /// load falls back to English (the start refuses that already, see ``check()``).
    ///
    /// English reads no file: a `coop` command run in English (`coop tally`, `coop audit verify`)
    /// does not parse the PO files, which would add about 0.15 s to each run.
    static func catalog(_ language: Language) -> Catalog {
        shipped.catalog(language)
    }

    /// Reads every language's file now; stops the start when one is missing or refused.
    static func check() throws {
        try shipped.loadAll()
    }

    /// The directory of the PO files and the template.
    static var directory: URL? {
        Bundle.module.url(forResource: "Translations", withExtension: nil)
    }

    static func read(_ file: URL) throws -> POFile {
        guard let data = FileManager.default.contents(atPath: file.path), let text = String(data: data, encoding: .utf8) else {
            throw ConfigurationError("\(file.lastPathComponent) cannot be read as UTF-8")
        }
        do {
            return try POFile(parsing: text)
        } catch {
            throw ConfigurationError("\(file.lastPathComponent): \(error)")
        }
    }
}

/// The catalogs of a directory of PO files (`es.po`, `fr.po`, and the template `coop.pot` for the
/// pseudo-language), each read once, the first time its language is asked for, from any thread.
/// A file that cannot be read is remembered as such and not read again.
final class TranslationStore: Sendable {
    /// Where the files are; nil when they are not installed.
    let directory: URL?
    private let read = Mutex<[Language: Result<Catalog, ConfigurationError>]>([:])

    init(directory: URL?) {
        self.directory = directory
    }

    /// The catalog for a language, or English when its file cannot be read.
    func catalog(_ language: Language) -> Catalog {
        (try? result(language).get()) ?? .source
    }

    /// The catalog for a language, or why its file cannot be read. English reads no file.
    func result(_ language: Language) -> Result<Catalog, ConfigurationError> {
        if language == .en { return .success(.source) }
        // A file is parsed under the lock, so two threads asking at once parse it once; a server
        // has read every file before its first request (``Translations/check()``).
        return read.withLock { read in
            if let known = read[language] { return known }
            let result = Result { try load(language) }.mapError { error in
                error as? ConfigurationError ?? ConfigurationError("translations: \(error)")
            }
            read[language] = result
            return result
        }
    }

    /// Reads every language's file that has not been read; throws the first that fails.
    func loadAll() throws {
        for language in Language.allCases {
            _ = try result(language).get()
        }
    }

    /// The languages whose file has been read (or tried), English aside.
    var languagesRead: Set<Language> {
        read.withLock { Set($0.keys) }
    }

    private func load(_ language: Language) throws -> Catalog {
        guard let directory else { throw ConfigurationError("the translations (PO files) are not installed") }
        if language == .qps {
            return Catalog(pseudoFrom: try Translations.read(directory.appendingPathComponent("coop.pot")))
        }
        let file = directory.appendingPathComponent("\(language.rawValue).po")
        do {
            return try Catalog(language: language, po: try Translations.read(file))
        } catch let error as CatalogError {
            throw ConfigurationError("\(file.lastPathComponent): \(error)")
        }
    }
}
