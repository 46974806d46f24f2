import CoopCore
import CoopStore
import Plot
import Vapor

/// Job requests' pages and the dashboard: posting a job, a job with its ranking and the
/// explanation, answering an offer, and a member's dashboard with their availability.
enum JobPages {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(.jobs) { req in try await mine(req) }
        routes.get(.newJob) { req in try await newForm(req) }
        routes.post(.jobs) { req async throws -> Response in
            try await MembershipPages.formAction(req, retry: { try await newForm($0) }) {
                let j = try await Jobs.post(req)
                return req.redirect(to: SiteURL.job(j.number).path)
            }
        }
        routes.get(SiteURL.job) { req in try await show(req) }
        routes.post(SiteURL.jobAnswer) { req async throws -> Response in
            try await MembershipPages.formAction(req, retry: { try await show($0) }) {
                let answer = try Jobs.Answer.parse(req)
                let j = try await Jobs.answer(req, answer)
                if answer == .accept, let o = j.orderID, let number = try await OrderQueries.numbers(of: [o], on: req.db)[o] {
                    return req.redirect(to: SiteURL.order(number).path)
                }
                return req.redirect(to: answer == .decline ? SiteURL.dashboard.path : SiteURL.job(j.number).path)
            }
        }
        routes.get(.dashboard) { req in try await dashboard(req) }
        routes.post(.workerProfile) { req async throws -> Response in
            try await MembershipPages.formAction(req, retry: { try await dashboard($0) }) {
                _ = try await Jobs.setProfile(req)
                return req.redirect(to: SiteURL.dashboard.path)
            }
        }
    }

    static func newForm(_ req: Request) async throws -> PageResponse {
        _ = try req.requireUser()
        let bylaws = try await req.bylaws()
        let c = try await req.layout("Ask for a job to be done", forms: true)
        let m = try await JobNew.Model.load(bylaws: bylaws, on: req.db)
        return JobNew.render(m, c, error: req.storage[FormErrorKey.self])
    }

    static func mine(_ req: Request) async throws -> PageResponse {
        let c = try await req.layout("My job requests")
        let m = try await JobList.Model.load(user: try req.requireUser().id, on: req.db)
        return JobList.render(m, c)
    }

    static func show(_ req: Request) async throws -> PageResponse {
        let bylaws = try await req.bylaws()
        let n = try Jobs.number(req)
        let user = req.user
        var member: MembershipRecord?
        if let user { member = try await req.membership(of: user) }
        let m = try await JobShow.Model.load(number: n, user: user?.id, member: member, bylaws: bylaws, on: req.db, at: req.now)
        let c = try await req.layout("Job #\(m.job.number): \(m.job.title)", forms: true)
        return JobShow.render(m, c, error: req.storage[FormErrorKey.self])
    }

    static func summary(_ v: Jobs.View) -> Node<HTML.BodyContext> {
        .group(
            .p(.text("State: "), .strong(.id("job-state"), .text(v.state))),
            .unwrap(v.order) {
                .p(.text("It is "), .a(.id("job-order"), .href(SiteURL.order($0).path), .text("order #\($0)")), .text(" now."))
            },
            .table(
                .tbody(
                    .tr(.th("Category"), .td(.text(v.category.replacingOccurrences(of: "_", with: " ")))),
                    .tr(.th("Budget"), .td(.text("\(v.budget) for about \(v.estimatedMinutes) minutes"))),
                    .tr(.th("When"), .td(.text(v.scheduledAt.map(Layout.date) ?? "any time"))),
                    .tr(.th("Where"), .td(.text(v.area.isEmpty ? "not given" : v.area))),
                    .tr(.th("Skills asked"), .td(.text(v.skills.isEmpty ? "none in particular" : v.skills.joined(separator: ", ")))))),
            .if(!v.description.isEmpty, .p(.text(v.description))))
    }

    static func answerForm(_ action: String, number: Int, csrf: String) -> Node<HTML.BodyContext> {
        let label = ["accept": "Accept this job", "decline": "Decline", "cancel": "Withdraw this job request"][action] ?? action
        return .form(
            .class("inline"), .method(.post), .action(SiteURL.jobAnswer(number).path), Layout.csrfField(csrf),
            .input(.type(.hidden), .name("action"), .value(action)),
            .button(.type(.submit), .id("job-\(action)"), .text(label)))
    }

    static func explanation(_ p: Jobs.View.Place) -> Node<HTML.BodyContext> {
        .section(
            .id("why"),
            .h2(.text(["offered", "accepted", "declined", "expired"].contains(p.state) ? "Why this offer came to you" : "Why not you")),
            .p(.id("explanation"), .text(p.explanation)),
            .unwrap(p.expiresAt) { .p(.text("The offer is open until \(Layout.date($0)).")) },
            .p("Your score, term by term:"),
            .ul(.forEach(p.terms) { .li(.text($0)) }))
    }

    static func ranking(_ v: Jobs.View) -> Node<HTML.BodyContext> {
        let w = v.rules.weights
        return .section(
            .id("ranking"), .h2("The ranking"),
            .p(
                .text(
                    "Made when the job was posted, by the weights then in force: fair share \(w.fairShare), distance \(w.distance),"
                        + " skills \(w.skills), rating \(v.rules.ratingsCount ? String(w.rating) : "0 (ratings do not count)")."
                        + " Each term is from 0 to 1; the score is the sum of weight × term. Workers are not named.")),
            .p(.id("endorsement-weight"), .text(t("Endorsements by peers of the skills the job needs weigh %s.", num(w.endorsements)))),
            .unwrap(v.rules.requiredSkill) {
                .p(
                    .id("required-skill"),
                    .text(t("The members require the skill '%s' for this category: workers without it were not ranked.", $0)))
            },
            .if(v.ranking.isEmpty, .p("No worker was eligible: nobody available lists in this category or names it among their skills.")),
            .if(
                !v.ranking.isEmpty,
                .table(
                    .thead(
                        .tr(.th("Rank"), .th("Score"), .th("Fair share"), .th("Distance"), .th("Skills"), .th("Rating"), .th("Outcome"))),
                    .tbody(
                        .forEach(v.ranking.prefix(50)) { r in
                            .tr(
                                .td(.text(String(r.position))), .td(.text(r.score)), .td(.text(r.fairShare)), .td(.text(r.distance)),
                                .td(.text(r.skills)), .td(.text(r.rating)), .td(.text(r.state)))
                        }))))
    }

    static func dashboard(_ req: Request) async throws -> PageResponse {
        let d = try await Dashboard.build(req)
        let hours = try await BookingPages.hours(req)
        var listings: [ListingRecord] = []
        if let user = req.user, let m = try await req.membership(of: user) {
            listings = try await ListingCommands.listings(of: try m.requireID(), on: req.db)
        }
        let c = try await req.layout("Dashboard", forms: true)
        let bylaws = try await req.bylaws()
        return DashboardShow.render(
            d, c, error: req.storage[FormErrorKey.self], hours: hours, listings: listings, currency: bylaws.currency,
            areas: bylaws.areas)
    }

    /// The area whose centre is the worker's place, if it is one (the place is set by picking an area).
    static func areaID(of p: Jobs.Profile, in areas: [Area]) -> String {
        guard let lat = p.latitude, let lon = p.longitude, let la = try? Listings.microDegrees(lat, "latitude"),
            let lo = try? Listings.microDegrees(lon, "longitude")
        else { return "" }
        return areas.first { $0.latitudeE6 == la && $0.longitudeE6 == lo }?.id ?? ""
    }

    static func workerPart(_ w: Dashboard.Worker, csrf: String, areas: [Area] = []) -> Node<HTML.BodyContext> {
        .group(
            .section(
                .id("offers"), .h2("Jobs offered to you"),
                .if(w.offers.isEmpty, .p("No job is on offer to you now.")),
                .forEach(w.offers) { v in
                    .article(
                        .class("offer"),
                        .h3(.a(.href(SiteURL.job(v.number).path), .text("Job #\(v.number): \(v.title)"))),
                        .p(.text("\(v.budget) for about \(v.estimatedMinutes) minutes\(v.area.isEmpty ? "" : ", \(v.area)")")),
                        .unwrap(v.you) { .p(.class("why"), .text($0.explanation)) },
                        .group(v.actions.map { answerForm($0, number: v.number, csrf: csrf) }))
                }),
            .section(
                .id("availability"), .h2("Availability"),
                .p(
                    .text(w.profile.available ? "You are available for job offers." : "You are unavailable: no jobs are offered to you."),
                    .text(" Jobs in a category reach you when you list in it or name it among your skills.")),
                .form(
                    .method(.post), .action(SiteURL.workerProfile.path), Layout.csrfField(csrf),
                    .div(
                        .class("field"), .label(.for("available"), .text("Job offers")),
                        .select(
                            .id("available"), .attribute(named: "name", value: "available"),
                            ListingPages.option("true", "Available", selected: w.profile.available),
                            ListingPages.option("false", "Unavailable", selected: !w.profile.available))),
                    Layout.field(
                        "Skills, comma-separated", name: "skills", value: w.profile.skills.joined(separator: ", "), required: false),
                    ListingForm.areaField(areas, selected: Layout.shown("areaID", areaID(of: w.profile, in: areas))),
                    .button(.type(.submit), .id("save-availability"), .text("Save")))),
            earnings(w))
    }

    static func earnings(_ w: Dashboard.Worker) -> Node<HTML.BodyContext> {
        .section(
            .id("earnings"), .h2("Hours and earnings"),
            .p(.text("Earned through the platform: "), .strong(.id("earned-total"), .text(w.earned))),
            .if(w.periods.isEmpty, .p("Nothing yet.")),
            .if(
                !w.periods.isEmpty,
                .table(
                    .thead(.tr(.th("Month (UTC)"), .th("Orders completed"), .th("Hours"), .th("Earned"))),
                    .tbody(
                        .forEach(w.periods) { p in
                            .tr(
                                .td(.text(p.month)), .td(.text(String(p.completed))),
                                .td(.text("\(p.minutes / 60):\(p.minutes % 60 < 10 ? "0" : "")\(p.minutes % 60)")), .td(.text(p.earned)))
                        }))))
    }
}
