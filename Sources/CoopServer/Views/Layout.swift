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
    }

    static func page(_ c: Context, status: HTTPStatus = .ok, _ content: Node<HTML.BodyContext>...) -> PageResponse {
        let html = HTML(
            .lang(.english),
            .head(
                .meta(.charset(.utf8)),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .title(c.title == c.coopName ? c.title : "\(c.title) · \(c.coopName)"),
                .link(.rel(.stylesheet), .href(SiteURL.stylesheet.path))
            ),
            .body(
                .header(
                    .class("site"),
                    .a(.class("brand"), .href(SiteURL.home.path), .text(c.coopName)),
                    .nav(
                        .attribute(named: "aria-label", value: "Main"),
                        .a(.href(SiteURL.home.path), .text("Home")),
                        .a(.href(SiteURL.listings.path), .text("Marketplace")),
                        .a(.href(SiteURL.members.path), .text("Members")),
                        .a(.href(SiteURL.proposals.path), .text("Proposals")),
                        .a(.href(SiteURL.audit.path), .text("Audit log")),
                        .if(c.user != nil, .a(.href(SiteURL.membership.path), .text("My membership"))),
                        .if(c.user != nil, .a(.href(SiteURL.dashboard.path), .text("Dashboard"))),
                        .if(c.user != nil, .a(.href(SiteURL.orders.path), .text("My orders"))),
                        .if(c.isSteward, .a(.href(SiteURL.steward.path), .text("Steward"))),
                        .unwrap(
                            c.user,
                            { user in
                                .form(
                                    .class("inline"), .method(.post), .action(SiteURL.logout.path),
                                    csrfField(c.csrf),
                                    .button(.type(.submit), .text("Log out (\(user.name))")))
                            },
                            else: .group(
                                .a(.href(SiteURL.login.path), .text("Log in")),
                                .a(.href(SiteURL.signup.path), .text("Sign up"))))
                    )
                ),
                .main(.h1(.text(c.title)), .group(content)),
                .footer(
                    .p(
                        .text("Coop: a platform co-operative owned and governed by its members. "),
                        .a(.href(SiteURL.openAPI.path), .text("API")), .text(" · "),
                        .a(.href(SiteURL.audit.path), .text("Decision log"))))
            )
        )
        return PageResponse(html: html, status: status)
    }

    static func csrfField(_ token: String) -> Node<HTML.FormContext> {
        .input(.type(.hidden), .name(CSRFMiddleware.field), .value(token))
    }

    static func field(
        _ label: String, name: String, type: HTMLInputType = .text, value: String = "", required: Bool = true,
        minLength: Int? = nil
    ) -> Node<HTML.FormContext> {
        .div(
            .class("field"),
            .label(.for(name), .text(label)),
            .input(
                .id(name), .name(name), .type(type), .value(value), .required(required),
                .attribute(named: "minlength", value: minLength.map(String.init)))
        )
    }

    static func error(_ message: String?) -> Node<HTML.BodyContext> {
        .unwrap(message) { .p(.class("error"), .attribute(named: "role", value: "alert"), .text($0)) }
    }

    static func date(_ d: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        return f.string(from: d)
    }
}

/// An HTML page with its status, as a response.
struct PageResponse: AsyncResponseEncodable {
    let html: HTML
    var status: HTTPStatus = .ok

    func encodeResponse(for request: Request) async throws -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .html
        headers.replaceOrAdd(name: "Cache-Control", value: "no-store")
        return Response(status: status, headers: headers, body: .init(string: html.render()))
    }
}

extension Request {
    /// The layout's context for this request.
    /// Pages with forms pass `forms: true`; a visitor on a page without forms gets no session.
    func layout(_ title: String, forms: Bool = false) async throws -> Layout.Context {
        var steward = false
        if let user, let m = try await membership(of: user) { steward = m.steward && m.status == "admitted" }
        let name = try await coop.bylaws(on: db)?.name ?? "Coop"
        let csrf = forms || user != nil ? csrfToken : ""
        return Layout.Context(title: title, user: user, isSteward: steward, csrf: csrf, coopName: name)
    }
}
