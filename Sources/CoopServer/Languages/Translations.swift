import CoopCore
import Foundation

/// The translations, read from the PO files shipped as resources of this target, once, the first
/// time a page needs them (`configure` asks at start, so a broken file stops the start with its
/// name and line rather than failing a page later). A request then only looks strings up in
/// dictionaries.
enum Translations {
    /// The catalogs by language, or why they could not be read.
    static let loaded: Result<[Language: Catalog], ConfigurationError> = load()

    /// The catalog for a language: English is the source text; a language whose file failed to
    /// load falls back to English (the start refuses that already, see ``check()``).
    ///
    /// English reads no file: a `coop` command run in English (`coop tally`, `coop audit verify`)
    /// does not parse the PO files, which would add about 0.15 s to each run.
    static func catalog(_ language: Language) -> Catalog {
        if language == .en { return .source }
        return (try? loaded.get())?[language] ?? .source
    }

    /// Stops the start when a PO file is missing or refused.
    static func check() throws {
        _ = try loaded.get()
    }

    /// The directory of the PO files and the template.
    static var directory: URL? {
        Bundle.module.url(forResource: "Translations", withExtension: nil)
    }

    static func load() -> Result<[Language: Catalog], ConfigurationError> {
        guard let directory else { return .failure(ConfigurationError("the translations (PO files) are not installed")) }
        var catalogs: [Language: Catalog] = [.en: .source]
        do {
            let template = try read(directory.appendingPathComponent("coop.pot"))
            catalogs[.qps] = Catalog(pseudoFrom: template)
            for language in Language.offered where language != .en {
                let file = directory.appendingPathComponent("\(language.rawValue).po")
                do {
                    catalogs[language] = try Catalog(language: language, po: try read(file))
                } catch let error as CatalogError {
                    throw ConfigurationError("\(file.lastPathComponent): \(error)")
                }
            }
        } catch let error as ConfigurationError {
            return .failure(error)
        } catch {
            return .failure(ConfigurationError("translations: \(error)"))
        }
        return .success(catalogs)
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
