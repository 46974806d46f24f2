import CoopCore
import Foundation
import Testing

@testable import CoopServer

/// The PO files are read one language at a time, when that language is first asked for: a `coop`
/// command in Spanish parses `es.po` alone, in English none.
@Suite struct TranslationStoreTests {
    @Test func askingForSpanishReadsOnlySpanish() throws {
        let store = TranslationStore(directory: Translations.directory)
        #expect(store.catalog(.en) === Catalog.source)
        #expect(store.languagesRead.isEmpty, "English reads no file")
        let es = store.catalog(.es)
        #expect(es.language == .es && es.text("Log in") == "Iniciar sesión")
        #expect(store.languagesRead == [.es])
        #expect(store.catalog(.es) === es, "read once")
        #expect(store.catalog(.fr).language == .fr)
        #expect(store.languagesRead == [.es, .fr])
        try store.loadAll()
        #expect(store.languagesRead == [.es, .fr, .qps])
    }

    @Test func manyAskingAtOnceShareOneCatalog() async throws {
        let store = TranslationStore(directory: Translations.directory)
        let catalogs = await withTaskGroup(of: Catalog.self) { group in
            for i in 0..<16 { group.addTask { store.catalog(i % 2 == 0 ? .fr : .qps) } }
            return await group.reduce(into: [Catalog]()) { $0.append($1) }
        }
        let fr = store.catalog(.fr)
        let qps = store.catalog(.qps)
        #expect(catalogs.allSatisfy { $0 === fr || $0 === qps })
        #expect(catalogs.filter { $0 === fr }.count == 8)
    }

    @Test func aMissingDirectoryFallsBackToEnglishAndRefusesTheStart() {
        let store = TranslationStore(directory: URL(fileURLWithPath: "/nonexistent-coop-translations"))
        #expect(store.catalog(.es) === Catalog.source)
        #expect(throws: ConfigurationError.self) { try store.loadAll() }
        let none = TranslationStore(directory: nil)
        #expect(throws: ConfigurationError.self) { try none.loadAll() }
    }
}
