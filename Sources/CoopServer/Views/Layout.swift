import CoopCore
import CoopStore
import Foundation
import Plot
import Vapor

/// The one layout every page uses.
enum Layout {
    struct Context {
        let title: String
        let user: CurrentUser?
        let isSteward: Bool
        let csrf: String
        let coopName: String
        /// The user's unread notifications, shown in the navigation.
        var unread = 0
        /// The page's path, for a member's language switch to return to ("/" for a visitor, whose links need none).
        var path = "/"
        /// The co-op's default language: that of member-written text that does not say.
        var coopLanguage = "en"
        /// The language of the title when members wrote it (a proposal's), for its `lang`.
        var titleLanguage: String? = nil
        /// The part of the title members wrote, when the rest is the page's own words (a job's
        /// title in `Job #3: …`): only that part is marked with ``titleLanguage``.
        var titleWritten: String? = nil
    }

    /// The page's `h1`, with what members wrote of it marked with the language they wrote it in.
    static func heading(_ c: Context) -> String {
        guard let language = c.titleLanguage else { return "<h1>\(FastText.html(c.title))</h1>" }
        let lang = " lang=\"\(FastText.html(language))\""
        guard let written = c.titleWritten, !written.isEmpty, let range = c.title.range(of: written, options: .backwards) else {
            return "<h1\(lang)>\(FastText.html(c.title))</h1>"
        }
        return "<h1>" + FastText.html(String(c.title[..<range.lowerBound])) + "<bdi\(lang)>" + FastText.html(written) + "</bdi>"
            + FastText.html(String(c.title[range.upperBound...])) + "</h1>"
    }

    /// A page: the shell (head, site header, footer) written as text around the content, which
    /// Plot renders. The shell is the same on every page, so it is not rebuilt node by node.
    static func page(_ c: Context, status: HTTPStatus = .ok, _ content: Node<HTML.BodyContext>...) -> PageResponse {
        let shell = Shell.current
        let title = FastText.html(c.title == c.coopName ? c.title : "\(c.title) · \(c.coopName)")
        var out = "<!DOCTYPE html><html lang=\"\(shell.htmlTag)\"><head><meta charset=\"UTF-8\"/>"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/><title>\(title)</title>"
        out += shell.head
        out += "<a class=\"brand\" href=\"\(shell.home)\">\(FastText.html(c.coopName))</a>"
        out += shell.menu
        if let user = c.user {
            out += shell.memberLinks
            out += Shell.link(
                shell.notificationsPath,
                c.unread > 0 ? tn("Notifications (%d unread)", "Notifications (%d unread)", c.unread) : shell.notifications)
            if c.isSteward { out += shell.stewardLink }
            out += shell.logoutForm
            out += "<input type=\"hidden\" name=\"\(CSRFMiddleware.field)\" value=\"\(FastText.html(c.csrf))\"/>"
            out += "<button type=\"submit\">\(FastText.html(t("Log out (%s)", user.name)))</button></form>"
        } else {
            out += shell.visitorLinks
        }
        out +=
            "</nav>" + languageSwitch(c, shell)
            + "</header><main id=\"main\">" + heading(c)
        out += TableLabels.apply(Node<HTML.BodyContext>.group(content).render())
        out += shell.footer
        return PageResponse(body: out, status: status)
    }

    /// The parts of the shell that are the same on every page in a language, written once per
    /// language rather than on every page.
    struct Shell: Sendable {
        let catalog: Catalog
        let htmlTag: String
        let head: String
        let home: String
        let menu: String
        let memberLinks: String
        let notificationsPath: String
        let notifications: String
        let stewardLink: String
        let logoutForm: String
        let visitorLinks: String
        let languageLabel: String
        /// A member's language buttons, the current one pressed (the form around them varies).
        let languageButtons: String
        /// A visitor's whole language switch: links of only a query (`?lang=es`), which keep the
        /// page's path and drop its query (RFC 3986, 5.2.2), so they are the same on every page.
        let visitorSwitch: String
        let footer: String

        static func link(_ path: String, _ label: String) -> String { "<a href=\"\(path)\">\(FastText.html(label))</a>" }

        /// The shells of the shipped catalogs, written the first time a page asks.
        private static let shipped: [CoopCore.Language: Shell] = Dictionary(
            uniqueKeysWithValues: CoopCore.Language.allCases.map { ($0, Shell(Translations.catalog($0))) })

        /// The shell in the request's language: the shipped one, or one written now for another
        /// catalog (a test's).
        static var current: Shell {
            let catalog = Lang.catalog
            if let shell = shipped[catalog.language], shell.catalog === catalog { return shell }
            return Shell(catalog)
        }
    }

    /// The language switch: for a member, buttons that save the choice (a form, no JavaScript); for
    /// a visitor, links with `?lang=` (the answer leaves a cookie). Each name is in its own language.
    /// Both return to the same path without its query: a query can carry what the page refused
    /// (a `next=` to another site), which the switch must not echo.
    static func languageSwitch(_ c: Context, _ shell: Shell = .current) -> String {
        if c.user != nil && !c.csrf.isEmpty {
            var out =
                "<form class=\"languages\" method=\"post\" action=\"\(SiteURL.language.path)\" aria-label=\"\(shell.languageLabel)\">"
            out += "<input type=\"hidden\" name=\"\(CSRFMiddleware.field)\" value=\"\(FastText.html(c.csrf))\"/>"
            out += "<input type=\"hidden\" name=\"back\" value=\"\(FastText.html(c.path))\"/>"
            return out + shell.languageButtons + "</form>"
        }
        return shell.visitorSwitch
    }

    static func csrfField(_ token: String) -> Node<HTML.FormContext> {
        .input(.type(.hidden), .name(CSRFMiddleware.field), .value(token))
    }

    static func field(
        _ label: String, name: String, type: HTMLInputType = .text, value: String = "", required: Bool = true,
        minLength: Int? = nil, id: String? = nil
    ) -> Node<HTML.FormContext> {
        .div(
            .class("field"),
            .label(.for(id ?? name), .text(label)),
            .input(
                // Plot writes attribute values as given: what a visitor typed is escaped here.
                .id(id ?? name), .name(name), .type(type), .value(FastText.html(type == .password ? value : shown(name, value))),
                .required(required),
                .attribute(named: "minlength", value: minLength.map(String.init)))
        )
    }

    static func error(_ message: String?) -> Node<HTML.BodyContext> {
        .unwrap(message) { .p(.class("error"), .attribute(named: "role", value: "alert"), .text($0)) }
    }

    /// Text a member wrote, with its paragraphs (blank lines) and line breaks kept, escaped.
    /// `language`: the language it was written in, when it may differ from the page's (`lang`).
    static func paragraphs(_ text: String, class cls: String = "written", language: String? = nil) -> Node<HTML.BodyContext> {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n")
        let blocks = normalized.components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .newlines) }.filter {
            !$0.trimmingCharacters(in: .whitespaces).isEmpty
        }
        return .div(
            .class(cls), .attribute(named: "lang", value: language),
            .forEach(blocks) { block in
                let lines = block.components(separatedBy: "\n")
                return .p(
                    .forEach(Array(lines.enumerated())) { i, line in
                        i == 0 ? .text(line) : .group(.br(), .text(line))
                    })
            })
    }

    /// How long until `end`, in words: "2 days 3 hours", "45 minutes", "less than a minute".
    static func duration(from start: Date, to end: Date) -> String {
        let seconds = Int(end.timeIntervalSince(start))
        guard seconds >= 60 else { return t("less than a minute") }
        let (days, hours, minutes) = (seconds / 86_400, seconds % 86_400 / 3600, seconds % 3600 / 60)
        if days > 0 { return tn("%d day", "%d days", days) + (hours > 0 ? " " + tn("%d hour", "%d hours", hours) : "") }
        if hours > 0 { return tn("%d hour", "%d hours", hours) + (minutes > 0 ? " " + tn("%d minute", "%d minutes", minutes) : "") }
        return tn("%d minute", "%d minutes", minutes)
    }

    /// A destructive action: folded behind its name, then a box to tick that says what it does, and
    /// a button that looks unlike the safe ones. Works without JavaScript; the server also refuses
    /// the action unless `confirm=yes` came with it.
    static func confirmForm(
        _ url: SiteURL, csrf: String, id: String, action: String, consequence: String,
        fields: Node<HTML.FormContext> = .empty
    ) -> Node<HTML.BodyContext> {
        .element(
            named: "details",
            nodes: [
                .class("danger-zone"),
                .element(named: "summary", nodes: [.text(action + "…")]),
                .form(
                    .method(.post), .action(url.path), csrfField(csrf), fields,
                    .div(
                        .class("field choice"),
                        .input(.type(.checkbox), .name("confirm"), .value("yes"), .id("confirm-\(id)"), .required(true)),
                        .label(.for("confirm-\(id)"), .text(consequence))),
                    .button(.type(.submit), .class("danger"), .text(action))),
            ])
    }

    /// A small label for a state: `tone` is `ok`, `wait`, `act`, `bad` or `info`.
    static func badge(_ text: String, _ tone: String = "info", id: String? = nil) -> Node<HTML.BodyContext> {
        .span(.class("badge \(tone)"), .attribute(named: "id", value: id), .text(text))
    }

    /// The day of a date in UTC, as ISO 8601: `2026-11-27`.
    static func day(_ d: Date) -> String { UTCFields(d).isoDay }

    /// A date and time in UTC: `2026-11-27 14:05 UTC` in English (as it always was), by the
    /// language's own rules in the others (`27 nov 2026, 14:05 UTC`).
    static func date(_ d: Date) -> String {
        if Lang.current != .en && Lang.current != .qps { return dateTime(d) }
        return UTCFields(d).stamp
    }
}

/// An HTML page with its status, as a response.
struct PageResponse: AsyncResponseEncodable {
    let body: String
    var status: HTTPStatus = .ok

    func encodeResponse(for request: Request) async throws -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .html
        headers.replaceOrAdd(name: "Cache-Control", value: "no-store")
        return Response(status: status, headers: headers, body: .init(string: body))
    }
}

extension Request {
    /// The layout's context for this request.
    /// Pages with forms pass `forms: true`; a visitor on a page without forms gets no session.
    func layout(_ title: String, forms: Bool = false) async throws -> Layout.Context {
        var steward = false
        if let user, let m = try await membership(of: user) { steward = m.steward && m.status == .admitted }
        let bylaws = try await coop.bylaws(on: db)
        let name = bylaws?.name ?? "Coop"
        let csrf = forms || user != nil ? csrfToken : ""
        // One indexed count: the navigation shows it on every page.
        var unread = 0
        if let user { unread = try await NotificationStore.unreadCount(of: user.id, on: db) }
        return Layout.Context(
            title: title, user: user, isSteward: steward, csrf: csrf, coopName: name, unread: unread, path: user == nil ? "/" : url.path,
            coopLanguage: bylaws?.language?.rawValue ?? "en")
    }
}

extension Layout.Shell {
    /// The shell in `catalog`'s language, with its words. (In an extension, so the struct keeps
    /// its memberwise initializer, which this one calls.)
    init(_ catalog: Catalog) {
        let language = catalog.language
        func link(_ url: SiteURL, _ label: String) -> String { Self.link(url.path, label) }
        self = Lang.$catalog.withValue(catalog) {
            let label = FastText.html(t("Language"))
            var buttons = ""
            var visitor = "<nav class=\"languages\" aria-label=\"\(label)\">"
            for l in CoopCore.Language.offered {
                let pressed = l == language ? "true" : "false"
                buttons +=
                    "<button type=\"submit\" name=\"lang\" value=\"\(l.rawValue)\" lang=\"\(l.htmlTag)\" aria-pressed=\"\(pressed)\">"
                    + "\(FastText.html(l.nativeName))</button>"
                let current = l == language ? " aria-current=\"true\"" : ""
                visitor +=
                    "<a href=\"?lang=\(l.rawValue)\" hreflang=\"\(l.rawValue)\" lang=\"\(l.htmlTag)\"\(current)>\(FastText.html(l.nativeName))</a>"
            }
            return Self(
                catalog: catalog, htmlTag: language.htmlTag,
                head: "<link rel=\"stylesheet\" href=\"\(SiteURL.stylesheet.path)\"/></head><body>"
                    + "<a class=\"skip\" href=\"#main\">\(FastText.html(t("Skip to the content")))</a><header class=\"site\">",
                home: SiteURL.home.path,
                // On a phone the menu folds behind a button that needs no JavaScript: a checkbox and its label.
                menu: "<input type=\"checkbox\" id=\"menu-toggle\" class=\"menu-toggle\" aria-controls=\"menu\"/>"
                    + "<label for=\"menu-toggle\" class=\"menu-button\">\(FastText.html(t("Menu")))</label>"
                    + "<nav id=\"menu\" aria-label=\"\(FastText.html(t("Main")))\">"
                    + link(.home, t("Home")) + link(.listings, t("Marketplace")) + link(.members, t("Members"))
                    + link(.proposals, t("Proposals")) + link(.assemblies, t("Assemblies")) + link(.handbook, t("Handbook"))
                    + link(.finances, t("Finances")) + link(.audit, t("Audit log")),
                memberLinks: link(.membership, t("My membership")) + link(.dashboard, t("Dashboard"))
                    + link(.orders, t("My orders")) + link(.modules, t("Learning")),
                notificationsPath: SiteURL.notifications.path, notifications: t("Notifications"),
                stewardLink: link(.steward, t("Steward")),
                logoutForm: "<form class=\"inline\" method=\"post\" action=\"\(SiteURL.logout.path)\">",
                visitorLinks: link(.login, t("Log in")) + link(.signup, t("Sign up")), languageLabel: label,
                languageButtons: buttons, visitorSwitch: visitor + "</nav>",
                footer: "</main><footer><p>\(FastText.html(t("Coop: a platform co-operative owned and governed by its members.")))"
                    + " " + link(.openAPI, t("API")) + " · " + link(.audit, t("Decision log")) + " · "
                    + link(.openData, t("Open data")) + "</p></footer></body></html>")
        }
    }
}
