import CoopCore
import CoopStore
import Plot
import Vapor

/// The page a mail's unsubscribe link opens: a button to confirm (a link a mail scanner follows
/// changes nothing), then what was turned off.
enum Unsubscribe {
    struct Model {
        let token: String
        let kind: NotificationKind?
        /// The kinds turned off, once confirmed.
        let done: [NotificationKind]?
    }

    enum View {
        static func render(_ model: Model, layout c: Layout.Context) -> PageResponse {
            guard let done = model.done else {
                let question =
                    model.kind.map {
                        t(
                            "Stop mail about %s? You will still see these notifications in the app.",
                            NotificationPages.label($0).lowercased())
                    } ?? t("Stop all mail that may be turned off? You will still see these notifications in the app.")
                return Layout.page(
                    c,
                    .p(.text(question)),
                    // No CSRF token: the signed token in the address is the authority (RFC 8058 one-click).
                    .form(
                        .method(.post), .action(SiteURL.unsubscribe(model.token).path),
                        .input(.type(.hidden), .name("List-Unsubscribe"), .value("One-Click")),
                        .button(.type(.submit), .text(t("Unsubscribe")))))
            }
            return Layout.page(
                c,
                .p(
                    .class("notice"), .attribute(named: "role", value: "status"),
                    .text(
                        t(
                            "Unsubscribed: no more mail about %s.",
                            done.map { NotificationPages.label($0).lowercased() }.joined(separator: "; ")))),
                .p(
                    .text(t("Notices of votes and their results are required by the bylaws and still come.") + " "),
                    .a(.href(SiteURL.notificationSettings.path), .text(t("Log in to choose which mail you get")))))
        }
    }
}
