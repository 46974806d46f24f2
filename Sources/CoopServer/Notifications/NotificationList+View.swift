import CoopCore
import CoopStore
import Plot
import Vapor

extension NotificationList {
    enum View {
        static func render(_ model: Model, layout c: Layout.Context) -> PageResponse {
            Layout.page(
                c,
                .p(
                    .text(t("What you must act on and what you would want to know.") + " "),
                    .a(.href(SiteURL.notificationSettings.path), .text(t("Choose which of these also come by mail")))),
                .if(
                    model.unread > 0,
                    .form(
                        .method(.post), .action(SiteURL.notificationsRead.path), Layout.csrfField(c.csrf),
                        .button(.type(.submit), .text(tn("Mark all %d read", "Mark all %d read", model.unread))))),
                model.items.isEmpty
                    ? .p(.text(t("No notifications yet.")))
                    : .ul(
                        .id("notifications"), .class("notifications"),
                        .forEach(model.items) { n in
                            .li(
                                .class(n.read ? "read" : "unread"),
                                .h2(
                                    .if(!n.read, .strong(.text(t("New:") + " "))),
                                    .a(.href(NotificationPages.link(n.target)), .text(n.localSubject))),
                                .p(.text(n.localBody)),
                                .p(.small(.text(t("%1$s · %2$s", NotificationPages.label(n.kind), Layout.date(n.createdAt))))),
                                .if(
                                    !n.read,
                                    .form(
                                        .class("inline"), .method(.post), .action(SiteURL.notificationsRead.path),
                                        Layout.csrfField(c.csrf), .input(.type(.hidden), .name("id"), .value(n.id.uuidString)),
                                        .button(.type(.submit), .name("open"), .value("1"), .text(t("Open"))),
                                        .button(.type(.submit), .text(t("Mark read"))))))
                        }))
        }
    }
}
