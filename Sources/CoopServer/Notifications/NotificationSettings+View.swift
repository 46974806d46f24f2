import CoopCore
import CoopStore
import Plot
import Vapor

extension NotificationSettings {
    enum View {
        /// One kind's choices; a required kind has no "never".
        static func fieldset(_ kind: NotificationKind, _ current: MailChoice) -> Node<HTML.FormContext> {
            let legend: Node<HTML.BodyContext> = .element(
                named: "legend", text: kind.isRequired ? t("%s (required)", NotificationPages.label(kind)) : NotificationPages.label(kind))
            let options = MailChoice.allCases.filter { !(kind.isRequired && $0 == .never) }
            let radios: [Node<HTML.BodyContext>] = options.map { choice in
                let id = "\(kind.rawValue)-\(choice.rawValue)"
                let input: Node<HTML.BodyContext> = .input(
                    .type(.radio), .name(kind.rawValue), .id(id), .value(choice.rawValue), .checked(choice == current))
                return .div(.class("field"), input, .label(.for(id), .text(NotificationPages.label(choice))))
            }
            return .element(named: "fieldset", nodes: [legend] + radios)
        }

        static func render(_ model: Model, layout c: Layout.Context, error: String?, saved: Bool) -> PageResponse {
            Layout.page(
                c,
                Layout.error(error),
                .if(saved, .p(.class("notice"), .attribute(named: "role", value: "status"), .text(t("Saved.")))),
                .p(
                    .text(
                        t(
                            "Every notification is listed on your notifications page. Here you choose which also come by mail: at once, in one mail a day, or never. Notices of a vote and of its result are required by the bylaws: you may choose how they come, not turn them off."
                        ))),
                .form(
                    .method(.post), .action(SiteURL.notificationSettings.path), Layout.csrfField(c.csrf),
                    .forEach(model.choices) { kind, current in fieldset(kind, current) },
                    .button(.type(.submit), .text(t("Save")))),
                .p(.a(.href(SiteURL.notifications.path), .text(t("Back to your notifications")))))
        }
    }
}
