import CoopCore
import CoopStore
import Foundation
import Testing
import VaporTesting

@testable import CoopServer

/// The refusals of the core and the store reach the person in their language: on a page, in the
/// negotiated language; in the JSON API, in English unless the client asks for another.
extension Server {
    @Suite struct RefusalLanguageTests {
        static let again = "You have already voted; to change your ballot, present its receipt code."
        static let againES = "Ya has votado; para cambiar tu papeleta, presenta su código de justificante."
        static let againFR = "Vous avez déjà voté ; pour changer votre bulletin, présentez son code de reçu."

        /// Sends an API request with a bearer token and, when given, an `Accept-Language`.
        func send(
            _ app: Application, _ method: HTTPMethod, _ path: String, token: String?, json: [String: String]? = nil,
            acceptLanguage: String? = nil
        ) async throws -> TestingHTTPResponse {
            var headers = HTTPHeaders()
            if let token { headers.bearerAuthorization = BearerAuthorization(token: token) }
            if let acceptLanguage { headers.add(name: .acceptLanguage, value: acceptLanguage) }
            var body: ByteBuffer?
            if let json {
                headers.contentType = .json
                body = ByteBuffer(data: try JSONEncoder().encode(json))
            }
            return try await app.testing().sendRequest(method, path, headers: headers, body: body)
        }

        func reason(_ res: TestingHTTPResponse) throws -> String {
            try res.content.decode(CoopErrorMiddleware.ErrorBody.self).reason
        }

        @Test func votingTwiceIsRefusedInTheLanguageTheAPIClientAsksFor() async throws {
            try await withCoop { app async throws in
                let ana = try await APIClient.login(app, "ana@demo.coop")
                let ballots = APIPath.proposalBallots.fullPath.replacingOccurrences(of: "{number}", with: "1")
                let first = try await send(app, .POST, ballots, token: ana.token, json: ["choice": "yes"])
                #expect(first.status == .created, "\(first.body.string)")
                // English by default, as the API always answered.
                let plain = try await send(app, .POST, ballots, token: ana.token, json: ["choice": "no"])
                #expect(plain.status == .conflict)
                #expect(try reason(plain) == Self.again)
                let es = try await send(app, .POST, ballots, token: ana.token, json: ["choice": "no"], acceptLanguage: "es-ES,es;q=0.9")
                #expect(es.status == .conflict)
                #expect(try reason(es) == Self.againES)
                let fr = try await send(app, .POST, ballots, token: ana.token, json: ["choice": "no"], acceptLanguage: "fr")
                #expect(try reason(fr) == Self.againFR)
                // A language Coop does not have falls back to English.
                let de = try await send(app, .POST, ballots, token: ana.token, json: ["choice": "no"], acceptLanguage: "de")
                #expect(try reason(de) == Self.again)
                // An argument in the words (the proposal's number) is carried into each language.
                let missing = APIPath.proposalBallots.fullPath.replacingOccurrences(of: "{number}", with: "4242")
                let none = try await send(app, .POST, missing, token: ana.token, json: ["choice": "no"], acceptLanguage: "fr")
                #expect(none.status == .notFound)
                #expect(try reason(none) == "Il n'y a pas de proposition n° 4242.", "\(none.body.string)")
                let noneEN = try await send(app, .POST, missing, token: ana.token, json: ["choice": "no"])
                #expect(try reason(noneEN) == "There is no proposal #4242.")
            }
        }

        @Test func votingTwiceIsRefusedOnThePageInTheMembersLanguage() async throws {
            try await withCoop { app async throws in
                var b = Browser(app)
                try await b.logIn("ana@demo.coop")
                _ = try await b.get(SiteURL.proposal(1).path)
                #expect(try await b.post(SiteURL.proposalBallot(1).path, ["choice": "yes"]).status == .seeOther)
                _ = try await b.get(SiteURL.proposal(1).path)
                let english = try await b.post(SiteURL.proposalBallot(1).path, ["choice": "no"])
                #expect(english.status == .conflict)
                #expect(english.body.string.contains(Self.again))
                for (lang, words) in [("es", Self.againES), ("fr", Self.againFR)] {
                    b.jar["coop_lang"] = lang
                    _ = try await b.get(SiteURL.proposal(1).path)
                    let page = try await b.post(SiteURL.proposalBallot(1).path, ["choice": "no"])
                    #expect(page.status == .conflict)
                    let html = page.body.string
                    #expect(html.contains(#"<html lang="\#(lang)">"#))
                    #expect(html.contains(words), "\(lang): \(html)")
                    #expect(!html.contains(Self.again))
                }
                // The pseudo-language alters the refusal too: nothing in it is left in English.
                _ = try await b.get(SiteURL.proposal(1).path + "?lang=qps")
                let pseudo = try await b.post(SiteURL.proposalBallot(1).path + "?lang=qps", ["choice": "no"]).body.string
                #expect(pseudo.contains(Translations.catalog(.qps).text(Self.again)))
                #expect(!pseudo.contains(Self.again))
            }
        }

        @Test func anOverLongFieldIsRefusedOnTheFormInTheStewardsLanguageEveryProblemAtOnce() async throws {
            try await withCoop(founded: false) { app async throws in
                _ = try await Fixture.coop(app)
                var steward = Browser(app)
                try await steward.logIn(Fixture.stewardEmail, Fixture.password)
                let draft = ["title": String(repeating: "t", count: 500), "text": "Hi", "questions": "? q\n- a\n- b"]
                let expected = [
                    (
                        "en",
                        "The title is 500 characters; keep it to 120. Question 1 needs exactly one right answer marked with *; it has 0."
                    ),
                    (
                        "es",
                        "El título tiene 500 caracteres; no pases de 120. La pregunta 1 necesita exactamente una respuesta correcta marcada con *; tiene 0."
                    ),
                    (
                        "fr",
                        "Le titre fait 500 caractères ; restez à 120 au plus. La question 1 a besoin d'exactement une bonne réponse marquée par * ; elle en a 0."
                    ),
                ]
                for (lang, words) in expected {
                    steward.jar["coop_lang"] = lang
                    _ = try await steward.get(SiteURL.modules.path)
                    let res = try await steward.post(SiteURL.modules.path, draft)
                    #expect(res.status == .badRequest)
                    #expect(res.body.string.contains(words), "\(lang): \(res.body.string)")
                }
            }
        }

        @Test func anOverLongFieldIsRefusedInTheFormsLanguageWithItsNumberWrittenThere() async throws {
            let tooLong = CoopError.invalid(Words("A batch holds at most %d paper ballots.", .number(2000)))
            #expect(tooLong.reason == "A batch holds at most 2,000 paper ballots.")
            #expect(tooLong.reason(in: Translations.catalog(.es)) == "Un lote tiene como máximo 2000 papeletas.")
            #expect(tooLong.reason(in: Translations.catalog(.fr)) == "Un lot compte au plus 2\u{202F}000 bulletins papier.")
            let cap = CoopError.conflict(
                Words.count(
                    "That member already holds %d proxy, the most the co-op allows.",
                    "That member already holds %d proxies, the most the co-op allows.", 1))
            #expect(
                cap.reason(in: Translations.catalog(.fr)) == "Ce membre détient déjà 1 procuration, le maximum que la coopérative permet.")
            // Equal when they read the same in English, whichever way they were written.
            #expect(CoopError.notFound(Words("There is no proposal #%s.", .text("7"))) == .notFound("There is no proposal #7."))
            #expect(CoopError.notFound(Words("There is no proposal #%s.", .text("7"))) != .conflict("There is no proposal #7."))
        }

        /// Every words a core error can give, with the words nested in them.
        static func everyCoreRefusal() -> [Words] {
            let eur = Currency(code: "EUR", minorDigits: 2)
            var all: [Words] = [
                MembershipError.unknownClass("x").words, MembershipError.alreadyApplied(status: .awaitingVote).words,
                MembershipError.notAwaiting(expected: .awaitingVote, actual: .admitted).words, MembershipError.notAMember.words,
                MembershipError.paymentAmount(expected: Money(minorUnits: 1, currency: eur), actual: Money(minorUnits: 2, currency: eur))
                    .words,
                LedgerError.missingKind.words, LedgerError.tooFewPostings(1).words, LedgerError.zeroPosting("a").words,
                LedgerError.unbalanced(currency: "EUR", sum: 1).words, LedgerError.nonPositiveAmount(0).words, LedgerError.overflow.words,
                MoneyError.currencyMismatch("EUR", "USD").words, MoneyError.overflow.words, MoneyError.malformed("x").words,
                MoneyError.tooPrecise("1.234", digits: 2).words, BookingRules(minimum: 30, step: 15).words,
            ]
            for state in OrderState.allCases {
                for action in OrderAction.allCases {
                    for role in [OrderRole.customer, .worker, .steward, .system] {
                        for reviewed in [false, true] {
                            let flow = OrderFlow(state: state, customerReviewed: reviewed, workerReviewed: reviewed)
                            do { _ = try flow.applying(action, by: role) } catch { all.append(error.words) }
                        }
                    }
                }
            }
            let price = Money(minorUnits: 100, currency: eur)
            for (unit, quantity) in [(PriceUnit.perHour, 0), (.perItem, 0), (.perItem, 1_000_000), (.fixed, 2), (.perHour, 1_000_000)] {
                do { _ = try Pricing.total(unitPrice: price, unit: unit, quantity: Int64(quantity)) } catch { all.append(error.words) }
            }
            return all
        }

        /// The message ids of words and of the words nested in them, each with its context.
        static func ids(_ w: Words) -> [(context: String?, id: String)] {
            [(w.context, w.id)]
                + w.args.flatMap { arg -> [(context: String?, id: String)] in
                    switch arg {
                    case .notice(let n): ids(n)
                    case .lines(let ns): ns.flatMap(ids)
                    default: []
                    }
                }
        }

        @Test func everyCoreErrorCaseHasItsWordsInEveryLanguage() throws {
            let refusals = Self.everyCoreRefusal()
            #expect(refusals.count > 40)
            for language in [CoopCore.Language.es, .fr] {
                let catalog = Translations.catalog(language)
                for w in refusals {
                    for (context, id) in Self.ids(w) where id.contains(where: \.isLetter) {
                        #expect(catalog.has(id, context: context), "\(language.rawValue) misses \(context ?? "") \(id)")
                    }
                    #expect(w.render(catalog) != w.english, "\(language.rawValue): \(w.english)")
                }
            }
        }

        /// Each state, kind or method a refusal quotes, with the English the refusals always
        /// quoted for it (its raw value or its label).
        static func stateWords() -> [(words: Words, english: String)] {
            OrderState.allCases.map { ($0.words, $0.label) } + OrderAction.allCases.map { ($0.words, $0.rawValue) }
                + OrderPaymentStatus.allCases.map { ($0.words, $0.rawValue) } + JobState.allCases.map { ($0.words, $0.rawValue) }
                + ListingKind.allCases.map { ($0.words, $0.rawValue) } + ProposalStatus.allCases.map { ($0.words, $0.rawValue) }
                + VotingMethod.allCases.map { ($0.words, $0.rawValue) } + PolicyType.allCases.map { ($0.words, $0.rawValue) }
                + MembershipStatus.allCases.map { ($0.words, $0.rawValue) } + FiscalPeriodStatus.allCases.map { ($0.words, $0.rawValue) }
                + NotificationKind.allCases.map { ($0.words, $0.label) } + Presence.allCases.map { ($0.words, $0.label) }
                + AssemblyStatus.allCases.map { ($0.words, $0.rawValue) }
        }

        /// A state quoted in a refusal is a word of the reader's language, the same word the pages
        /// use where they name the state with the same English; English is unchanged.
        @Test func aStateQuotedInARefusalIsInTheReadersLanguage() async throws {
            let all = Self.stateWords()
            #expect(all.count == 69)
            for (words, english) in all {
                #expect(words.english == english)
                for language in [CoopCore.Language.es, .fr] {
                    let catalog = Translations.catalog(language)
                    #expect(catalog.has(words.id, context: words.context), "\(language.rawValue) misses \(english)")
                    // Only a proper name reads the same.
                    if english != "schulze" { #expect(words.render(catalog) != english, "\(language.rawValue): \(english)") }
                }
            }
            for language in [CoopCore.Language.es, .fr] {
                await Lang.with(language) {
                    let catalog = Lang.catalog
                    for s in OrderState.allCases { #expect(s.words.render(catalog) == MarketText.state(s)) }
                    for s in JobState.allCases { #expect(s.words.render(catalog) == MarketText.jobState(s.rawValue)) }
                    for k in NotificationKind.allCases { #expect(k.words.render(catalog) == NotificationPages.label(k)) }
                    for s in OrderPaymentStatus.allCases { #expect(s.words.render(catalog) == tc("payment", s.rawValue)) }
                }
            }

            // Whole sentences, in each language.
            var roll = AssemblyRoll<Int>(eligible: [1, 2], proxyCap: 1)
            try roll.checkIn(1, as: .inPerson)
            let twice: CoopError
            do {
                try roll.checkIn(1, as: .online)
                Issue.record("a second check-in")
                return
            } catch { twice = error }
            let refused: CoopError
            do {
                _ = try OrderFlow(state: .delivered, customerReviewed: false, workerReviewed: false).applying(.accept, by: .worker)
                Issue.record("accepting a delivered order")
                return
            } catch { refused = .conflict(error.words) }
            let application = CoopError.membership(.notAwaiting(expected: .awaitingVote, actual: .admitted))
            let closing = CoopError.conflict(
                Words("Only an assembly in session can be closed; this one is %s.", .notice(AssemblyStatus.convened.words)))
            let cases: [(CoopError, String, String, String)] = [
                (
                    twice, "This member is already checked in (in person).", "Esta persona socia ya está acreditada (presencial).",
                    "Ce membre est déjà enregistré (en présentiel)."
                ),
                (
                    refused, "Cannot accept an order that is delivered", "No se puede aceptar un pedido que está entregado",
                    "On ne peut pas accepter une commande qui est livrée"
                ),
                (
                    application, "the application is admitted, not awaiting_vote", "la solicitud está admitida, no pendiente de votación",
                    "la demande est admise, pas en attente d'un vote"
                ),
                (
                    closing, "Only an assembly in session can be closed; this one is convened.",
                    "Solo puede cerrarse una asamblea en sesión; esta está convocada.",
                    "Seule une assemblée en séance peut être close ; celle-ci est convoquée."
                ),
            ]
            for (error, en, es, fr) in cases {
                #expect(error.reason.hasPrefix(en), "\(error.reason)")
                #expect(error.reason(in: Translations.catalog(.es)).hasPrefix(es), "\(error.reason(in: Translations.catalog(.es)))")
                #expect(error.reason(in: Translations.catalog(.fr)).hasPrefix(fr), "\(error.reason(in: Translations.catalog(.fr)))")
            }
        }

        /// A refusal of the store that names an assembly's state, on the page, in the member's
        /// language: checking in online before the chair opens the assembly.
        @Test func anAssemblysStateIsNamedInTheMembersLanguageOnThePage() async throws {
            let clock = TestClock()
            try await withCoop(founded: false, configure: { $0.now = { clock.now } }) { app async throws in
                let f = try await Fixture.coop(app)
                _ = try await f.member("Ana Arroyo")
                let n = try await f.proposal(
                    by: f.steward, ["kind": "general", "title": "Paint the hall", "body": "Green.", "options": "Green\nBlue"])
                var steward = try await AssemblyTests.browser(app, Fixture.stewardEmail)
                _ = try await steward.get(SiteURL.newAssembly.path)
                let made = try await steward.post(SiteURL.assemblies.path, AssemblyTests.form(clock, days: 15, agenda: "\(n)"))
                #expect(made.status == .seeOther)
                var ana = try await AssemblyTests.browser(app, AssemblyTests.email("Ana Arroyo"))
                for (lang, words) in [
                    ("en", "Members check in once the chair opens the assembly; it is convened."),
                    ("es", "Las personas socias se acreditan cuando la presidencia abre la asamblea; está convocada."),
                    (
                        "fr",
                        "Les membres s&#39;enregistrent une fois que la présidence de séance a ouvert l&#39;assemblée ; elle est convoquée."
                    ),
                ] {
                    ana.jar["coop_lang"] = lang
                    _ = try await ana.get(SiteURL.assembly(1).path)
                    let res = try await ana.post(SiteURL.assemblyCheckInOnline(1).path)
                    #expect(res.status == .conflict)
                    let html = res.body.string
                    #expect(
                        html.contains(words) || html.contains(words.replacingOccurrences(of: "&#39;", with: "'")),
                        "\(lang): \(html.prefix(2000))")
                }
            }
        }
    }
}
