import CoopCore
import CoopStore
import Plot
import Vapor

/// Learning modules: stewards publish them, members read them and complete them by answering
/// their questions. Reading is open to every signed-in person; publishing is the stewards'.
enum ModulePages {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(.modules, use: list)
        routes.post(.modules) { req async throws -> Response in
            try await MembershipPages.formAction(req, retry: { try await list($0) }) {
                let id = try await publish(req)
                return req.redirect(to: SiteURL.module(id).path)
            }
        }
        routes.get(SiteURL.module) { req in try await show(req) }
        routes.post(SiteURL.moduleComplete) { req async throws -> Response in
            try await MembershipPages.formAction(req, retry: { try await show($0) }) {
                try await complete(req)
                return req.redirect(to: SiteURL.module(try moduleID(req)).path)
            }
        }
    }

    static func completedIDs(_ req: Request) async throws -> Set<UUID> {
        guard let user = req.user, let m = try await req.membership(of: user), let id = m.id else { return [] }
        return Set(try await ModuleStore.completions(of: [id], on: req.db).map(\.module))
    }

    static func list(_ req: Request) async throws -> PageResponse {
        _ = try req.requireUser()
        let c = try await req.layout(t("Learning"), forms: true)
        let modules = try await ModuleStore.all(on: req.db)
        let done = try await completedIDs(req)
        let skills = try await SkillPages.ownLink(req)
        return Layout.page(
            c, Layout.error(req.storage[FormErrorKey.self]),
            .p(
                .text(
                    t("Short modules the stewards publish. Read one and answer its questions to complete it; some kinds of job need one."))
            ),
            modules.isEmpty
                ? .p(.text(t("No module has been published yet.")))
                : .ul(
                    .id("modules"),
                    .forEach(modules) { m in
                        .li(
                            .text("#\(m.number) "), .a(.href(SiteURL.module(m.id).path), .text(m.title)),
                            .if(done.contains(m.id), .group(.text(" "), Layout.badge(tc("module", "completed"), "ok"))))
                    }),
            skills,
            .if(c.isSteward, publishForm(c)))
    }

    static func publishForm(_ c: Layout.Context) -> Node<HTML.BodyContext> {
        .section(
            .h2(.text(t("Publish a module"))),
            .form(
                .method(.post), .action(SiteURL.modules.path), .id("publish-module"),
                Layout.csrfField(c.csrf),
                Layout.field(t("Title"), name: "title"),
                .div(
                    .class("field"),
                    .label(
                        .for("text"),
                        .text(t("Text (Markdown: paragraphs, # headings, - lists, *emphasis*, `code`, [links](https://…))"))),
                    .textarea(.id("text"), .name("text"), .attribute(named: "rows", value: "10"), .text(Layout.shown("text")))),
                .div(
                    .class("field"),
                    .label(
                        .for("questions"),
                        .text(
                            t(
                                "Questions: a line starting with ? asks one; its answers follow, one a line, starting with - (wrong) or * (right)"
                            ))),
                    .textarea(
                        .id("questions"), .name("questions"), .attribute(named: "rows", value: "8"),
                        .text(Layout.shown("questions", "? \n- \n* ")))),
                .button(.type(.submit), .text(t("Publish")))))
    }

    struct PublishInput: Content {
        var title: String?
        var text: String?
        var questions: String?
    }

    /// Publishes a module: stewards only; every problem with the draft named at once.
    static func publish(_ req: Request) async throws -> UUID {
        let (_, steward) = try await req.requireSteward()
        let input = try req.content.decode(PublishInput.self)
        let title = (input.title ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let text = input.text ?? ""
        var problems = LearningModule.problemWords(title: title, text: text)
        var questions: [ModuleQuestion] = []
        do {
            questions = try LearningModule.quiz(input.questions ?? "")
        } catch {
            problems.append(error.words)
        }
        guard problems.isEmpty else { throw CoopError.invalid(.sentences(problems)) }
        let author = try steward.requireID()
        let now = req.now
        let quiz = questions
        return try await req.write { db in
            try await ModuleStore.publish(title: title, text: text, questions: quiz, author: author, on: db, at: now)
        }
    }

    static func moduleID(_ req: Request) throws -> UUID {
        try req.pathParameter(SiteURL.Parameter<UUID>.id, expecting: t("a module's id"))
    }

    static func find(_ req: Request) async throws -> ModuleStore.Module {
        guard let m = try await ModuleStore.find(try moduleID(req), on: req.db) else {
            throw Abort(.notFound, reason: t("There is no such module."))
        }
        return m
    }

    static func show(_ req: Request) async throws -> PageResponse {
        _ = try req.requireUser()
        let m = try await find(req)
        let c = try await req.layout(m.title, forms: true)
        let done = try await completedIDs(req).contains(m.id)
        return Layout.page(
            c, Layout.error(req.storage[FormErrorKey.self]),
            .div(.class("module-text"), .raw(SafeMarkdown.html(m.text))),
            .section(
                .h2(.text(t("Questions"))),
                done
                    ? .p(
                        .id("module-done"), Layout.badge(tc("module", "completed"), "ok"), .text(" " + t("You have completed this module."))
                    )
                    : .form(
                        .method(.post), .action(SiteURL.moduleComplete(m.id).path), .id("module-quiz"),
                        Layout.csrfField(c.csrf),
                        .forEach(Array(m.questions.enumerated())) { i, q in question(i, q) },
                        .button(.type(.submit), .text(t("Check my answers"))))))
    }

    /// One question as a group of radio buttons under its legend.
    static func question(_ i: Int, _ q: ModuleQuestion) -> Node<HTML.FormContext> {
        let legend: Node<HTML.BodyContext> = .element(named: "legend", text: "\(i + 1). \(q.prompt)")
        let radios: [Node<HTML.BodyContext>] = q.choices.enumerated().map { j, choice in
            let id = "q\(i)-\(j)"
            let input: Node<HTML.BodyContext> = .input(.type(.radio), .name("q\(i)"), .id(id), .value(String(j)))
            return .div(.class("choice"), input, .label(.for(id), .text(choice)))
        }
        return .element(named: "fieldset", nodes: [legend] + radios)
    }

    /// Completes a module when every answer is right; a forged or missing answer is refused and
    /// a wrong one records nothing.
    static func complete(_ req: Request) async throws {
        let (_, member) = try await req.requireMember()
        let m = try await find(req)
        let fields = try req.content.decode([String: String].self)
        var answers: [Int: Int] = [:]
        for (key, value) in fields where key.hasPrefix("q") {
            guard let q = Int(key.dropFirst()), q >= 0, q < 1_000 else {
                throw CoopError.invalid(t("'%s' is not one of this module's questions.", key))
            }
            guard let a = Int(value) else {
                throw CoopError.invalid(t("Question %1$s: '%2$s' is not one of its answers.", String(q + 1), value))
            }
            answers[q] = a
        }
        let right = try LearningModule.score(m.questions, answers: answers)
        guard right == m.questions.count else {
            throw CoopError.invalid(
                tn(
                    "%d of %s answers are right. Read the module again and try once more.",
                    "%d of %s answers are right. Read the module again and try once more.", right, num(m.questions.count)))
        }
        let membership = try member.requireID()
        let now = req.now
        try await req.write { db in try await ModuleStore.complete(m.id, membership: membership, on: db, at: now) }
    }
}
