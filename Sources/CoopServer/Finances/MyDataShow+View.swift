import Foundation
import Plot

/// The "my data" page: the export link and the erasure form. It shows nothing read from the
/// database (the export is its own download), so it has a view and no model.
enum MyDataShow {
    struct View {
        let csrf: String
        /// A refused erasure's reason.
        let error: String?

        var body: Node<HTML.BodyContext> {
            .group(
                Layout.error(error),
                .p(
                    .text(t("Download everything Coop holds about you as one JSON file:") + " "),
                    .a(.id("export"), .class("hash"), .href(SiteURL.myDataJSON.path), "my-coop-data.json"), "."),
                .h2(.text(t("Erase me"))),
                .p(
                    .text(
                        t(
                            "Erasure replaces your name, email and everything you wrote with placeholders, drops your places, ends your sessions and tokens, and you can no longer log in. The ledger, vote tallies and the audit log keep their ids and amounts, which name no one. Withdraw your membership first; orders under way must finish."
                        ))),
                .form(
                    .id("erase-form"), .method(.post), .action(SiteURL.myDataErase.path), Layout.csrfField(csrf),
                    Layout.field(t("Your password"), name: "password", type: .password),
                    .div(
                        .class("field"),
                        .label(
                            .input(.type(.checkbox), .name("confirm"), .value("yes"), .required(true)),
                            .text(" " + t("I understand this cannot be undone")))),
                    .button(.type(.submit), .text(t("Erase me")))))
        }
    }
}
