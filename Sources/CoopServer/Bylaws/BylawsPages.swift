import CoopCore
import CoopStore
import Plot
import Vapor

/// The bylaws as adopted, the binding text, with its translations beside it, marked as not
/// binding. Public: anyone may read the rules of the co-op. A steward keeps a translation of the
/// version in force, accepted only when it decides exactly what the binding text decides.
enum BylawsPages {
    static func register(_ routes: any RoutesBuilder) {
        routes.get(.bylaws) { req in try await show(req) }
        routes.post(.bylaws) { req async throws -> Response in
            try await MembershipPages.formAction(req, retry: { try await show($0) }) {
                try await translate(req)
                return req.redirect(to: SiteURL.bylaws.path)
            }
        }
    }

    static func show(_ req: Request) async throws -> PageResponse {
        let bylaws = try await req.bylaws()
        guard let current = try await BylawsStore.current(on: req.db) else {
            throw Abort(.notFound, reason: t("This co-op has no bylaws yet."))
        }
        let translations = try await BylawsStore.translations(of: current.version, on: req.db)
        var steward = false
        if let user = req.user, let m = try await req.membership(of: user) { steward = m.steward && m.status == .admitted }
        let binding = bylaws.language ?? .en
        let c = try await req.layout(t("The bylaws"), forms: steward)
        let others = Language.offered.filter { $0 != binding }
        return Layout.page(
            c,
            Layout.error(req.storage[FormErrorKey.self]),
            .p(
                .text(
                    t(
                        "The text the members adopted binds the co-op: version %1$s, adopted on %2$s (%3$s). Translations help members read it; where one differs, the binding text prevails.",
                        String(current.version), Layout.date(current.adoptedAt), current.source))),
            .if(
                !translations.isEmpty,
                .p(
                    .text(t("Translations:") + " "),
                    .forEach(translations) { tr in
                        .a(
                            .href("#translation-\(tr.language)"), .attribute(named: "lang", value: tr.language),
                            .text(Language.offered.first(where: { $0.rawValue == tr.language })?.nativeName ?? tr.language), .text(" "))
                    })),
            .section(
                .id("binding"),
                .h2(.text(t("Binding text (%s)", binding.nativeName)), .text(" "), Layout.badge(t("binding"), "act")),
                .pre(.class("bylaws"), .attribute(named: "lang", value: binding.rawValue), .text(current.text))),
            .forEach(translations) { tr in
                .section(
                    .id("translation-\(tr.language)"),
                    .h2(
                        .span(
                            .attribute(named: "lang", value: tr.language),
                            .text(Language.offered.first(where: { $0.rawValue == tr.language })?.nativeName ?? tr.language)),
                        .text(" "),
                        Layout.badge(t("translation, not binding"))),
                    .p(
                        .small(
                            .text(
                                t(
                                    "Checked when it was added: it decides exactly what the binding text decides; only names, descriptions, units and the purpose are worded differently. Added on %s.",
                                    Layout.date(tr.addedAt))))),
                    .pre(.class("bylaws"), .attribute(named: "lang", value: tr.language), .text(tr.text)))
            },
            .if(
                steward,
                .form(
                    .id("translate"), .method(.post), .action(SiteURL.bylaws.path), Layout.csrfField(c.csrf),
                    .h2(.text(t("Add a translation"))),
                    .div(
                        .class("field"),
                        .label(.for("language"), .text(t("Language"))),
                        .select(
                            .id("language"), .attribute(named: "name", value: "language"),
                            .forEach(others) { l in
                                .element(
                                    named: "option",
                                    nodes: [
                                        .attribute(named: "value", value: l.rawValue), .attribute(named: "lang", value: l.rawValue),
                                        .text(l.nativeName),
                                    ])
                            })),
                    .div(
                        .class("field"),
                        .label(
                            .for("text"),
                            .text(t("The translated text: the binding text with its names, descriptions and purpose in the language"))),
                        .textarea(
                            .id("text"), .name("text"), .attribute(named: "rows", value: "16"), .attribute(named: "translate", value: "no"),
                            .text(Layout.shown("text", current.text)))),
                    .button(.type(.submit), .text(t("Keep this translation"))))))
    }

    static func translate(_ req: Request) async throws {
        let (user, _) = try await req.requireSteward()
        struct Input: Content {
            var language: String?
            var text: String?
        }
        let input = try req.content.decode(Input.self)
        let bylaws = try await req.bylaws()
        let binding = bylaws.language ?? .en
        guard let typed = input.language, let language = Language.offered.first(where: { $0.rawValue == typed })
        else { throw Abort(.badRequest, reason: t("Choose the language of the translation.")) }
        guard language != binding else {
            throw Abort(
                .badRequest, reason: t("The binding text is already in %s; a translation is into another language.", language.nativeName))
        }
        let text = input.text ?? ""
        let translated: Bylaws
        do {
            translated = try BylawsFile.parse(text)
        } catch {
            throw Abort(.badRequest, reason: t("The translation is not valid bylaws: %s", error.text(in: Lang.catalog)))
        }
        let differ = BylawsTranslation.differences(binding: bylaws, translation: translated)
        guard differ.isEmpty else {
            throw Abort(
                .badRequest,
                reason: t(
                    "The translation decides something the binding text does not (%s). Only names, descriptions, units and the purpose may be worded differently.",
                    differ.joined(separator: ", ")))
        }
        let now = req.now
        try await req.write { db in
            guard let current = try await BylawsStore.current(on: db) else { throw CoopError.notFound(t("This co-op has no bylaws yet.")) }
            try await BylawsStore.addTranslation(text, language: language.rawValue, version: current.version, by: user.id, on: db, at: now)
        }
    }
}
