import Plot
import Vapor

/// The sign-up and log-in forms: what was typed before (never the password) and why it failed.
enum AuthForm {
    struct Model {
        let name: String
        let email: String
        let error: String?
        /// A path on this site to return to once logged in (checked by ``AuthPages/safeNext(_:)``).
        var next: String? = nil
    }

    enum View {
        static func signup(_ model: Model, layout c: Layout.Context, status: HTTPStatus) -> PageResponse {
            Layout.page(
                c, status: status,
                Layout.error(model.error),
                .p(.text(t("Create an account; then you can apply to join the co-op as a member."))),
                .form(
                    .method(.post), .action(SiteURL.signup.path),
                    Layout.csrfField(c.csrf),
                    Layout.field(t("Name"), name: "name", value: model.name),
                    Layout.field(t("Email"), name: "email", type: .email, value: model.email),
                    Layout.field(t("Password (at least 10 characters)"), name: "password", type: .password, minLength: 10),
                    .button(.type(.submit), .text(t("Sign up")))
                ),
                .p(.text(t("Already have an account? ")), .a(.href(SiteURL.login.path), .text(t("Log in"))))
            )
        }

        static func login(_ model: Model, layout c: Layout.Context, status: HTTPStatus) -> PageResponse {
            Layout.page(
                c, status: status,
                Layout.error(model.error),
                .form(
                    .method(.post), .action(SiteURL.login.path),
                    Layout.csrfField(c.csrf),
                    .unwrap(model.next) { .input(.type(.hidden), .name("next"), .value(FastText.html($0))) },
                    Layout.field(t("Email"), name: "email", type: .email, value: model.email),
                    Layout.field(t("Password"), name: "password", type: .password),
                    .button(.type(.submit), .text(t("Log in")))
                ),
                .p(.text(t("New here? ")), .a(.href(SiteURL.signup.path), .text(t("Sign up"))))
            )
        }
    }
}
