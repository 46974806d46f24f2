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
        let c = try await req.layout(t("Ask for a job to be done"), forms: true)
        let m = try await JobNew.Model.load(bylaws: bylaws, on: req.db)
        return JobNew.render(m, c, error: req.storage[FormErrorKey.self])
    }

    static func mine(_ req: Request) async throws -> PageResponse {
        let c = try await req.layout(t("My job requests"))
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
        var c = try await req.layout(t("Job #%1$s: %2$s", String(m.job.number), m.job.title), forms: true)
        (c.titleLanguage, c.titleWritten) = (m.job.language ?? c.coopLanguage, m.job.title)
        return JobShow.render(m, c, error: req.storage[FormErrorKey.self])
    }

    static func summary(_ v: Jobs.View, currency: Currency, coopLanguage: String = "en") -> Node<HTML.BodyContext> {
        .group(
            .p(.text(t("State: ")), .strong(.id("job-state"), .text(MarketText.jobState(v.state)))),
            .unwrap(v.order) {
                .p(
                    .text(t("It is ")), .a(.id("job-order"), .href(SiteURL.order($0).path), .text(t("order #%s", String($0)))),
                    .text(t(" now.")))
            },
            .table(
                .tbody(
                    .tr(
                        .th(.text(t("Category"))),
                        .td(.attribute(named: "translate", value: "no"), .text(v.category.replacingOccurrences(of: "_", with: " ")))),
                    .tr(
                        .th(.text(t("Budget"))),
                        .td(
                            .text(
                                tn(
                                    "%2$s for about %1$d minute", "%2$s for about %1$d minutes", Int(v.estimatedMinutes),
                                    MarketText.amount(v.budget, currency))))),
                    .tr(.th(.text(t("When"))), .td(v.scheduledAt.map { MarketText.time(Layout.date($0), $0) } ?? .text(t("any time")))),
                    .tr(
                        .th(.text(t("Where"))),
                        v.area.isEmpty ? .td(.text(t("not given"))) : .td(.attribute(named: "translate", value: "no"), .text(v.area))),
                    .tr(
                        .th(.text(t("Skills asked"))),
                        .td(
                            v.skills.isEmpty
                                ? .text(t("none in particular")) : .element(named: "bdi", nodes: [.text(v.skills.joined(separator: ", "))]))
                    ))),
            .if(!v.description.isEmpty, .p(.id("job-description"), MarketText.written(v.description, language: v.language ?? coopLanguage)))
        )
    }

    static func answerForm(_ action: String, number: Int, csrf: String) -> Node<HTML.BodyContext> {
        let label =
            switch action {
            case "accept": t("Accept this job")
            case "decline": tc("job", "Decline")
            case "cancel": t("Withdraw this job request")
            default: action
            }
        return .form(
            .class("inline"), .method(.post), .action(SiteURL.jobAnswer(number).path), Layout.csrfField(csrf),
            .input(.type(.hidden), .name("action"), .value(action)),
            .button(.type(.submit), .id("job-\(action)"), .text(label)))
    }

    static func explanation(_ p: Jobs.View.Place) -> Node<HTML.BodyContext> {
        .section(
            .id("why"),
            .h2(
                .text(
                    ["offered", "accepted", "declined", "expired"].contains(p.state) ? t("Why this offer came to you") : t("Why not you"))),
            .p(.id("explanation"), .text(p.explanation)),
            .unwrap(p.expiresAt) { .p(.text(t("The offer is open until %s.", Layout.date($0)))) },
            .p(.text(t("Your score, term by term:"))),
            .ul(.forEach(p.terms) { .li(.text($0)) }))
    }

    static func ranking(_ v: Jobs.View) -> Node<HTML.BodyContext> {
        let w = v.rules.weights
        // The API's numbers, written with the language's decimal comma.
        let decimal = { (text: String) in Lang.current == .es || Lang.current == .fr ? text.replacingOccurrences(of: ".", with: ",") : text
        }
        return .section(
            .id("ranking"), .h2(.text(t("The ranking"))),
            .p(
                .text(
                    t(
                        "Made when the job was posted, by the weights then in force: fair share %1$s, distance %2$s, skills %3$s, rating %4$s. Each term is from 0 to 1; the score is the sum of weight × term. Workers are not named.",
                        String(w.fairShare), String(w.distance), String(w.skills),
                        v.rules.ratingsCount ? String(w.rating) : t("0 (ratings do not count)")))),
            .p(.id("endorsement-weight"), .text(t("Endorsements by peers of the skills the job needs weigh %s.", num(w.endorsements)))),
            .unwrap(v.rules.requiredSkill) {
                .p(
                    .id("required-skill"),
                    .text(t("The members require the skill '%s' for this category: workers without it were not ranked.", $0)))
            },
            .if(
                v.ranking.isEmpty,
                .p(.text(t("No worker was eligible: nobody available lists in this category or names it among their skills.")))),
            .if(
                !v.ranking.isEmpty,
                .table(
                    .thead(
                        .tr(
                            .th(.text(t("Rank"))), .th(.text(t("Score"))), .th(.text(t("Fair share"))), .th(.text(t("Distance"))),
                            .th(.text(t("Skills"))), .th(.text(t("Rating"))), .th(.text(t("Outcome"))))),
                    .tbody(
                        .forEach(v.ranking.prefix(50)) { r in
                            .tr(
                                .td(.text(String(r.position))), .td(.text(decimal(r.score))), .td(.text(decimal(r.fairShare))),
                                .td(.text(decimal(r.distance))), .td(.text(decimal(r.skills))), .td(.text(decimal(r.rating))),
                                .td(.text(MarketText.candidateState(r.state))))
                        }))))
    }

    static func dashboard(_ req: Request) async throws -> PageResponse {
        let d = try await Dashboard.build(req)
        let hours = try await BookingPages.hours(req)
        var listings: [ListingRecord] = []
        if let user = req.user, let m = try await req.membership(of: user) {
            listings = try await ListingCommands.listings(of: try m.requireID(), on: req.db)
        }
        let c = try await req.layout(t("Dashboard"), forms: true)
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

    static func workerPart(
        _ w: Dashboard.Worker, csrf: String, areas: [Area] = [], currency: Currency = Currency(code: "EUR"), coopLanguage: String = "en"
    ) -> Node<HTML.BodyContext> {
        .group(
            .section(
                .id("offers"), .h2(.text(t("Jobs offered to you"))),
                .if(w.offers.isEmpty, .p(.text(t("No job is on offer to you now.")))),
                .forEach(w.offers) { v in
                    .article(
                        .class("offer"),
                        .h3(
                            .a(
                                .href(SiteURL.job(v.number).path),
                                MarketText.jobName(v.number, v.title, language: v.language ?? coopLanguage))),
                        .p(
                            .text(
                                tn(
                                    "%2$s for about %1$d minute", "%2$s for about %1$d minutes", Int(v.estimatedMinutes),
                                    MarketText.amount(v.budget, currency))),
                            .if(!v.area.isEmpty, .group(.text(", "), .span(.attribute(named: "translate", value: "no"), .text(v.area))))),
                        .unwrap(v.you) { .p(.class("why"), .text($0.explanation)) },
                        .group(v.actions.map { answerForm($0, number: v.number, csrf: csrf) }))
                }),
            .section(
                .id("availability"), .h2(.text(t("Availability"))),
                .p(
                    .text(
                        w.profile.available ? t("You are available for job offers.") : t("You are unavailable: no jobs are offered to you.")
                    ),
                    .text(t(" Jobs in a category reach you when you list in it or name it among your skills."))),
                .form(
                    .method(.post), .action(SiteURL.workerProfile.path), Layout.csrfField(csrf),
                    .div(
                        .class("field"), .label(.for("available"), .text(t("Job offers"))),
                        .select(
                            .id("available"), .attribute(named: "name", value: "available"),
                            ListingPages.option("true", t("Available"), selected: w.profile.available),
                            ListingPages.option("false", t("Unavailable"), selected: !w.profile.available))),
                    Layout.field(
                        t("Skills, comma-separated"), name: "skills", value: w.profile.skills.joined(separator: ", "), required: false),
                    ListingForm.areaField(areas, selected: Layout.shown("areaID", areaID(of: w.profile, in: areas))),
                    .button(.type(.submit), .id("save-availability"), .text(t("Save"))))),
            earnings(w, currency: currency))
    }

    static func earnings(_ w: Dashboard.Worker, currency: Currency = Currency(code: "EUR")) -> Node<HTML.BodyContext> {
        .section(
            .id("earnings"), .h2(.text(t("Hours and earnings"))),
            .p(.text(t("Earned through the platform: ")), .strong(.id("earned-total"), .text(MarketText.amount(w.earned, currency)))),
            .if(w.periods.isEmpty, .p(.text(t("Nothing yet.")))),
            .if(
                !w.periods.isEmpty,
                .table(
                    .thead(
                        .tr(
                            .th(.text(t("Month (UTC)"))), .th(.text(t("Orders completed"))), .th(.text(t("Hours"))),
                            .th(.text(t("Earned"))))),
                    .tbody(
                        .forEach(w.periods) { p in
                            .tr(
                                .td(.text(p.month)), .td(.text(String(p.completed))),
                                .td(.text("\(p.minutes / 60):\(p.minutes % 60 < 10 ? "0" : "")\(p.minutes % 60)")),
                                .td(.text(MarketText.amount(p.earned, currency))))
                        }))))
    }
}
