import CoopCore
import CoopStore
import FluentKit
import Foundation
import Testing
import VaporTesting

@testable import CoopServer

extension Server {
    /// The marketplace and bookings in the member's language: its words, numbers, money and
    /// dates; listings marked with the language they were written in; the API still in English.
    @Suite struct MarketLanguageTests {
        @Test func aListingKeepsTheLanguageItWasWrittenIn() async throws {
            try await withCoop { app async throws in
                var ana = Browser(app)
                try await ana.logIn("ana@demo.coop")
                _ = try await ana.post(SiteURL.language.path, ["lang": "es"])
                let form = try await ana.get(SiteURL.newListing.path).body.string
                #expect(form.contains("Anunciar un servicio o un bien") && form.contains("por hora (servicio)"))
                let res = try await ana.post(
                    SiteURL.listings.path,
                    [
                        "kind": "service", "title": "Clases de guitarra", "description": "Para principiantes.", "category": "tutoring",
                        "unit": "fixed", "price": "40", "estimatedMinutes": "60",
                    ])
                #expect(res.status == .seeOther)
                let stored = try #require(try await ListingRecord.query(on: app.db).filter(\.$title == "Clases de guitarra").first())
                #expect(stored.language == "es")
                let id = try stored.requireID()
                // Read in English, the member-written text keeps its own language.
                let page = try await app.testing().sendRequest(.GET, SiteURL.listing(id).path).body.string
                #expect(page.contains(#"<html lang="en">"#) && page.contains(#"<h1 lang="es">Clases de guitarra</h1>"#))
                #expect(page.contains(#"class="written" lang="es""#) && page.contains("Where the money goes"))
                let cards = try await app.testing().sendRequest(.GET, SiteURL.listings.path + "?lang=fr").body.string
                #expect(cards.contains(#"class="card-title" lang="es">Clases de guitarra</strong>"#))
                // Demo listings, with no language stored, are taken to be in the co-op's.
                #expect(cards.contains(#"class="card-title" lang="en">Home cleaning</strong>"#))
                // The API says the listing's language; listings it makes are the co-op's.
                let api = try await app.testing().sendRequest(.GET, APIPath.listings.fullPath + "?q=guitarra").body.string
                #expect(api.contains(#""language":"es""#))
            }
        }

        @Test func searchAndAListingAreInSpanishWithSpanishNumbers() async throws {
            try await withCoop { app async throws in
                let search = try await app.testing().sendRequest(.GET, SiteURL.listings.path + "?lang=es").body.string
                #expect(search.contains(#"<html lang="es">"#) && search.contains(">Buscar</button>"))
                #expect(search.contains("nadie puede pagar para subir") && search.contains("anuncios</p>"))
                // Home cleaning, 22.50 EUR an hour: a decimal comma and "la hora".
                #expect(search.contains("22,50\u{A0}EUR la hora"))
                #expect(search.contains("Aún sin reseñas") || search.contains("sobre 5 ·"))
                let cleaning = try #require(try await ListingRecord.query(on: app.db).filter(\.$title == "Home cleaning").first())
                let page = try await app.testing().sendRequest(.GET, SiteURL.listing(try cleaning.requireID()).path + "?lang=fr")
                let html = page.body.string
                #expect(html.contains("Où va l'argent") && html.contains("22,50\u{A0}EUR de l'heure"))
                #expect(html.contains("Service dans cleaning, par Ana Alves"))
                // A refused search says why in the page's language, and the API's words stay English.
                let refused = try await app.testing().sendRequest(.GET, SiteURL.listings.path + "?lang=es&minPrice=abc")
                #expect(refused.status == .badRequest && refused.body.string.contains("El precio mínimo «abc» no es un importe en EUR."))
                var headers = HTTPHeaders()
                headers.add(name: .acceptLanguage, value: "es")
                let api = try await app.testing().sendRequest(.GET, APIPath.listings.fullPath, headers: headers).body.string
                #expect(api.contains("nobody can pay to rank higher") && api.contains(#""price":"22.50 EUR""#))
            }
        }

        @Test func anOrderAndItsTimelineAreInFrench() async throws {
            try await withCoop { app async throws in
                var dev = Browser(app)
                try await dev.logIn("dev@demo.coop")
                let delivery = try #require(
                    try await ListingRecord.query(on: app.db).filter(\.$title == "Cargo-bike delivery").first())
                _ = try await dev.get(SiteURL.listing(try delivery.requireID()).path)
                let placed = try await dev.post(SiteURL.orders.path, ["listing": try delivery.requireID().uuidString])
                #expect(placed.status == .seeOther)
                let list = try await dev.get(SiteURL.orders.path + "?lang=fr").body.string
                #expect(list.contains("<h1>Mes commandes</h1>") && list.contains("(vous l'avez commandé)"))
                let number = try #require(list.firstMatch(of: /href="\/orders\/(\d+)"/)?.1)
                let page = try await dev.get(SiteURL.order(Int(number)!).path).body.string
                #expect(page.contains("Chronologie") && page.contains("Ce qui se passe ensuite"))
                #expect(page.contains("Le client paie") && page.contains("Historique"))
                #expect(!page.contains("What happens next"))
                // Spanish: the same order, the states and the breakdown in Spanish.
                _ = try await dev.post(SiteURL.language.path, ["lang": "es"])
                let es = try await dev.get(SiteURL.order(Int(number)!).path).body.string
                #expect(es.contains("Cronología") && es.contains("La persona cliente paga") && es.contains("Qué pasa ahora"))
            }
        }

        @Test func theDashboardAndHoursAreInSpanish() async throws {
            try await withCoop { app async throws in
                var bo = Browser(app)
                try await bo.logIn("bo@demo.coop")
                let page = try await bo.get(SiteURL.dashboard.path + "?lang=es").body.string
                #expect(page.contains("Mis anuncios") && page.contains("Horas e ingresos") && page.contains("Lunes"))
                #expect(page.contains("Horas en que aceptas reservas") && page.contains("Zona horaria"))
                #expect(!page.contains("Hours you take bookings"))
                // A refused weekly hour names the day in Spanish.
                let refused = try await bo.post(SiteURL.hours.path, ["day1": "nonsense"])
                #expect(refused.body.string.contains("Lunes:"))
                let calendar = try await bo.get(SiteURL.calendar.path).body.string
                #expect(calendar.contains("Mi calendario") && calendar.contains("Cambiar tus horas"))
            }
        }

        @Test func theDispatchExplanationInEnglishIsWordForWordTheCores() {
            let terms = DispatchTerms(fairShare: 800_000, distance: 500_000, skills: 1_000_000, rating: 0, score: 230_000_000)
            let holder = DispatchTerms(fairShare: 900_000, distance: 600_000, skills: 1_000_000, rating: 0, score: 250_000_000)
            for state in CandidateState.allCases {
                for position in [0, 1, 2] {
                    let h: (position: Int, state: CandidateState, terms: DispatchTerms)? =
                        position == 0 ? nil : (position - 1, position == 1 ? .accepted : .offered, holder)
                    #expect(
                        DispatchText.explanation(state: state, position: position, count: 4, terms: terms, holder: h, offerMinutes: 30)
                            == JobDispatch.explanation(
                                state: state, position: position, count: 4, terms: terms, holder: h, offerMinutes: 30))
                }
            }
            var c = DispatchCandidate(recentMinutes: 90, distanceMeters: 1_234, skillsMatched: 1, skillsRequired: 2, ratingTenths: 45)
            let weights = DispatchWeights(fairShare: 100, distance: 100, skills: 100, rating: 100)
            for ratings in [true, false] {
                #expect(
                    DispatchText.termLines(c, terms, weights: weights, ratingsCount: ratings, recentDays: 30, maxDistanceKm: 25)
                        == JobDispatch.termLines(c, terms, weights: weights, ratingsCount: ratings, recentDays: 30, maxDistanceKm: 25))
            }
            c.distanceMeters = nil
            c.skillsRequired = 0
            #expect(
                DispatchText.termLines(c, terms, weights: weights, ratingsCount: true, recentDays: 30, maxDistanceKm: 25)
                    == JobDispatch.termLines(c, terms, weights: weights, ratingsCount: true, recentDays: 30, maxDistanceKm: 25))
            // Endorsements (one, and several) and a required skill are said alike.
            for n in [1, 3] {
                c.endorsements = n
                #expect(
                    DispatchText.termLines(
                        c, terms, weights: weights, ratingsCount: true, recentDays: 30, maxDistanceKm: 25, requiredSkill: "windows")
                        == JobDispatch.termLines(
                            c, terms, weights: weights, ratingsCount: true, recentDays: 30, maxDistanceKm: 25, requiredSkill: "windows"))
            }
        }

        @Test func theTimelineInEnglishIsWordForWordTheCores() {
            for state in [
                OrderState.requested, .accepted, .inProgress, .delivered, .completed, .reviewed, .declined, .cancelled, .disputed, .settled,
            ] {
                for payment in [OrderTimeline.Payment.none, .pending, .settled] {
                    for isGood in [true, false] {
                        for booked in [nil, "Mon 30 Mar 2026, 09:00 CEST"] as [String?] {
                            for (c, w) in [(false, false), (true, false), (false, true)] {
                                let flow = OrderFlow(state: state, customerReviewed: c, workerReviewed: w)
                                let core = OrderTimeline.of(
                                    flow: flow, actions: ["place"], payment: payment, isGood: isGood, booked: booked)
                                let mine = OrderTimelineView.next(
                                    state, flow: flow, payment: payment, isGood: isGood, booked: booked, autoCompleteDays: 3)
                                #expect(mine == core.next, "\(state) \(payment) \(isGood)")
                            }
                        }
                    }
                }
            }
        }
    }
}
