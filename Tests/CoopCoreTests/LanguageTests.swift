import CoopCore
import PropertyBased
import Testing

@Suite struct POFileTests {
    static let spanish = #"""
        # Spanish translations of Coop.
        msgid ""
        msgstr ""
        "Language: es\n"
        "Plural-Forms: nplurals=2; plural=(n != 1);\n"

        #: Sources/CoopServer/Views/Layout.swift
        msgid "Log in"
        msgstr "Iniciar sesión"

        msgctxt "verb"
        msgid "Vote"
        msgstr "Votar"

        #, c-format
        msgid "%d member"
        msgid_plural "%d members"
        msgstr[0] "%d miembro"
        msgstr[1] "%d miembros"

        msgid ""
        "A long text "
        "on two lines with \"quotes\"\n"
        msgstr "Un texto largo en dos líneas con \"comillas\"\n"

        #, fuzzy
        msgid "Home"
        msgstr "Casa"

        msgid "Untranslated"
        msgstr ""

        #~ msgid "Old"
        #~ msgstr "Viejo"
        """#

    @Test func readsEntriesContextsPluralsAndContinuations() throws {
        let po = try POFile(parsing: Self.spanish)
        #expect(po.headers["Language"] == "es")
        #expect(po.entries.count == 6)
        #expect(po.entries[1].context == "verb")
        #expect(po.entries[2].idPlural == "%d members" && po.entries[2].strings == ["%d miembro", "%d miembros"])
        #expect(po.entries[2].flags == ["c-format"])
        #expect(po.entries[3].id == "A long text on two lines with \"quotes\"\n")
        #expect(po.entries[4].flags.contains("fuzzy"))
    }

    @Test func aCatalogTranslatesAndSkipsFuzzyAndEmptyEntries() throws {
        let catalog = try Catalog(language: .es, po: POFile(parsing: Self.spanish))
        #expect(catalog.text("Log in") == "Iniciar sesión")
        #expect(catalog.text("Vote", context: "verb") == "Votar")
        #expect(catalog.text("Vote") == "Vote")
        #expect(catalog.text("Home") == "Home")  // fuzzy: not used
        #expect(catalog.text("Untranslated") == "Untranslated")
        #expect(catalog.text("%d member", plural: "%d members", count: 1) == "%d miembro")
        #expect(catalog.text("%d member", plural: "%d members", count: 0) == "%d miembros")
    }

    @Test func malformedFilesAreRefusedWithTheirLine() {
        let cases: [(String, Int)] = [
            ("msgid \"a\"\nmsgstr \"b\nmsgid \"c\"", 2),  // unterminated string
            ("msgid \"a\"\nmsgstr \"\\q\"", 2),  // unknown escape
            ("msgstr \"b\"", 1),  // msgstr without msgid
            ("msgid \"a\"\nmsgstr \"b\"\nmsgid \"a\"\nmsgstr \"c\"", 3),  // duplicate
            ("msgid \"a\"\nmsgid_plural \"as\"\nmsgstr[1] \"x\"", 3),  // out of sequence
            ("msgid \"a\"\nmsgstr[0] \"x\"", 2),  // msgstr[n] without a plural
            ("\"stray\"", 1),
            ("msgid \"a\"\nbogus \"x\"", 2),
            ("msgid \"a\"", 1),  // no msgstr
            ("msgid \"a\"\nmsgstr \"x\" y\"", 2),  // a bare quote inside
        ]
        for (text, line) in cases {
            #expect(throws: POError.self) { try POFile(parsing: text) }
            do {
                _ = try POFile(parsing: text)
            } catch {
                #expect(error.line == line, "\(text)")
            }
        }
    }

    @Test func aTranslationThatDropsAPlaceholderIsRefused() throws {
        let header = "msgid \"\"\nmsgstr \"Plural-Forms: nplurals=2; plural=(n > 1);\\n\"\n\n"
        let dropped = header + "msgid \"%d votes cast\"\nmsgstr \"votes exprimés\"\n"
        #expect(throws: CatalogError.placeholders(line: 4, "the translation's placeholders [] differ from the source's [\"%d\"]")) {
            try Catalog(language: .fr, po: POFile(parsing: dropped))
        }
        let swapped = header + "msgid \"%s has %d shares\"\nmsgstr \"%d parts à %s\"\n"
        #expect(throws: CatalogError.self) { try Catalog(language: .fr, po: POFile(parsing: swapped)) }
        let reordered = header + "msgid \"%s has %d shares\"\nmsgstr \"%2$d parts pour %1$s\"\n"
        let catalog = try Catalog(language: .fr, po: POFile(parsing: reordered))
        #expect(Placeholders.fill(catalog.text("%s has %d shares"), ["Ana", "3"]) == "3 parts pour Ana")
        // A singular may leave out the count: "une proposition".
        let singular =
            header + "msgid \"%d proposal\"\nmsgid_plural \"%d proposals\"\nmsgstr[0] \"une proposition\"\nmsgstr[1] \"%d propositions\"\n"
        #expect(throws: Never.self) { try Catalog(language: .fr, po: POFile(parsing: singular)) }
        let wrongRule = "msgid \"\"\nmsgstr \"Plural-Forms: nplurals=2; plural=(n != 1);\\n\"\n"
        #expect(throws: CatalogError.self) { try Catalog(language: .fr, po: POFile(parsing: wrongRule)) }
    }
}

@Suite struct PluralFormsTests {
    @Test func englishSpanishAndFrenchRules() {
        #expect([0, 1, 2, 5].map(PluralForms.germanic.index) == [1, 0, 1, 1])
        #expect([0, 1, 2, 5].map(PluralForms.french.index) == [0, 0, 1, 1])
        #expect(Language.fr.pluralForms == .french && Language.es.pluralForms == .germanic)
    }

    @Test func readsTheHeadersOfOtherLanguages() throws {
        // Polish and Arabic, from the gettext manual: ternaries, &&, ||, %.
        let polish = try PluralForms(
            header: "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);")
        #expect([1, 2, 5, 22, 25, 112].map(polish.index) == [0, 1, 2, 1, 2, 2])
        let arabic = try PluralForms(
            header: "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5;")
        #expect([0, 1, 2, 3, 11, 100].map(arabic.index) == [0, 1, 2, 3, 4, 5])
        #expect(try PluralForms(header: " nplurals = 1 ; plural = 0 ;").index(7) == 0)
    }

    @Test func refusesMalformedHeaders() {
        for header in [
            "", "nplurals=2;", "plural=(n != 1);", "nplurals=9; plural=n;", "nplurals=2; plural=(n != 1;",
            "nplurals=2; plural=n ? 1;", "nplurals=2; plural=n = 1;", "nplurals=2; plural=x;",
            "nplurals=2; plural=" + String(repeating: "(", count: 60) + "n" + String(repeating: ")", count: 60) + ";",
        ] {
            #expect(throws: PluralFormsError.self, "\(header)") { try PluralForms(header: header) }
        }
    }

    @Test func theFormIsAlwaysInRange() async {
        let odd = try! PluralForms(header: "nplurals=2; plural=n*7-3;")
        await propertyCheck(input: Gen.int(in: Int.min...Int.max)) { n in
            #expect((0..<2).contains(odd.index(n)))
            #expect((0..<2).contains(PluralForms.french.index(n)))
        }
    }
}

@Suite struct LanguageNegotiationTests {
    @Test func tagsAreReadStrictly() {
        #expect(Language(tag: "es-MX") == .es)
        #expect(Language(tag: "FR_ca") == .fr)
        #expect(Language(tag: "en") == .en)
        #expect(Language(tag: "qps") == .qps)
        for bad in ["../../etc", "de", "", "es;", "<script>", "es mx", String(repeating: "e", count: 40), "ésp"] {
            #expect(Language(tag: bad) == nil, "\(bad)")
        }
    }

    @Test func theSavedSettingWinsThenTheQueryThenTheCookieThenTheHeaderThenTheBylaws() {
        let all = LanguageNegotiation.choose(saved: "fr", query: "es", cookie: "en", acceptLanguage: "es", coopDefault: .es)
        #expect(all == .fr)
        #expect(LanguageNegotiation.choose(saved: nil, query: "es", cookie: "fr", acceptLanguage: "fr", coopDefault: nil) == .es)
        #expect(LanguageNegotiation.choose(saved: nil, query: "../../etc", cookie: "fr", acceptLanguage: "es", coopDefault: nil) == .fr)
        #expect(LanguageNegotiation.choose(saved: nil, query: nil, cookie: "xx", acceptLanguage: "es-MX,es;q=0.9", coopDefault: nil) == .es)
        #expect(LanguageNegotiation.choose(saved: nil, query: nil, cookie: nil, acceptLanguage: "de-DE", coopDefault: .fr) == .fr)
        #expect(LanguageNegotiation.choose(saved: nil, query: nil, cookie: nil, acceptLanguage: nil, coopDefault: nil) == .en)
    }

    @Test func acceptLanguageByQuality() {
        #expect(LanguageNegotiation.best(acceptLanguage: "de;q=1, fr;q=0.7, es;q=0.8") == .es)
        #expect(LanguageNegotiation.best(acceptLanguage: "fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5") == .fr)
        #expect(LanguageNegotiation.best(acceptLanguage: "es;q=0, fr;q=0.1") == .fr)
        #expect(LanguageNegotiation.best(acceptLanguage: "*") == nil)
        #expect(LanguageNegotiation.best(acceptLanguage: "es;q=2, fr;q=abc, en;q=0.5") == .en)
        #expect(LanguageNegotiation.best(acceptLanguage: "es;q=1.000") == .es)
        #expect(LanguageNegotiation.best(acceptLanguage: "qps") == nil)
        #expect(LanguageNegotiation.best(acceptLanguage: ";;;,,,=;q=,") == nil)
        // A 100 KB header is read only as far as the limit: no time spent, no crash.
        let huge = String(repeating: "de-DE;q=0.9, ", count: 8000) + "es"
        #expect(huge.utf8.count > 100_000)
        #expect(LanguageNegotiation.best(acceptLanguage: huge) == nil)
        #expect(LanguageNegotiation.best(acceptLanguage: "fr, " + huge) == .fr)
    }

    @Test func neverTrapsOnAnyHeader() async {
        await propertyCheck(input: Gen.int(in: 0...Int.max).array(of: 0...300)) { codes in
            let header = junk(codes)
            _ = LanguageNegotiation.best(acceptLanguage: header)
            _ = Language(tag: header)
        }
    }
}

@Suite struct LocalFormatTests {
    let eur = Currency(code: "EUR")

    @Test func moneyByEachLanguage() {
        let m = Money(minorUnits: 123_456_789, currency: eur)
        #expect(LocalFormat(.en).money(m) == "1,234,567.89\u{A0}EUR")
        #expect(LocalFormat(.es).money(m) == "1.234.567,89\u{A0}EUR")
        #expect(LocalFormat(.fr).money(m) == "1\u{202F}234\u{202F}567,89\u{A0}EUR")
        #expect(LocalFormat(.es).amount(Money(minorUnits: 150_000, currency: eur)) == "1500,00")
        #expect(LocalFormat(.fr).amount(Money(minorUnits: -5, currency: eur)) == "-0,05")
        #expect(LocalFormat(.en).amount(Money(minorUnits: 12_345, currency: Currency(code: "JPY", minorDigits: 0))) == "12,345")
        #expect(LocalFormat(.en).amount(Money(minorUnits: .min, currency: eur)) == "-92,233,720,368,547,758.08")
    }

    @Test func numbersPercentagesAndDates() {
        #expect(LocalFormat(.en).integer(1_000_000) == "1,000,000")
        #expect(LocalFormat(.es).integer(2026) == "2026")
        #expect(LocalFormat(.es).integer(20_260) == "20.260")
        #expect(LocalFormat(.fr).integer(-12_345) == "-12\u{202F}345")
        #expect(LocalFormat(.en).percent(basisPoints: 1250) == "12.5%")
        #expect(LocalFormat(.fr).percent(basisPoints: 5005) == "50,05\u{A0}%")
        #expect(LocalFormat(.en).day(year: 2026, month: 11, day: 27) == "27 Nov 2026")
        #expect(LocalFormat(.fr).dateTime(year: 2026, month: 2, day: 1, hour: 9, minute: 5, zone: "UTC") == "1 févr. 2026 à 09:05 UTC")
        #expect(LocalFormat(.es).dateTime(year: 2026, month: 8, day: 1, hour: 14, minute: 30, zone: "UTC") == "1 ago 2026, 14:30 UTC")
    }
}

@Suite struct PseudoLanguageTests {
    @Test func altersEveryLetterAndKeepsPlaceholders() {
        #expect(Pseudo.alter("Sign in") == "[Ŝîğñ îñ~~]")
        #expect(Pseudo.alter("%d members, %1$s") == "[%d mémbéřš, %1$s~~]")
        #expect(Pseudo.isAltered(Pseudo.alter("Home")))
        let template = try! POFile(
            parsing: "msgid \"Home\"\nmsgstr \"\"\n\nmsgid \"%d vote\"\nmsgid_plural \"%d votes\"\nmsgstr[0] \"\"\nmsgstr[1] \"\"\n")
        let pseudo = Catalog(pseudoFrom: template)
        #expect(pseudo.text("Home") == "[Ĥômé~~]")
        #expect(Placeholders.fill(pseudo.text("%d vote", plural: "%d votes", count: 3), ["3"]) == "[3 vôţéš~~]")
    }

    @Test func fillReplacesEachPlaceholderAndKeepsEverythingElse() {
        #expect(Placeholders.fill("Sin marcador: café", ["x"]) == "Sin marcador: café")
        #expect(Placeholders.fill("Ça coûte %s € — %d%%", ["12,50", "5"]) == "Ça coûte 12,50 € — 5%")
        #expect(Placeholders.fill("%2$s, %1$s", ["a", "b"]) == "b, a")
        #expect(Placeholders.fill("%s y %s", ["ü"]) == "ü y ")
        #expect(Placeholders.fill("100%", []) == "100%")
        #expect(Placeholders.fill("%x %0$s %99999999999999999999$s é", ["a"]) == "%x  %99999999999999999999$s é")
    }

    @Test func fillNeverTraps() async {
        await propertyCheck(input: Gen.int(in: 0...Int.max).array(of: 0...40)) { codes in
            let text = junk(codes)
            _ = Placeholders.fill(text, ["a"])
            _ = Placeholders.directives(text)
        }
    }
}

/// Text made of the characters that matter to these parsers, from random numbers.
private func junk(_ codes: [Int]) -> String {
    let alphabet = Array("esfrqpsEN-_;,=q0.19*% d$s\\\"\n é")
    return String(codes.map { alphabet[$0 % alphabet.count] })
}

@Suite struct BylawsLanguageTests {
    @Test func theBylawsMayNameTheDefaultLanguage() throws {
        var d = validDocument()
        #expect(try Bylaws.validate(d).language == nil)
        d.coop?.language = "es"
        #expect(try Bylaws.validate(d).language == .es)
        for bad in ["../../etc", "de", "qps"] {
            d.coop?.language = bad
            #expect(throws: (any Error).self) { try Bylaws.validate(d) }
        }
    }
}
