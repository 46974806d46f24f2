import CoopCore
import CoopStore
import FluentKit
import Foundation
import Testing
import VaporTesting

@testable import CoopServer

extension Server {
    /// A job request keeps the language its customer wrote it in (M049): its title and
    /// description are marked with it on the job page, in the worker's offer, in the list of one's
    /// requests and on the order it becomes, whatever the reader's language.
    @Suite struct JobLanguageTests {
        static let job = [
            "category": "cleaning", "title": "Limpiar las ventanas", "description": "Tres pisos, sin ascensor.", "skills": "windows",
            "latitude": "52.372", "longitude": "4.893", "budget": "60.00", "estimatedMinutes": "120", "when": "", "area": "",
        ]

        @Test func aJobRequestKeepsTheLanguageItWasWrittenIn() async throws {
            try await withCoop { app async throws in
                var dev = Browser(app)
                try await dev.logIn("dev@demo.coop")
                _ = try await dev.post(SiteURL.language.path, ["lang": "es"])
                let form = try await dev.get(SiteURL.newJob.path).body.string
                #expect(form.contains(#"<html lang="es">"#))
                let posted = try await dev.post(SiteURL.jobs.path, Self.job)
                #expect(posted.status == .seeOther, "\(posted.body.string.prefix(600))")
                let stored = try #require(try await JobRequestRecord.query(on: app.db).filter(\.$title == "Limpiar las ventanas").first())
                #expect(stored.language == "es")
                let number = stored.number
                // Her own list, in Spanish, marks the title too.
                let mine = try await dev.get(SiteURL.jobs.path).body.string
                #expect(mine.contains(#"<bdi lang="es">Limpiar las ventanas</bdi>"#))

                // Sam reads it in English: the page's words are English, the job's are Spanish.
                var sam = Browser(app)
                try await sam.logIn("sam@demo.coop")
                let page = try await sam.get(SiteURL.job(number).path).body.string
                #expect(page.contains(#"<html lang="en">"#))
                #expect(page.contains(#"<h1>Job #\#(number): <bdi lang="es">Limpiar las ventanas</bdi></h1>"#), "\(page)")
                #expect(page.contains(#"<bdi lang="es">Tres pisos, sin ascensor.</bdi>"#))
                #expect(page.contains("Why this offer came to you"))
                // In French, his offer on the dashboard says so as well.
                let dashboard = try await sam.get(SiteURL.dashboard.path + "?lang=fr").body.string
                #expect(dashboard.contains(#"<html lang="fr">"#) && dashboard.contains(#"<bdi lang="es">Limpiar las ventanas</bdi>"#))
                // He accepts: the order it becomes keeps the language, title and note.
                let accepted = try await sam.post(SiteURL.jobAnswer(number).path, ["action": "accept"])
                #expect(accepted.status == .seeOther)
                let order = try #require(accepted.headers.first(name: .location))
                let orderPage = try await sam.get(order + "?lang=fr").body.string
                #expect(orderPage.contains(#"<bdi lang="es">Limpiar las ventanas</bdi>"#), "\(orderPage)")
                #expect(orderPage.contains(#"<bdi lang="es">Tres pisos, sin ascensor.</bdi>"#))
                let listing = try #require(
                    try await ListingRecord.query(on: app.db).filter(\.$title == "Job #\(number): Limpiar las ventanas").first())
                #expect(listing.language == "es")
                // The API says the job's language.
                let api = try await APIClient.login(app, "sam@demo.coop")
                let json = try await api.send(.GET, APIPath.job.fullPath.replacingOccurrences(of: "{number}", with: String(number))).body
                    .string
                #expect(json.contains(#""language":"es""#), "\(json)")
            }
        }

        @Test func aJobPostedThroughTheAPIIsTakenToBeInTheCoopsLanguage() async throws {
            try await withCoop { app async throws in
                let dev = try await APIClient.login(app, "dev@demo.coop")
                let body = #"""
                    {"category":"cleaning","title":"Clean the windows","skills":"Windows","latitude":"52.372","longitude":"4.893",
                     "budget":"60.00","estimatedMinutes":120,"area":"Centre"}
                    """#
                let posted = try await dev.send(.POST, APIPath.jobs.fullPath, raw: body)
                #expect(posted.status == .created, "\(posted.body.string)")
                let stored = try #require(try await JobRequestRecord.query(on: app.db).filter(\.$title == "Clean the windows").first())
                #expect(stored.language == nil)
                var sam = Browser(app)
                try await sam.logIn("sam@demo.coop")
                let page = try await sam.get(SiteURL.job(stored.number).path + "?lang=es").body.string
                #expect(page.contains(#"<bdi lang="en">Clean the windows</bdi></h1>"#), "\(page)")
            }
        }
    }
}
