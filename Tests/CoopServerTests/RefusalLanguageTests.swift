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

        static func ids(_ w: Words) -> [String] {
            [w.id]
                + w.args.flatMap { arg -> [String] in
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
                    for id in Self.ids(w) where id.contains(where: \.isLetter) {
                        #expect(catalog.has(id), "\(language.rawValue) misses \(id)")
                    }
                    #expect(w.render(catalog) != w.english, "\(language.rawValue): \(w.english)")
                }
            }
        }
    }
}
